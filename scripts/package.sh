#!/bin/bash
# package.sh - builds honeyshark_<version>_<arch>.deb for this Debian release
# (its Wireshark and libraries) in build-pkg/, and prints its path.
#
#   bash scripts/package.sh && sudo apt-get install ./build-pkg/honeyshark_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
bash scripts/deps.sh
# Wireshark's prefix (/usr) is the default: the plugin goes to the system
# plugin folder and the profile to the global profiles folder.
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHONEYSHARK_TESTS=OFF \
    -DHONEYSHARK_WERROR=ON >build-pkg.log 2>&1 || { cat build-pkg.log >&2; exit 1; }
cmake --build build-pkg -j"$jobs" >>build-pkg.log 2>&1 || { tail -30 build-pkg.log >&2; exit 1; }
rm -f build-pkg/honeyshark_*.deb
(cd build-pkg && cpack -G DEB) >>build-pkg.log 2>&1 || { tail -30 build-pkg.log >&2; exit 1; }
rm -f build-pkg.log
ls "$PWD"/build-pkg/honeyshark_*.deb
