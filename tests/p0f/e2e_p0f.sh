#!/bin/bash
# e2e_p0f.sh - src.os against the real p0f (issue 7).
#
# Builds a capture of SYNs and SYN+ACKs shaped like Linux, Windows, BSD,
# Mac, Solaris, old, odd and scanner stacks (syns.gcs), runs Debian's
# p0f -r on it and tshark with the plugin, and checks, for every SYN and
# SYN+ACK p0f reports:
#   - src.os is p0f's os= (or app=) answer, and absent where p0f says ???
#   - src.os_match is exact / fuzzy / generic as p0f's params say
#   - src.os_sig is p0f's raw_sig, src.os_dist its dist
#   - no frame p0f skips (SYN+FIN, fragments) gets a src.os_sig
# then the bad-input cases: a missing and a broken fingerprint file.
#
# Needs p0f (scripts/deps.sh installs it); without it the test is skipped
# (exit 77).  Environment: HS_BUILD_DIR (ctest sets it).
set -u
export LC_ALL=C # sort and join must agree on the order
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../e2e/lib.sh"

FP=/etc/p0f/p0f.fp
if ! command -v p0f >/dev/null 2>&1 || [ ! -r "$FP" ]; then
    echo "SKIP: p0f or $FP is missing (scripts/deps.sh installs the p0f package)"
    exit 77
fi

hs_setup
hs_require_plugin src
hs_gencap syns <"$here/syns.gcs"

# ---- the real p0f ----
p0f -f "$FP" -r "$HS_TMP/syns.pcap" -o "$HS_TMP/p0f.log" >"$HS_TMP/p0f.out" 2>&1 ||
    { echo "FATAL: p0f failed:"; cat "$HS_TMP/p0f.out"; exit 1; }
# key (addr/port of the fingerprinted side) TAB mod TAB answer TAB match TAB dist TAB raw_sig
awk -F'|' '
    {
        delete kv
        for (i = 1; i <= NF; i++) {
            f = $i
            if (i == 1) sub(/^\[[^]]*\] /, "", f)
            eq = index(f, "=")
            if (eq) kv[substr(f, 1, eq - 1)] = substr(f, eq + 1)
        }
        # p0f-sendsyn probes are logged under their own names.
        if (kv["mod"] == "sendsyn probe") kv["mod"] = "syn"
        if (kv["mod"] == "sendsyn response") kv["mod"] = "syn+ack"
        if (kv["mod"] != "syn" && kv["mod"] != "syn+ack") next
        key = kv["subj"] == "cli" ? kv["cli"] : kv["srv"]
        ans = ("os" in kv) ? kv["os"] : kv["app"]
        m = "exact"
        if (kv["params"] ~ /generic/) m = "generic"
        if (kv["params"] ~ /fuzzy/) m = "fuzzy"
        if (ans == "???") m = ""
        d = kv["dist"]; sub(/^<= /, "", d)
        print key "\t" kv["mod"] "\t" ans "\t" m "\t" d "\t" kv["raw_sig"]
    }' "$HS_TMP/p0f.log" | sort >"$HS_TMP/p0f.tsv"

# ---- tshark with the plugin ----
hs_tshark -r "$HS_TMP/syns.pcap" -o "src.p0f_file:$FP" -T fields -E separator=/t \
    -e frame.number -e ip.src -e ipv6.src -e tcp.srcport -e tcp.flags.ack -e src.os \
    -e src.os_match -e src.os_dist -e src.os_sig -e src.os_class \
    >"$HS_TMP/tshark.raw" 2>"$HS_TMP/tshark.err" ||
    { echo "FATAL: tshark failed:"; cat "$HS_TMP/tshark.err"; exit 1; }
awk -F'\t' '
    $9 != "" {
        src = $2 != "" ? $2 : $3
        mod = ($5 == "1" || $5 == "True") ? "syn+ack" : "syn" # 4.2+: True
        ans = $6 != "" ? $6 : "???"
        print src "/" $4 "\t" mod "\t" ans "\t" $7 "\t" $8 "\t" $9
    }' "$HS_TMP/tshark.raw" | sort >"$HS_TMP/tshark.tsv"

total=$(wc -l <"$HS_TMP/p0f.tsv")
known=$(awk -F'\t' '$3 != "???"' "$HS_TMP/p0f.tsv" | wc -l)
echo "p0f fingerprinted $total SYN/SYN+ACK packets: $known labelled, $((total - known)) ???"
hs_eq "p0f reported something" "$([ "$total" -ge 80 ] && echo yes)" yes

# Every line: same answer, match kind, distance and raw signature.
join -t $'\t' -a 1 -a 2 -e MISSING -o 0,1.2,1.3,1.4,1.5,1.6,2.2,2.3,2.4,2.5,2.6 \
    "$HS_TMP/p0f.tsv" "$HS_TMP/tshark.tsv" >"$HS_TMP/joined.tsv"
agree=0
while IFS=$'\t' read -r key pmod pans pm pd psig tmod tans tm td tsig; do
    if [ "$pmod|$pans|$pm|$pd|$psig" == "$tmod|$tans|$tm|$td|$tsig" ]; then
        agree=$((agree + 1))
    else
        hs_eq "$key: p0f and src.os agree (mod|answer|match|dist|raw_sig)" \
            "$tmod|$tans|$tm|$td|$tsig" "$pmod|$pans|$pm|$pd|$psig"
    fi
done <"$HS_TMP/joined.tsv"
lines=$(wc -l <"$HS_TMP/joined.tsv")
echo "agreement: $agree of $lines packets ($(awk -v a="$agree" -v n="$lines" 'BEGIN { printf "%.1f", n ? 100 * a / n : 0 }') %)"
hs_eq "src.os agrees with p0f on every fingerprinted packet" "$agree/$lines" "$total/$total"

# Spot checks by label (readable failures, and the class field).
get() { awk -F'\t' -v f="$(hs_frame syns "$1")" -v c="$2" '$1 == f { print $c }' "$HS_TMP/tshark.raw"; }
hs_eq "Linux SYN" "$(get linux311 6)|$(get linux311 10)|$(get linux311 7)" "Linux 3.11 and newer|unix|exact"
hs_eq "Windows SYN" "$(get win7 6)|$(get win7 10)" "Windows 7 or 8|win"
hs_eq "IPv6 Linux SYN" "$(get linux6 6)" "Linux 3.11 and newer"
hs_eq "Solaris SYN" "$(get solaris10 6)" "Solaris 10"
hs_eq "NMap SYN scan is a tool" "$(get nmap_syn 6)|$(get nmap_syn 10)" "NMap SYN scan|app"
hs_eq "generic match" "$(get linux_barebone 7)" "generic"
hs_eq "SYN+ACK with the peer's MSS" "$(get sa_peer_mss 6)" "Linux 3.x"
hs_eq "unknown stack: no src.os, but a signature" "$(get masscan_like 6)|$([ -n "$(get masscan_like 9)" ] && echo sig)" "|sig"
hs_eq "SYN+FIN ignored" "$(get synfin_ignored 9)" ""
hs_eq "fragment ignored" "$(get fragment_ignored 9)" ""

# The README example.
hs_tshark -r "$HS_TMP/syns.pcap" -Y 'tcp.flags.syn==1 && tcp.dstport==23' -T fields \
    -e ip.src -e src.os >"$HS_TMP/readme.txt" 2>/dev/null
hs_eq "README example lists the Linux SYN" "$(grep -c $'^192.0.2.1\tLinux 3.11 and newer$' "$HS_TMP/readme.txt")" 1
hs_eq "filter on src.os" "$(hs_count syns 'src.os == "Windows 7 or 8"' 2>/dev/null)" \
    "$(awk -F'\t' '$3 == "Windows 7 or 8"' "$HS_TMP/p0f.tsv" | wc -l)"

# ---- bad input ----
# A missing file: one warning, no src.os, no crash.
hs_tshark -r "$HS_TMP/syns.pcap" -o src.p0f_file:/nonexistent/p0f.fp -T fields -e src.os \
    >"$HS_TMP/missing.out" 2>"$HS_TMP/missing.err"
hs_eq "missing file: tshark succeeds" "$?" 0
hs_eq "missing file: one warning" "$(grep -c 'p0f fingerprint file "/nonexistent/p0f.fp"' "$HS_TMP/missing.err")" 1
hs_eq "missing file: no src.os" "$(grep -c . "$HS_TMP/missing.out")" 0

# Two-pass dissection (tshark -2, as the GUI draws packets again) gives the
# same answers on SYNs and SYN+ACKs, whose peer MSS comes from their SYN
# (tests/e2e/e2e_passes.sh checks every field of every test capture).
hs_tshark -r "$HS_TMP/syns.pcap" -o "src.p0f_file:$FP" -Y 'tcp.flags.syn == 1' -T fields \
    -e frame.number -e src.os -e src.os_match -e src.os_sig >"$HS_TMP/one-pass.tsv" 2>/dev/null
hs_tshark -2 -r "$HS_TMP/syns.pcap" -o "src.p0f_file:$FP" -Y 'tcp.flags.syn == 1' -T fields \
    -e frame.number -e src.os -e src.os_match -e src.os_sig >"$HS_TMP/two-pass.tsv" 2>/dev/null
hs_eq "two-pass equals one-pass" "$(diff "$HS_TMP/one-pass.tsv" "$HS_TMP/two-pass.tsv" | head -5)" ""
hs_eq "two-pass: src.os present" "$(awk -F'\t' '$2 != ""' "$HS_TMP/two-pass.tsv" | wc -l | tr -d ' ')" \
    "$(awk -F'\t' '$2 != ""' "$HS_TMP/one-pass.tsv" | wc -l | tr -d ' ')"
hs_eq "two-pass: the SYN+ACK with the peer's MSS" \
    "$(awk -F'\t' -v f="$(hs_frame syns sa_peer_mss)" '$1 == f { print $2 }' "$HS_TMP/two-pass.tsv")" "Linux 3.x"

# A broken file: one summary warning naming file:line, the good lines used.
cat >"$HS_TMP/broken.fp" <<'EOF'
classes = win,unix,other
[tcp:request]
label = s:unix:Linux:3.11 and newer
sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0
sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0:extra
label = s:beos:Broken:
sig = *:64:0:*:*,*:mss::0
sig = *:999:0:*:*,*:mss::0
EOF
chmod 644 "$HS_TMP/broken.fp"
hs_tshark -r "$HS_TMP/syns.pcap" -o "src.p0f_file:$HS_TMP/broken.fp" -T fields -e ip.src \
    -e src.os >"$HS_TMP/broken.out" 2>"$HS_TMP/broken.err"
hs_eq "broken file: tshark succeeds" "$?" 0
hs_eq "broken file: one summary warning" "$(grep -c 'could not be used' "$HS_TMP/broken.err")" 1
hs_eq "broken file: names file and line" \
    "$(grep -o "broken.fp:5: malformed payload class" "$HS_TMP/broken.err" | head -1)" \
    "broken.fp:5: malformed payload class"
hs_eq "broken file: the good signature still works" \
    "$(awk -F'\t' '$1 == "192.0.2.1" { print $2 }' "$HS_TMP/broken.out")" "Linux 3.11 and newer"
hs_eq "broken file: stderr" "$(grep -vc -e 'could not be used' -e 'honeyshark WARNING' "$HS_TMP/broken.err")" 0

hs_done
