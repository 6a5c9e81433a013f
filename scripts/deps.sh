#!/bin/bash
# deps.sh - installs the Debian 12 packages honeyshark builds, tests and runs with.
# Only missing packages are installed; as a normal user, through sudo.
set -euo pipefail

packages=(
    build-essential cmake pkg-config          # toolchain
    libwireshark-dev libglib2.0-dev tshark    # the plugin SDK and the tshark it runs in
    libmaxminddb-dev mmdb-bin                 # src.* lookups; mmdblookup checks them
    p0f                                       # src.os: /etc/p0f/p0f.fp; the real p0f checks it
    libmaxmind-db-writer-perl                 # builds the test/demo databases
    libjson-c-dev                             # honeyshark-report's ek reader
    libcunit1-dev                             # unit tests
    clang libclang-rt-14-dev                  # libFuzzer targets
    util-linux jq                             # runuser for tests as root; jq for the demo and benchmarks
    wireshark-qt xvfb xauth xdotool imagemagick   # the GUI test: Wireshark under Xvfb, screenshots
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "honeyshark: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null >/dev/null
