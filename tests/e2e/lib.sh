# lib.sh - shared helpers of the end-to-end tests (source it from bash).
#
# The tests run the real tshark with the freshly built plugin on captures
# they generate with hs-gencap.  Wireshark 4.0 loads no personal plugin and
# ignores WIRESHARK_PLUGIN_DIR when run as root, so as root tshark is run as
# the unprivileged user "nobody"; hs_require_plugin fails the test loudly
# when the plugin did not load, instead of passing on empty fields.
#
# Environment: HS_BUILD_DIR (the CMake build directory; ctest sets it).
#
#   hs_setup                      temp dir $HS_TMP, readable by the tshark user
#   hs_gencap NAME < SCRIPT       $HS_TMP/NAME.pcap and NAME.list (frame labels)
#   hs_frame NAME LABEL           number of the last frame with that @label
#   hs_tshark ARGS...             tshark as the unprivileged user, plugin loaded
#   hs_table NAME FIELD...        one tshark pass: NAME.tsv, frame.number and each
#                                 field per frame; repeated values joined by ^
#   hs_get NAME LABEL FIELD       a field's values on the labelled frame
#   hs_count NAME FILTER          frames matching a display filter
#   hs_eq WHAT ACTUAL EXPECTED    an assertion; hs_done prints the totals
#   hs_test_databases             AS and country databases and a p0f file in
#                                 $HS_TMP/db; OPTS holds the tshark -o options
#   hs_all_captures               every test capture: HS_CAPTURES (names) and
#                                 CAP_OPTS (how each is read)
set -u

HS_BUILD_DIR=${HS_BUILD_DIR:?HS_BUILD_DIR must point at the build directory}
HS_GENCAP="$HS_BUILD_DIR/tests/tools/hs-gencap"
HS_PLUGIN_DIR="$HS_BUILD_DIR/plugins"
HS_AGG='^'
HS_PASS=0
HS_FAIL=0

hs_setup() {
    HS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/hs-e2e.XXXXXX")
    chmod 755 "$HS_TMP"
    mkdir -p "$HS_TMP/home"
    # The plugin is copied next to the captures, so the unprivileged tshark
    # user can load it wherever the build tree lives (even under /root).
    cp -r "$HS_BUILD_DIR/plugins" "$HS_TMP/plugins"
    chmod -R a+rX "$HS_TMP/plugins"
    HS_PLUGIN_DIR="$HS_TMP/plugins"
    if [ "$(id -u)" = 0 ]; then chown nobody "$HS_TMP/home"; fi
    trap 'rm -rf "$HS_TMP"' EXIT
}

hs_tshark() {
    local envs=(env "HOME=$HS_TMP/home" "XDG_CONFIG_HOME=$HS_TMP/home/.config"
        "WIRESHARK_PLUGIN_DIR=$HS_PLUGIN_DIR" LC_ALL=C.UTF-8)
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- "${envs[@]}" tshark "$@"
    else
        "${envs[@]}" tshark "$@"
    fi
}

# Fails the whole test unless tshark lists the plugin's protocols.
hs_require_plugin() {
    local protos
    protos=$(hs_tshark -G protocols 2>"$HS_TMP/plugin.err" | cut -f3)
    local p
    for p in "$@"; do
        if ! grep -qx "$p" <<<"$protos"; then
            echo "FATAL: the honeyshark plugin did not load: tshark has no protocol '$p'." >&2
            echo "       plugin dir: $HS_PLUGIN_DIR ($(ls "$HS_PLUGIN_DIR"/*/epan 2>&1 | tr '\n' ' '))" >&2
            sed 's/^/       tshark: /' "$HS_TMP/plugin.err" >&2
            exit 1
        fi
    done
}

hs_gencap() {
    local name=$1
    "$HS_GENCAP" -l "$HS_TMP/$name.list" "$HS_TMP/$name.pcap" || {
        echo "FATAL: hs-gencap failed for $name" >&2
        exit 1
    }
    chmod 644 "$HS_TMP/$name.pcap"
}

hs_frame() {
    awk -F'\t' -v l="$2" '$3 == l { f = $1 } END { if (f == "") exit 1; print f }' "$HS_TMP/$1.list" ||
        { echo "FATAL: no frame labelled @$2 in $1" >&2; exit 1; }
}

# hs_table NAME FIELD...: one tshark pass over NAME.pcap writing NAME.tsv,
# a header line then frame.number and each field per frame.
hs_table() {
    local name=$1
    shift
    local args=() f
    for f in "$@"; do args+=(-e "$f"); done
    { printf 'frame.number'; printf '\t%s' "$@"; printf '\n'; } >"$HS_TMP/$name.tsv"
    hs_tshark -r "$HS_TMP/$name.pcap" ${HS_TSHARK_OPTS:-} -T fields -E "aggregator=$HS_AGG" \
        -E occurrence=a -e frame.number "${args[@]}" >>"$HS_TMP/$name.tsv" ||
        { echo "FATAL: tshark failed on $name.pcap" >&2; exit 1; }
}

# hs_get NAME LABEL FIELD: that field's values on the labelled frame, from NAME.tsv.
hs_get() {
    local frame
    frame=$(hs_frame "$1" "$2") || exit 1
    awk -F'\t' -v f="$frame" -v col="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; if (!c) exit 2; next }
        $1 == f { print $c; exit }' "$HS_TMP/$1.tsv" ||
        { echo "FATAL: no column $3 in $1.tsv" >&2; exit 1; }
}

# hs_count NAME FILTER: how many frames of NAME.pcap match a display filter.
hs_count() {
    hs_tshark -r "$HS_TMP/$1.pcap" ${HS_TSHARK_OPTS:-} -Y "$2" -T fields -e frame.number | wc -l
}

hs_eq() {
    local what=$1 actual=$2 expected=$3
    if [ "$actual" == "$expected" ]; then
        HS_PASS=$((HS_PASS + 1))
        echo "ok   - $what"
    else
        HS_FAIL=$((HS_FAIL + 1))
        echo "FAIL - $what"
        echo "       expected: $expected"
        echo "       actual:   $actual"
    fi
}

hs_done() {
    echo "$HS_PASS passed, $HS_FAIL failed"
    [ "$HS_FAIL" = 0 ] && [ "$HS_PASS" -gt 0 ]
}

hs_test_databases() {
    HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
    DB=$HS_TMP/db
    mkdir -p "$DB"
    local n
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
}

hs_all_captures() {
    HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
    HS_CAPTURES=(http telnet demo t2323 geo syns enc)
    hs_gencap http <"$HS_SOURCE_DIR/tests/e2e/captures/http.gcs"
    hs_gencap telnet <"$HS_SOURCE_DIR/tests/e2e/captures/telnet.gcs"
    hs_gencap demo <"$HS_SOURCE_DIR/demo/honeypot.gcs"
    hs_gencap t2323 <"$HS_SOURCE_DIR/tests/e2e/captures/t2323.gcs"
    hs_gencap geo <"$HS_SOURCE_DIR/tests/e2e/captures/geo.gcs"
    hs_gencap syns <"$HS_SOURCE_DIR/tests/p0f/syns.gcs"
    # IP-in-IP, GRE and 6in4 tunnels
    perl "$HS_SOURCE_DIR/tests/geo/mkencap.pl" "$HS_TMP/enc.pcap" && chmod 644 "$HS_TMP/enc.pcap" ||
        { echo "FATAL: mkencap.pl failed" >&2; exit 1; }
    # What the test that made the capture reads it with.
    declare -gA CAP_OPTS=([t2323]="-d tcp.port==2323,telnet")
}
