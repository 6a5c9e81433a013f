#!/bin/bash
# e2e_geo.sh - source attribution (src.*) through the real tshark and the
# built plugin: every packet checked against mmdblookup on the same
# databases, both schemas, IPv4/IPv6, nested and lone networks, outermost
# headers, agreement with Wireshark's own ip.geoip.src_asnum, and broken
# databases (one message, fields absent, no crash).
#
# The databases are built here from tests/geo/data/*.json with
# tests/tools/mkmmdb.pl (MaxMind::DB::Writer).
source "$HS_SOURCE_DIR/tests/e2e/lib.sh"
hs_setup
hs_require_plugin src

GEO_DIR=$HS_SOURCE_DIR/tests/geo
DB=$HS_TMP/db
mkdir -p "$DB"
for n in maxmind-asn maxmind-country maxmind-city ipinfo-lite badtypes; do
    perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$GEO_DIR/data/$n.json" "$DB/$n.mmdb" ||
        { echo "FATAL: mkmmdb.pl failed for $n" >&2; exit 1; }
done

hs_gencap geo <"$HS_SOURCE_DIR/tests/e2e/captures/geo.gcs"
perl "$GEO_DIR/mkencap.pl" "$HS_TMP/enc.pcap" && chmod 644 "$HS_TMP/enc.pcap" ||
    { echo "FATAL: mkencap.pl failed" >&2; exit 1; }
chmod -R a+rX "$DB"

COLS=(-e frame.number -e frame.protocols -e ip.src -e ipv6.src -e src.asn -e src.as_org
    -e src.country -e src.country_name -e src.net)

# src_table CAPTURE OUT OPTIONS...: the columns check_mmdb.pl reads.
src_table() {
    local cap=$1 out=$2
    shift 2
    hs_tshark -r "$HS_TMP/$cap.pcap" "$@" -T fields -E occurrence=a -E aggregator=, "${COLS[@]}" \
        >"$HS_TMP/$out.tsv" 2>"$HS_TMP/$out.err" ||
        { echo "FATAL: tshark failed for $out" >&2; cat "$HS_TMP/$out.err" >&2; exit 1; }
}

# check NAME SCHEMA ASN_DB COUNTRY_DB TABLE: every frame against mmdblookup.
check() {
    local out
    out=$(perl "$GEO_DIR/check_mmdb.pl" "$2" "$3" "$4" "$HS_TMP/$5.tsv" 2>&1)
    local rc=$?
    echo "$out" | sed 's/^/       /'
    hs_eq "$1" "$rc" 0
}

# col TABLE LABEL-or-frame COLUMN(1-based): one cell.
col() {
    local frame=$2
    [[ $frame =~ ^[0-9]+$ ]] || frame=$(hs_frame geo "$2")
    awk -F'\t' -v f="$frame" -v c="$3" '$1 == f { print $c }' "$HS_TMP/$1.tsv"
}

ASN=$DB/maxmind-asn.mmdb COUNTRY=$DB/maxmind-country.mmdb CITY=$DB/maxmind-city.mmdb
IPINFO=$DB/ipinfo-lite.mmdb

echo "# MaxMind schema: AS + Country databases"
src_table geo mm -o "src.asn_db:$ASN" -o "src.country_db:$COUNTRY"
check "every frame agrees with mmdblookup (MaxMind ASN + Country)" maxmind "$ASN" "$COUNTRY" mm
hs_eq "no message on stderr with good databases" "$(cat "$HS_TMP/mm.err")" ""
hs_eq "lone /8" "$(col mm lone8 5) $(col mm lone8 9)" "64507 5.0.0.0/8"
hs_eq "lone /26" "$(col mm lone26 5) $(col mm lone26 9)" "64509 7.7.7.64/26"
hs_eq "next to the /26: nothing" "$(col mm none_next 5)$(col mm none_next 9)" ""
hs_eq "nested: the tree's piece of 1.0.0.0/8" "$(col mm nested13 9)" "1.8.0.0/13"
hs_eq "AS and country from two databases" "$(col mm cn 5) $(col mm cn 7) $(col mm cn 8)" "64498 CN China"
hs_eq "UTF-8 organization" "$(col mm utf8 6)" "Ünïcode Networks 株式会社"
hs_eq "/32 without organization" "$(col mm noorg 5)|$(col mm noorg 6)|$(col mm noorg 9)" \
    "4200000000||1.2.3.200/32"
hs_eq "control characters become spaces" "$(col mm ctl 6)" "Ctl Char Org"
hs_eq "long organization cut to 255 bytes" "$(col mm long 6 | tr -d '\n' | wc -c)" 255
hs_eq "record without country: AS only" "$(col mm anycast 5)|$(col mm anycast 7)" "64500|"
hs_eq "country without AS" "$(col mm countryonly 5)|$(col mm countryonly 7)|$(col mm countryonly 9)" \
    "|SE|198.51.100.0/24"
hs_eq "address in no network: no field" "$(col mm none 5)$(col mm none 6)$(col mm none 7)$(col mm none 9)" ""
hs_eq "IPv6 /128" "$(col mm v6_128 5) $(col mm v6_128 9)" "64504 2001:db8:1:2::1/128"
hs_eq "IPv6 lone /32" "$(col mm v6_lone32 9) $(col mm v6_lone32 7)" "2a00:1450::/32 "
hs_eq "IPv6 in no network" "$(col mm v6_none 5)$(col mm v6_none 9)" ""
hs_eq "IPv4-mapped IPv6 resolves as IPv4" "$(col mm mapped 5) $(col mm mapped 7) $(col mm mapped 9)" \
    "64498 CN 1.2.3.0/25"
hs_eq "6to4 source, network in IPv6 form" "$(col mm 6to4 5) $(col mm 6to4 9)" "64498 2002:102:300::/41"

echo "# a City database as the country source"
src_table geo city -o "src.asn_db:$ASN" -o "src.country_db:$CITY"
check "every frame agrees with mmdblookup (ASN + City)" maxmind "$ASN" "$CITY" city
hs_eq "country from the City database" "$(col city cn 7) $(col city cn 8)" "GB United Kingdom"

echo "# IPinfo schema: one database fills both"
src_table geo ii -o "src.asn_db:$IPINFO"
check "every frame agrees with mmdblookup (IPinfo Lite)" ipinfo "$IPINFO" "$IPINFO" ii
hs_eq "IPinfo AS and country" "$(col ii cn 5) $(col ii cn 6) $(col ii cn 7) $(col ii cn 8)" \
    "64510 Lite One BR Brazil"
src_table geo ii2 -o "src.country_db:$IPINFO"
hs_eq "IPinfo named as the country database fills AS too" "$(col ii2 cn 5)" "64510"

echo "# the outermost IP header's source"
src_table enc enc -o "src.asn_db:$ASN" -o "src.country_db:$COUNTRY"
check "every frame agrees with mmdblookup (tunnels, ICMP errors)" maxmind "$ASN" "$COUNTRY" enc
hs_eq "IPv4 in IPv4: outer source" "$(col enc 1 5)" "64507"
hs_eq "IPv4 in IPv4, outer in no network: nothing from the inner" "$(col enc 2 5)$(col enc 2 9)" ""
hs_eq "6in4: outer IPv4 source" "$(col enc 3 9)" "6.6.0.0/16"
hs_eq "IPv4 in IPv6: outer IPv6 source" "$(col enc 4 9)" "2a00:1450::/32"
hs_eq "ICMP error: the sender, not the quoted packet" "$(col enc 5 5)" "64509"
hs_eq "ICMP error from the sensor quoting an attacker: nothing" "$(col enc 6 5)" ""

echo "# display filters, two passes, ek"
want_cn=$(awk -F'\t' '$7 == "CN"' "$HS_TMP/mm.tsv" | wc -l)
opts=(-o "src.asn_db:$ASN" -o "src.country_db:$COUNTRY")
hs_eq "src.country == \"CN\" matches the CN frames" \
    "$(hs_tshark -r "$HS_TMP/geo.pcap" "${opts[@]}" -Y 'src.country == "CN"' | wc -l)" "$want_cn"
hs_eq "src.country == \"CN\" && shellshock.grade: the Shellshock request" \
    "$(hs_tshark -r "$HS_TMP/geo.pcap" "${opts[@]}" -Y 'src.country == "CN" && shellshock.grade' \
        -T fields -e frame.number)" "$(hs_frame geo http)"
hs_eq "two-pass read filter on src.asn" \
    "$(hs_tshark -r "$HS_TMP/geo.pcap" "${opts[@]}" -2 -R 'src.asn == 64498' | wc -l)" \
    "$(awk -F'\t' '$5 == "64498"' "$HS_TMP/mm.tsv" | wc -l)"
ek=$(hs_tshark -r "$HS_TMP/geo.pcap" "${opts[@]}" -T ek -Y "frame.number == $(hs_frame geo cn)" | tail -1)
hs_eq "ek full layout carries src" \
    "$(grep -o '"src_src_asn":"64498"' <<<"$ek")$(grep -o '"src_src_country":"CN"' <<<"$ek")" \
    '"src_src_asn":"64498""src_src_country":"CN"'

stats=$(hs_tshark -r "$HS_TMP/geo.pcap" "${opts[@]}" -q -z shellshock,tree 2>&1)
hs_eq "hs_src_info feeds the Shellshock statistics (country, AS)" \
    "$(grep -Eo '^ +(CN|AS64498) +1 ' <<<"$stats" | tr -s ' ' | tr '\n' '/')" " CN 1 / AS64498 1 /"

echo "# only on HTTP and Telnet packets"
src_table geo ht -o "src.asn_db:$ASN" -o "src.country_db:$COUNTRY" -o src.http_telnet_only:TRUE
hs_eq "fields only on frames with http or telnet" \
    "$(awk -F'\t' '$5 != "" || $7 != "" { print $1 }' "$HS_TMP/ht.tsv" | tr '\n' ' ')" \
    "$(awk -F'\t' '$2 ~ /:(http|telnet)(:|$)/ && ($5 != "" || $7 != "") { print $1 }' "$HS_TMP/mm.tsv" | tr '\n' ' ')"
hs_eq "the HTTP request is among them" "$(col ht http 5)" "64498"
hs_eq "the Telnet client data is among them" "$(col ht telnet 9)" "2001:db8:1::/63"

echo "# Wireshark's own ip.geoip on the same databases"
mkdir -p "$HS_TMP/wsdb"
cp "$ASN" "$HS_TMP/wsdb/GeoLite2-ASN.mmdb"
cp "$COUNTRY" "$HS_TMP/wsdb/GeoLite2-Country.mmdb"
chmod -R a+rX "$HS_TMP/wsdb"
# No src preference: the plugin finds the files through maxmind_db_paths too.
hs_tshark -r "$HS_TMP/geo.pcap" -o "uat:maxmind_db_paths:\"$HS_TMP/wsdb\"" -T fields \
    -E occurrence=a -E aggregator=, -e frame.number -e frame.protocols \
    -e ip.geoip.src_asnum -e ipv6.geoip.src_asnum -e ip.geoip.src_country_iso \
    -e ipv6.geoip.src_country_iso -e src.asn -e src.country >"$HS_TMP/ws.tsv" 2>"$HS_TMP/ws.err"
read -r compared differ < <(awk -F'\t' '
    { n = split($2, p, ":"); ips = 0; for (i = 1; i <= n; i++) if (p[i] == "ip" || p[i] == "ipv6") ips++ }
    ips != 1 { next }
    { ws_as = $3 $4; ws_cc = $5 $6 }
    ws_as != "" { c++; if (ws_as != $7) { d++; print "frame " $1 ": ip.geoip AS " ws_as ", src.asn " $7 > "/dev/stderr" } }
    ws_cc != "" { c++; if (ws_cc != $8) { d++; print "frame " $1 ": ip.geoip country " ws_cc ", src.country " $8 > "/dev/stderr" } }
    END { print c + 0, d + 0 }' "$HS_TMP/ws.tsv")
echo "       $compared values compared"
hs_eq "ip.geoip.src_asnum / src_country_iso agree with src.asn / src.country" "$differ" 0
hs_eq "enough values compared with ip.geoip" "$((compared >= 20))" 1
hs_eq "found through maxmind_db_paths without a src preference" "$(col ws cn 7)" "64498"

echo "# broken databases: one message, fields absent, no crash"
# broken NAME FILE PATTERN: tshark succeeds, says PATTERN once, adds no AS field.
broken() {
    local name=$1 file=$2 pattern=$3
    local rc=0
    hs_tshark -r "$HS_TMP/geo.pcap" -o "src.asn_db:$file" -o "src.country_db:$COUNTRY" -T fields \
        -e frame.number -e src.asn -e src.as_org -e src.country >"$HS_TMP/$name.tsv" 2>"$HS_TMP/$name.err" || rc=$?
    hs_eq "$name: tshark exits 0" "$rc" 0
    hs_eq "$name: one message naming the file" \
        "$(grep -c -- "$pattern" "$HS_TMP/$name.err")/$(grep -c -F -- "$file" "$HS_TMP/$name.err")/$(wc -l <"$HS_TMP/$name.err")" "1/1/1"
    hs_eq "$name: no AS field" "$(cut -f2 "$HS_TMP/$name.tsv" | sort -u | tr -d '\n')" ""
    hs_eq "$name: countries still there" "$(col "$name" cn 4)" "CN"
}
broken missing "$HS_TMP/db/no-such.mmdb" "cannot be opened (No such file or directory)"
printf 'not a database\n' >"$DB/text.mmdb"
broken text "$DB/text.mmdb" "not a MaxMind DB file"
head -c "$(($(wc -c <"$ASN") / 2))" "$ASN" >"$DB/truncated.mmdb"
broken truncated "$DB/truncated.mmdb" "not a MaxMind DB file, or is truncated"
perl -e 'local $/; $_ = <STDIN>; substr($_, 0, 64) = "\xff" x 64; print' <"$ASN" >"$DB/tree.mmdb"
broken corrupt "$DB/tree.mmdb" "is damaged"
broken wrongdb "$COUNTRY" "holds no AS data"
chmod -R a+rX "$DB"

# Unexpected types: AS numbers stored as text. One warning, not one per frame.
src_table geo bt -o "src.asn_db:$DB/badtypes.mmdb" -o "src.country_db:$COUNTRY"
hs_eq "unexpected types: one warning for many frames" \
    "$(grep -c 'unexpected type' "$HS_TMP/bt.err")/$(wc -l <"$HS_TMP/bt.err")" "1/1"
hs_eq "unexpected types: the AS number is left out, the rest kept" \
    "$(col bt cn 5)|$(col bt cn 6)|$(col bt cn 7)" "|Bad Types|CN"

# No database at all: said once per missing kind, only when src fields are asked for.
hs_tshark -r "$HS_TMP/geo.pcap" -T fields -e frame.number -e src.asn -e src.country \
    >"$HS_TMP/nodb.tsv" 2>"$HS_TMP/nodb.err"
hs_eq "no database: one line per kind" \
    "$(grep -c 'no AS database' "$HS_TMP/nodb.err")/$(grep -c 'no country database' "$HS_TMP/nodb.err")/$(wc -l <"$HS_TMP/nodb.err")" \
    "1/1/2"
hs_eq "no database: the message names the preference" "$(grep -c 'src.asn_db' "$HS_TMP/nodb.err")" 1
hs_tshark -r "$HS_TMP/geo.pcap" >/dev/null 2>"$HS_TMP/quiet.err"
hs_tshark -r "$HS_TMP/geo.pcap" -Y 'tcp.port == 80' >/dev/null 2>>"$HS_TMP/quiet.err"
hs_eq "no database, src fields not wanted: silence" "$(cat "$HS_TMP/quiet.err")" ""
hs_tshark -r "$HS_TMP/geo.pcap" --disable-protocol src -T fields -e frame.number \
    >/dev/null 2>"$HS_TMP/disabled.err"
hs_eq "no database, src disabled: silence" "$(cat "$HS_TMP/disabled.err")" ""
hs_eq "no database: expert info on one frame" \
    "$(hs_tshark -r "$HS_TMP/geo.pcap" -Y 'src.no_db || src.asn' 2>/dev/null | wc -l)" 1
hs_eq "no database: said once with -Y on a src field" \
    "$(hs_tshark -r "$HS_TMP/geo.pcap" -Y 'src.country == "CN"' 2>&1 >/dev/null | grep -c 'no country database')" 1

echo "# dated databases: each packet gets the AS in force at its capture time"
# One source, 198.51.100.7, in 2014, 2015, 2016 and 2021, and 198.51.100.200 in
# 2020 (tests/e2e/captures/dated.gcs); a folder holds the AS databases of
# 2015-03-01 (AS64510) and 2020-01-01 (AS64520, a /25 of AS64521), dated by
# file name and by subfolder name as archives name them.
DATED=$HS_TMP/dated
mkdir -p "$DATED/GeoLite2-ASN_20200101"
perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$GEO_DIR/data/dated-asn-2015.json" \
    "$DATED/asn-2015-03-01.mmdb" &&
    perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$GEO_DIR/data/dated-asn-2020.json" \
        "$DATED/GeoLite2-ASN_20200101/GeoLite2-ASN.mmdb" ||
    { echo "FATAL: mkmmdb.pl failed for the dated databases" >&2; exit 1; }
chmod -R a+rX "$DATED"
hs_gencap dated <"$HS_SOURCE_DIR/tests/e2e/captures/dated.gcs"
dopts=(-o "src.asn_db:$DATED" -o "src.country_db:$COUNTRY")
dated_table() {
    hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" "$@" -Y http.request -T fields \
        -E occurrence=f -e ip.src -e src.asn -e src.as_org -e src.db_date 2>"$HS_TMP/dated.err" |
        tr '\t' ' ' | tr '\n' '/'
}
want="198.51.100.7 64510 Old Owner 2015 2015-03-01/198.51.100.7 64510 Old Owner 2015 2015-03-01/"
want+="198.51.100.7 64510 Old Owner 2015 2015-03-01/198.51.100.200 64521 Customer 2020 2020-01-01/"
want+="198.51.100.7 64520 New Owner 2020 2020-01-01/"
hs_eq "the same address: AS64510 until 2020, AS64520 after; the /25 of 2020" "$(dated_table)" "$want"
hs_eq "nothing said on stderr" "$(cat "$HS_TMP/dated.err")" ""
hs_eq "the same on two passes (-2)" "$(dated_table -2)" "$want"
bash "$HS_SOURCE_DIR/scripts/install-profile.sh" "$HS_SOURCE_DIR/profiles/Honeypot" \
    "$HS_TMP/home/.config/wireshark/profiles/Honeypot" >/dev/null
hs_eq "the GUI's Honeypot profile columns show the same AS" \
    "$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -C Honeypot -Y http.request 2>/dev/null |
        grep -oE ' 645[0-9]{2} ' | tr -d ' ' | tr '\n' ' ')" "64510 64510 64510 64521 64520 "
hs_eq "src.db_date filters: the 2020 database answered twice" \
    "$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -Y 'http.request && src.db_date == "2020-01-01"' | wc -l)" 2
hs_eq "older than every AS database: src.db_before on the 2014 packets only" \
    "$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -Y 'src.db_before && http.request' \
        -T fields -e frame.time_epoch | cut -d. -f1)" 1401624000
far=$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -o src.db_max_days:365 \
    -Y 'src.db_far && http.request' -T fields -e _ws.expert.message | grep -oE 'The AS database of [0-9-]+ is [0-9]+ days' | tr '\n' '/')
hs_eq "src.db_max_days 365: src.db_far where the AS database is a year off" "$far" \
    "The AS database of 2015-03-01 is 458 days/The AS database of 2020-01-01 is 367 days/"
hs_eq "src.db_max_days 0 (the default): no src.db_far" \
    "$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -Y src.db_far | wc -l)" 0

# The reports count each frame with the AS it was given, by ek and by the state tap.
RBIN=$HS_BUILD_DIR/postproc/honeyshark-report
if [ -x "$RBIN" ]; then
    mapfile -t rfields < <("$RBIN" --fields)
    eargs=()
    for f in "${rfields[@]}"; do eargs+=(-e "$f"); done
    hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -T ek "${eargs[@]}" >"$HS_TMP/dated.ek"
    "$RBIN" -r as-time --bucket 1d -f csv "$HS_TMP/dated.ek" >"$HS_TMP/dated-ek.csv" 2>"$HS_TMP/rep.err"
    hs_eq "as-time: 198.51.100.7 under AS64510 in 2014-2016 and AS64520 in 2021" \
        "$(awk -F, '$0 ~ /6451|6452/ { print $1 "," $2 }' "$HS_TMP/dated-ek.csv" | grep -E '^(2014|2015|2016|2020|2021)' | sort -u | tr '\n' ' ')" \
        "2014-06-01,64510 2015-04-01,64510 2016-06-01,64510 2020-02-01,64521 2021-01-02,64520 "
    per_date=$(hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -T fields -E occurrence=f -e src.db_date |
        sort | uniq -c | awk '$2 != "" { printf "%s (%d frames), ", $2, $1 }')
    hs_eq "the report says which database dates were used, with their frames" \
        "$("$RBIN" -r as-time "$HS_TMP/dated.ek" | grep '^# attribution')" \
        "# attribution databases of ${per_date%, }"
    mkdir -p "$HS_TMP/tapout" && chmod 777 "$HS_TMP/tapout" # written by the tshark user
    hs_tshark -r "$HS_TMP/dated.pcap" "${dopts[@]}" -q -z "honeyshark,state,$HS_TMP/tapout/dated.state,bucket=1d" \
        >"$HS_TMP/tap.err" 2>&1
    hs_eq "the tap wrote its state" "$([ -s "$HS_TMP/tapout/dated.state" ] && echo yes || cat "$HS_TMP/tap.err")" yes
    "$RBIN" merge "$HS_TMP/tapout/dated.state" -r as-time -f csv >"$HS_TMP/dated-tap.csv" 2>>"$HS_TMP/rep.err"
    hs_eq "the state tap gives the same as-time table as ek" \
        "$(cmp -s "$HS_TMP/dated-ek.csv" "$HS_TMP/dated-tap.csv" && echo same)" same
    hs_eq "the state tap's report names the same database dates" \
        "$("$RBIN" merge "$HS_TMP/tapout/dated.state" -r as-time | grep '^# attribution')" \
        "# attribution databases of ${per_date%, }"
else
    hs_eq "honeyshark-report is built (needed by the dated report checks)" "missing" "$RBIN"
fi

hs_done
