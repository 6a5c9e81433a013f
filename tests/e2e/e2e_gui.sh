#!/bin/bash
# e2e_gui.sh - the real Wireshark GUI, under Xvfb, with the Honeypot profile
# and the built plugin, on the demo capture.
#
# Seen, not assumed: the main window must open on the capture with the
# display filter 'shellshock || rce || login' (an error dialog and no rows
# when the plugin did not load), and the screenshot must show rows painted
# by the profile's colouring rules for red, yellow and green payloads, which
# match only on the plugin's shellshock.grade and rce.grade fields.  (Wireshark 4.0's GUI accepts
# no -z for statistics trees; e2e_profile.sh checks -z shellshock,tree.)
#
# Then Statistics > I/O Graphs is opened from the keyboard (the display
# filter is cleared first, so Wireshark adds no "Filtered packets" graph):
# no error dialog may be open (a broken io_graphs gives one, and Wireshark's
# default graphs instead), the graph list must show the colour swatches of
# the profile's four presets (profiles/Honeypot/io_graphs), and once the
# interval is 10 min (the demo spans three days, more than the 250000
# intervals of 1 s that Wireshark 4.0 draws) the plot must hold lines in
# those four colours.
#
# The screenshots are kept as $HS_BUILD_DIR/docs/wireshark-honeypot.png and
# wireshark-io-graphs.png (and copied to docs/ in the source tree with
# HS_UPDATE_DOCS=1).
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}

for tool in wireshark xvfb-run xdotool import convert; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (scripts/deps.sh installs wireshark-qt, xvfb, xdotool, imagemagick)"
        exit 77
    fi
done
hs_setup
hs_require_plugin shellshock

hs_gencap demo <"$HS_SOURCE_DIR/demo/honeypot.gcs"
# The demo's AS and country databases, so the profile's CC/AS columns fill.
perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$HS_SOURCE_DIR/demo/asn.json" "$HS_TMP/asn.mmdb"
perl "$HS_SOURCE_DIR/tests/tools/mkmmdb.pl" "$HS_SOURCE_DIR/demo/country.json" "$HS_TMP/country.mmdb"
chmod 644 "$HS_TMP"/*.mmdb
profile="$HS_TMP/home/.config/wireshark/profiles/Honeypot"
bash "$HS_SOURCE_DIR/scripts/install-profile.sh" "$HS_SOURCE_DIR/profiles/Honeypot" "$profile" >/dev/null
# Window geometry for the screenshots (Xvfb has no window manager to resize
# them); with no recent_common yet, Wireshark reads it from the profile's recent.
printf '%s\n' 'gui.geometry_main_x: 0' 'gui.geometry_main_y: 0' 'gui.geometry_main_width: 1400' \
    'gui.geometry_main_height: 860' 'gui.geometry_main_upper_pane: 420' \
    'gui.geom.IOGraphDialog.x: 0' 'gui.geom.IOGraphDialog.y: 0' 'gui.geom.IOGraphDialog.width: 1200' \
    'gui.geom.IOGraphDialog.height: 860' 'gui.geom.IOGraphDialog.maximized: FALSE' >"$profile/recent"
mkdir -p "$HS_TMP/out"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$HS_TMP/home" "$HS_TMP/out"; fi

cat >"$HS_TMP/gui.sh" <<EOF
set -u
export HOME=$HS_TMP/home XDG_CONFIG_HOME=$HS_TMP/home/.config WIRESHARK_PLUGIN_DIR=$HS_PLUGIN_DIR
export XDG_RUNTIME_DIR=$HS_TMP/out/run LC_ALL=C.UTF-8
mkdir -p -m 700 \$XDG_RUNTIME_DIR
wireshark -C Honeypot -o src.asn_db:$HS_TMP/asn.mmdb -o src.country_db:$HS_TMP/country.mmdb \\
    -r $HS_TMP/demo.pcap -Y 'shellshock || rce || login' -g $(hs_frame demo red_ua) \\
    >$HS_TMP/out/wireshark.log 2>&1 &
pid=\$!
main=
for i in \$(seq 1 90); do
    sleep 1
    kill -0 \$pid 2>/dev/null || break
    main=\$(xdotool search --name 'demo.pcap' 2>/dev/null | head -1)
    [ -n "\$main" ] && break
done
if [ -n "\$main" ]; then
    sleep 3
    xdotool getwindowname \$main >$HS_TMP/out/main-title.txt
    import -window \$main $HS_TMP/out/main.png
    # Clear the display filter (Ctrl+/ focuses it), then Statistics > I/O Graphs.
    xdotool windowfocus --sync \$main
    xdotool key ctrl+slash ctrl+a BackSpace Return
    sleep 2
    xdotool key alt+s
    sleep 1
    xdotool key i
    io=
    for i in \$(seq 1 30); do
        sleep 1
        io=\$(xdotool search --onlyvisible --name 'I/O Graphs' 2>/dev/null | head -1)
        [ -n "\$io" ] && break
    done
    if [ -n "\$io" ]; then
        sleep 3
        xdotool getwindowname \$io >$HS_TMP/out/io-title.txt
        import -window \$io $HS_TMP/out/io-list.png
        # Every other window open (an error dialog hides under the I/O graphs).
        for w in \$(xdotool search --onlyvisible --class . 2>/dev/null); do
            [ "\$w" = "\$main" ] || [ "\$w" = "\$io" ] || echo "window '\$(xdotool getwindowname \$w)'"
        done >$HS_TMP/out/other-windows.txt
        # The interval: Tab walks the dialog's focus chain, and End picks the
        # last (longest) interval when the Interval box has the focus; elsewhere
        # it changes nothing that matters (the graph list selects its last row).
        xdotool windowfocus --sync \$io
        for i in \$(seq 1 20); do
            xdotool key Tab End
            sleep 0.2
        done
        sleep 4
        import -window \$io $HS_TMP/out/io.png
    fi
fi
kill \$pid 2>/dev/null
wait \$pid 2>/dev/null
exit 0
EOF
chmod 755 "$HS_TMP/gui.sh"
if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- xvfb-run -a -s "-screen 0 1400x900x24" bash "$HS_TMP/gui.sh"
else
    xvfb-run -a -s "-screen 0 1400x900x24" bash "$HS_TMP/gui.sh"
fi

main_title=$(cat "$HS_TMP/out/main-title.txt" 2>/dev/null)
if [ -z "$main_title" ]; then
    echo "Wireshark's output:" && sed 's/^/  /' "$HS_TMP/out/wireshark.log"
fi
hs_eq "main window shows the capture" "$(grep -c 'demo.pcap' <<<"$main_title")" "1"
hs_eq "no error from the display filter" "$(grep -ci 'neither a field nor a protocol' "$HS_TMP/out/wireshark.log")" "0"

# Pixels painted by the profile's colouring rules (16-bit colours in
# profiles/Honeypot/colorfilters, 8-bit here).
count_colour() {
    convert "$HS_TMP/out/main.png" -alpha off -fill black +opaque "$1" -fill white -opaque "$1" \
        -format '%[fx:round(mean*w*h)]' info: 2>/dev/null || echo 0
}
png_size=$(stat -c %s "$HS_TMP/out/main.png" 2>/dev/null || echo 0)
hs_eq "screenshot is a non-empty PNG" "$([ "$png_size" -gt 10000 ] && echo yes || echo "no ($png_size bytes)")" "yes"
for rule in "red rgb(255,160,160)" "yellow rgb(255,240,128)" "green rgb(170,245,170)"; do
    name=${rule%% *}
    colour=${rule#* }
    n=$(count_colour "$colour")
    hs_eq "rows coloured $name by the Honeypot profile" "$([ "$n" -gt 500 ] && echo yes || echo "no ($n px)")" "yes"
done

# Statistics > I/O Graphs with the profile's presets.
hs_eq "I/O Graphs dialog opens" "$(grep -c 'I/O Graphs' "$HS_TMP/out/io-title.txt" 2>/dev/null)" "1"
hs_eq "no error dialog with the I/O graphs" "$(tr '\n' ' ' <"$HS_TMP/out/other-windows.txt" 2>/dev/null)" ""
# count_in PNG CROP COLOUR FUZZ: pixels of COLOUR (within FUZZ %) in a crop.
count_in() {
    convert "$1" -crop "$2" +repage -alpha off -fuzz "$4%" -fill black +opaque "$3" \
        -fill white -opaque "$3" -format '%[fx:round(mean*w*h)]' info: 2>/dev/null || echo 0
}
# The presets' colours: those of the colouring rules, and blue for logins.
for preset in "red #ffa0a0" "yellow #fff080" "green #aaf5aa" "login #a0d0ff"; do
    name=${preset%% *}
    colour=${preset#* }
    # The graph list (the dialog's lower quarter) shows each colour as a swatch.
    n=$(count_in "$HS_TMP/out/io-list.png" 100%x25%+0+645 "$colour" 0)
    hs_eq "I/O graph list: $name preset's colour" "$([ "$n" -gt 100 ] && echo yes || echo "no ($n px)")" "yes"
    # The plot draws its line (anti-aliased: hence the fuzz) above the zero line,
    # which the crop (upper 65 %) leaves out: pixels only where it counts packets.
    n=$(count_in "$HS_TMP/out/io.png" 100%x65%+0+0 "$colour" 10)
    hs_eq "I/O graph plot: $name line" "$([ "$n" -gt 60 ] && echo yes || echo "no ($n px)")" "yes"
done

mkdir -p "$HS_BUILD_DIR/docs"
cp "$HS_TMP/out/main.png" "$HS_BUILD_DIR/docs/wireshark-honeypot.png" 2>/dev/null
cp "$HS_TMP/out/io.png" "$HS_BUILD_DIR/docs/wireshark-io-graphs.png" 2>/dev/null
if [ "${HS_UPDATE_DOCS:-0}" = 1 ]; then
    mkdir -p "$HS_SOURCE_DIR/docs"
    cp "$HS_TMP/out/main.png" "$HS_SOURCE_DIR/docs/wireshark-honeypot.png"
    cp "$HS_TMP/out/io.png" "$HS_SOURCE_DIR/docs/wireshark-io-graphs.png"
fi
hs_done
