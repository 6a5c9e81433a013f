#!/bin/bash
# bench_plugin.sh - what the plugin costs tshark (issue 2).
#
#   bash bench/bench_plugin.sh [FRAMES]      (default 500000; HS_BENCH_PAIRS=5)
#
# (a) a dissecting pass (tshark -q -Y frame) with the plugin against without:
#     the cost of an idle plugin on traffic it does not care about. Target <= 1.03.
# (a') the same on a capture of scans only (SYN, UDP, ICMP; no HTTP or
#     Telnet): the cost on packets the plugin does not care about.
# (b) -T fields with shellshock.grade and shellshock.cve against the same
#     command without those two fields (and without the plugin). Target <= 1.10.
# The capture (hs-gencap bench) is honeypot-like: ~80% lone SYNs, UDP, ICMP,
# 10% HTTP sessions with handshakes (1 in 10 Shellshock), a few Telnet bots.
#
# CPU times on a shared machine swing by 10-30% from run to run, so each
# ratio is the median of paired runs.  HS_BENCH_VALGRIND=1 measures the same
# ratios as instruction counts under callgrind instead (deterministic;
# default 20000 frames), for the whole command and per frame (the count of
# the same command on an empty capture, tshark's start-up, subtracted).
source "$(dirname "$0")/lib.sh"
valgrind_mode=${HS_BENCH_VALGRIND:-0}
frames=${1:-$([ "$valgrind_mode" = 1 ] && echo 20000 || echo 500000)}
bench_setup
"$BUILD/tests/tools/hs-gencap" bench --frames "$frames" "$WORK/bench.pcap"
"$BUILD/tests/tools/hs-gencap" bench --frames "$frames" --scans-only "$WORK/scans.pcap"
"$BUILD/tests/tools/hs-gencap" "$WORK/empty.pcap" </dev/null
chmod 644 "$WORK"/*.pcap
echo "capture: $frames frames, $(du -h "$WORK/bench.pcap" | cut -f1), $PAIRS pairs per ratio" >&2
echo "frames with shellshock fields: $(tshark_with "$WORK/plugins" -r "$WORK/bench.pcap" -Y shellshock | wc -l)" >&2

P=$WORK/plugins N=$WORK/noplugins X=$WORK/bench.pcap
export WORK P N X
F='-T fields -e frame.time_epoch -e ip.src -e tcp.dstport'
S='-e shellshock.grade -e shellshock.cve'

if [ "$valgrind_mode" = 1 ]; then
    command -v valgrind >/dev/null || { echo "bench_plugin: valgrind is not installed" >&2; exit 2; }
    # pair NAME "BASE ARGS" "CANDIDATE ARGS": whole-command and per-frame ratios.
    pair() {
        local b c b0 c0 cap=${4:-$X}
        b=$(instructions "$N" -r "$cap" $2)
        c=$(instructions "$P" -r "$cap" $3)
        b0=$(instructions "$N" -r "$WORK/empty.pcap" $2)
        c0=$(instructions "$P" -r "$WORK/empty.pcap" $3)
        echo "  instructions: baseline $b (start-up $b0), candidate $c (start-up $c0)" >&2
        printf '%-62s %s  (per frame %s)\n' "$1" "$(ratio "$c" "$b")" \
            "$(ratio "$((c - c0))" "$((b - b0))")"
    }
    pair "(a) dissecting pass, plugin / no plugin (target <= 1.03)" "-q -Y frame" "-q -Y frame"
    pair "(a') the same on scans only (no HTTP, no Telnet)" "-q -Y frame" "-q -Y frame" "$WORK/scans.pcap"
    pair "(b) fields + shellshock.grade,cve / without (target <= 1.10)" "$F" "$F $S"
    exit 0
fi
paired_ratio "(a) dissecting pass, plugin / no plugin (target <= 1.03)" \
    "tshark_with $N -r $X -q -Y frame" "tshark_with $P -r $X -q -Y frame"
paired_ratio "(a') the same on scans only (no HTTP, no Telnet)" \
    "tshark_with $N -r $WORK/scans.pcap -q -Y frame" "tshark_with $P -r $WORK/scans.pcap -q -Y frame"
paired_ratio "(b) fields + shellshock.grade,cve / without (target <= 1.10)" \
    "tshark_with $N -r $X $F" "tshark_with $P -r $X $F $S"
