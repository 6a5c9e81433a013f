#!/bin/bash
# mem_floods.sh - what the plugin keeps in memory on hostile captures (issue 11).
#
#   bash bench/mem_floods.sh [BYTES]        (default 3000000: floods of about 3 MB)
#
# Each flood is built by `hs-gencap flood KIND BYTES`:
#   telnet-lines    one Telnet session that logs in, then ~1,000,000 one-letter lines
#   telnet-partial  tens of thousands of Telnet conversations, each left with a partial line
#   http-headers    HTTP requests of 3,000 Shellshock headers each
#   http-payloads   HTTP requests of 20 Shellshock headers each, one per conversation
# and read by `tshark -T fields -e frame.number` (a full dissection with a
# tree, which the plugin needs) with and without the plugin.  Printed per
# flood: peak RSS (/usr/bin/time %M) without and with the plugin, their
# ratio (target <= 1.25), and what the plugin adds in MB.  Peak RSS is one
# number per run and does not depend on the machine's load, so one run each.
source "$(dirname "$0")/lib.sh"
bytes=${1:-3000000}
if [ ! -x /usr/bin/time ]; then
    echo "mem_floods: /usr/bin/time is missing (Debian package 'time', see scripts/deps.sh)" >&2
    exit 2
fi
bench_setup

# peak_kb PLUGINDIR CAPTURE: tshark's peak resident set size, in kB.
peak_kb() {
    as_user env WIRESHARK_PLUGIN_DIR="$1" /usr/bin/time -f '%M' -o "$WORK/rss" \
        tshark -r "$2" -T fields -e frame.number >/dev/null 2>"$WORK/err" ||
        { echo "mem_floods: tshark failed on $2:" >&2; cat "$WORK/err" >&2; exit 1; }
    tail -1 "$WORK/rss"
}

chmod 777 "$WORK"
printf '%-15s %7s %8s %12s %12s %7s %9s\n' flood MB frames "RSS without" "RSS with" ratio "added MB"
worst=0
for kind in telnet-lines telnet-partial http-headers http-payloads; do
    cap="$WORK/$kind.pcap"
    "$BUILD/tests/tools/hs-gencap" flood "$kind" "$bytes" "$cap"
    chmod 644 "$cap"
    frames=$(as_user tshark -r "$cap" -T fields -e frame.number 2>/dev/null | wc -l)
    without=$(peak_kb "$WORK/noplugins" "$cap")
    with=$(peak_kb "$WORK/plugins" "$cap")
    r=$(ratio "$with" "$without")
    printf '%-15s %7.1f %8d %9.1f MB %9.1f MB %7.3f %9.1f\n' "$kind" \
        "$(awk -v b="$(stat -c %s "$cap")" 'BEGIN { print b / 1e6 }')" "$frames" \
        "$(awk -v k="$without" 'BEGIN { print k / 1024 }')" "$(awk -v k="$with" 'BEGIN { print k / 1024 }')" \
        "$r" "$(awk -v a="$with" -v b="$without" 'BEGIN { print (a - b) / 1024 }')"
    worst=$(awk -v r="$r" -v w="$worst" 'BEGIN { print (r > w ? r : w) }')
done
echo "worst ratio $worst (target <= 1.25)"
awk -v w="$worst" 'BEGIN { exit !(w <= 1.25) }'
