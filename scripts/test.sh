#!/bin/bash
# test.sh - builds everything and runs every test: unit, end-to-end (the real
# tshark with the freshly built plugin), the fuzz corpora, the unit tests
# again under ASan+UBSan, and a short libFuzzer run of each fuzz target.
#
#   HS_FUZZ_SECONDS=60 bash scripts/test.sh      (seconds per fuzz target)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${HS_FUZZ_SECONDS:-60}

bash scripts/deps.sh

passed=0
failed=0
skipped=0
# Runs ctest in a build dir and adds its counts to the totals.  Every test is
# required: one that skips (exit 77, e.g. a missing tool) is counted apart
# and fails the run.
run_ctest() {
    local dir=$1 log
    log=$(mktemp)
    (cd "$dir" && ctest --output-on-failure -j"$jobs") 2>&1 | tee "$log" || true
    local line
    line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
    if [ -z "$line" ]; then
        echo "test.sh: ctest in $dir printed no summary" >&2
        rm -f "$log"
        failed=$((failed + 1))
        return
    fi
    local total nfail nskip
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    nfail=$(sed -E 's/.*tests passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    nskip=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Skipped\)$' "$log" || true)
    passed=$((passed + total - nfail - nskip))
    failed=$((failed + nfail))
    skipped=$((skipped + nskip))
    rm -f "$log"
}

echo "== build (plugin, report, tests)"
cmake -S . -B build -DHONEYSHARK_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
run_ctest build
if ! (cd build && ctest -N -R '^e2e\.clickhouse$' | grep -q 'e2e.clickhouse'); then
    echo "test.sh: e2e.clickhouse not run: clickhouse-server is not installable on" \
        "$(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-this system}") (Debian 12 ships it; 13 and unstable ship none)"
fi

echo "== unit tests under ASan+UBSan"
cmake -S . -B build-asan -DHONEYSHARK_SANITIZE=ON -DHONEYSHARK_PLUGIN=OFF -DHONEYSHARK_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
run_ctest build-asan

echo "== libFuzzer, ${fuzz_seconds}s per target"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DHONEYSHARK_FUZZ=ON -DHONEYSHARK_TESTS=OFF \
    -DHONEYSHARK_PLUGIN=OFF >/dev/null
cmake --build build-fuzz -j"$jobs"
for fuzzer in build-fuzz/tests/fuzz/fuzz_*; do
    [ -x "$fuzzer" ] || continue
    name=$(basename "$fuzzer")
    short=${name#fuzz_}
    work=$(mktemp -d)
    seeds=()
    [ -d "tests/fuzz/corpus/$short" ] && seeds=("tests/fuzz/corpus/$short")
    # -timeout: one input working for 30 s is a finding (a hang), not a stall of the run.
    if "$fuzzer" -max_total_time="$fuzz_seconds" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=30 -artifact_prefix="$work.art-" \
        -print_final_stats=1 "$work" "${seeds[@]}" >"$work.log" 2>&1; then
        echo "ok   - fuzz $name: $(grep -E '^stat::number_of_executed_units' "$work.log" | awk '{print $2}') runs"
        passed=$((passed + 1))
    else
        echo "FAIL - fuzz $name"
        tail -40 "$work.log"
        for art in "$work".art-*; do # the input, to reproduce: base64 -d >x; $fuzzer x
            [ -f "$art" ] && echo "input $(basename "$art"), base64:" && base64 -w0 "$art" | head -c 200000 && echo
        done
        failed=$((failed + 1))
    fi
    rm -rf "$work" "$work.log" "$work".art-*
done

echo "== all tests"
[ "$skipped" = 0 ] || echo "test.sh: $skipped required test(s) skipped: a skip is a failure" >&2
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$skipped" = 0 ]
