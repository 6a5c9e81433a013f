#!/bin/bash
# test-deb.sh - checks an installed honeyshark .deb against the build tree.
#
#   test-deb.sh expect BUILD_DIR DIR   in the build tree: writes DIR/demo.pcap, the demo
#                                      databases and what the freshly built plugin
#                                      makes of them (DIR/expected.*)
#   test-deb.sh check DEB DIR          in a clean system of the same release, as root:
#                                      installs DEB with apt and checks that the
#                                      system tshark, for root and for other users,
#                                      gives exactly the expected fields and report
#
# scripts/test-debian.sh runs both.  Prints one line per check and
# "package: N passed, M failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

# The plugin fields compared between build tree and package.
fields=(frame.number shellshock.grade shellshock.cve shellshock.vector shellshock.command
    shellshock.url rce.grade rce.vector rce.exploit login.user login.password login.bypass
    login.grade src.asn src.country)

demo_tshark_args() { # the demo databases in $1
    echo -o "src.asn_db:$1/demo-asn.mmdb" -o "src.country_db:$1/demo-country.mmdb"
}

table() { # TSHARK DIR: the graded fields of the demo capture
    "$1" -r "$2/demo.pcap" $(demo_tshark_args "$2") -Y 'shellshock || rce || login' -T fields \
        $(printf -- '-e %s ' "${fields[@]}") 2>/dev/null
}

report() { # TSHARK REPORT DIR: honeyshark-report's per-country table of the demo
    "$1" -r "$3/demo.pcap" $(demo_tshark_args "$3") -T ek $("$2" --fields | sed 's/^/-e /') |
        "$2" -r country
}

tap_report() { # TSHARK REPORT DIR: the same table from the plugin's state tap
    local state
    state=$(mktemp)
    "$1" -r "$3/demo.pcap" $(demo_tshark_args "$3") -q -z honeyshark,state,- >"$state" 2>/dev/null
    "$2" merge "$state" -r country
    rm -f "$state"
}

expect() {
    local build=$1 dir=$2
    mkdir -p "$dir"
    "$build/tests/tools/hs-gencap" "$dir/demo.pcap" <"$src/demo/honeypot.gcs" || exit 1
    perl "$src/tests/tools/mkmmdb.pl" "$src/demo/asn.json" "$dir/demo-asn.mmdb" || exit 1
    perl "$src/tests/tools/mkmmdb.pl" "$src/demo/country.json" "$dir/demo-country.mmdb" || exit 1
    chmod -R a+rX "$dir"
    local t="$src/scripts/hs-tshark"
    HS_BUILD_DIR=$build table "$t" "$dir" >"$dir/expected.tsv" || exit 1
    HS_BUILD_DIR=$build report "$t" "$build/postproc/honeyshark-report" "$dir" \
        >"$dir/expected.report" || exit 1
    [ "$(wc -l <"$dir/expected.tsv")" -gt 10 ] || { echo "expect: too few graded frames" >&2; exit 1; }
}

passed=0
failed=0
ok() { # WHAT COMMAND...
    local what=$1
    shift
    if "$@"; then
        echo "ok   - $what"
        passed=$((passed + 1))
    else
        echo "FAIL - $what"
        failed=$((failed + 1))
    fi
}

as_nobody() { runuser -u nobody -- env HOME=/tmp/hs-nobody XDG_CONFIG_HOME=/tmp/hs-nobody/.config "$@"; }
lists_shellshock() { # (read whole: grep -q would end tshark with SIGPIPE under pipefail)
    local protocols
    protocols=$("$@" -G protocols 2>/dev/null | cut -f3)
    grep -qx shellshock <<<"$protocols"
}
same_table() { diff <(table "$1" "$dir") "$dir/expected.tsv"; }
same_report() { diff <(report "$1" honeyshark-report "$dir") "$dir/expected.report"; }
same_tap_report() { diff <(tap_report "$1" honeyshark-report "$dir") "$dir/expected.report"; }
tshark_nobody() { as_nobody tshark "$@"; }
profile_columns() { # the Honeypot profile's Grade column shows "red" on a red frame
    "$@" -C Honeypot -r "$dir/demo.pcap" -Y 'shellshock.grade == red' 2>/dev/null | grep -q ' red '
}
plugin_gone() { ! dpkg -L honeyshark >/dev/null 2>&1 && ! lists_shellshock tshark; }

check() {
    local deb=$1
    dir=$2
    [ "$(id -u)" = 0 ] || { echo "check: run as root (installs a package)" >&2; exit 2; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    ok "apt-get installs $(basename "$deb") with its dependencies" \
        apt-get install -y -qq "$(realpath "$deb")" tshark </dev/null >/dev/null
    mkdir -p /tmp/hs-nobody && chown nobody /tmp/hs-nobody
    ok "tshark as root lists the shellshock protocol" lists_shellshock tshark
    ok "tshark as another user lists it too" lists_shellshock tshark_nobody
    ok "root: the demo grades as from the build tree" same_table tshark
    ok "another user: the demo grades as from the build tree" same_table tshark_nobody
    ok "honeyshark-report in /usr/bin: the same country report" same_report tshark
    ok "the installed plugin's state tap: the same country report (root)" same_tap_report tshark
    ok "the same as another user" same_tap_report tshark_nobody
    ok "global Honeypot profile: tshark -C Honeypot (root)" profile_columns tshark
    ok "global Honeypot profile: tshark -C Honeypot (another user)" profile_columns tshark_nobody
    ok "man pages installed" test -s /usr/share/man/man1/honeyshark-report.1 \
        -a -s /usr/share/man/man1/honeyshark-batch.1 -a -s /usr/share/man/man1/honeyshark-follow.1 \
        -a -s /usr/share/man/man1/honeyshark-live.1
    ok "honeyshark-batch --help" eval 'honeyshark-batch --help | grep -q "^Usage: honeyshark-batch"'
    ok "honeyshark-follow --help" eval 'honeyshark-follow --help | grep -q "^Usage: honeyshark-follow"'
    ok "honeyshark-live --help" eval 'honeyshark-live --help | grep -q "^Usage: honeyshark-live"'
    ok "systemd units and sysusers file installed" test -s /usr/lib/systemd/system/honeyshark-follow@.service \
        -a -s /usr/lib/systemd/system/honeyshark-live@.service -a -s /usr/lib/sysusers.d/honeyshark.conf
    ok "honeyshark-ingest and honeyshark-ch-report --help" eval \
        'honeyshark-ingest --help | grep -q "^Usage: honeyshark-ingest" && honeyshark-ch-report --help | grep -q "^Usage: honeyshark-ch-report"'
    ok "apt-get purge removes the plugin" eval \
        'apt-get purge -y -qq honeyshark </dev/null >/dev/null && plugin_gone'
    echo "package: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}

case "${1:-}" in
expect) expect "$2" "$3" ;;
check) check "$2" "$3" ;;
*) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
