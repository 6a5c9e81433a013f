#!/bin/bash
# cli_report.sh - honeyshark-report as a program: golden outputs of every
# report on the fixtures (hand-checked; see fixtures/mkfixtures.py for the
# frames), both layouts giving the same output, and the command-line
# contract: exit codes, warnings, truncation, atomic output, merge.
#
# Usage: cli_report.sh path/to/honeyshark-report
# To refresh the golden files after an intended change (check the diff by
# hand!):  HSR_REFRESH=1 bash tests/report/cli_report.sh build/postproc/honeyshark-report
set -u
BIN=$(realpath "${1:?usage: cli_report.sh HONEYSHARK_REPORT}")
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$HERE/fixtures
EXP=$HERE/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hsr-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
PASS=0
FAIL=0

ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

SENSORS=(--sensor-by dst --sensor tokyo=192.0.2.10 --sensor osaka=198.51.100.20)
REPORTS="as-time country ports timeline grades as-ports multiport os exploits"
# Every report, and those with grade columns again for the rce family.
VARIANTS="$REPORTS as-time:rce country:rce timeline:rce grades:rce as-ports:rce"
# run_variant R[:rce] [merge] ARGS...: the report, with --family rce for R:rce
run_variant() {
    local v=$1 merge=()
    shift
    [ "${1:-}" = merge ] && merge=(merge) && shift
    case $v in
    *:rce) "$BIN" "${merge[@]}" -r "${v%:rce}" --family rce "$@" ;;
    *) "$BIN" "${merge[@]}" -r "$v" "$@" ;;
    esac
}

# same_output FILE EXPECTED: byte for byte; JSON as data (json-c's pretty
# printer lays out empty arrays differently from one release to the next).
same_output() {
    case "$1" in
    *.json) cmp -s <(jq -S . "$1" 2>&1) <(jq -S . "$2" 2>&1) && jq -e . "$1" >/dev/null 2>&1 ;;
    *) cmp -s "$1" "$2" ;;
    esac
}

# golden NAME ARGS...: stdout of the report must equal expected/NAME.
golden() {
    local name=$1
    shift
    "$BIN" "$@" >"$TMP/$name" 2>"$TMP/$name.err"
    local rc=$?
    if [ -n "${HSR_REFRESH:-}" ]; then
        cp "$TMP/$name" "$EXP/$name"
    fi
    if [ $rc = 0 ] && same_output "$TMP/$name" "$EXP/$name"; then
        ok "golden $name"
    else
        bad "golden $name (exit $rc)"
        diff -u "$EXP/$name" "$TMP/$name" | head -40
        echo "  refresh: HSR_REFRESH=1 bash $0 $BIN"
    fi
}

mkdir -p "$EXP"
cd "$FIX" || exit 1
golden as-time.txt --tz Asia/Tokyo small.e.ek
golden country.txt -r country --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden ports.txt -r ports --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden ports.csv -r ports -f csv --tz Asia/Tokyo small.e.ek
golden timeline-6h.txt -r timeline -b 6h -p 23 --tz Asia/Tokyo small.e.ek
golden timeline.json -r timeline -f json --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden grades.txt -r grades --tz Asia/Tokyo small.e.ek
golden grades.json -r grades -f json --tz Asia/Tokyo small.e.ek
golden as-ports.txt -r as-ports --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden multiport.txt -r multiport --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden multiport.csv -r multiport -f csv --tz Asia/Tokyo small.e.ek
golden os.txt -r os --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden as-time-top1.txt -r as-time --top 1 --tz Asia/Tokyo small.e.ek
golden country-utc-top2.csv -r country --top 2 -f csv small.e.ek
golden as-time-1h-berlin.txt -b 1h --tz Europe/Berlin small.e.ek
golden exploits.txt -r exploits --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden exploits-top1.csv -r exploits --top 1 -f csv small.e.ek
golden grades-rce.txt -r grades --family rce --tz Asia/Tokyo small.e.ek
golden country-rce.txt -r country --family rce --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek
golden timeline-rce.json -r timeline --family rce -f json --tz Asia/Tokyo small.e.ek

# The full layout gives exactly what the -e layout gives, for every report.
same=1
for r in $VARIANTS; do
    for f in table csv json; do
        run_variant $r -f $f --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek >"$TMP/e.out" 2>/dev/null
        run_variant $r -f $f --tz Asia/Tokyo "${SENSORS[@]}" small.full.ek >"$TMP/full.out" 2>/dev/null
        cmp -s "$TMP/e.out" "$TMP/full.out" || { same=0; echo "  layouts differ: $r $f"; }
    done
done
check "both layouts give the same output (14 report variants x 3 formats)" "[ $same = 1 ]"

# Sensors labelling inputs: two inputs side by side, stdin included.
"$BIN" -r country -f csv --tz Asia/Tokyo --sensor a small.e.ek --sensor b - <small.full.ek \
    >"$TMP/ab.csv" 2>&1
check "sensors by input: side-by-side columns" \
    "head -1 '$TMP/ab.csv' | grep -q '^country,name,ss_attempts:a,ss_attempts:b,ss_attempts,' &&
     grep -q '^JP,Japan,1,1,2,' '$TMP/ab.csv'"
"$BIN" --sensor a small.e.ek --sensor b >/dev/null 2>"$TMP/err"; rc=$?
check "a --sensor that labels nothing: exit 2, clear message" \
    "[ $rc = 2 ] && grep -q 'labels no input' '$TMP/err'"
"$BIN" --sensor 'a=300.1.1.1' small.e.ek >/dev/null 2>"$TMP/err"; rc=$?
check "a bad sensor address is an error" "[ $rc = 2 ] && grep -q 'not an IPv4 or IPv6' '$TMP/err'"

# CRLF and a last line without newline read the same.
sed 's/$/\r/' small.e.ek >"$TMP/crlf.ek"
printf '%s' "$(cat small.e.ek)" >"$TMP/nonl.ek"
"$BIN" --tz Asia/Tokyo "$TMP/crlf.ek" >"$TMP/crlf.out" 2>&1
"$BIN" --tz Asia/Tokyo "$TMP/nonl.ek" >"$TMP/nonl.out" 2>&1; rc=$?
check "CRLF reads the same" "cmp -s '$TMP/crlf.out' '$EXP/as-time.txt'"
check "no final newline reads the same (exit $rc)" "[ $rc = 0 ] && cmp -s '$TMP/nonl.out' '$EXP/as-time.txt'"

# Malformed lines: warned with file:line, counted, skipped, totals marked.
{ head -4 small.e.ek; echo '{"layers": broken'; echo 'garbage'; sed -n '5,$p' small.e.ek; } >"$TMP/bad.ek"
"$BIN" --tz Asia/Tokyo "$TMP/bad.ek" >"$TMP/bad.out" 2>"$TMP/bad.err"; rc=$?
check "malformed lines: exit 0" "[ $rc = 0 ]"
check "malformed lines: file:line warnings" \
    "grep -q '^$TMP/bad.ek:5: not valid JSON, line skipped\$' '$TMP/bad.err' &&
     grep -q '^$TMP/bad.ek:6: not valid JSON' '$TMP/bad.err'"
check "malformed lines: summary line on stderr" "grep -q '2 malformed lines skipped' '$TMP/bad.err'"
check "malformed lines: the report says it is incomplete" \
    "grep -q '^total (incomplete)' '$TMP/bad.out' && grep -q '^# INCOMPLETE: 2 malformed lines skipped' '$TMP/bad.out'"
check "malformed lines: every good frame still counted" "grep -q '^# 12 frames read, 12 counted' '$TMP/bad.out'"
"$BIN" -f json "$TMP/bad.ek" >"$TMP/bad.json" 2>/dev/null
check "malformed lines: JSON says complete=false" "grep -q '\"complete\": false' '$TMP/bad.json'"

# Truncated stream: the report of what was read, saying so; exit 3.
head -c 2000 small.e.ek >"$TMP/cut.ek"
"$BIN" "$TMP/cut.ek" >"$TMP/cut.out" 2>"$TMP/cut.err"; rc=$?
check "truncated: exit 3" "[ $rc = 3 ]"
check "truncated: warned and reported" \
    "grep -q 'input truncated' '$TMP/cut.err' && grep -q '^# INCOMPLETE: input truncated' '$TMP/cut.out' &&
     grep -q '^total (incomplete)' '$TMP/cut.out'"
head -n 3 small.e.ek >"$TMP/idx.ek"
"$BIN" "$TMP/idx.ek" >"$TMP/idx.out" 2>"$TMP/idx.err"; rc=$?
check "ends after an index line: truncated" "[ $rc = 3 ] && grep -q 'index line without its record' '$TMP/idx.err'"

# Not ek at all: a clear error, exit 2, nothing on stdout.
printf 'hello\nworld\n' | "$BIN" >"$TMP/ne.out" 2>"$TMP/ne.err"; rc=$?
check "not ek (text): exit 2, clear error, no output" \
    "[ $rc = 2 ] && [ ! -s '$TMP/ne.out' ] && grep -q 'not tshark -T ek output' '$TMP/ne.err'"
head -c 4096 /dev/urandom >"$TMP/bin.pcap"
"$BIN" "$TMP/bin.pcap" >"$TMP/nb.out" 2>/dev/null; rc=$?
check "not ek (binary): exit 2, no output" "[ $rc = 2 ] && [ ! -s '$TMP/nb.out' ]"
printf '{"a":1}\n[1]\n' | "$BIN" >/dev/null 2>&1; rc=$?
check "JSON that is not ek: exit 2" "[ $rc = 2 ]"
: | "$BIN" >"$TMP/empty.out" 2>&1; rc=$?
check "empty input: exit 0, zero frames" "[ $rc = 0 ] && grep -q '^# 0 frames read, 0 counted' '$TMP/empty.out'"
"$BIN" "$TMP/missing.ek" >/dev/null 2>"$TMP/err"; rc=$?
check "missing input: exit 2" "[ $rc = 2 ] && grep -q 'cannot read' '$TMP/err'"

# Bad options: clear error, exit 2.
for args in "--bogus" "-x" "--bucket 7h" "--bucket 1w" "--tz Mars/Base" "--tz ../etc/passwd" \
    "--port 70000" "--port sctp/1" "--top -1" "--format xml" "--report nope" "--sensor-by src" "--top"; do
    # shellcheck disable=SC2086
    "$BIN" $args small.e.ek >"$TMP/opt.out" 2>"$TMP/opt.err"; rc=$?
    if [ $rc = 2 ] && [ ! -s "$TMP/opt.out" ] && [ -s "$TMP/opt.err" ]; then
        ok "option error: $args"
    else
        bad "option error: $args (exit $rc)"
        cat "$TMP/opt.err"
    fi
done
"$BIN" --help >"$TMP/help" 2>&1; rc=$?
check "--help: exit 0, examples and exit codes" \
    "[ $rc = 0 ] && grep -q '^Examples:' '$TMP/help' && grep -q '^Exit status' '$TMP/help' && grep -q 'merge STATE' '$TMP/help'"
"$BIN" --version >"$TMP/ver"; rc=$?
check "--version" "[ $rc = 0 ] && grep -q '^honeyshark-report [0-9]' '$TMP/ver'"

# --fields: what tshark -e must ask for, one name per line.  The -e layout
# made of just those fields (here cut from the full-layout fixture, with
# tshark's names: ip.src is layers.ip_src there, layers.ip.ip_ip_src in the
# full layout) gives every report exactly as the full layout does.
"$BIN" --fields >"$TMP/fields" 2>"$TMP/err"; rc=$?
check "--fields: exit 0, one field name per line, none twice" \
    "[ $rc = 0 ] && [ -s '$TMP/fields' ] && [ ! -s '$TMP/err' ] && ! grep -Evq '^[a-z0-9_]+(\\.[a-z0-9_]+)+\$' '$TMP/fields' && [ -z \"\$(sort '$TMP/fields' | uniq -d)\" ]"
"$BIN" --fields -q small.e.ek >"$TMP/opt.out" 2>"$TMP/err"; rc=$?
check "--fields with other arguments: exit 2, says so" \
    "[ $rc = 2 ] && [ ! -s '$TMP/opt.out' ] && grep -q -- '--fields is given alone' '$TMP/err'"
# shellcheck disable=SC2016
jq -c --arg names "$(cat "$TMP/fields")" '
    ($names | split("\n") | map(select(length > 0))) as $f
    | if has("layers") then .layers |= (. as $l | reduce $f[] as $n ({};
        ($n | gsub("\\."; "_")) as $e | ($n | split(".")[0]) as $p
        | ($l[$p] | if type == "array" then .[0] else . end
           | if type == "object" then .[$p + "_" + $e] else null end) as $v
        | if $v == null then . else .[$e] = ($v | if type == "array" then map(tostring) else [tostring] end) end))
      else . end' small.full.ek >"$TMP/listed.e.ek" 2>"$TMP/err"
check "the fixture cut to the --fields fields, in the -e layout" \
    "[ -s '$TMP/listed.e.ek' ] && grep -q '\"src_os\":' '$TMP/listed.e.ek' && ! grep -q '\"ip\":{' '$TMP/listed.e.ek'"
same=1
for r in $VARIANTS; do
    for f in table csv json; do
        run_variant $r -f $f --tz Asia/Tokyo "${SENSORS[@]}" small.full.ek >"$TMP/full.out" 2>/dev/null
        run_variant $r -f $f --tz Asia/Tokyo "${SENSORS[@]}" "$TMP/listed.e.ek" >"$TMP/e.out" 2>/dev/null
        cmp -s "$TMP/e.out" "$TMP/full.out" || { same=0; echo "  differs: $r $f"; }
    done
done
check "-e layout of the --fields fields = full layout (14 report variants x 3 formats)" "[ $same = 1 ]"

# Output files appear whole or not at all.
"$BIN" -o "$TMP/nodir/x.txt" small.e.ek 2>"$TMP/err"; rc=$?
check "unwritable -o: exit 2, clear error" "[ $rc = 2 ] && grep -q 'cannot write report' '$TMP/err'"
echo "previous" >"$TMP/keep.txt"
printf 'garbage\n' | "$BIN" -o "$TMP/keep.txt" 2>/dev/null; rc=$?
check "failed run leaves an existing -o file untouched" \
    "[ $rc = 2 ] && [ \"\$(cat '$TMP/keep.txt')\" = previous ] && [ -z \"\$(ls '$TMP' | grep tmp)\" ]"
"$BIN" -o "$TMP/out.txt" --tz Asia/Tokyo small.e.ek; rc=$?
check "-o writes the report" "[ $rc = 0 ] && cmp -s '$TMP/out.txt' '$EXP/as-time.txt'"
"$BIN" --save-state "$TMP/nodir/s" small.e.ek >/dev/null 2>&1; rc=$?
check "unwritable --save-state: exit 2" "[ $rc = 2 ]"
if [ "$(id -u)" != 0 ]; then
    mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
    "$BIN" -o "$TMP/ro/x" small.e.ek 2>/dev/null; rc=$?
    check "read-only directory: exit 2" "[ $rc = 2 ]"
fi
if [ -w /dev/full ]; then
    "$BIN" small.e.ek >/dev/full 2>"$TMP/err"; rc=$?
    check "stdout full: exit 2, clear error" "[ $rc = 2 ] && grep -q 'cannot write stdout' '$TMP/err'"
fi

# Merge through the CLI: pieces cut at records, states merged, same output.
n=$(wc -l <small.full.ek)
head -n 8 small.full.ek >"$TMP/p1.ek"
sed -n "9,16p" small.full.ek >"$TMP/p2.ek"
sed -n "17,${n}p" small.full.ek >"$TMP/p3.ek"
for i in 1 2 3; do
    "$BIN" --tz Asia/Tokyo -b 6h "${SENSORS[@]}" --save-state "$TMP/p$i.state" "$TMP/p$i.ek" >/dev/null
done
same=1
for r in $VARIANTS; do
    for f in table csv json; do
        run_variant $r -f $f -p 23 --tz Asia/Tokyo -b 6h "${SENSORS[@]}" small.full.ek >"$TMP/one" 2>&1
        run_variant $r merge "$TMP/p3.state" "$TMP/p1.state" "$TMP/p2.state" -f $f -p 23 >"$TMP/m" 2>&1
        cmp -s "$TMP/one" "$TMP/m" || { same=0; echo "  differs: $r $f"; diff "$TMP/one" "$TMP/m" | head; }
    done
done
"$BIN" -f html --tz Asia/Tokyo -b 6h "${SENSORS[@]}" small.full.ek >"$TMP/one.html"
"$BIN" merge "$TMP/p1.state" "$TMP/p2.state" "$TMP/p3.state" -f html >"$TMP/m.html"
cmp -s "$TMP/one.html" "$TMP/m.html" || same=0
check "merge of 3 states = one run (14 report variants x 3 formats, and html)" "[ $same = 1 ]"

# A state of format 1 (before the rce family; fixtures/format1.state, written
# by that version from small.e.ek) still reads: the same Shellshock counts,
# and no rce attempts in it.
same=1
for r in as-time country timeline grades as-ports; do
    "$BIN" -r $r -f csv --tz Asia/Tokyo "${SENSORS[@]}" small.e.ek 2>/dev/null |
        grep -v '^rce' >"$TMP/new.csv"
    "$BIN" merge format1.state -r $r -f csv 2>/dev/null >"$TMP/old.csv" || same=0
    cmp -s "$TMP/new.csv" "$TMP/old.csv" || { same=0; echo "  differs: $r"; diff "$TMP/new.csv" "$TMP/old.csv" | head -5; }
done
"$BIN" merge format1.state -r grades --family rce -f csv >"$TMP/old-rce.csv" 2>/dev/null || same=0
"$BIN" merge format1.state -r exploits -f csv >"$TMP/old-x.csv" 2>/dev/null || same=0
check "a format-1 state reads: Shellshock counts as before, no rce attempt, no exploit" \
    "[ $same = 1 ] && grep -q '^total,,,0,0,0,0' '$TMP/old-rce.csv' && grep -q '^total,,0,' '$TMP/old-x.csv'"
"$BIN" merge "$TMP/p1.state" --bucket 1d >/dev/null 2>"$TMP/err"; rc=$?
check "merge with another --bucket: exit 2" "[ $rc = 2 ] && grep -q 'different --bucket' '$TMP/err'"
"$BIN" --save-state "$TMP/utc.state" small.e.ek >/dev/null
"$BIN" merge "$TMP/p1.state" "$TMP/utc.state" >/dev/null 2>"$TMP/err"; rc=$?
check "merging states of different zones: exit 2" "[ $rc = 2 ]"
"$BIN" merge small.e.ek >/dev/null 2>"$TMP/err"; rc=$?
check "merge of a non-state: exit 2, names file and line" "[ $rc = 2 ] && grep -q 'small.e.ek:1:' '$TMP/err'"
"$BIN" merge "$TMP/p1.state" "$TMP/p1.state" -r timeline -f csv -b 6h >"$TMP/twice.csv"
"$BIN" -r timeline -f csv -b 6h --tz Asia/Tokyo "${SENSORS[@]}" "$TMP/p1.ek" "$TMP/p1.ek" >"$TMP/twice1.csv"
check "a state merged twice counts twice, like reading the input twice" "cmp -s '$TMP/twice.csv' '$TMP/twice1.csv'"

# HTML: one self-contained page, every report, an SVG chart.
"$BIN" -f html --tz Asia/Tokyo "${SENSORS[@]}" -o "$TMP/r.html" small.e.ek
check "html: every report, inline SVG" \
    "[ \$(grep -c '<section id=' '$TMP/r.html') = 9 ] && grep -q '<svg ' '$TMP/r.html'"
check "html: no script, no external asset" \
    "! grep -Eqi '<script|<link|<img|src=|href=\"[^#]|url\\([^#]|@import' '$TMP/r.html'"
check "html: hostile strings escaped" "grep -q 'Six &quot;Org&quot;' '$TMP/r.html'"

# SVG: one report's charts alone, a standalone XML document.
"$BIN" -f svg -r timeline --tz Asia/Tokyo "${SENSORS[@]}" -o "$TMP/t.svg" small.e.ek
check "svg: an XML document with the timeline's two charts" \
    "head -1 '$TMP/t.svg' | grep -q '^<?xml' && [ \$(grep -c 'class=\"chart\"' '$TMP/t.svg') = 2 ]"
check "svg: the charts of the page, the same bytes" \
    "sed -n '/<svg [^>]*data-report=\"timeline\"/,/<\\/svg>/p' '$TMP/t.svg' | sed 's/ y=\"[0-9]*\" width/ width/' >'$TMP/t1' &&
     sed -n '/<svg [^>]*data-report=\"timeline\"/,/<\\/svg>/p' '$TMP/r.html' | sed 's/ y=\"[0-9]*\" width/ width/' >'$TMP/t2' &&
     [ -s '$TMP/t1' ] && cmp -s '$TMP/t1' '$TMP/t2'"
check "svg: a report without rows says so" \
    "'$BIN' -f svg -r multiport -p udp/9999 small.e.ek 2>/dev/null | grep -q 'no rows to draw'"

# Work proportional to the data: a stray timestamp years away (a broken
# clock) does not fill millions of empty buckets, and 60 AS with --top 0
# draw 24 panels, not 60 (the table has them all).
{
    printf '{"index":{}}\n{"timestamp":"1709305199000","layers":{"ip_src":["198.51.100.1"],"tcp_dstport":["23"]}}\n'
    printf '{"index":{}}\n{"timestamp":"1201596879000","layers":{"ip_src":["198.51.100.1"],"tcp_dstport":["23"]}}\n'
} >"$TMP/stray.ek"
"$BIN" -r timeline -b 1h "$TMP/stray.ek" >"$TMP/stray.txt" 2>/dev/null
check "timeline: a stray timestamp is not filled (2 rows, a note)" \
    "[ \$(grep -c '^20' '$TMP/stray.txt') = 2 ] && grep -q '141029 empty buckets.*not shown' '$TMP/stray.txt'"
"$BIN" -r timeline -b 1d -f csv "$TMP/stray.ek" >"$TMP/stray-d.csv" 2>/dev/null
check "timeline: a span of 5877 days is filled (5877 rows)" \
    "[ \$(grep -c '^20' '$TMP/stray-d.csv') = 5877 ]"
for i in $(seq 1 60); do
    printf '{"index":{}}\n{"timestamp":"1709305199000","layers":{"ip_src":["198.51.100.%d"],"tcp_dstport":["80"],"src_asn":["%d"],"shellshock_grade":["3"]}}\n' "$i" $((64500 + i))
done >"$TMP/many-as.ek"
"$BIN" -r grades --top 0 -f svg "$TMP/many-as.ek" >"$TMP/many-as.svg" 2>/dev/null
check "charts: 60 AS panels capped at 24, the rest named as in the table only" \
    "[ \$(grep -o '<g data-row=\"[0-9]*\"' '$TMP/many-as.svg' | sort -u | wc -l) = 24 ] && grep -q 'the first 24 of 60; the table lists them all' '$TMP/many-as.svg'"

# --rows: each frame towards a sensor as a TabSeparated row (contrib/clickhouse).
"$BIN" --rows "$TMP/rows.tsv" --rows-id 5 --sensor tokyo=192.0.2.10 "$FIX/small.e.ek" \
    --save-state "$TMP/rows.state" >"$TMP/rows.out" 2>&1
rc=$?
counted=$(awk '$1 == "summary" { print $6 }' "$TMP/rows.state")
read_=$(awk '$1 == "summary" { print $5 }' "$TMP/rows.state")
check "--rows: exit 0, no report printed" "[ $rc = 0 ] && [ ! -s '$TMP/rows.out' ]"
check "--rows: the header names 20 columns, input_id first" \
    "[ \"\$(head -1 '$TMP/rows.tsv' | awk -F'\t' '{ print NF, \$1, \$3 }')\" = '20 input_id sensor' ]"
check "--rows: one row per frame towards the sensor ($counted of $read_), each of 20 fields" \
    "[ \$(tail -n +2 '$TMP/rows.tsv' | awk -F'\t' 'NF == 20 && \$1 == 5 && \$3 == \"tokyo\"' | wc -l) = $counted ] && [ $counted -lt $read_ ] && [ \$(wc -l <'$TMP/rows.tsv') = \$(($counted + 1)) ]"
check "--rows: seq numbers the frames of the input, rising" \
    "tail -n +2 '$TMP/rows.tsv' | awk -F'\t' 'NR > 1 && \$2 <= prev { exit 1 } { prev = \$2 }'"
printf '{"index":{}}\n{"timestamp":"1709305199000","layers":{"ip_src":["198.51.100.1"],"ip_dst":["192.0.2.10"],"src_as_org":["A\\\\B\\tC"],"src_asn":["64500"]}}\n' >"$TMP/esc.ek"
"$BIN" --rows - "$TMP/esc.ek" >"$TMP/esc.tsv" 2>/dev/null
check "--rows: a backslash is escaped, a tab cleaned to '?' (one line, 20 fields)" \
    "[ \"\$(tail -n +2 '$TMP/esc.tsv' | awk -F'\t' '{ print NF, \$13 }')\" = '20 A\\\\B?C' ]"
"$BIN" merge "$TMP/rows.state" --rows - >/dev/null 2>"$TMP/err"
check "--rows with merge: exit 2, clear message" "[ \$? = 2 ] && grep -q 'rows writes rows' '$TMP/err'"
"$BIN" --rows - --rows-id x "$FIX/small.e.ek" >/dev/null 2>"$TMP/err"
check "--rows-id x: exit 2" "[ \$? = 2 ] && grep -q 'rows-id x' '$TMP/err'"

# --maps: a state holding only the aggregates a report names gives that
# report exactly (contrib/clickhouse fills only those).
"$BIN" "${SENSORS[@]}" "$FIX/small.e.ek" --save-state "$TMP/full.state" >/dev/null 2>&1
maps_ok=1
for r in $REPORTS; do
    keep=" $("$BIN" --maps -r "$r" | tr '\n' ' ')"
    awk -v keep="$keep" '
        skip > 0 { skip--; if (!drop) print; next }
        $1 == "map" { drop = index(keep, " " $2 " ") == 0; skip = $3
                      print drop ? "map " $2 " 0" : $0; next }
        { print }' "$TMP/full.state" >"$TMP/part.state"
    for opts in "" "-n 0" "--family rce" "-p 80" "-p udp/53 -n 1"; do
        # shellcheck disable=SC2086 # opts are separate words
        if ! cmp -s <("$BIN" merge "$TMP/full.state" -r "$r" -f json $opts 2>&1) \
            <("$BIN" merge "$TMP/part.state" -r "$r" -f json $opts 2>&1); then
            maps_ok=0
            echo "  --maps -r $r $opts: the report differs without the other aggregates" >&2
        fi
    done
done
check "--maps: each report is the same from only the aggregates it names (9 reports x 5 option sets)" "[ $maps_ok = 1 ]"
check "--maps -f html names every aggregate (18)" "[ \$(\"$BIN\" --maps -f html | wc -l) = 18 ]"

# The rows form of a state (what contrib/clickhouse's queries return).
rows_head=$'honeyshark-report-rows 1\nbucket 86400 1d\ntz UTC\nsensor-by input\nsensor 0 s1\nsummary 15 1 3 3 3 0 3 0 0 0 3 3 0 2 0 0'
printf '%s\nas\t1709251200\t64500\t0\t2\t0\t0\t1\t0\t0\t0\nas\t1709251200\t64500\t0\t1\t0\t1\t0\t0\t0\t0\nas_org\t64500\ts:Net\\\\A B%%\t0\t3\nas_src\t1709251200\t64500\ts:203.0.113.5\t3\nend\n' "$rows_head" >"$TMP/rows.ok"
"$BIN" merge "$TMP/rows.ok" -r as-time -f csv >"$TMP/rows.csv" 2>"$TMP/err"
check "rows state: entries of one key add up, escapes read (3 frames, 1 yellow, 1 red, org 'Net\\A B%')" \
    "[ \"\$(sed -n 2p '$TMP/rows.csv' | tr -d '\\r')\" = '2024-03-01,64500,Net\\A B%,3,1,2,0,1,1,' ]"
rows_bad=0
while IFS='|' read -r what body; do
    printf '%s\n%b\n' "$rows_head" "$body" >"$TMP/rows.bad"
    "$BIN" merge "$TMP/rows.bad" >/dev/null 2>"$TMP/err"
    rc=$?
    if [ $rc != 2 ] || ! grep -qE 'rows.bad(:[0-9]+)?: ' "$TMP/err"; then
        rows_bad=1
        echo "  rows state, $what: exit $rc, $(head -1 "$TMP/err")" >&2
    fi
done <<'CASES'
unknown map|nosuch\t1\t2\t3\t4\nend
too few counters|as\t1709251200\t64500\t0\t2\nend
a string where a number goes|as\ts:x\t64500\t0\t1\t0\t0\t0\t0\t0\t0\nend
a number where a string goes|as_org\t64500\t17\t0\t1\nend
a sensor out of range|as\t1709251200\t64500\t1\t1\t0\t0\t0\t0\t0\t0\nend
a bucket not on a boundary|as\t1709251201\t64500\t0\t1\t0\t0\t0\t0\t0\t0\nend
a key word that must be 0|as_org\t64500\ts:x\t5\t1\nend
a backslash at the end|as_org\t64500\ts:x\\\t0\t1\nend
an escaped NUL|as_org\t64500\ts:x\\0y\t0\t1\nend
counts that wrap|as_org\t64500\ts:x\t0\t18446744073709551615\nas_org\t64500\ts:x\t0\t1\nend
no end|as_org\t64500\ts:x\t0\t1
something after end|end\nas_org\t64500\ts:x\t0\t1
CASES
check "rows state: 12 kinds of damage refused (exit 2, file:line)" "[ $rows_bad = 0 ]"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
