#!/bin/bash
# bench_geo.sh - what source attribution (src.asn, src.country) costs tshark,
# and how it compares with Wireshark's built-in ip.geoip fields (issue 3).
#
#   bash bench/bench_geo.sh [FRAMES]     (default 500000; HS_BENCH_PAIRS=5)
#
# The capture has ~50,000 distinct sources in 2,000 /24 networks
# (hs-gencap bench); an AS and a country database are built for exactly
# those networks with tests/tools/mkmmdb.pl, as GeoLite2-ASN.mmdb and
# GeoLite2-Country.mmdb in one folder, so Wireshark's own lookups
# (-o 'uat:maxmind_db_paths:"DIR"') read the same files.
#
# F = -T fields -e frame.time_epoch -e ip.src -e tcp.dstport
# (a) F + src.asn, src.country (plugin)  /  F without the plugin   target <= 1.10
# (b) F + src.asn, src.country (plugin)  /  F + src.asn, src.country without them
#     in the output, plugin loaded and databases set (what naming the fields adds)
# (c) F + src.asn, src.country (plugin)  /  F + ip.geoip.src_asnum,
#     ip.geoip.src_country_iso (built-in, no plugin)                must be < 1
# (d) F + ip.geoip.* (built-in)  /  F without the plugin   (for reference)
# (e) F + src fields, src.asn_db a folder of 12 monthly dated AS databases
#     (GeoLite2-ASN_2014MM01.mmdb)  /  the same with the one AS database:
#     what choosing the database in force costs               target <= 1.02
source "$(dirname "$0")/lib.sh"
frames=${1:-500000}
bench_setup
bench_capture "$frames" "$WORK/bench.pcap"

P=$WORK/plugins N=$WORK/noplugins X=$WORK/bench.pcap D=$WORK/db
export WORK P N X D
F='-T fields -e frame.time_epoch -e ip.src -e tcp.dstport'
THEIRS="-o uat:maxmind_db_paths:\\\"$D\\\""

sources=$(tshark_with "$N" -r "$X" -T fields -e ip.src | sort -u | wc -l)
attributed=$(tshark_with "$P" -r "$X" $OURS -T fields -e src.asn | grep -c .)
echo "capture: $frames frames, $sources distinct sources, 2000 networks," \
    "$attributed frames attributed; $PAIRS pairs per ratio" >&2

# The two ways must agree before their costs are compared.
tshark_with "$P" -r "$X" $OURS -T fields -e src.asn -e src.country >"$WORK/ours.txt"
tshark_with "$N" -r "$X" -o "uat:maxmind_db_paths:\"$D\"" -T fields \
    -e ip.geoip.src_asnum -e ip.geoip.src_country_iso >"$WORK/theirs.txt"
if ! cmp -s "$WORK/ours.txt" "$WORK/theirs.txt"; then
    echo "src.asn/src.country and ip.geoip disagree:" >&2
    diff "$WORK/ours.txt" "$WORK/theirs.txt" | head -5 >&2
    exit 1
fi
echo "src.asn/src.country equal ip.geoip.src_asnum/src_country_iso on every frame" >&2

paired_ratio "(a) F + src fields / F, no plugin (target <= 1.10)" \
    "tshark_with $N -r $X $F" \
    "tshark_with $P -r $X $OURS $F -e src.asn -e src.country"
paired_ratio "(b) F + src fields / F, plugin and databases loaded" \
    "tshark_with $P -r $X $OURS $F" \
    "tshark_with $P -r $X $OURS $F -e src.asn -e src.country"
paired_ratio "(c) F + src fields / F + built-in ip.geoip (must be < 1)" \
    "tshark_with $N -r $X $THEIRS $F -e ip.geoip.src_asnum -e ip.geoip.src_country_iso" \
    "tshark_with $P -r $X $OURS $F -e src.asn -e src.country"
paired_ratio "(d) F + built-in ip.geoip / F, no plugin (reference)" \
    "tshark_with $N -r $X $F" \
    "tshark_with $N -r $X $THEIRS $F -e ip.geoip.src_asnum -e ip.geoip.src_country_iso"

# Dated databases: twelve monthly copies named as MaxMind's archives are.
mkdir -p "$WORK/dated"
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    cp "$D/GeoLite2-ASN.mmdb" "$WORK/dated/GeoLite2-ASN_2014${m}01.mmdb"
done
chmod -R a+rX "$WORK/dated"
DATED="-o src.asn_db:$WORK/dated -o src.country_db:$D/GeoLite2-Country.mmdb"
export DATED
tshark_with "$P" -r "$X" $DATED -T fields -e src.asn -e src.country >"$WORK/dated.txt"
if ! cmp -s "$WORK/ours.txt" "$WORK/dated.txt"; then
    echo "the dated folder of copies gives other answers than the one database" >&2
    exit 1
fi
paired_ratio "(e) src fields: 12 dated AS databases / one (target <= 1.02)" \
    "tshark_with $P -r $X $OURS $F -e src.asn -e src.country" \
    "tshark_with $P -r $X $DATED $F -e src.asn -e src.country"
