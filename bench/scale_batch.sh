#!/bin/bash
# scale_batch.sh - honeyshark-batch at a study's scale (issue 12).
#
#   bash bench/scale_batch.sh [FRAMES] [JOBS]    (default 20000000 frames, nproc jobs)
#
# Generates one honeypot capture of FRAMES frames (hs-gencap bench: about
# 80 % lone SYNs, HTTP sessions with Shellshock attempts, Telnet bots,
# ~50,000 sources in 2,000 networks; about 90 bytes a frame on disk) and
# an AS and a country database for its networks, then runs
#   honeyshark-batch -j JOBS <capture> -- -r country
# through the state tap (editcap cuts the capture into chunks of 1,000,000
# frames).  Prints the wall time, frames per second and the peak RSS of
# the largest tshark; the work folder is removed at the end.  Needs about
# 2 x FRAMES x 90 bytes of disk in TMPDIR.
source "$(dirname "$0")/lib.sh"
frames=${1:-20000000}
jobs=${2:-$(nproc)}
bench_setup
chmod 777 "$WORK"
t0=$SECONDS
bench_capture "$frames" "$WORK/scale.pcap"
echo "capture: $frames frames, $(du -h "$WORK/scale.pcap" | cut -f1), made in $((SECONDS - t0)) s" >&2

# tshark as the unprivileged user (Wireshark 4.0 loads no plugin for root),
# under GNU time for each piece's peak RSS.
cat >"$WORK/tshark-wrap" <<WRAP
#!/bin/bash
out=\$(mktemp "$WORK/rss.XXXXXX") && chmod 666 "\$out"
if [ "\$(id -u)" = 0 ]; then
    runuser -u nobody -- env HOME="$WORK/home" WIRESHARK_PLUGIN_DIR="$WORK/plugins" /usr/bin/time -f %M -o "\$out" tshark "\$@"
else
    env HOME="$WORK/home" WIRESHARK_PLUGIN_DIR="$WORK/plugins" /usr/bin/time -f %M -o "\$out" tshark "\$@"
fi
WRAP
chmod 755 "$WORK/tshark-wrap"
start=$SECONDS
TSHARK=$WORK/tshark-wrap HONEYSHARK_REPORT=$BUILD/postproc/honeyshark-report \
    bash "$BENCH_ROOT/postproc/honeyshark-batch" -j "$jobs" -w "$WORK/batch" \
    --tshark-arg -o --tshark-arg "src.asn_db:$WORK/db/GeoLite2-ASN.mmdb" \
    --tshark-arg -o --tshark-arg "src.country_db:$WORK/db/GeoLite2-Country.mmdb" \
    "$WORK/scale.pcap" -- -r country >"$WORK/report.txt"
rc=$?
wall=$((SECONDS - start))
[ "$rc" = 0 ] || { echo "scale_batch: honeyshark-batch failed (exit $rc)" >&2; exit 1; }
peak=$(cat "$WORK"/rss.* 2>/dev/null | sort -n | tail -1)
read_frames=$(grep -oE '[0-9]+ frames read' "$WORK/report.txt" | head -1 | cut -d' ' -f1)
echo "honeyshark-batch -j $jobs over $frames frames: $wall s wall," \
    "$(awk -v f="${read_frames:-$frames}" -v w="$wall" 'BEGIN { printf "%.0f", f / (w > 0 ? w : 1) }') frames/s," \
    "peak RSS of a tshark $((${peak:-0} / 1024)) MB; the report counted ${read_frames:-?} frames"
head -8 "$WORK/report.txt"
