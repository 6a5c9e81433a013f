#!/bin/bash
# e2e_passes.sh - every plugin field is the same on one pass, on two passes
# (tshark -2, as the GUI draws packets again in any order), and whatever
# fields are asked for (issue 11, point 2).
#
# For every capture the other end-to-end tests generate (from the same
# .gcs scripts, and tests/geo/mkencap.pl's tunnels), with AS and country
# databases and a p0f fingerprint file configured, it compares:
#   1. one pass against -2, with -T fields and every field of the plugin's
#      protocols (shellshock, login, src: listed by tshark -G fields, so a
#      new field is covered without editing this test);
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
hs_require_plugin shellshock login src

# ---- databases and the fingerprint file ----
DB=$HS_TMP/db
mkdir -p "$DB"
for n in maxmind-asn maxmind-country; do
    perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$HS_SOURCE_DIR/tests/geo/data/$n.json" \
        "$DB/$n.mmdb" || { echo "FATAL: mkmmdb.pl failed for $n" >&2; exit 1; }
done
FP=/etc/p0f/p0f.fp
if [ ! -r "$FP" ]; then
    # Without Debian's p0f package: a few of its signatures, among them a
    # SYN+ACK one that needs the SYN's MSS (mss*10).
    FP=$DB/p0f.fp
    cat >"$FP" <<'EOF'
classes = win,unix,other
[tcp:request]
label = s:unix:Linux:3.11 and newer
sig   = *:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0
sig   = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0
label = s:win:Windows:7 or 8
sig   = *:128:0:*:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0
[tcp:response]
label = s:unix:Linux:3.x
sig   = *:64:0:*:mss*10,*:mss,nop,nop,sok,nop,ws:df:0
sig   = *:64:0:*:mss*10,*:mss,sok,ts,nop,ws:df:0
label = s:unix:FreeBSD:9.x
sig   = *:64:0:*:65535,6:mss,nop,ws,sok,ts:df,id+:0
EOF
fi
chmod -R a+rX "$DB"
OPTS=(-o "src.asn_db:$DB/maxmind-asn.mmdb" -o "src.country_db:$DB/maxmind-country.mmdb"
    -o "src.p0f_file:$FP")

# ---- the captures ----
CAPS=(${HS_PASSES_CAPTURES:-http telnet demo t2323 geo syns enc}) # a subset, to try things
hs_gencap http <"$HS_SOURCE_DIR/tests/e2e/captures/http.gcs"
hs_gencap telnet <"$HS_SOURCE_DIR/tests/e2e/captures/telnet.gcs"
hs_gencap demo <"$HS_SOURCE_DIR/demo/honeypot.gcs"
hs_gencap t2323 <"$HS_SOURCE_DIR/tests/e2e/captures/t2323.gcs"
hs_gencap geo <"$HS_SOURCE_DIR/tests/e2e/captures/geo.gcs"
hs_gencap syns <"$HS_SOURCE_DIR/tests/p0f/syns.gcs"
perl "$HS_SOURCE_DIR/tests/geo/mkencap.pl" "$HS_TMP/enc.pcap" && chmod 644 "$HS_TMP/enc.pcap" ||
    { echo "FATAL: mkencap.pl failed" >&2; exit 1; }
# What the test that made the capture reads it with.
declare -A CAP_OPTS=([t2323]="-d tcp.port==2323,telnet")

# ---- the fields ----
mapfile -t FIELDS < <(hs_tshark -G fields 2>/dev/null |
    awk -F'\t' '$1 == "F" && ($5 == "shellshock" || $5 == "login" || $5 == "src") { print $3 }')
hs_eq "tshark lists the plugin's fields (src.os, login.user, shellshock.grade among them)" \
    "$(printf '%s\n' "${FIELDS[@]}" | grep -cxE 'src\.os|login\.user|shellshock\.grade')" 3
echo "# ${#FIELDS[@]} fields: ${FIELDS[*]}"
if [ "${HS_PASSES_ALL_FIELDS:-0}" = 1 ]; then
    SINGLE=("${FIELDS[@]}")
else
    SINGLE=(src.os src.os_sig src.asn shellshock.grade login.user)
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
