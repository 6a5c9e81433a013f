#!/bin/bash
# crosscheck_bgpdump.sh - an independent check of the MRT reader and of the
# tests' MRT writer: Debian's bgpdump (libbgpdump, another implementation
# of RFC 6396) prints the routes of the dumps mkmrt writes, awk applies
# honeyshark-asdb's rules to them (origin = last AS, smallest of a trailing
# AS_SET; per prefix the majority, ties to the lowest AS; /0 left out), and
# the table must equal honeyshark-asdb-prefixes' output line for line.
#
#   crosscheck_bgpdump.sh MKMRT PREFIXES_COMMAND
set -uo pipefail
mkmrt=$1
prefixes=$2
if ! command -v bgpdump >/dev/null; then
    echo "MISSING: bgpdump (apt-get install bgpdump; scripts/deps.sh installs it)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# bgpdump -m lines -> "prefix<TAB>origin" by the rules above.
rules() {
    awk -F'|' '
    $1 == "TABLE_DUMP" || $1 == "TABLE_DUMP2" || $1 == "TABLE_DUMP2_AP" {
        pfx = $6; path = ($1 == "TABLE_DUMP2_AP") ? $8 : $7
        if (pfx ~ /\/0$/) next
        n = split(path, hop, " ")
        if (n == 0) next
        last = hop[n]
        # AS numbers stay strings: mawk turns numbers above 2^31 into
        # "4.2e+09" when it makes them strings (array keys, output).
        if (last ~ /^\{/) {
            gsub(/[{}]/, "", last)
            m = split(last, set, ",")
            o = set[1]
            for (i = 2; i <= m; i++) if (set[i] + 0 < o + 0) o = set[i]
        } else {
            o = last
        }
        if (o + 0 == 0) next
        votes[pfx, o]++
    }
    END {
        for (key in votes) {
            split(key, pk, SUBSEP)
            p = pk[1]; o = pk[2]; v = votes[key]
            if (!(p in best) || v > bestv[p] || (v == bestv[p] && o + 0 < best[p] + 0)) {
                best[p] = o; bestv[p] = v
            }
        }
        for (p in best) printf "%s\t%s\n", p, best[p]
    }'
}

check() {
    local name=$1 file=$2
    bgpdump -q -m "$file" 2>/dev/null | rules | LC_ALL=C sort >"$work/$name.bgpdump"
    "$prefixes" -q "$file" | grep -v '^;' | LC_ALL=C sort >"$work/$name.ours"
    local n
    n=$(wc -l <"$work/$name.ours")
    if [ "$n" -lt 1 ]; then
        echo "FAIL: $name: no prefixes" >&2
        failures=$((failures + 1))
    elif cmp -s "$work/$name.bgpdump" "$work/$name.ours"; then
        echo "ok   - $name: $n prefixes agree with bgpdump"
    else
        echo "FAIL: $name: the tables differ (< bgpdump, > honeyshark-asdb-prefixes):" >&2
        diff "$work/$name.bgpdump" "$work/$name.ours" | head -20 >&2
        failures=$((failures + 1))
    fi
}

"$mkmrt" -v 1 "$work/v1.mrt" && check v1 "$work/v1.mrt"
"$mkmrt" -v 2 "$work/v2.mrt" && check v2 "$work/v2.mrt"
"$mkmrt" -l "$work/legacy.mrt" && check legacy "$work/legacy.mrt"
for seed in 1 2 3 4 5; do
    "$mkmrt" -r "$seed" "$work/random$seed.mrt" && check "random$seed" "$work/random$seed.mrt"
done
[ "$failures" = 0 ]
