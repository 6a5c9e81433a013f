#!/bin/bash
# e2e_profile.sh - the "Honeypot" profile and the statistics tree, with tshark:
# installing keeps the user's changes, tshark -C Honeypot shows the
# profile's columns, and -z shellshock,tree counts attempts by grade and CVE.
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
hs_setup
hs_require_plugin shellshock login

install_profile() {
    bash "$HS_SOURCE_DIR/scripts/install-profile.sh" "$HS_SOURCE_DIR/profiles/Honeypot" "$1"
}
dest="$HS_TMP/home/.config/wireshark/profiles/Honeypot"
install_profile "$dest" >/dev/null
hs_eq "install: every file of the profile" "$(cd "$dest" && ls | sort | tr '\n' ' ')" \
    "$(cd "$HS_SOURCE_DIR/profiles/Honeypot" && ls | sort | tr '\n' ' ')"

# A file the user changed survives a second install; an untouched one is updated.
echo '"Mine" ip.src == 192.0.2.1' >>"$dest/dfilters"
# decode_as_entries as an older honeyshark would have installed it, untouched since.
echo '# an older version' >"$dest/decode_as_entries"
old=$(sha256sum <"$dest/decode_as_entries" | cut -d' ' -f1)
sed -i "s/^[0-9a-f]* decode_as_entries\$/$old decode_as_entries/" "$dest/.honeyshark-installed"
out=$(install_profile "$dest")
hs_eq "reinstall: changed file kept" "$(grep -c '"Mine"' "$dest/dfilters")" "1"
hs_eq "reinstall: new version beside it" "$([ -f "$dest/dfilters.honeyshark-new" ] && echo yes)" "yes"
hs_eq "reinstall: says so, once" "$(grep -c 'kept your changed' <<<"$out")" "1"
hs_eq "reinstall: untouched old file updated" \
    "$(cmp -s "$dest/decode_as_entries" "$HS_SOURCE_DIR/profiles/Honeypot/decode_as_entries" && echo yes)" "yes"
cp "$HS_SOURCE_DIR/profiles/Honeypot/dfilters" "$dest/dfilters"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$HS_TMP/home"; fi

hs_gencap demo <"$HS_SOURCE_DIR/demo/honeypot.gcs"
red=$(hs_frame demo red_ua)

# The profile's columns: grade (by name) and vector after the protocol.
line=$(hs_tshark -C Honeypot -r "$HS_TMP/demo.pcap" -Y "frame.number == $red")
hs_eq "tshark -C Honeypot: grade and vector columns" \
    "$(grep -cE 'HTTP +red +http\.header' <<<"$line")" "1"
plain=$(hs_tshark -r "$HS_TMP/demo.pcap" -Y "frame.number == $red")
hs_eq "default profile: no such columns" "$(grep -cE 'HTTP +red' <<<"$plain")" "0"

# Telnet on 2323 through the profile's Decode As entry.
hs_gencap t2323 <"$(dirname "$0")/captures/t2323.gcs"
hs_eq "Honeypot profile reads TCP/2323 as Telnet" \
    "$(hs_tshark -C Honeypot -r "$HS_TMP/t2323.pcap" -Y 'login.user == "root"' | wc -l)" "1"

# The Telnet login bypass (issue 14): a red colouring rule above the blue
# login one (Wireshark paints a row with the first rule that matches), and
# a filter button, each matching the bypass frames of the telnet capture.
hs_gencap telnet <"$(dirname "$0")/captures/telnet.gcs"
P=$HS_SOURCE_DIR/profiles/Honeypot
rule=$(awk -F@ '$2 == "Telnet login bypass" { print $3 "@" $4 }' "$P/colorfilters")
hs_eq "colouring rule: Telnet login bypass, red" "${rule#*@}" "[65535,41120,41120][0,0,0]"
hs_eq "colouring rule: before the login rule" \
    "$(awk -F@ '$2 ~ /^Telnet login/ { print $2 }' "$P/colorfilters" | tr '\n' ,)" \
    "Telnet login bypass,Telnet login attempt,"
hs_eq "colouring rule: matches both bypasses" "$(hs_count telnet "${rule%@*}")" "2"
button=$(awk -F'","' '$2 == "Login bypass" { print $3 }' "$P/dfilter_buttons")
hs_eq "filter button: Login bypass" "$button" "login.bypass"
hs_eq "filter button: matches both bypasses" "$(hs_count telnet "$button")" "2"

# The statistics tree: Shellshock attempts of the demo by grade and CVE.
stats=$(hs_tshark -r "$HS_TMP/demo.pcap" -q -z shellshock,tree)
count_of() { awk -v k="$1" '$1 == k { print $2; exit }' <<<"$stats"; }
total=$(hs_count demo shellshock)
hs_eq "stats: attempts = frames with a payload" "$(awk '/^Shellshock attempts/ { print $3 }' <<<"$stats")" "$total"
for g in red yellow green; do
    hs_eq "stats: $g attempts" "$(count_of "$g")" "$(hs_count demo "shellshock.grade == $g && !(shellshock.grade > $g)")"
done
hs_eq "stats: CVE-2014-6278" "$(count_of CVE-2014-6278)" "$(hs_count demo 'shellshock.cve == "CVE-2014-6278"')"
hs_eq "stats: telnet.command vector" "$(count_of telnet.command)" \
    "$(hs_count demo 'shellshock.vector == "telnet.command"')"
hs_done
