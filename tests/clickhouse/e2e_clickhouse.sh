#!/bin/bash
# e2e_clickhouse.sh - the test captures, dissected by the real tshark with the
# plugin built here, ingested by honeyshark-ingest into a 2-shard ClickHouse
# cluster on loopback as two sensors; every report of honeyshark-ch-report
# must be byte-identical to honeyshark-report's on the same captures, in
# several time zones and buckets.  Also: a second ingest counts nothing
# twice, an input cut short is deleted and loaded again, the sensor filter,
# and the servers are gone at the end (stopped by PID even on failure).
source "$HS_SOURCE_DIR/tests/e2e/lib.sh"
HSR=${HSR_BIN:-$HS_BUILD_DIR/postproc/honeyshark-report}
CHD=$HS_SOURCE_DIR/contrib/clickhouse
hs_setup
if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
    echo "FATAL: clickhouse-server and clickhouse-client are not installed (scripts/deps.sh installs them on Debian 12)" >&2
    exit 1
fi
hs_require_plugin shellshock login src
hs_test_databases
hs_all_captures

# The cluster: high ports chosen per run, private folders under $HS_TMP,
# stopped from the EXIT trap whatever happens.
base=$((30000 + RANDOM % 3000))
trap '"$CHD/hs-ch-cluster" stop "$HS_TMP/ch"; rm -rf "$HS_TMP"' EXIT
mapfile -t ports < <("$CHD/hs-ch-cluster" start "$HS_TMP/ch" 2 "$base") ||
    { echo "FATAL: the cluster did not start" >&2; exit 1; }
hs_eq "two shards answer" "${#ports[@]}" 2
export CH_PORT=${ports[0]} HONEYSHARK_REPORT=$HSR
"$CHD/honeyshark-ch-report" --init 2>"$HS_TMP/init.err"
hs_eq "the tables are made on both shards" "$(cat "$HS_TMP/init.err")" \
    "honeyshark-ch-report: tables ready on 2 shard(s)"

# tshark as the ingest runs it: the plugin built here, the test databases.
{
    echo '#!/bin/bash'
    printf 'exec %q' "$HS_SOURCE_DIR/scripts/hs-tshark"
    printf ' %q' "${OPTS[@]}"
    echo ' "$@"'
} >"$HS_TMP/tshark"
chmod 755 "$HS_TMP/tshark"
export TSHARK=$HS_TMP/tshark HS_BUILD_DIR

mapfile -t EFIELDS < <("$HSR" --fields | sed 's/^/-e\n/')
for cap in "${HS_CAPTURES[@]}"; do
    # shellcheck disable=SC2086 # CAP_OPTS holds separate words
    hs_tshark -r "$HS_TMP/$cap.pcap" "${OPTS[@]}" ${CAP_OPTS[$cap]:-} -T ek "${EFIELDS[@]}" \
        >"$HS_TMP/$cap.ek" || { echo "FATAL: tshark -T ek failed on $cap" >&2; exit 1; }
done

# Two sensors: tokyo gets captures (dissected by the ingest), osaka ek files
# (t2323 needs a decode-as option, so it goes in as ek).
TOKYO=(http telnet demo geo)
OSAKA=(t2323 syns enc)
ingest() { # SENSOR FILE...: honeyshark-ingest's messages in $HS_TMP/ingest.err
    "$CHD/honeyshark-ingest" --sensor "$@" 2>"$HS_TMP/ingest.err"
}
files=()
for c in "${TOKYO[@]}"; do files+=("$HS_TMP/$c.pcap"); done
ingest tokyo "${files[@]}"
hs_eq "tokyo: every capture ingested" "$(grep -c 'frames for sensor tokyo' "$HS_TMP/ingest.err")" ${#TOKYO[@]}
osaka_files=()
for c in "${OSAKA[@]}"; do osaka_files+=("$HS_TMP/$c.ek"); done
ingest osaka "${osaka_files[@]}"
hs_eq "osaka: every ek file ingested" "$(grep -c 'frames for sensor osaka' "$HS_TMP/ingest.err")" ${#OSAKA[@]}

# What honeyshark-report reads from the same frames, sensors in name order.
REF=(--sensor osaka "${osaka_files[@]}" --sensor tokyo)
for c in "${TOKYO[@]}"; do REF+=("$HS_TMP/$c.ek"); done
counted=$("$HSR" "${REF[@]}" --save-state "$HS_TMP/ref.state" >/dev/null && awk '$1 == "summary" { print $6 }' "$HS_TMP/ref.state")
total=$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames")
hs_eq "the cluster holds every counted frame once" "$total" "$counted"
for p in "${ports[@]}"; do
    n=$(clickhouse-client --port "$p" -q "SELECT count() FROM honeyshark.frames_local")
    hs_eq "shard on port $p holds part of them" "$([ "$n" -gt 0 ] && [ "$n" -lt "$total" ] && echo yes || echo "no ($n of $total)")" yes
done

# A second run counts nothing twice.
ingest tokyo "${files[@]}"
hs_eq "ingesting again: every capture skipped" "$(grep -c 'already ingested' "$HS_TMP/ingest.err")" ${#TOKYO[@]}
hs_eq "ingesting again: the count is unchanged" \
    "$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames")" "$total"

# An input cut short (its frames in, its record not): deleted and loaded again.
id=$(clickhouse-client --port "$CH_PORT" -q "SELECT input_id FROM honeyshark.inputs WHERE name LIKE '%/demo.pcap'")
before=$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames WHERE input_id = $id")
for p in "${ports[@]}"; do
    clickhouse-client --port "$p" -q "ALTER TABLE honeyshark.inputs_local DELETE WHERE input_id = $id"
done
for _ in $(seq 1 100); do
    [ "$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.inputs WHERE input_id = $id")" = 0 ] && break
    sleep 0.1
done
ingest tokyo "$HS_TMP/demo.pcap"
hs_eq "a cut-short input is noticed" "$(grep -c 'cut short' "$HS_TMP/ingest.err")" 1
hs_eq "and loaded again, once" \
    "$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames WHERE input_id = $id")" "$before"
hs_eq "the total is unchanged" \
    "$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames")" "$total"

# same WHAT A B: byte-identical files (the first differing lines if not).
same() {
    local d
    d=$(cmp "$2" "$3" >/dev/null 2>&1 || diff "$2" "$3" | head -4)
    hs_eq "$1" "$d" ""
}
mapfile -t REPORTS < <("$HSR" --help | sed -n '/^Reports/,/^$/p' | awk '/^  [a-z]/ { print $1 }')
hs_eq "honeyshark-report lists its 9 reports" "${#REPORTS[@]}" 9
SETTINGS=("-b 1d -z UTC" "-b 1h -z Asia/Tokyo" "-b 7d -z America/New_York" "-b 30m -z Asia/Kolkata"
    "-b 6h -z Europe/Berlin")
for setting in "${SETTINGS[@]}"; do
    for r in "${REPORTS[@]}"; do
        for f in table csv json; do
            # shellcheck disable=SC2086 # the setting is separate words
            "$HSR" "${REF[@]}" $setting -r "$r" -f "$f" >"$HS_TMP/a" 2>&1
            # shellcheck disable=SC2086
            "$CHD/honeyshark-ch-report" $setting -r "$r" -f "$f" >"$HS_TMP/b" 2>&1
            same "$setting -r $r -f $f: cluster = honeyshark-report" "$HS_TMP/a" "$HS_TMP/b"
        done
    done
done
# The report options pass through; HTML holds every report.
for opts in "-r as-time -n 3" "-r timeline -p 80 -b 1h" "-r multiport -p 2323" "-r grades --family rce" \
    "-r country -n 0" "-r country --family rce" "-f html -z Asia/Tokyo"; do
    # shellcheck disable=SC2086
    "$HSR" "${REF[@]}" $opts >"$HS_TMP/a" 2>&1
    # shellcheck disable=SC2086
    "$CHD/honeyshark-ch-report" $opts >"$HS_TMP/b" 2>&1
    same "$opts: cluster = honeyshark-report" "$HS_TMP/a" "$HS_TMP/b"
done
# The sensor filter: tokyo alone.
TOKYO_REF=(--sensor tokyo)
for c in "${TOKYO[@]}"; do TOKYO_REF+=("$HS_TMP/$c.ek"); done
for r in as-time country ports os; do
    "$HSR" "${TOKYO_REF[@]}" -r "$r" -z Asia/Tokyo >"$HS_TMP/a" 2>&1
    "$CHD/honeyshark-ch-report" --sensor tokyo -r "$r" -z Asia/Tokyo >"$HS_TMP/b" 2>&1
    same "--sensor tokyo -r $r: cluster = honeyshark-report on tokyo's captures" "$HS_TMP/a" "$HS_TMP/b"
done
hs_eq "a bad zone is refused with honeyshark-report's message" \
    "$("$CHD/honeyshark-ch-report" -z Mars/Olympus 2>&1 >/dev/null | head -1; echo "exit ${PIPESTATUS[0]}")" \
    "$("$HSR" -z Mars/Olympus </dev/null 2>&1 >/dev/null | head -1)
exit 2"

# Hostile inputs (after the comparisons: they add a sensor).  A capture cut
# short in the middle of a packet, as a killed dumpcap leaves it: what
# tshark read is loaded, with a message.  A file that is no capture: refused
# and not recorded.
size=$(stat -c %s "$HS_TMP/demo.pcap")
head -c $((size * 2 / 3)) "$HS_TMP/demo.pcap" >"$HS_TMP/cut.pcap"
chmod 644 "$HS_TMP/cut.pcap"
ingest hostile "$HS_TMP/cut.pcap"
rc=$?
n=$(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.frames WHERE sensor = 'hostile'")
hs_eq "a capture cut short: exit 0, loaded with a message, some frames" \
    "$rc $(grep -c 'the frames it read are loaded' "$HS_TMP/ingest.err") $([ "$n" -gt 0 ] && echo some)" "0 1 some"
printf 'not a capture\n' >"$HS_TMP/junk.pcap"
chmod 644 "$HS_TMP/junk.pcap"
ingest hostile "$HS_TMP/junk.pcap"
rc=$?
hs_eq "a file that is no capture: exit 2, said, not recorded" \
    "$rc $(grep -c 'not a capture' "$HS_TMP/ingest.err") $(clickhouse-client --port "$CH_PORT" -q "SELECT count() FROM honeyshark.inputs WHERE name LIKE '%junk.pcap'")" "2 1 0"

# Stopped by PID: nothing answers afterwards.
mapfile -t pids < <(cat "$HS_TMP"/ch/shard*/pid)
"$CHD/hs-ch-cluster" stop "$HS_TMP/ch"
alive=0
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
hs_eq "both servers stopped" "$alive" 0
hs_done
