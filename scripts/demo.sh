#!/bin/bash
# demo.sh - builds honeyshark, generates the built-in honeypot capture
# (demo/honeypot.gcs) and shows what the plugin makes of it with tshark.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/deps.sh
echo "== Building honeyshark (log: build/build.log)"
mkdir -p build
if ! { cmake -S . -B build && cmake --build build -j"$jobs"; } >build/build.log 2>&1; then
    tail -30 build/build.log >&2
    echo "demo: the build failed; see build/build.log" >&2
    exit 1
fi

out=build/demo
mkdir -p "$out"
chmod 755 build "$out"
build/tests/tools/hs-gencap "$out/honeypot.pcap" <demo/honeypot.gcs
chmod 644 "$out/honeypot.pcap"
pcap=$PWD/$out/honeypot.pcap
tshark_() { scripts/hs-tshark "$@"; }

protocols=$(tshark_ -G protocols 2>/dev/null | cut -f3)
if ! grep -qx shellshock <<<"$protocols"; then
    echo "demo: the honeyshark plugin did not load into tshark" >&2
    exit 1
fi

echo "== Graded Shellshock attacks in $out/honeypot.pcap (HTTP and Telnet)"
echo "   scripts/hs-tshark -r $out/honeypot.pcap -Y shellshock -T json ... | jq -f scripts/demo-table.jq"
echo
{
    printf 'frame\ttime (UTC)\tsource\tcc\tAS\tgrade\tvector\twhere\tCVE-\tcommands\tURLs or hosts\n'
    tshark_ -r "$pcap" -Y shellshock -T json --no-duplicate-keys -j "frame ip ipv6 src shellshock" \
        2>/dev/null | jq -r -f scripts/demo-table.jq
} | column -t -s $'\t'
echo
echo "== Telnet login attempts (login.user, login.password)"
echo
{
    printf 'frame\tsource\tuser\tpassword\n'
    tshark_ -r "$pcap" -Y 'login' -T fields -e frame.number -e ip.src -e login.user \
        -e login.password 2>/dev/null | sed 's/\t\t/\t-\t/g; s/\t$/\t-/'
} | column -t -s $'\t'
echo
echo "== Frames per grade (-Y 'shellshock.grade == green' and so on)"
for g in green yellow red; do
    printf '  %-7s %s\n' "$g" "$(tshark_ -r "$pcap" -Y "shellshock.grade == $g" 2>/dev/null | wc -l)"
done
echo
echo "Open it in Wireshark:  wireshark $out/honeypot.pcap   (after installing the plugin, see README)"
