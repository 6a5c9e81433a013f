#!/bin/bash
# bench_plugin.sh - what the shellshock plugin costs tshark (issue 2).
#
#   bash bench/bench_plugin.sh [FRAMES]      (default 500000; HS_BENCH_PAIRS=5)
#
# (a) a dissecting pass (tshark -q -Y frame) with the plugin against without:
#     the cost of an idle plugin on traffic it does not care about. Target <= 1.03.
# (b) -T fields with shellshock.grade and shellshock.cve against the same
#     command without those two fields (and without the plugin). Target <= 1.10.
source "$(dirname "$0")/lib.sh"
frames=${1:-500000}
bench_setup
"$BUILD/tests/tools/hs-gencap" bench --frames "$frames" "$WORK/bench.pcap"
chmod 644 "$WORK/bench.pcap"
echo "capture: $frames frames, $(du -h "$WORK/bench.pcap" | cut -f1), $PAIRS pairs per ratio" >&2
echo "shellshock frames: $(tshark_with "$WORK/plugins" -r "$WORK/bench.pcap" -Y shellshock | wc -l)" >&2

P=$WORK/plugins N=$WORK/noplugins X=$WORK/bench.pcap
export WORK P N X
F='-T fields -e frame.time_epoch -e ip.src -e tcp.dstport'
paired_ratio "(a) dissecting pass, plugin / no plugin (target <= 1.03)" \
    "tshark_with $N -r $X -q -Y frame" "tshark_with $P -r $X -q -Y frame"
paired_ratio "(b) fields + shellshock.grade,cve / without (target <= 1.10)" \
    "tshark_with $N -r $X $F" "tshark_with $P -r $X $F -e shellshock.grade -e shellshock.cve"
