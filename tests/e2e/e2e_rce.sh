#!/bin/bash
# e2e_rce.sh - shell command injection beyond Shellshock (rce.*) through the
# real tshark and the built plugin: labelled requests of captures/rce.gcs,
# then the whole labelled set (tests/rce/labelled.txt) written into one
# capture, one TCP conversation per request, scored like unit.rce.
source "$(dirname "$0")/lib.sh"
HS_SOURCE_DIR=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
hs_setup
hs_require_plugin rce shellshock

hs_gencap rce <"$(dirname "$0")/captures/rce.gcs"
hs_table rce rce.grade rce.vector rce.param rce.command rce.url rce.host rce.exploit shellshock.grade

A='^'
hs_eq "Netgear cmd=: red" "$(hs_get rce netgear rce.grade)" 3
hs_eq "Netgear: the parameter" "$(hs_get rce netgear rce.param)" cmd
hs_eq "Netgear: in the URI" "$(hs_get rce netgear rce.vector)" http.uri
hs_eq "Netgear: commands" "$(hs_get rce netgear rce.command)" "wget${A}sh"
hs_eq "Netgear: url" "$(hs_get rce netgear rce.url)" http://198.51.100.9/Mozi.m
hs_eq "Netgear: the known exploit" "$(hs_get rce netgear rce.exploit)" netgear-setup.cgi
hs_eq "Huawei XML body: red" "$(hs_get rce huawei rce.grade)" 3
hs_eq "Huawei: the known exploit" "$(hs_get rce huawei rce.exploit)" CVE-2017-17215
hs_eq "Huawei: both substitutions, busybox unwrapped" "$(hs_get rce huawei rce.command)" "wget${A}echo"
hs_eq "Huawei: in the body" "$(hs_get rce huawei rce.vector)" http.body
hs_eq "header with \${IFS}: yellow ping" "$(hs_get rce header rce.grade)" 2
hs_eq "header: its name" "$(hs_get rce header rce.param)" User-Agent
hs_eq "header: host" "$(hs_get rce header rce.host)" 198.51.100.7
hs_eq "clean request: nothing" "$(hs_get rce clean rce.grade)" ""
hs_eq "Shellshock stays Shellshock" "$(hs_get rce shellshock shellshock.grade)" 3
hs_eq "Shellshock: not reported twice" "$(hs_get rce shellshock rce.grade)" ""
hs_eq "expert info: red injection" \
    "$(hs_tshark -r "$HS_TMP/rce.pcap" -q -z expert,warn 2>/dev/null | grep -c 'Command injection payload graded red')" 2
# A row of the user's "Command injection exploits" table wins.
mkdir -p "$HS_TMP/home/.config/wireshark"
echo '"my-netgear","GET","/setup.*","cmd","lab rule"' >"$HS_TMP/home/.config/wireshark/rce_exploits"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$HS_TMP/home/.config"; fi
hs_eq "user exploit row wins" \
    "$(hs_tshark -r "$HS_TMP/rce.pcap" -Y rce.exploit -T fields -e rce.exploit 2>/dev/null | tr '\n' ' ')" \
    "my-netgear CVE-2017-17215 "
rm -f "$HS_TMP/home/.config/wireshark/rce_exploits"
hs_eq "Info column marks" \
    "$(hs_tshark -r "$HS_TMP/rce.pcap" -Y rce 2>/dev/null | grep -c '\[RCE: red\]')" 2

# ---- the labelled set, as a capture ----
# Each record becomes one conversation labelled a<N> (attack) or b<N>.
perl -e '
    my ($n, $label) = (0, "");
    print "time 1411603200\n";
    while (<>) {
        chomp;
        next if /^#/ || /^\s*$/;
        if (/^\@(attack|benign)/) { $label = substr($1, 0, 1); next; }
        my $r = $_;
        $r =~ s/\\(r|n|t|\\|"|x([0-9a-fA-F]{2}))/$1 eq "r" ? "\r" : $1 eq "n" ? "\n" : $1 eq "t" ? "\t" : defined $2 ? chr(hex $2) : $1/ge;
        if ($r =~ /\r\n\r\n(.*)\z/s) { my $l = length $1; $r =~ s/Content-Length: \*/Content-Length: $l/; }
        $r =~ s/([^\x20-\x7e]|["\\])/sprintf("\\x%02x", ord $1)/ge;
        $n++;
        printf "tcp 198.51.%d.%d:%d 192.0.2.80:80\n", 100 + int($n / 250), 1 + $n % 250, 20000 + $n;
        print "c \"$r\" \@$label$n\nclose\n";
    }' "$HS_SOURCE_DIR/tests/rce/labelled.txt" | hs_gencap labelled
hs_tshark -r "$HS_TMP/labelled.pcap" -Y rce -T fields -e frame.number >"$HS_TMP/found" ||
    { echo "FATAL: tshark failed on the labelled set" >&2; exit 1; }
awk -F'\t' 'NR == FNR { found[$1] = 1; next }
    $3 ~ /^[ab][0-9]+$/ { kind = substr($3, 1, 1); n[kind]++; if (found[$1]) hit[kind]++ }
    END {
        tp = hit["a"] + 0; fp = hit["b"] + 0
        printf "%d %d %d %d\n", n["a"], n["b"], tp, fp
    }' "$HS_TMP/found" "$HS_TMP/labelled.list" >"$HS_TMP/score"
read -r attacks benign tp fp <"$HS_TMP/score"
echo "labelled set through tshark: $attacks attacks, $benign benign; rce on $tp attacks and $fp benign"
hs_eq "labelled set: at least 100 attacks and 100 benign requests" \
    "$([ "$attacks" -ge 100 ] && [ "$benign" -ge 100 ] && echo yes)" yes
hs_eq "labelled set: precision >= 0.99" "$(awk -v t="$tp" -v f="$fp" 'BEGIN { print (t + f > 0 && t / (t + f) >= 0.99) ? "yes" : "no" }')" yes
hs_eq "labelled set: recall >= 0.95" "$(awk -v t="$tp" -v a="$attacks" 'BEGIN { print (a > 0 && t / a >= 0.95) ? "yes" : "no" }')" yes

hs_done
