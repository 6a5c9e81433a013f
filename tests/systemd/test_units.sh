#!/bin/bash
# test_units.sh - the sensor's systemd units (contrib/systemd) hold together:
#   - systemd-analyze verify accepts each unit as an instance, with the
#     honeyshark programs it starts pointed at this source tree (so each
#     ExecStart program exists and is executable);
#   - the example settings define exactly the HS_* variables the units use;
#   - every path a unit writes under %S (its state) is one of its
#     StateDirectory= entries or inside one, since ProtectSystem=strict
#     leaves nothing else writable;
#   - systemd-sysusers makes the honeyshark user, in the wireshark group.
set -u
SRC=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
UNITS=$SRC/contrib/systemd
. "$SRC/tests/e2e/lib.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/hs-systemd.XXXXXX")
trap 'rm -rf "$T"' EXIT

for tool in systemd-analyze systemd-sysusers; do
    command -v "$tool" >/dev/null || { echo "FATAL: $tool is missing (Debian package systemd, scripts/deps.sh)" >&2; exit 1; }
done

mkdir -p "$T/units"
for unit in "$UNITS"/*@.service; do
    name=$(basename "$unit")
    sed "s#/usr/bin/honeyshark-#$SRC/postproc/honeyshark-#" "$unit" >"$T/units/${name/@/@tokyo}"
    out=$(systemd-analyze verify --man=no "$T/units/${name/@/@tokyo}" 2>&1)
    hs_eq "$name: systemd-analyze verify accepts it" "$?:$out" "0:"
done

used=$(cat "$UNITS"/*@.service | grep -oE '\$\{?HS_[A-Z_]+' | tr -d '${' | sort -u | tr '\n' ' ')
defined=$(grep -oE '^HS_[A-Z_]+=' "$UNITS/sensor.conf.example" | tr -d = | sort -u | tr '\n' ' ')
hs_eq "sensor.conf.example defines exactly the variables the units use" "$defined" "$used"
hs_eq "... and each once" "$(grep -cE '^HS_[A-Z_]+=' "$UNITS/sensor.conf.example")" "$(wc -w <<<"$defined")"

for unit in "$UNITS"/*@.service; do
    name=$(basename "$unit")
    # ExecStart with its continuation lines joined
    exec_start=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$unit" | grep '^ExecStart=')
    read -ra dirs <<<"$(sed -n 's/^StateDirectory=//p' "$unit")"
    bad=
    for path in $(grep -oE '%S/honeyshark/%i/[^ ]+' <<<"$exec_start"); do
        rel=${path#%S/}
        ok=
        for d in "${dirs[@]}"; do
            [ "$rel" = "$d" ] || [ "$(dirname "$rel")" = "$d" ] && ok=1
        done
        [ -n "$ok" ] || bad+="$rel "
    done
    hs_eq "$name: what it writes under %S is its StateDirectory" "$bad" ""
done

mkdir -p "$T/root/etc"
: >"$T/root/etc/passwd"
: >"$T/root/etc/group"
systemd-sysusers --root="$T/root" "$UNITS/honeyshark.sysusers" >/dev/null 2>&1
hs_eq "systemd-sysusers accepts honeyshark.sysusers" "$?" 0
hs_eq "... the honeyshark user, no login, home /var/lib/honeyshark" \
    "$(cut -d: -f1,6,7 "$T/root/etc/passwd")" "honeyshark:/var/lib/honeyshark:/usr/sbin/nologin"
hs_eq "... in the group wireshark (which may run dumpcap)" \
    "$(grep '^wireshark:' "$T/root/etc/group" | cut -d: -f4)" honeyshark
hs_done
