#!/bin/bash
# bench_report.sh - honeyshark-report throughput against its alternatives
# (issue 4), on one generated capture read by tshark with the plugin.
#
#   HS_BUILD_DIR=build bash bench/bench_report.sh [FRAMES]   (default 300000)
#
# ek is written once per layout (full: -T ek; -e: -T ek -e <the fields the
# report reads>).  Ratios are medians of CPU-time pairs run back to back
# (bench/lib.sh); nothing here asserts a time, it prints what it measured:
#
#   (a) jq pipeline (AS x day, sort | uniq -c) / honeyshark-report   target >= 2.5
#   (b) honeyshark-report / json-c parse-only ceiling                target <= 1.25
#   (c) tshark writing the -e ek / honeyshark-report reading it      target >= 5
#   peak RSS of honeyshark-report, 10x input / 1x input              target <= 1.10
source "$(dirname "$0")/lib.sh"
frames=${1:-300000}
REPORT=$BUILD/postproc/honeyshark-report
[ -x "$REPORT" ] || { echo "no $REPORT: build first (HS_BUILD_DIR)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }
bench_setup
bench_capture "$frames" "$WORK/bench.pcap"

P=$WORK/plugins X=$WORK/bench.pcap D=$WORK/db
E=$("$REPORT" --fields | sed 's/^/-e /' | tr '\n' ' ') # the fields the report reads
export WORK P X D OURS E REPORT
tshark_with "$P" -r "$X" $OURS -T ek $E >"$WORK/e.ek"
tshark_with "$P" -r "$X" $OURS -T ek >"$WORK/full.ek"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$WORK/e.ek"; done >"$WORK/e10.ek"
grep -q shellshock_grade "$WORK/e.ek" || { echo "no shellshock.grade in the ek: plugin not loaded?" >&2; exit 1; }

cc -O2 -o "$WORK/parse_only" "$BENCH_ROOT/bench/ek_parse_only.c" $(pkg-config --cflags --libs json-c)

# frame.time_epoch is seconds (Wireshark 4.0) or ISO 8601 UTC (4.2+ JSON).
JQ_DAY='def day: if test("T") then .[0:10] else tonumber | floor | strftime("%Y-%m-%d") end; '
JQ_E=$JQ_DAY'select(.layers) | [((.layers.src_asn // ["unknown"])[0]), (.layers.frame_time_epoch[0] | day)] | @tsv'
JQ_FULL=$JQ_DAY'select(.layers) | [(.layers.src.src_src_asn // "unknown"), (.layers.frame.frame_frame_time_epoch | day)] | @tsv'
printf '%s' "$JQ_E" >"$WORK/jq_e"
printf '%s' "$JQ_FULL" >"$WORK/jq_full"

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "capture: $frames frames; ek -e layout $(mb "$WORK/e.ek") MB, full layout $(mb "$WORK/full.ek") MB;" \
    "$PAIRS pairs per ratio" >&2

# Throughput (median of 3 CPU-time runs).
throughput() {
    local layout=$1 file=$2 t=() i
    for i in 1 2 3; do t+=("$(cpu_seconds "$REPORT" -r as-time --top 0 "$file")"); done
    local med
    med=$(printf '%s\n' "${t[@]}" | sort -n | sed -n 2p)
    awk -v s="$med" -v f="$frames" -v b="$(stat -c %s "$file")" -v l="$layout" \
        'BEGIN { printf "honeyshark-report, %-6s layout: %.0f frames/s, %.1f MB/s of ek (%.3f s CPU)\n", l, f / s, b / s / 1048576, s }'
}
throughput -e "$WORK/e.ek"
throughput full "$WORK/full.ek"

paired_ratio "(a) jq AS x day | sort | uniq -c / report, -e   (>= 2.5)" \
    "$REPORT -r as-time --top 0 $WORK/e.ek" \
    "jq -r -f $WORK/jq_e $WORK/e.ek | sort | uniq -c"
paired_ratio "(a) jq AS x day | sort | uniq -c / report, full (>= 2.5)" \
    "$REPORT -r as-time --top 0 $WORK/full.ek" \
    "jq -r -f $WORK/jq_full $WORK/full.ek | sort | uniq -c"
paired_ratio "(b) report / json-c parse-only, -e              (<= 1.25)" \
    "$WORK/parse_only <$WORK/e.ek" \
    "$REPORT -r as-time --top 0 $WORK/e.ek"
paired_ratio "(b) report / json-c parse-only, full            (<= 1.25)" \
    "$WORK/parse_only <$WORK/full.ek" \
    "$REPORT -r as-time --top 0 $WORK/full.ek"
paired_ratio "(c) tshark -T ek -e writing / report reading   (>= 5)" \
    "$REPORT -r as-time --top 0 $WORK/e.ek" \
    "tshark_with $P -r $X $OURS -T ek $E"

rss() { /usr/bin/time -f %M "$REPORT" -r as-time --top 0 "$1" 2>&1 >/dev/null | tail -1; }
r1=$(rss "$WORK/e.ek")
r10=$(rss "$WORK/e10.ek")
awk -v a="$r1" -v b="$r10" 'BEGIN { printf "%-58s %.4f  (%d kB -> %d kB)\n", "peak RSS 10x / 1x input, -e            (<= 1.10)", b / a, a, b }'
