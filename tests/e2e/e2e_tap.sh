#!/bin/bash
# e2e_tap.sh - the state tap (tshark -q -z honeyshark,state,FILE,...) gives
# exactly what the ek path gives (issue 12).
#
# For every test capture (HTTP, Telnet, the demo, IPv6 sources, SYN/SYN+ACK
# fingerprints, tunnels; with databases, so some frames are attributed and
# some are not) and several settings (buckets, time zones, sensors by
# input and by destination), it runs
#   ek:  tshark -T ek -e <honeyshark-report --fields> | honeyshark-report --save-state
#   tap: tshark -q -z honeyshark,state,FILE,<the same settings>
# and checks that every report in every format is byte-identical: printed
# by the ek run itself and by `merge` of either state.  Then bad -z options
# and an unwritable file fail with a message, before any frame is read;
# FILE "-" is standard output.
#
# Environment: HS_BUILD_DIR, HS_SOURCE_DIR (ctest sets them), HSR_BIN.
set -u
export LC_ALL=C
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
HSR=${HSR_BIN:-$HS_BUILD_DIR/postproc/honeyshark-report}
hs_setup
hs_require_plugin shellshock login src
hs_test_databases
hs_all_captures
chmod 777 "$HS_TMP" # the tap, run as the tshark user, writes its state here

mapfile -t EFIELDS < <("$HSR" --fields | sed 's/^/-e\n/')
mapfile -t REPORTS < <("$HSR" --help | sed -n '/^Reports/,/^$/p' | awk '/^  [a-z]/ { print $1 }')
hs_eq "honeyshark-report lists its reports (as-time, os among them)" \
    "$(printf '%s\n' "${REPORTS[@]}" | grep -cxE 'as-time|os')" 2
FORMATS=(table csv json html)

# Settings: the tap's -z options and honeyshark-report's, side by side.
# The destination sensors name addresses the captures send to.
SETTINGS=(
    "|"
    "bucket=1h,tz=Asia/Tokyo|--bucket 1h --tz Asia/Tokyo"
    "bucket=7d,tz=America/New_York|--bucket 7d --tz America/New_York"
    "bucket=30m,tz=Asia/Kolkata,sensor=tokyo|--bucket 30m --tz Asia/Kolkata --sensor tokyo"
    "sensor=s1=198.51.100.1+2001:db8::9|--sensor s1=198.51.100.1,2001:db8::9"
    "sensor-by=dst|--sensor-by dst"
    "sensor-by=dst,sensor=a=198.51.100.1,sensor=b=2001:db8::9|--sensor-by dst --sensor a=198.51.100.1 --sensor b=2001:db8::9"
)

# same WHAT A B: byte-identical files (the first differing lines if not).
same() {
    local d
    d=$(cmp "$2" "$3" >/dev/null 2>&1 || diff "$2" "$3" | head -4)
    hs_eq "$1" "$d" ""
}

for cap in "${HS_CAPTURES[@]}"; do
    # shellcheck disable=SC2086 # CAP_OPTS holds separate words
    hs_tshark -r "$HS_TMP/$cap.pcap" "${OPTS[@]}" ${CAP_OPTS[$cap]:-} -T ek "${EFIELDS[@]}" \
        >"$HS_TMP/$cap.ek" 2>"$HS_TMP/$cap.ek.err" ||
        { echo "FATAL: tshark -T ek failed on $cap:" >&2; cat "$HS_TMP/$cap.ek.err" >&2; exit 1; }
    n=0
    for setting in "${SETTINGS[@]}"; do
        n=$((n + 1))
        z=${setting%%|*}
        read -ra cli <<<"${setting#*|}"
        tag="$cap #$n (${z:-defaults})"
        ek_state=$HS_TMP/$cap.$n.ek.state
        tap_state=$HS_TMP/$cap.$n.tap.state
        # The ek input is labelled by a --sensor before it; by destination,
        # sensors are named up front and the input is not labelled.
        "$HSR" "${cli[@]}" --save-state "$ek_state" -o "$HS_TMP/ek.default" "$HS_TMP/$cap.ek" \
            2>"$HS_TMP/hsr.err" || { echo "FATAL: honeyshark-report failed ($tag):" >&2; cat "$HS_TMP/hsr.err" >&2; exit 1; }
        # shellcheck disable=SC2086
        hs_tshark -r "$HS_TMP/$cap.pcap" "${OPTS[@]}" ${CAP_OPTS[$cap]:-} -q \
            -z "honeyshark,state,$tap_state${z:+,$z}" >"$HS_TMP/tap.out" 2>&1
        hs_eq "$tag: the tap wrote its state" "$([ -s "$tap_state" ] && echo yes || cat "$HS_TMP/tap.out")" yes
        frames=$(grep -c '"layers"' "$HS_TMP/$cap.ek")
        hs_eq "$tag: the tap read every frame" "$(awk '$1 == "summary" { print $5 }' "$tap_state")" "$frames"
        diffs=0
        for r in "${REPORTS[@]}"; do
            for f in "${FORMATS[@]}"; do
                "$HSR" "${cli[@]}" -r "$r" -f "$f" "$HS_TMP/$cap.ek" >"$HS_TMP/a" 2>&1
                "$HSR" merge "$tap_state" -r "$r" -f "$f" >"$HS_TMP/b" 2>&1
                "$HSR" merge "$ek_state" -r "$r" -f "$f" >"$HS_TMP/c" 2>&1
                if ! cmp -s "$HS_TMP/a" "$HS_TMP/b" || ! cmp -s "$HS_TMP/a" "$HS_TMP/c"; then
                    diffs=$((diffs + 1))
                    same "$tag: $r -f $f, ek run = tap state" "$HS_TMP/a" "$HS_TMP/b"
                    same "$tag: $r -f $f, ek run = ek state" "$HS_TMP/a" "$HS_TMP/c"
                fi
            done
        done
        hs_eq "$tag: ${#REPORTS[@]} reports x ${#FORMATS[@]} formats identical" "$diffs" 0
    done
done

# ---- FILE "-": the state on standard output, the same bytes ----
# shellcheck disable=SC2086
hs_tshark -r "$HS_TMP/demo.pcap" "${OPTS[@]}" -q -z "honeyshark,state,-,bucket=1h" \
    >"$HS_TMP/stdout.state" 2>/dev/null
hs_tshark -r "$HS_TMP/demo.pcap" "${OPTS[@]}" -q -z "honeyshark,state,$HS_TMP/file.state,bucket=1h" \
    >/dev/null 2>&1
same "-z honeyshark,state,- writes to standard output what FILE gets" \
    "$HS_TMP/stdout.state" "$HS_TMP/file.state"

# ---- bad options and files: a message and a failure before any frame ----
for bad in "honeyshark,state,$HS_TMP/x.state,bucket=13x|bucket=13x" \
    "honeyshark,state,$HS_TMP/x.state,tz=Nowhere/City|tz=Nowhere/City" \
    "honeyshark,state,$HS_TMP/x.state,colour=red|colour=: unknown option" \
    "honeyshark,state,$HS_TMP/x.state,sensor=a,sensor=b|one capture is one input" \
    "honeyshark,state,bucket=1h|needs a file first" \
    "honeyshark,state,$HS_TMP/no/such/dir/x.state|cannot write"; do
    z=${bad%%|*}
    want=${bad#*|}
    hs_tshark -r "$HS_TMP/http.pcap" -q -z "$z" >"$HS_TMP/bad.out" 2>&1
    rc=$?
    hs_eq "-z ${z#honeyshark,state,}: fails (exit $rc) saying \"$want\"" \
        "$([ "$rc" != 0 ] && grep -qF -- "$want" "$HS_TMP/bad.out" && echo yes || cat "$HS_TMP/bad.out")" yes
done
hs_eq "no state file was left behind by the failed runs" "$(ls "$HS_TMP" | grep -c '^x\.state')" 0

hs_done
