#!/bin/bash
# e2e_passes.sh - every plugin field is the same on one pass, on two passes
# (tshark -2, as the GUI draws packets again in any order), and whatever
# fields are asked for (issue 11, point 2).
#
# For every capture the other end-to-end tests generate (from the same
# .gcs scripts, and tests/geo/mkencap.pl's tunnels), with AS and country
# databases and a p0f fingerprint file configured, it compares:
#   1. one pass against -2, with -T fields and every field of the plugin's
#      protocols (shellshock, rce, login, src: listed by tshark -G fields,
#      so a new field is covered without editing this test);
#   2. the full tree (-V, every item built) against a tree that holds only
#      one field (a custom column naming it, nothing else), on one pass and
#      on two, for a few fields whose answers depend on other packets or
#      on what was looked up (HS_PASSES_ALL_FIELDS=1: for every field).
#
# Environment: HS_BUILD_DIR, HS_SOURCE_DIR (ctest sets them).
set -u
export LC_ALL=C
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
hs_setup
hs_require_plugin shellshock rce login src

# ---- databases, fingerprint file and captures (lib.sh) ----
hs_test_databases
hs_all_captures
hs_gencap rce <"$HS_SOURCE_DIR/tests/e2e/captures/rce.gcs" # command injection (rce.*)
CAPS=(${HS_PASSES_CAPTURES:-${HS_CAPTURES[*]} rce}) # a subset, to try things

# ---- the fields ----
mapfile -t FIELDS < <(hs_tshark -G fields 2>/dev/null |
    awk -F'\t' '$1 == "F" && ($5 == "shellshock" || $5 == "rce" || $5 == "login" || $5 == "src") { print $3 }')
hs_eq "tshark lists the plugin's fields (src.os, login.user, shellshock.grade, rce.exploit among them)" \
    "$(printf '%s\n' "${FIELDS[@]}" | grep -cxE 'src\.os|login\.user|shellshock\.grade|rce\.exploit')" 4
echo "# ${#FIELDS[@]} fields: ${FIELDS[*]}"
if [ "${HS_PASSES_ALL_FIELDS:-0}" = 1 ]; then
    SINGLE=("${FIELDS[@]}")
else
    SINGLE=(src.os src.os_sig src.asn shellshock.grade rce.grade login.user)
fi

# run NAME CAP ARGS...: tshark on CAP.pcap with the databases, output in NAME.
run() {
    local name=$1 cap=$2
    shift 2
    # shellcheck disable=SC2086 # CAP_OPTS holds separate words
    hs_tshark -r "$HS_TMP/$cap.pcap" "${OPTS[@]}" ${CAP_OPTS[$cap]:-} "$@" >"$HS_TMP/$name" \
        2>"$HS_TMP/$name.err" || { echo "FATAL: tshark failed ($name):" >&2; cat "$HS_TMP/$name.err" >&2; exit 1; }
}

# fields_of CAP NAME ARGS...: -T fields, frame.number then every plugin field.
fields_of() {
    local cap=$1 name=$2
    shift 2
    local e=() f
    for f in "${FIELDS[@]}"; do e+=(-e "$f"); done
    run "$name" "$cap" "$@" -T fields -E occurrence=a -E "aggregator=$HS_AGG" -e frame.number "${e[@]}"
}

# columns_of CAP NAME ARGS... -- FIELD...: summary lines with the frame
# number and a custom column per field, "frame<TAB>values"; -V lines dropped.
columns_of() {
    local cap=$1 name=$2
    shift 2
    local args=()
    while [ "$1" != -- ]; do args+=("$1"); shift; done
    shift
    local fmt='"No.","%m"' f i=0
    for f in "$@"; do fmt+=",\"c$i\",\"%Cus:$f:0:U\""; i=$((i + 1)); done
    run "$name.raw" "$cap" "${args[@]}" -T tabs -o "gui.column.format:$fmt"
    awk -F'\t' '/^ *[0-9]+\t/ { sub(/^ +/, ""); print }' "$HS_TMP/$name.raw" >"$HS_TMP/$name"
}

# differ WHAT A B: an assertion that two outputs are equal, showing how not.
differ() {
    local d
    d=$(diff "$HS_TMP/$2" "$HS_TMP/$3" | head -8)
    hs_eq "$1" "$d" ""
}

# one column (2-based: frame is 1) of a table, with the frame number
column() { cut -f1,"$2" "$HS_TMP/$1"; }

for cap in "${CAPS[@]}"; do
    echo "# $cap"
    fields_of "$cap" "$cap.one"
    fields_of "$cap" "$cap.two" -2
    hs_eq "$cap: tshark printed a line per frame" \
        "$(wc -l <"$HS_TMP/$cap.one")" "$(hs_tshark -r "$HS_TMP/$cap.pcap" -T fields -e frame.number 2>/dev/null | wc -l)"
    hs_eq "$cap: some plugin field has a value" \
        "$(cut -f2- "$HS_TMP/$cap.one" | tr -d '\t\n' | grep -c .)" 1
    differ "$cap: every plugin field, one pass = two passes (-2)" "$cap.one" "$cap.two"

    # The full tree, and trees that hold one field only.
    columns_of "$cap" "$cap.full" -P -V -- "${FIELDS[@]}"
    columns_of "$cap" "$cap.full2" -2 -- "${FIELDS[@]}"
    differ "$cap: all fields asked for (custom columns), -2 = the full tree" "$cap.full" "$cap.full2"
    for f in "${SINGLE[@]}"; do
        i=0
        for g in "${FIELDS[@]}"; do
            [ "$g" = "$f" ] && break
            i=$((i + 1))
        done
        column "$cap.full" $((i + 2)) >"$HS_TMP/$cap.full.$f"
        columns_of "$cap" "$cap.only.$f" -- "$f"
        differ "$cap: $f asked for alone = in the full tree" "$cap.full.$f" "$cap.only.$f"
        columns_of "$cap" "$cap.only2.$f" -2 -- "$f"
        differ "$cap: $f asked for alone, -2 = in the full tree" "$cap.full.$f" "$cap.only2.$f"
    done
done

# With missing databases and fingerprint file: the expert info that says so
# is on the same frame on every pass, whatever is asked for.
OPTS=(-o "src.asn_db:$HS_TMP/no-such-asn.mmdb" -o "src.country_db:$HS_TMP/no-such-country.mmdb"
    -o "src.p0f_file:$HS_TMP/no-such-p0f.fp")
echo "# syns, with missing databases and fingerprint file"
fields_of syns nodb.one
fields_of syns nodb.two -2
differ "no databases: every plugin field, one pass = two passes (-2)" nodb.one nodb.two
for f in src.db_unusable src.os_no_file; do
    columns_of syns "nodb.only.$f" -- "$f"
    columns_of syns "nodb.only2.$f" -2 -- "$f"
    differ "no databases: $f asked for alone, one pass = two passes" "nodb.only.$f" "nodb.only2.$f"
    hs_eq "no databases: $f on one frame" "$(awk -F'\t' '$2 != ""' "$HS_TMP/nodb.only.$f" | wc -l)" 1
done

# The capture of issue 11: SYN+ACKs that need their SYN's MSS.
sa=$(hs_frame syns sa_peer_mss)
hs_eq "syns: the SYN+ACK with the peer's MSS, one pass" \
    "$(awk -F'\t' -v f="$sa" '$1 == f' "$HS_TMP/syns.full.src.os")" "$sa	Linux 3.x"
hs_eq "syns: ... src.os alone on two passes" \
    "$(awk -F'\t' -v f="$sa" '$1 == f' "$HS_TMP/syns.only2.src.os")" "$sa	Linux 3.x"

hs_done
