#!/bin/bash
# cli_follow.sh - honeyshark-report --follow as a program: per-bucket reports
# equal to the plain report, buckets closed by later frames and by the wall
# clock while the input is silent, restart from a checkpoint without losing
# or repeating a bucket, SIGHUP after a log rotation, late frames, refusals
# and damaged checkpoints, and --bucket-states merged.
#
# Usage: cli_follow.sh path/to/honeyshark-report
set -u
BIN=$(realpath "${1:?usage: cli_follow.sh HONEYSHARK_REPORT}")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hsr-follow.XXXXXX")
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
cd "$TMP" || exit 1

T0=1709251200 # 2024-03-01 00:00 UTC
# gen START COUNT STEP: COUNT frames (-e layout) from epoch START, one every
# STEP seconds: 7 sources, 3 AS, 3 ports, a Shellshock grade on every 5th.
gen() {
    awk -v s="$1" -v n="$2" -v step="$3" 'BEGIN {
        for (i = 0; i < n; i++) {
            t = s + i * step; k = i % 3; asn = 64500 + k
            port = k == 0 ? 23 : k == 1 ? 80 : 22
            g = i % 5 == 0 ? sprintf(",\"shellshock_grade\":[\"%d\"]", i % 3 + 1) : ""
            print "{\"index\":{\"_index\":\"packets-2024-03-01\",\"_type\":\"doc\"}}"
            printf "{\"timestamp\":\"%d000\",\"layers\":{\"frame_time_epoch\":[\"%d.000000000\"]," \
                   "\"ip_src\":[\"203.0.113.%d\"],\"ip_dst\":[\"192.0.2.10\"],\"ip_proto\":[\"6\"]," \
                   "\"tcp_dstport\":[\"%d\"],\"tcp_flags\":[\"0x0002\"],\"src_asn\":[\"%d\"]," \
                   "\"src_as_org\":[\"Net %d\"]%s}}\n", t, t, i % 7 + 1, port, asn, asn, g
        }
    }'
}
# rows FILE: CSV rows without CR, header and total rows dropped.
rows() { tr -d '\r' <"$1" | grep -v -e '^bucket,' -e '^total'; }
# buckets FILE: how many buckets a follow CSV holds (one total row each).
buckets() { if [ -e "$1" ]; then tr -d '\r' <"$1" | grep -c '^total'; else echo 0; fi; }
# wait_for SECONDS CMD: until CMD succeeds (polling), or time out.
wait_for() {
    local end=$((SECONDS + $1))
    shift
    until eval "$1"; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.1
    done
}

gen $T0 600 60 >all.ek # 10 hours, 60 frames an hour
F=(--follow -b 1h -f csv -r as-time -n 0)

# (1) A whole file: the same rows as the plain report, the header once.
"$BIN" "${F[@]}" all.ek >f.csv 2>f.err; rc=$?
"$BIN" -b 1h -f csv -r as-time -n 0 all.ek >p.csv 2>/dev/null
check "whole file: exit 0, one bucket's report per hour" "[ $rc = 0 ] && [ \$(buckets f.csv) = 10 ]"
check "whole file: rows equal the plain report's, row for row" "cmp -s <(rows f.csv) <(rows p.csv)"
check "whole file: the header row once, first" \
    "[ \$(tr -d '\r' <f.csv | grep -c '^bucket,') = 1 ] && head -1 f.csv | grep -q '^bucket,asn,'"
check "whole file: the per-bucket totals add up to the plain total" \
    "[ \$(tr -d '\r' <f.csv | awk -F, '/^total/ {s += \$4} END {print s}') = 600 ]"
check "stderr (not a terminal): no progress, one summary line" \
    "[ \$(wc -l <f.err) = 1 ] && grep -q -- '--follow: 600 frames read, 10 buckets emitted\$' f.err"
"$BIN" --follow -b 1h -f json -r country all.ek >f.json 2>/dev/null
check "JSON: one document per bucket, each saying which" \
    "[ \$(jq -s length f.json) = 10 ] && [ \"\$(jq -r .follow_bucket f.json | head -1)\" = '2024-03-01 00:00' ] &&
     [ \$(jq -s 'map(.total[0].frames) | add' f.json) = 600 ]"
"$BIN" --follow -b 1h -r grades all.ek >f.txt 2>/dev/null
check "table: one block per bucket, each saying which" \
    "[ \$(grep -c '^# follow: bucket 2024-03-01' f.txt) = 10 ] && [ \$(grep -c '^# grades:' f.txt) = 10 ]"

# (2) Fed slowly through a FIFO: buckets appear before the end of input,
# closed by later frames; with the writer silent, the last one closes by
# the wall clock (its last frame is 1 s before its end, --grace 2s).
gen $T0 180 60 | head -n -2 >a.ek                  # 00:00 .. 02:58
gen $((T0 + 3 * 3600 - 1)) 1 1 >>a.ek               # 02:59:59
gen $((T0 + 3 * 3600)) 120 60 >b.ek                 # 03:00 .. 04:59
mkfifo in
"$BIN" "${F[@]}" --grace 2s -o live.csv in 2>live.err &
PIDS+=($!)
RP=$!
(cat a.ek; sleep 7; cat b.ek) >in &
PIDS+=($!)
sleep 1.2
check "FIFO: buckets closed by later frames appear before the end of input" \
    "kill -0 $RP 2>/dev/null && [ \$(buckets live.csv) = 2 ]"
wait_for 6 "[ \$(buckets live.csv) = 3 ]"
check "FIFO: the writer silent, the last bucket closes by the wall clock (end + grace)" \
    "kill -0 $RP 2>/dev/null && [ \$(buckets live.csv) = 3 ] && tail -3 live.csv | grep -q '^2024-03-01 02:00'"
wait $RP; rc=$?
cat a.ek b.ek >ab.ek
"$BIN" -b 1h -f csv -r as-time -n 0 ab.ek >ab.csv 2>/dev/null
check "FIFO: at the end, every bucket once, the rows of the plain report (exit $rc)" \
    "[ $rc = 0 ] && [ \$(buckets live.csv) = 5 ] && cmp -s <(rows live.csv) <(rows ab.csv)"

# (3) Restart: half the stream, SIGTERM with --checkpoint (the open buckets
# are kept, not emitted), then the rest with --flush: every bucket once,
# the totals of one run over everything.
head -n 670 all.ek >h1.ek # 335 frames: 05:34 is open
tail -n +671 all.ek >h2.ek
rm -f in && mkfifo in
exec 3<>in # held open: the reader sees no end of input
"$BIN" "${F[@]}" --checkpoint ck -o r.csv in 2>r1.err &
RP=$!
PIDS+=($RP)
cat h1.ek >&3
wait_for 5 "[ \$(buckets r.csv) = 5 ]"
sleep 0.5
kill -TERM $RP
wait $RP; rc=$?
exec 3>&-
check "SIGTERM with --checkpoint: exit 0, open buckets kept, not emitted" \
    "[ $rc = 0 ] && [ -s ck ] && [ \$(buckets r.csv) = 5 ] && grep -q 'open bucket.* kept in ck' r1.err"
"$BIN" "${F[@]}" --checkpoint ck --flush -o r.csv h2.ek 2>r2.err; rc=$?
check "restart: every bucket exactly once" \
    "[ $rc = 0 ] && [ \$(buckets r.csv) = 10 ] && [ -z \"\$(rows r.csv | cut -d, -f1,2 | sort | uniq -d)\" ]"
check "restart: the rows of one run over everything" "cmp -s <(rows r.csv) <(rows p.csv)"
check "restart: the counters carried over (600 frames read in all)" \
    "grep -q -- '--follow: 600 frames read, 10 buckets emitted\$' r2.err"
check "--flush: the checkpoint keeps no open bucket" \
    "! grep -q '^bucket -\\?[0-9]* [0-9]*\$' ck && grep -q '^emitted 1 ' ck"
# Without --checkpoint, SIGTERM flushes everything read.
rm -f in && mkfifo in
exec 3<>in
"$BIN" "${F[@]}" -o t.csv in 2>/dev/null &
RP=$!
PIDS+=($RP)
cat h1.ek >&3
sleep 1
kill -TERM $RP
wait $RP; rc=$?
exec 3>&-
"$BIN" -b 1h -f csv -r as-time -n 0 h1.ek >h1.csv 2>/dev/null
check "SIGTERM without --checkpoint: everything read is emitted (exit $rc)" \
    "[ $rc = 0 ] && cmp -s <(rows t.csv) <(rows h1.csv)"

# (4) SIGHUP after logrotate moved the file: the next buckets go to a new
# file, which starts with its own header.
rm -f in && mkfifo in
"$BIN" "${F[@]}" -o rot.csv in 2>/dev/null &
RP=$!
PIDS+=($RP)
(cat a.ek; sleep 2.5; cat b.ek) >in &
PIDS+=($!)
wait_for 2 "[ \$(buckets rot.csv) = 2 ]"
mv rot.csv rot.csv.1
kill -HUP $RP
sleep 0.5
check "SIGHUP: the file is opened again at once" "[ -e rot.csv ] && [ ! -s rot.csv ]"
wait $RP; rc=$?
check "SIGHUP: the old file kept its buckets, the new one has the rest (exit $rc)" \
    "[ $rc = 0 ] && [ \$(buckets rot.csv.1) = 2 ] && [ \$(buckets rot.csv) = 3 ]"
check "SIGHUP: a header row at the start of each file, once" \
    "head -1 rot.csv | grep -q '^bucket,' && [ \$(grep -c '^bucket,' rot.csv) = 1 ] &&
     [ \$(grep -c '^bucket,' rot.csv.1) = 1 ]"
check "SIGHUP: both files together, the plain report's rows" \
    "cmp -s <(cat rot.csv.1 rot.csv | tr -d '\r' | grep -v -e '^bucket,' -e '^total') <(rows ab.csv)"

# (5) Late frames: warned at their line, counted, not in any bucket.
{ gen $T0 150 60; gen $((T0 + 600)) 1 1; gen $((T0 + 9000)) 60 60; } >late.ek
"$BIN" "${F[@]}" late.ek >late.csv 2>late.err; rc=$?
check "late frame: exit 0, warned at its line" \
    "[ $rc = 0 ] && grep -q '^late.ek:302: frame of bucket 2024-03-01 00:00, already emitted (raise --grace): not counted\$' late.err"
check "late frame: counted in the summary, in no bucket" \
    "grep -q '211 frames read, 4 buckets emitted, 1 late frame not counted' late.err &&
     [ \$(tr -d '\r' <late.csv | awk -F, '/^total/ {s += \$4} END {print s}') = 210 ]"
"$BIN" "${F[@]}" -q late.ek >/dev/null 2>late.err
check "-q: no warning, the summary stays" "[ \$(wc -l <late.err) = 1 ] && grep -q '1 late frame' late.err"
head -c -30 all.ek >cut.ek
"$BIN" "${F[@]}" cut.ek >cut.csv 2>cut.err; rc=$?
check "truncated input: what was read is emitted, exit 3" \
    "[ $rc = 3 ] && grep -q 'input truncated' cut.err && [ \$(buckets cut.csv) = 11 ] &&
     tail -1 cut.csv | grep -q '^total (incomplete)'"

# (6) Refusals: usage errors, damaged or foreign checkpoints; exit 2, and
# nothing written.
for args in "merge x.state --follow" "--follow --rows r -" "--follow --save-state s -" \
    "--follow -f html -" "--follow -f svg -" "--follow all.ek all.ek" "--grace 1m all.ek" \
    "--checkpoint c all.ek" "--checkpoint-every 1m all.ek" "--flush all.ek" \
    "--bucket-states d all.ek" "--follow --grace 1w -" "--follow --checkpoint-every 0s -"; do
    # shellcheck disable=SC2086
    "$BIN" $args </dev/null >o.out 2>o.err; rc=$?
    if [ $rc = 2 ] && [ ! -s o.out ] && [ -s o.err ]; then ok "refused: $args"; else
        bad "refused: $args (exit $rc)"; cat o.err; fi
done
"$BIN" "${F[@]}" --checkpoint good.ck all.ek >/dev/null 2>&1
sed 's/^counters /counters x/' good.ck >bad.ck
"$BIN" "${F[@]}" --checkpoint bad.ck -o n1.csv all.ek >/dev/null 2>e.err; rc=$?
line=$(grep -n '^counters ' good.ck | cut -d: -f1)
check "damaged checkpoint: exit 2, FILE:LINE and the reason, nothing written" \
    "[ $rc = 2 ] && grep -q \"^honeyshark-report: bad.ck:$line: expected .counters\" e.err && [ ! -e n1.csv ] &&
     cmp -s <(sed 's/^counters /counters x/' good.ck) bad.ck"
head -c 1000 good.ck >cut.ck
"$BIN" "${F[@]}" --checkpoint cut.ck -o n2.csv all.ek >/dev/null 2>e.err; rc=$?
check "truncated checkpoint: exit 2, FILE:LINE" "[ $rc = 2 ] && grep -q '^honeyshark-report: cut.ck:[0-9]*: ' e.err && [ ! -e n2.csv ]"
"$BIN" --follow -b 1d -f csv --checkpoint good.ck -o n3.csv all.ek >/dev/null 2>e.err; rc=$?
check "checkpoint of other settings: exit 2, says which" \
    "[ $rc = 2 ] && grep -q '^honeyshark-report: good.ck:2: settings made with --bucket 1h --tz UTC' e.err && [ ! -e n3.csv ]"
printf 'hello\nworld\n' | "$BIN" --follow >o.out 2>e.err; rc=$?
check "not ek: exit 2" "[ $rc = 2 ] && [ ! -s o.out ] && grep -q 'not tshark -T ek' e.err"
"$BIN" --follow -o /nonexistent/dir/x.csv all.ek >/dev/null 2>e.err; rc=$?
check "unwritable output: exit 2" "[ $rc = 2 ] && grep -q 'cannot write /nonexistent' e.err"

# (7) --bucket-states: each emitted bucket's state, never overwritten; the
# merge of them all is the report of everything, any report.
{ cat all.ek; sed 's/"frame_time_epoch":\["[0-9.]*"\],//; s/"timestamp":"[0-9]*",//' <(head -4 all.ek); } >st.ek
mkdir states
"$BIN" "${F[@]}" --bucket-states states st.ek >/dev/null 2>/dev/null; rc=$?
check "--bucket-states: a state per bucket and one for the frames without a time (exit $rc)" \
    "[ $rc = 0 ] && [ -e states/2024-03-01T00-00.state ] && [ \$(ls states | wc -l) = 11 ] &&
     ls states | grep -q '^unknown-[0-9]*\\.state\$'"
"$BIN" -b 1h -f csv -n 0 st.ek >one.csv 2>/dev/null
"$BIN" merge states/*.state -f csv -n 0 >merged.csv 2>/dev/null
"$BIN" -r country -f csv st.ek >one-c.csv 2>/dev/null
"$BIN" merge states/*.state -r country -f csv >merged-c.csv 2>/dev/null
check "--bucket-states: merged, the one-shot report (as-time, country)" \
    "cmp -s one.csv merged.csv && cmp -s one-c.csv merged-c.csv && [ -s one-c.csv ]"
"$BIN" "${F[@]}" --bucket-states states all.ek >/dev/null 2>/dev/null
check "--bucket-states: an existing file is never overwritten" \
    "[ -e states/2024-03-01T00-00-1.state ] && [ \$(ls states | wc -l) = 21 ]"

echo "# $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
