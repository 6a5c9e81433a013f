#!/bin/bash
# bench_os.sh - what passive OS fingerprinting (src.os, issue 7) costs tshark.
#
#   bash bench/bench_os.sh [FRAMES]      (default 300000; HS_BENCH_PAIRS=5)
#
# On hs-gencap's bench capture (about 80% lone SYNs), all with the plugin:
# (a) the issue's figure: a dissecting pass with -T fields and -e src.os
#     against the same command without -e src.os.  Target <= 1.05.
# (b) the matching alone: the same -e src.os command with the p0f file
#     against with fingerprinting switched off (src.p0f_file empty).
# Needs /etc/p0f/p0f.fp (the p0f package) or HS_P0F_FILE.
#
# CPU times on a shared, loaded machine swing by 10-30% from run to run.
# HS_BENCH_VALGRIND=1 measures the same ratios as instruction counts under
# callgrind instead (deterministic; default 20000 frames, one run each).
source "$(dirname "$0")/lib.sh"
if [ "${HS_BENCH_VALGRIND:-0}" = 1 ]; then
    frames=${1:-20000}
else
    frames=${1:-300000}
fi
FP=${HS_P0F_FILE:-/etc/p0f/p0f.fp}
[ -r "$FP" ] || { echo "bench_os: no $FP (install p0f or set HS_P0F_FILE)" >&2; exit 2; }
bench_setup
"$BUILD/tests/tools/hs-gencap" bench --frames "$frames" "$WORK/bench.pcap"
chmod 644 "$WORK/bench.pcap"
cp "$FP" "$WORK/p0f.fp"
chmod 644 "$WORK/p0f.fp"
echo "capture: $frames frames, $(du -h "$WORK/bench.pcap" | cut -f1), $PAIRS pairs per ratio" >&2
echo "SYN frames: $(tshark_with "$WORK/plugins" -r "$WORK/bench.pcap" -Y 'tcp.flags.syn==1 && tcp.flags.ack==0' | wc -l)," \
    "with src.os: $(tshark_with "$WORK/plugins" -r "$WORK/bench.pcap" -o "src.p0f_file:$WORK/p0f.fp" -Y src.os | wc -l)" >&2

P=$WORK/plugins X=$WORK/bench.pcap O="-o src.p0f_file:$WORK/p0f.fp"
export WORK P X O
F='-T fields -e frame.number -e ip.src -e tcp.dstport'

if [ "${HS_BENCH_VALGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "bench_os: valgrind is not installed" >&2; exit 2; }
    a=$(instructions "$P" -r "$X" $O $F)
    b=$(instructions "$P" -r "$X" $O $F -e src.os)
    c=$(instructions "$P" -r "$X" -o src.p0f_file: $F -e src.os)
    echo "  instructions: without src.os $a, with $b, with fingerprinting off $c" >&2
    printf '%-58s %s\n' "(a) fields + src.os / without (target <= 1.05)" \
        "$(ratio "$b" "$a")"
    printf '%-58s %s\n' "(b) fields + src.os, p0f file / fingerprinting off" \
        "$(ratio "$b" "$c")"
    exit 0
fi
paired_ratio "(a) fields + src.os / without (target <= 1.05)" \
    "tshark_with $P -r $X $O $F" "tshark_with $P -r $X $O $F -e src.os"
paired_ratio "(b) fields + src.os, p0f file / fingerprinting off" \
    "tshark_with $P -r $X -o src.p0f_file: $F -e src.os" "tshark_with $P -r $X $O $F -e src.os"
