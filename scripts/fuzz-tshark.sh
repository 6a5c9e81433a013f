#!/bin/bash
# fuzz-tshark.sh [SECONDS] - whole-tshark fuzzing, as Wireshark's own
# tools/fuzz-test.sh does: the project's test captures (every *.gcs, written
# by hs-gencap) are mutated with `editcap -E` and read by the real tshark with
# an ASan+UBSan build of the plugin (the sanitizer runtime preloaded), in one
# pass and in two passes (-2), with the fields of every part wanted (-V) and
# the state tap (-z honeyshark,state) aggregating every frame.
# A crash, a sanitizer report or a "Dissector bug" fails the run; the capture
# that caused it is kept in build-tshark-fuzz/findings/.
#
#   bash scripts/fuzz-tshark.sh 60        # CI's short run
#   bash scripts/fuzz-tshark.sh 3600      # a long run
#
# Prints the executions and "fuzz-tshark: N passed, M failed" (a pass is one
# round: every capture mutated, joined, read cleanly both ways).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
jobs=$(nproc 2>/dev/null || echo 2)
out=$root/build-tshark-fuzz
bash scripts/deps.sh

# The captures come from the ordinary build's generator; the plugin from a
# sanitizer build (gcc's -fsanitize=address,undefined, see CMakeLists.txt).
[ -x build/tests/tools/hs-gencap ] || { cmake -S . -B build >/dev/null && cmake --build build -j"$jobs" --target hs-gencap >/dev/null; }
cmake -S . -B "$out" -DHONEYSHARK_SANITIZE=ON -DHONEYSHARK_TESTS=OFF -DHONEYSHARK_REPORT=OFF >/dev/null
cmake --build "$out" -j"$jobs" >/dev/null
plugin=$(ls "$out"/plugins/*/epan/honeyshark.so)
asan=$(ldd "$plugin" | awk '/libasan/ { print $3 }')
[ -n "$asan" ] || { echo "fuzz-tshark: $plugin is not linked with ASan" >&2; exit 1; }

work=$(mktemp -d /tmp/hs-tshark-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home" "$out/findings"
cp -r "$out/plugins" "$work/plugins"
for gcs in $(git ls-files '*.gcs'); do
    name=$(echo "$gcs" | tr / _)
    build/tests/tools/hs-gencap "$work/${name%.gcs}.pcap" <"$gcs" >/dev/null
done
perl tests/tools/mkmmdb.pl demo/asn.json "$work/asn.mmdb"
perl tests/tools/mkmmdb.pl demo/country.json "$work/country.mmdb"
chmod -R a+rX "$work"
[ "$(id -u)" = 0 ] && chown nobody "$work/home"

run_tshark() { # tshark as an unprivileged user (root loads no personal plugin)
    local cmd=(env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" LD_PRELOAD="$asan"
        ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=0
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
        WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 tshark "$@")
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "${cmd[@]}"; else "${cmd[@]}"; fi
}

# The plugin must be in the tshark we fuzz, or every run would pass.
protocols=$(run_tshark -G protocols 2>&1 | cut -f3)
grep -qx shellshock <<<"$protocols" ||
    { echo "fuzz-tshark: the sanitizer build of the plugin did not load" >&2; exit 1; }

captures=("$work"/*.pcap)
passed=0
failed=0
rounds=0
end=$((SECONDS + seconds))
seed=${HS_FUZZ_SEED:-$RANDOM}
echo "fuzz-tshark: ${#captures[@]} captures, ${seconds}s, seeds from $seed"
# Each round mutates every capture with its own seed and reads them joined
# into one file: tshark's start-up (a second) is paid once per round.
while [ $SECONDS -lt $end ]; do
    rounds=$((rounds + 1))
    first=$((seed + 1))
    parts=()
    for cap in "${captures[@]}"; do
        seed=$((seed + 1))
        editcap -E 0.02 --seed "$seed" "$cap" "$work/part-$seed.pcap" 2>/dev/null
        parts+=("$work/part-$seed.pcap")
    done
    mutated="$work/mutated.pcap"
    mergecap -a -w "$mutated" "${parts[@]}"
    rm -f "${parts[@]}"
    chmod 644 "$mutated"
    bad=
    for passes in 1 2; do
        # -V wants every field; the state tap reads every frame's headers too.
        args=(-r "$mutated" -V -z "honeyshark,state,-,bucket=1h,sensor-by=dst"
            -o "src.asn_db:$work/asn.mmdb" -o "src.country_db:$work/country.mmdb"
            -o "src.p0f_file:/etc/p0f/p0f.fp")
        [ $passes = 2 ] && args+=(-2)
        if ! run_tshark "${args[@]}" >/dev/null 2>"$work/err" ||
            grep -qE 'AddressSanitizer|runtime error:|Dissector bug' "$work/err"; then
            bad=$passes
            break
        fi
    done
    if [ -z "$bad" ]; then
        passed=$((passed + 1))
        continue
    fi
    failed=$((failed + 1))
    keep="$out/findings/seeds-$first-$seed.pcap"
    cp "$mutated" "$keep"
    echo "FAIL - seeds $first..$seed, $bad pass(es): kept as $keep"
    grep -E -m5 -A12 'ERROR: AddressSanitizer|runtime error:|Dissector bug' "$work/err" || tail -20 "$work/err"
done
echo "fuzz-tshark: $rounds rounds, $((rounds * ${#captures[@]})) mutated captures, each read in one and in two passes"
echo "fuzz-tshark: $passed passed, $failed failed"
[ "$failed" = 0 ]
