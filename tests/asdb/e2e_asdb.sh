#!/bin/bash
# e2e_asdb.sh - honeyshark-asdb end to end: MRT dumps written by mkmrt (and
# IPASN text written here) become MMDB files, checked with mmdblookup: the
# most specific prefix wins, MOAS and AS_SET rules, IPv6 and 4-byte ASNs,
# IPv4 aliasing, AS names, build_epoch from the MRT time / --date / the
# file name, and the errors and exit codes of bad input.
#
#   e2e_asdb.sh MKMRT BINDIR     (BINDIR holds honeyshark-asdb and -prefixes)
set -uo pipefail
mkmrt=$1
bindir=$2
asdb=$bindir/honeyshark-asdb
prefixes=$bindir/honeyshark-asdb-prefixes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
# expect WHAT GOT WANT
expect() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }
# The value of a key of the record of an address ("none" when not found).
lookup() {
    local v
    v=$(mmdblookup --file "$1" --ip "$2" "$3" 2>/dev/null |
        sed -nE 's/^ *([0-9]+) <uint32>$/\1/p; s/^ *"(.*)" <utf8_string>$/\1/p')
    echo "${v:-none}"
}
asn() { lookup "$1" "$2" autonomous_system_number; }
org() { lookup "$1" "$2" autonomous_system_organization; }
epoch() { mmdblookup --verbose --file "$1" --ip 10.0.0.1 | sed -nE 's/^ *Build epoch: *([0-9]+).*/\1/p'; }
dbtype() { mmdblookup --verbose --file "$1" --ip 10.0.0.1 | sed -nE 's/^ *Type: *(.*)$/\1/p'; }
# run_status WANT_STATUS STDERR_SUBSTRING CMD... : the exit status and a phrase of stderr
run_status() {
    local want=$1 phrase=$2 st
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    st=$?
    expect "exit status of $*" "$st" "$want"
    if grep -qF -- "$phrase" "$work/err"; then ok; else
        fail "stderr of $* lacks '$phrase':"; cat "$work/err" >&2
    fi
}

"$mkmrt" "$work/v1.mrt" || { echo "mkmrt failed" >&2; exit 1; }
"$mkmrt" -v 2 "$work/v2.mrt" || { echo "mkmrt failed" >&2; exit 1; }

echo "== the prefix table: IPv4 then IPv6, wider first; the default route left out"
"$prefixes" -q "$work/v1.mrt" >"$work/v1.txt" || fail "honeyshark-asdb-prefixes v1.mrt"
expect "table" "$(grep -v '^;' "$work/v1.txt" | tr '\t\n' '= ')" \
    "10.0.0.0/8=64500 10.1.0.0/16=64501 10.2.0.0/16=64505 89.160.0.0/16=29518 175.16.0.0/16=4837 \
10.1.2.0/24=64502 67.43.156.0/24=35908 81.2.69.0/24=20712 192.0.2.0/24=64511 198.51.100.0/24=64520 \
203.0.113.0/24=64525 216.160.83.0/24=209 2002::/16=6939 2001:218::/32=2914 2001:db8::/32=64540 \
2001:db8:1::/48=4200000001 "
expect "dump time comment" "$(grep '^; dump-timestamp' "$work/v1.txt")" \
    "; dump-timestamp: 1409529600 (2014-09-01 00:00:00 UTC)"
run_status 0 "2 MOAS" "$prefixes" -m "$work/v1.mrt"
if grep -qF "MOAS 192.0.2.0/24: origin 64511 (2 of 3 routes; 2 origins)" "$work/err"; then ok; else
    fail "-m lists no MOAS 192.0.2.0/24"; fi

echo "== an MMDB from an MRT dump, dated by its MRT time"
run_status 0 "date 2014-09-01 (build_epoch 1409529600, from the MRT dump time)" \
    "$asdb" "$work/v1.mrt" -o "$work/v1.mmdb"
expect "build_epoch" "$(epoch "$work/v1.mmdb")" 1409529600
expect "database_type" "$(dbtype "$work/v1.mmdb")" honeyshark-ASN
while read -r ip want why; do
    expect "$ip ($why)" "$(asn "$work/v1.mmdb" "$ip")" "$want"
done <<'CASES'
10.9.9.9 64500 in /8 only
10.1.9.9 64501 /16 inside /8
10.1.2.3 64502 /24 inside /16: the most specific wins
10.2.3.4 64505 ADDPATH RIB
192.0.2.1 64511 MOAS majority
198.51.100.1 64520 MOAS tie: lowest AS
203.0.113.9 64525 AS_SET: smallest member
11.0.0.1 none the default route is left out
81.2.69.160 20712 demo source
2001:db8:2::1 64540 IPv6
2001:db8:1::1 4200000001 4-byte AS
::ffff:10.1.2.3 64502 IPv4-mapped alias
2002:a01:203::1 64502 6to4 alias of 10.1.2.3
CASES
expect "no organization without --names" "$(org "$work/v1.mmdb" 10.1.2.3)" none

echo "== --date overrides the MRT time; standard input; the second dated database"
run_status 0 "build_epoch 1577923200, from --date" \
    "$asdb" --date 2020-01-02 "$work/v2.mrt" -o "$work/v2.mmdb"
expect "build_epoch --date" "$(epoch "$work/v2.mmdb")" 1577923200
expect "10.1.2.3 in v2" "$(asn "$work/v2.mmdb" 10.1.2.3)" 64503
expect "81.2.69.160 in v2" "$(asn "$work/v2.mmdb" 81.2.69.160)" 8560
"$asdb" -q - -o "$work/stdin.mmdb" <"$work/v2.mrt" 2>"$work/err" || fail "stdin: $(cat "$work/err")"
expect "build_epoch from stdin's MRT time" "$(epoch "$work/stdin.mmdb")" 1577836800

echo "== IPASN input, dated by its file name, with AS names; merged with MRT"
printf '; IP-ASN32-DAT file\n10.0.0.0/8\t64500\n10.1.0.0/16\t64501\n10.1.2.128/25\t64999\n' \
    >"$work/ipasn_20150301.dat"
printf '# RIPE asn.txt layout\n64500 Slash Eight Net, ZZ\nAS64501 Z\xc3\xbcrich Sixteen\n' >"$work/names.txt"
run_status 0 "from the file name ipasn_20150301.dat" \
    "$asdb" --names "$work/names.txt" "$work/ipasn_20150301.dat" -o "$work/ipasn.mmdb"
expect "build_epoch from the name" "$(epoch "$work/ipasn.mmdb")" 1425168000
expect "org of 10.9.9.9" "$(org "$work/ipasn.mmdb" 10.9.9.9)" "Slash Eight Net, ZZ"
expect "org of 10.1.9.9 (UTF-8)" "$(org "$work/ipasn.mmdb" 10.1.9.9)" "Zürich Sixteen"
expect "no org for an unnamed AS" "$(org "$work/ipasn.mmdb" 10.1.2.200)" none
expect "asn of 10.1.2.200" "$(asn "$work/ipasn.mmdb" 10.1.2.200)" 64999
"$asdb" -q "$work/v1.mrt" "$work/ipasn_20150301.dat" -o "$work/merged.mmdb" ||
    fail "merging MRT and IPASN"
expect "merged: /25 from IPASN" "$(asn "$work/merged.mmdb" 10.1.2.200)" 64999
expect "merged: /24 from MRT" "$(asn "$work/merged.mmdb" 10.1.2.3)" 64502
expect "merged: MRT time" "$(epoch "$work/merged.mmdb")" 1409529600
# the table printed by honeyshark-asdb-prefixes is IPASN: it reads back the same
"$prefixes" -q "$work/v1.txt" >"$work/again.txt" || fail "reading the table back"
expect "round trip" "$(grep -v '^;' "$work/again.txt" | md5sum)" "$(grep -v '^;' "$work/v1.txt" | md5sum)"
"$asdb" -q "$work/v1.txt" -o "$work/again.mmdb" || fail "an MMDB from the table"
expect "round trip keeps the dump time" "$(epoch "$work/again.mmdb")" 1409529600

echo "== bad input and usage"
printf 'this is neither MRT nor IPASN\n' >"$work/garbage.mrt" # text: read as IPASN
printf '\0\0\0\1\x77\x77\0\0\0\0\0\0junk' >"$work/garbage2.mrt"
run_status 1 "garbage2.mrt: offset 0: not an MRT record header" \
    "$asdb" -f mrt "$work/garbage2.mrt" -o "$work/bad.mmdb"
run_status 1 "not an MRT record header (unknown MRT type)" \
    "$asdb" --format mrt "$work/garbage2.mrt" -o "$work/bad.mmdb"
run_status 1 "garbage.mrt:1: no '/' in the prefix" "$asdb" "$work/garbage.mrt" -o "$work/bad.mmdb"
[ ! -e "$work/bad.mmdb" ] && ok || fail "an output was written for bad input"
printf '10.0.0.0/8\t64500\n10.0.0.0/8 sixty\n' >"$work/bad.dat"
run_status 1 "bad.dat:2: AS number is not a number" \
    "$asdb" --date 2015-03-01 "$work/bad.dat" -o "$work/bad.mmdb"
bzip2 -c "$work/v1.mrt" >"$work/rib.bz2" 2>/dev/null && \
    run_status 1 "bzip2-compressed data, not MRT: uncompress it first (bzcat" \
        "$asdb" "$work/rib.bz2" -o "$work/bad.mmdb"
run_status 2 "cannot open $work/missing.mrt" "$asdb" "$work/missing.mrt" -o "$work/bad.mmdb"
run_status 2 "no output: -o OUT.mmdb" "$asdb" "$work/v1.mrt"
run_status 2 "--date 2015-02-30 is not a date" "$asdb" --date 2015-02-30 "$work/v1.mrt" -o "$work/bad.mmdb"
printf '10.0.0.0/8\t64500\n' >"$work/undated.dat"
run_status 2 "no date" "$asdb" "$work/undated.dat" -o "$work/bad.mmdb"
run_status 2 "no input given" "$prefixes"
"$asdb" --help >"$work/help" && ok || fail "--help exit status"
grep -qF "http://archive.routeviews.org/bgpdata/2015.03/RIBS/rib.20150301.0000.bz2" "$work/help" &&
    ok || fail "--help lacks the RouteViews example"

echo "== a dump cut inside its last record: a warning, the routes before it kept"
size=$(stat -c %s "$work/v1.mrt")
head -c $((size - 5)) "$work/v1.mrt" >"$work/cut.mrt"
run_status 0 "ends inside a record" "$asdb" "$work/cut.mrt" -o "$work/cut.mmdb"
expect "cut: earlier routes kept" "$(asn "$work/cut.mmdb" 2001:db8:1::1)" 4200000001
if grep -q "cut.mrt: offset [0-9]*: the input ends inside a record" "$work/err"; then ok; else
    fail "cut: no 'file: offset N:' warning"; fi

echo "e2e.asdb: $checks checks passed, $failures failed"
[ "$failures" = 0 ]
