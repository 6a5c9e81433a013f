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
build/tests/tools/hs-gencap "$out/honeypot.pcap" <demo/honeypot.gcs
# Small AS and country databases for the demo's sources, built with
# MaxMind's own writer from readable JSON (real ones: see the README).
perl tests/tools/mkmmdb.pl demo/asn.json "$out/demo-asn.mmdb"
perl tests/tools/mkmmdb.pl demo/country.json "$out/demo-country.mmdb"
# Two dated AS databases that disagree about 216.160.83.0/24, for the
# attribution-as-it-was example (a folder of files named by their date).
mkdir -p "$out/asn-dated"
perl tests/tools/mkmmdb.pl demo/asn.json "$out/asn-dated/asn-2014-09-01.mmdb"
perl tests/tools/mkmmdb.pl demo/asn-2014-09-28.json "$out/asn-dated/asn-2014-09-28.mmdb"
if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -r "$PWD/$out/honeypot.pcap" 2>/dev/null; then
    # As root, tshark runs as nobody (see scripts/hs-tshark): give it a copy
    # it can read when the checkout is in a private folder.
    out=$(mktemp -d /tmp/honeyshark-demo.XXXXXX)
    cp -r build/demo/* "$out/"
fi
chmod -R a+rX "$out"
pcap=$(cd "$out" && pwd)/honeypot.pcap
dbs=(-o "src.asn_db:$(dirname "$pcap")/demo-asn.mmdb" -o "src.country_db:$(dirname "$pcap")/demo-country.mmdb")
tshark_() { scripts/hs-tshark "${dbs[@]}" "$@"; }

protocols=$(scripts/hs-tshark -G protocols 2>/dev/null | cut -f3)
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
echo "== Command injection without Shellshock (rce.*)"
echo
{
    printf 'frame\tsource\tgrade\tparameter\texploit\tcommands\n'
    tshark_ -r "$pcap" -Y rce -T fields -E occurrence=f -e frame.number -e ip.src -e rce.grade \
        -e rce.param -e rce.exploit -e rce.command 2>/dev/null |
        awk -F'\t' -v OFS='\t' '{ split("green yellow red", g, " "); $3 = g[$3];
                                  for (i = 4; i <= 5; i++) if ($i == "") $i = "-"; print }'
} | column -t -s $'\t'
echo
# One tshark pass: the plugin's state tap aggregates while tshark dissects
# (the sensor's addresses joined by '+'), and honeyshark-report prints the
# reports from the state; counted is only traffic towards the honeypot.
z="honeyshark,state,-,tz=Asia/Tokyo,sensor=honeypot=192.0.2.80+192.0.2.23+2001:db8::80"
echo "== honeyshark-report: per AS and day"
echo "   tshark -q -z $z > honeypot.state"
echo "   honeyshark-report merge honeypot.state"
tshark_ -r "$pcap" -q -z "$z" 2>/dev/null >"$out/honeypot.state"
build/postproc/honeyshark-report merge "$out/honeypot.state"
echo
echo "== honeyshark-report merge honeypot.state --report country"
build/postproc/honeyshark-report merge "$out/honeypot.state" --report country
echo
echo "== honeyshark-report merge honeypot.state --report exploits (Shellshock and rce)"
build/postproc/honeyshark-report merge "$out/honeypot.state" --report exploits
echo
echo "== Every report with its charts: honeyshark-report merge honeypot.state -f html -o honeypot.html"
build/postproc/honeyshark-report merge "$out/honeypot.state" -f html -o "$out/honeypot.html"
grep -c '<svg ' "$out/honeypot.html" | sed 's/^/   charts drawn: /'
echo
echo "== Attribution as it was: src.asn_db is a folder of two dated AS databases"
echo "   (asn-2014-09-01.mmdb, asn-2014-09-28.mmdb: 216.160.83.0/24 moved from AS209 to AS3356)"
echo
dated=(-o "src.asn_db:$(dirname "$pcap")/asn-dated")
{
    printf 'frame\ttime (UTC)\tsource\tAS (one database)\tAS (dated)\tdatabase of\n'
    paste <(tshark_ -r "$pcap" -Y 'ip.src == 216.160.83.58 && (http.request || telnet.data)' \
                -T fields -e frame.number -e frame.time_epoch -e ip.src -e src.asn 2>/dev/null) \
          <(scripts/hs-tshark "${dated[@]}" -r "$pcap" -Y 'ip.src == 216.160.83.58 && (http.request || telnet.data)' \
                -T fields -E occurrence=f -e src.asn -e src.db_date 2>/dev/null) |
        awk -F'\t' -v OFS='\t' '{ $2 = strftime("%Y-%m-%d %H:%M", int($2), 1); print }'
} | column -t -s $'\t'
echo

echo "Files: $out/ (honeypot.pcap, demo-asn.mmdb, demo-country.mmdb, asn-dated/, honeypot.state, honeypot.html)"
echo "Open it in Wireshark:  wireshark -C Honeypot -o src.asn_db:$(dirname "$pcap")/demo-asn.mmdb \\"
echo "                       -o src.country_db:$(dirname "$pcap")/demo-country.mmdb $pcap"
echo "(after installing the plugin and profile: the .deb or cmake --install build, see README)"
