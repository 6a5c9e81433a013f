#!/bin/bash
# bench_clickhouse.sh - honeyshark's ClickHouse path (contrib/clickhouse,
# issue 15) against honeyshark-report on the same frames.
#
#   HS_BUILD_DIR=build bash bench/bench_clickhouse.sh [FRAMES]   (default 1000000)
#
# One generated capture is read once by tshark with the plugin into the ek
# that honeyshark-report reads (-e layout).  A 2-shard cluster is started on
# loopback (contrib/clickhouse/hs-ch-cluster, private folders, stopped at
# the end) and the ek is ingested as one sensor.  Printed, as measured:
#   ingest rows/s (honeyshark-ingest of the ek: honeyshark-report --rows,
#   clickhouse-client, the Distributed insert on 2 shards), against
#   honeyshark-report reading the same ek into a state;
#   per report: wall seconds of honeyshark-ch-report and of honeyshark-report
#   on the ek (median of 3), and their ratio.
# Wall time, not CPU time: the servers' work is not the client's; the
# machine is shared, so read the figures as ratios from one run.
source "$(dirname "$0")/lib.sh"
frames=${1:-1000000}
REPORT=$BUILD/postproc/honeyshark-report
CHD=$BENCH_ROOT/contrib/clickhouse
[ -x "$REPORT" ] || { echo "no $REPORT: build first (HS_BUILD_DIR)" >&2; exit 1; }
command -v clickhouse-server >/dev/null || { echo "clickhouse-server is needed (Debian 12: apt-get install clickhouse-server clickhouse-client)" >&2; exit 1; }
bench_setup
trap '"$CHD/hs-ch-cluster" stop "$WORK/ch"; rm -rf "$WORK"' EXIT
bench_capture "$frames" "$WORK/bench.pcap"
E=$("$REPORT" --fields | sed 's/^/-e /' | tr '\n' ' ')
# shellcheck disable=SC2086 # OURS and E are separate words
tshark_with "$WORK/plugins" -r "$WORK/bench.pcap" $OURS -T ek $E >"$WORK/e.ek"
grep -q shellshock_grade "$WORK/e.ek" || { echo "no shellshock.grade in the ek: plugin not loaded?" >&2; exit 1; }

# wall COMMAND...: wall seconds of one run (output discarded).
wall() {
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", e - s }'
}
median3() { local a b c; a=$(wall "$@"); b=$(wall "$@"); c=$(wall "$@"); printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p; }

base=$((30000 + RANDOM % 3000))
mapfile -t ports < <("$CHD/hs-ch-cluster" start "$WORK/ch" 2 "$base")
export CH_PORT=${ports[0]} HONEYSHARK_REPORT=$REPORT
"$CHD/honeyshark-ch-report" --init

t_read=$(wall "$REPORT" --save-state "$WORK/a.state" "$WORK/e.ek")
t_ingest=$(wall "$CHD/honeyshark-ingest" -q --sensor bench "$WORK/e.ek")
rows=$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames")
shard_rows=$(for p in "${ports[@]}"; do clickhouse-client --port "$p" -q "SELECT count() FROM honeyshark.frames_local"; done | paste -sd/)
echo "capture: $frames frames, $rows rows ingested (per shard $shard_rows), ek $(($(stat -c %s "$WORK/e.ek") / 1048576)) MB"
awk -v r="$rows" -v i="$t_ingest" -v h="$t_read" 'BEGIN {
    printf "ingest: %.1f s, %.0f rows/s; honeyshark-report reading the same ek: %.1f s (ingest / read %.2f)\n", i, r / i, h, i / h }'
printf '%-10s %12s %18s %8s\n' report clickhouse_s honeyshark-report_s ratio
mapfile -t REPORTS < <("$REPORT" --help | sed -n '/^Reports/,/^$/p' | awk '/^  [a-z]/ { print $1 }')
for r in "${REPORTS[@]}"; do
    c=$(median3 "$CHD/honeyshark-ch-report" -r "$r" -z Asia/Tokyo)
    h=$(median3 "$REPORT" -r "$r" -z Asia/Tokyo --sensor bench "$WORK/e.ek")
    "$CHD/honeyshark-ch-report" -r "$r" -z Asia/Tokyo >"$WORK/c.out" 2>&1
    "$REPORT" -r "$r" -z Asia/Tokyo --sensor bench "$WORK/e.ek" >"$WORK/h.out" 2>&1
    same=$(cmp -s "$WORK/c.out" "$WORK/h.out" && echo "" || echo "  OUTPUT DIFFERS")
    awk -v r="$r" -v c="$c" -v h="$h" -v s="$same" 'BEGIN { printf "%-10s %12.2f %18.2f %8.2f%s\n", r, c, h, c / h, s }'
done
