#!/bin/bash
# demo.sh - builds honeyshark, generates the built-in honeypot capture
# (demo/honeypot.gcs) and shows what the plugin makes of it with tshark.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$jobs" >/dev/null

out=build/demo
mkdir -p "$out"
chmod 755 build "$out"
build/tests/tools/hs-gencap "$out/honeypot.pcap" <demo/honeypot.gcs
chmod 644 "$out/honeypot.pcap"
pcap=$PWD/$out/honeypot.pcap
tshark_() { scripts/hs-tshark "$@"; }

if ! tshark_ -G protocols | cut -f3 | grep -qx shellshock; then
    echo "demo: the honeyshark plugin did not load into tshark" >&2
    exit 1
fi

echo "== Graded Shellshock attacks in $out/honeypot.pcap"
echo "   tshark -Y shellshock -T fields -e frame.number -e ip.src -e ipv6.src -e shellshock.grade ..."
echo
{
    printf 'frame\tsource\tgrade\tvector\twhere\tcommands\turls/hosts\n'
    tshark_ -r "$pcap" -Y shellshock -T fields -E aggregator=, -E occurrence=a \
        -e frame.number -e ip.src -e ipv6.src -e shellshock.grade -e shellshock.vector \
        -e shellshock.header -e shellshock.command -e shellshock.url -e shellshock.host |
        awk -F'\t' 'BEGIN { g[1] = "green"; g[2] = "yellow"; g[3] = "red"; OFS = "\t" }
        {
            src = $2 != "" ? $2 : $3
            n = split($4, grades, ","); split($5, vec, ","); split($6, hdr, ",")
            for (i = 1; i <= n; i++) {
                where = (vec[i] == "http.header") ? hdr[i] : "-"
                iocs = $8 != "" ? $8 : $9
                print $1, src, g[grades[i]], vec[i], where, (i == 1 ? $7 : "\""), (i == 1 ? iocs : "\"")
            }
        }'
} | column -t -s $'\t'
echo
echo "== Frames per grade (shellshock.grade == green / yellow / red)"
for g in green yellow red; do
    printf '  %-7s %s\n' "$g" "$(tshark_ -r "$pcap" -Y "shellshock.grade == $g" | wc -l)"
done
echo
echo "Open it in Wireshark:  wireshark $out/honeypot.pcap   (after installing the plugin, see README)"
