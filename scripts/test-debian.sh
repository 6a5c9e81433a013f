#!/bin/bash
# test-debian.sh SUITE - honeyshark on a clean Debian SUITE (bookworm, trixie
# or sid), made with debootstrap:
#   1. a clean system gets a clone of this checkout and runs the README's two
#      commands there (scripts/demo.sh, scripts/test.sh), then builds the .deb
#      (scripts/package.sh) and records what the built plugin makes of the demo;
#   2. a second clean system installs only that .deb with apt and checks it
#      (tests/package/test-deb.sh): as root and as another user, the system
#      tshark grades the demo exactly as the build tree did.
#
#   bash scripts/test-debian.sh trixie
#   bash scripts/test-debian.sh bookworm --package build-pkg/honeyshark_0.1.0_amd64.deb [BUILD]
#                      (only step 2, with a .deb built on this machine; the expected
#                      answers come from the build tree BUILD, default ./build)
#
# Needs root (debootstrap, chroot, mounts) and Debian's package registry.
# Environment:
#   HS_DEBIAN_MIRROR   default http://deb.debian.org/debian
#   HS_CHROOT_DIR      work folder, default /var/tmp/honeyshark-chroots; a
#                      debootstrapped base of each suite is kept there for a day
#                      and copied for each run (never used directly)
#   HS_FUZZ_SECONDS    seconds per libFuzzer target inside (default 10)
#   HS_TEST_WORKTREE=1 copy the working tree (uncommitted changes too), not a clone
#   HS_KEEP_CHROOT=1   leave the systems mounted for a look (umount -R them after)
# Prints the test counts and "SUITE: N passed, M failed"; exit 0 only when all passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
suite=${1:-}
case "$suite" in
bookworm | trixie | sid) ;;
*) sed -n '2,27s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
package_only=
if [ "${2:-}" = --package ]; then
    package_only=$(realpath "${3:?--package needs a .deb}")
    expect_build=$(realpath "${4:-$root/build}")
fi
[ "$(id -u)" = 0 ] || { echo "test-debian.sh: needs root (debootstrap, chroot)" >&2; exit 2; }
mirror=${HS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=${HS_CHROOT_DIR:-/var/tmp/honeyshark-chroots}
fuzz_seconds=${HS_FUZZ_SECONDS:-10}
mkdir -p "$work"
export DEBIAN_FRONTEND=noninteractive

stage_start=$SECONDS
stage() { # prints the previous stage's wall time, then the new stage's name
    echo "== [$suite] $1 (+$((SECONDS - stage_start)) s)"
}

command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap </dev/null >/dev/null

# ---- the systems -----------------------------------------------------------
base="$work/$suite-base"
make_base() {
    if [ -f "$base/.honeyshark-base" ] && [ -n "$(find "$base/.honeyshark-base" -mmin -1440)" ]; then
        return
    fi
    stage "debootstrap --variant=minbase $suite"
    remove_tree "$base"
    debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$work/$suite-debootstrap.log" 2>&1 ||
        { tail -20 "$work/$suite-debootstrap.log" >&2; exit 1; }
    local opts=
    # sid's Release file outlives the registry's snapshot of it.
    [ "$suite" = sid ] && opts='[check-valid-until=no] '
    echo "deb ${opts}$mirror $suite main" >"$base/etc/apt/sources.list"
    touch "$base/.honeyshark-base"
}

mounted_under() { awk -v d="$1/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts; }

# Deletes a system only when nothing is mounted in it any more: a bound /dev
# deleted recursively would take this machine's device nodes with it.
remove_tree() {
    local dir=$1
    [ -e "$dir" ] || return 0
    if [ -n "$(mounted_under "$dir")" ]; then
        umount -R "$dir/proc" "$dir/sys" "$dir/dev" 2>/dev/null || true
    fi
    if [ -n "$(mounted_under "$dir")" ]; then
        echo "test-debian.sh: still mounted under $dir, not deleting it:" >&2
        mounted_under "$dir" >&2
        return 1
    fi
    rm -rf --one-file-system "$dir"
}

systems=()
new_system() { # NAME: a fresh copy of the base, mounted, with DNS
    local dir="$work/$suite-$1"
    remove_tree "$dir"
    cp -a "$base" "$dir"
    systems+=("$dir")
    mount -t proc proc "$dir/proc"
    mount --rbind /sys "$dir/sys" && mount --make-rslave "$dir/sys"
    mount --rbind /dev "$dir/dev" && mount --make-rslave "$dir/dev"
    cp /etc/resolv.conf "$dir/etc/resolv.conf"
}

cleanup() {
    local dir
    for dir in "${systems[@]}"; do
        if [ "${HS_KEEP_CHROOT:-}" = 1 ]; then
            echo "test-debian.sh: kept $dir (umount -R $dir/proc $dir/sys $dir/dev when done)"
        else
            remove_tree "$dir" || true
        fi
    done
}
trap cleanup EXIT

in_system() { # DIR COMMAND: runs a bash command in the system, as root, clean environment
    chroot "$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI="${CI:-}" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HS_FUZZ_SECONDS="$fuzz_seconds" DEBIAN_FRONTEND=noninteractive bash -c "$2"
}

copy_checkout() { # DEST
    if [ "${HS_TEST_WORKTREE:-}" = 1 ]; then
        mkdir -p "$1"
        (cd "$root" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$1"
    else
        git clone -q "$root" "$1"
    fi
}

# ---- 1. the project's own commands in a clean system -----------------------
make_base
counts=()
if [ -z "$package_only" ]; then
    stage "clean $suite: clone, scripts/demo.sh, scripts/test.sh (fuzzers ${fuzz_seconds}s each)"
    build_sys=
    new_system build
    build_sys="$work/$suite-build"
    copy_checkout "$build_sys/root/honeyshark"
    log="$work/$suite-test.log"
    set +e
    # The README's first command is a check of its own; the tests run either way.
    if in_system "$build_sys" 'cd /root/honeyshark && bash scripts/demo.sh'; then
        counts+=("1 passed, 0 failed")
    else
        echo "FAIL - scripts/demo.sh on a clean $suite"
        counts+=("0 passed, 1 failed")
    fi
    in_system "$build_sys" 'cd /root/honeyshark && bash scripts/test.sh' 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
    [ -n "$summary" ] || summary="0 passed, 1 failed"
    [ "$rc" = 0 ] || grep -qE ' [1-9][0-9]* failed' <<<"$summary" || summary="${summary%%,*}, 1 failed"
    counts+=("$summary")
    stage "clean $suite: scripts/package.sh"
    in_system "$build_sys" 'cd /root/honeyshark && bash scripts/package.sh &&
        bash tests/package/test-deb.sh expect build /tmp/pkgtest'
    deb=$(ls "$build_sys"/root/honeyshark/build-pkg/honeyshark_*.deb)
    expected="$build_sys/tmp/pkgtest"
else
    # The expected answers come from the .deb's own build tree on this machine.
    deb=$package_only
    expected=$(mktemp -d)
    bash "$root/tests/package/test-deb.sh" expect "$expect_build" "$expected"
fi

# ---- 2. the .deb in a second clean system ----------------------------------
stage "clean $suite: apt-get install $(basename "$deb") and check it"
new_system user
user_sys="$work/$suite-user"
mkdir -p "$user_sys/root/pkgtest"
cp "$deb" "$expected"/demo.pcap "$expected"/*.mmdb "$expected"/expected.* "$user_sys/root/pkgtest/"
cp "$root/tests/package/test-deb.sh" "$user_sys/root/"
chmod -R a+rX "$user_sys/root/pkgtest"
chmod 755 "$user_sys/root"
set +e
in_system "$user_sys" "bash /root/test-deb.sh check /root/pkgtest/$(basename "$deb") /root/pkgtest" 2>&1 |
    tee "$work/$suite-package.log"
set -e
summary=$(grep -E '^package: [0-9]+ passed, [0-9]+ failed' "$work/$suite-package.log" | tail -1 || true)
counts+=("${summary#package: }")
[ -n "$summary" ] || counts+=("0 passed, 1 failed")
stage "done"

passed=0
failed=0
for c in "${counts[@]}"; do
    [ -n "$c" ] || continue
    passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$c")))
    failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$c")))
done
echo "$suite: $passed passed, $failed failed"
[ "$failed" = 0 ]
