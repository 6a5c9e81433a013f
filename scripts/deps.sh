#!/bin/bash
# deps.sh - installs the Debian packages honeyshark builds, tests and runs
# with, on Debian 12 (bookworm, Wireshark 4.0), 13 (trixie, 4.4) and
# unstable (sid, 4.6).  Only missing packages are installed; as a normal
# user, through sudo.
#
# The names below exist on all three releases: "wireshark" is the GUI
# (bookworm's pulls in wireshark-qt, the later ones are the GUI itself) and
# "libclang-rt-dev" is the libFuzzer/sanitizer runtime of the release's
# default clang (14, 19 and 21).
set -euo pipefail

packages=(
    build-essential cmake pkg-config file     # toolchain; dpkg-dev and file build the .deb
    libwireshark-dev libglib2.0-dev tshark    # the plugin SDK and the tshark it runs in
    libmaxminddb-dev mmdb-bin                 # src.* lookups; mmdblookup checks them
    p0f                                       # src.os: /etc/p0f/p0f.fp; the real p0f checks it
    libmaxmind-db-writer-perl                 # builds the test/demo databases
    bgpdump                                   # honeyshark-asdb: cross-checks the MRT reader
    libjson-c-dev                             # honeyshark-report's ek reader
    libcunit1-dev                             # unit tests
    clang libclang-rt-dev                     # libFuzzer targets, sanitizers
    util-linux bsdextrautils jq time          # runuser; column and jq for the demo; /usr/bin/time
    systemd                                   # systemd-analyze, systemd-sysusers check contrib/systemd
    wireshark xvfb xauth xdotool imagemagick  # the GUI test: Wireshark under Xvfb, screenshots
    chromium fonts-dejavu-core librsvg2-bin   # the report's charts rendered and checked; SVG -> PNG
)

# ClickHouse (contrib/clickhouse and its test): Debian 12 ships 18.16;
# Debian 13 and unstable ship none, and there e2e.clickhouse is not run.
if [ "$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")" = bookworm ]; then
    packages+=(clickhouse-server clickhouse-client)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "honeyshark: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "deps.sh: these packages are missing and sudo is not installed; as root run:" >&2
        echo "  apt-get install ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null >/dev/null
