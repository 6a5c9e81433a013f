#!/bin/bash
# e2e_telnet.sh - Telnet logins, graded command lines and environment
# Shellshock through the real tshark and the built plugin.
source "$(dirname "$0")/lib.sh"
hs_setup
hs_require_plugin shellshock login

hs_gencap telnet <"$(dirname "$0")/captures/telnet.gcs"

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
