#!/bin/bash
# bench_tap.sh - what the report costs through the plugin's state tap
# against dissecting alone and against the ek pipeline (issue 12).
#
#   bash bench/bench_tap.sh [FRAMES]     (default 200000; HS_BENCH_PAIRS=5)
#
# On hs-gencap's bench capture (a honeypot mix, ~50,000 sources in 2,000
# networks) with an AS and a country database for exactly those networks,
# every command with the plugin and both databases:
#   dissect: tshark -q -Y frame                                   (dissects, prints nothing)
#   tap:     tshark -q -z honeyshark,state,FILE
#   ek:      tshark -T ek -e <honeyshark-report --fields> | honeyshark-report --save-state FILE
# (a) tap / dissect, CPU       target <= 1.3
# (b) ek / tap, CPU            target >= 2.5  (both processes of the pipe counted)
# (c) tap / dissect, peak RSS  target <= 1.1
# The two states are checked equal first.
source "$(dirname "$0")/lib.sh"
frames=${1:-200000}
bench_setup
bench_capture "$frames" "$WORK/bench.pcap"
chmod 777 "$WORK"

P=$WORK/plugins X=$WORK/bench.pcap D=$WORK/db REPORT=$BUILD/postproc/honeyshark-report
E=$("$REPORT" --fields | sed 's/^/-e /' | tr '\n' ' ')
export WORK P X D REPORT OURS E
DISSECT="tshark_with $P -r $X $OURS -q -Y frame"
TAP="tshark_with $P -r $X $OURS -q -z honeyshark,state,$WORK/tap.state"
EK="tshark_with $P -r $X $OURS -T ek $E | $REPORT -q --save-state $WORK/ek.state"

bash -c "$TAP" >/dev/null 2>&1
bash -c "$EK" >/dev/null 2>&1
if ! cmp -s <(grep -v "^summary" "$WORK/tap.state") <(grep -v "^summary" "$WORK/ek.state"); then
    echo "bench_tap: the tap's state differs from the ek path's:" >&2
    diff <(grep -v "^summary" "$WORK/tap.state") <(grep -v "^summary" "$WORK/ek.state") | head -5 >&2
    exit 1
fi
echo "capture: $frames frames, $(du -h "$X" | cut -f1); tap state = ek state" \
    "(but for the line count); $PAIRS pairs per ratio" >&2

paired_ratio "(a) tap / dissect-only, CPU (target <= 1.3)" "$DISSECT" "$TAP"
paired_ratio "(b) ek pipeline / tap, CPU (target >= 2.5)" "$TAP" "$EK"

# Peak RSS: one run each (memory does not swing as CPU time does).
peak_kb() {
    as_user env WIRESHARK_PLUGIN_DIR="$P" /usr/bin/time -f '%M' -o "$WORK/rss" tshark "$@" \
        >/dev/null 2>&1
    tail -1 "$WORK/rss"
}
# shellcheck disable=SC2086 # OURS holds separate words
d=$(peak_kb -r "$X" $OURS -q -Y frame)
# shellcheck disable=SC2086
t=$(peak_kb -r "$X" $OURS -q -z "honeyshark,state,$WORK/tap.state")
printf '%-58s %s (%d MB / %d MB)\n' "(c) tap / dissect-only, peak RSS (target <= 1.1)" \
    "$(ratio "$t" "$d")" $((t / 1024)) $((d / 1024))
