# hs-ch-lib.sh - what honeyshark-ingest and honeyshark-ch-report share:
# the connection and the shards of the cluster.  Sourced, not run.

CH_HOST=${CH_HOST:-127.0.0.1}
CH_PORT=${CH_PORT:-9000}
CH_CLUSTER=${CH_CLUSTER:-honeyshark}

ch() { clickhouse-client --host "$CH_HOST" --port "$CH_PORT" "$@"; }

# The shards' "host port" lines, from the cluster definition of the server
# we talk to (the first replica of each shard).
ch_shards() {
    ch -q "SELECT host_address, port FROM system.clusters WHERE cluster = '$CH_CLUSTER'
           AND replica_num = 1 ORDER BY shard_num FORMAT TabSeparated" | tr '\t' ' '
}

# A ClickHouse string literal of $1.
ch_quote() {
    local s=${1//\\/\\\\}
    printf "'%s'" "${s//\'/\\\'}"
}

# honeyshark-report: $HONEYSHARK_REPORT, else the build tree's (from the
# source tree, $1 being contrib/clickhouse), else the one on PATH.
ch_find_report() {
    local r
    if [ -n "${HONEYSHARK_REPORT:-}" ]; then
        [ -x "$HONEYSHARK_REPORT" ] && { echo "$HONEYSHARK_REPORT"; return 0; }
        echo "${PROG:-honeyshark-ch}: HONEYSHARK_REPORT=$HONEYSHARK_REPORT is not a program" >&2
        return 1
    fi
    for r in "$1/../../build/postproc/honeyshark-report" "$(command -v honeyshark-report)"; do
        [ -n "$r" ] && [ -x "$r" ] && { echo "$r"; return 0; }
    done
    echo "${PROG:-honeyshark-ch}: honeyshark-report not found (set HONEYSHARK_REPORT)" >&2
    return 1
}

ch_die() { echo "${PROG:-honeyshark-ch}: $*" >&2; exit "${CH_EXIT:-2}"; }
