# lib.sh - shared by the bench/ scripts (source it from bash).
#
# The machines are shared and noisy, so every figure is a ratio against a
# baseline measured in the same run: each pair runs baseline and candidate
# back to back (alternating which goes first), and the median of the pair
# ratios is reported.  CPU time (user + system) is measured, not wall time.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${HS_BUILD_DIR:-$BENCH_ROOT/build}
PAIRS=${HS_BENCH_PAIRS:-5}

bench_setup() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hs-bench.XXXXXX")
    chmod 755 "$WORK"
    trap 'rm -rf "$WORK"' EXIT
    mkdir -p "$WORK/home" "$WORK/noplugins" "$WORK/plugins"
    cp -r "$BUILD/plugins/." "$WORK/plugins/"
    chmod -R a+rX "$WORK"
    if [ "$(id -u)" = 0 ]; then chown -R nobody "$WORK/home"; fi
}

# as_user CMD...: as root, run as nobody (Wireshark 4.0 ignores plugins for root).
as_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- env HOME="$WORK/home" "$@"
    else
        env HOME="$WORK/home" "$@"
    fi
}

# tshark_with PLUGINDIR ARGS...: tshark loading only the plugins in PLUGINDIR.
tshark_with() {
    local dir=$1
    shift
    as_user env WIRESHARK_PLUGIN_DIR="$dir" tshark "$@"
}

# cpu_seconds CMD...: user+system CPU seconds of CMD (its output discarded).
cpu_seconds() {
    local TIMEFORMAT='%3U %3S' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
    awk '{ printf "%.3f\n", $1 + $2 }' <<<"$t"
}

# paired_ratio NAME "BASELINE CMD" "CANDIDATE CMD": median of candidate/baseline.
paired_ratio() {
    local name=$1 base=$2 cand=$3 ratios=() b c i
    for ((i = 0; i < PAIRS; i++)); do
        if ((i % 2 == 0)); then
            b=$(cpu_seconds bash -c "$base")
            c=$(cpu_seconds bash -c "$cand")
        else
            c=$(cpu_seconds bash -c "$cand")
            b=$(cpu_seconds bash -c "$base")
        fi
        ratios+=("$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.4f", (b > 0 ? c / b : 0) }')")
        echo "  pair $((i + 1)): baseline ${b}s, candidate ${c}s" >&2
    done
    local median
    median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    printf '%-58s %s\n' "$name" "$median"
}

# instructions PLUGINDIR ARGS...: instructions callgrind counts for one tshark
# run (deterministic, whatever else the machine is doing; about 50x slower).
instructions() {
    local dir=$1
    shift
    mkdir -p "$WORK/cg"
    chmod 777 "$WORK/cg"
    as_user env WIRESHARK_PLUGIN_DIR="$dir" valgrind --tool=callgrind \
        --callgrind-out-file="$WORK/cg/out.%p" tshark "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}

# ratio X Y: X / Y with four decimals.
ratio() {
    awk -v x="$1" -v y="$2" 'BEGIN { printf "%.4f", (y > 0 ? x / y : 0) }'
}

# bench_databases NETS DIR: GeoLite2-ASN.mmdb and GeoLite2-Country.mmdb in DIR
# for exactly the networks listed in NETS (hs-gencap bench --networks-out):
# two networks per AS, countries cycling through a list.  Built from JSON
# with MaxMind's own writer (tests/tools/mkmmdb.pl).
bench_databases() {
    mkdir -p "$2"
    perl -e '
        my @cc = (["CN","China"],["US","United States"],["RU","Russia"],["BR","Brazil"],
                  ["JP","Japan"],["DE","Germany"],["IN","India"],["KR","South Korea"],
                  ["NL","Netherlands"],["VN","Vietnam"],["FR","France"],["TW","Taiwan"]);
        my (@asn, @country);
        while (my $net = <STDIN>) {
            chomp $net;
            my $i = $. - 1;
            my $as = 4200000000 + int($i / 2);
            push @asn, sprintf(q({"%s": {"autonomous_system_number": %d, "autonomous_system_organization": "Bench Networks %d"}}), $net, $as, $as);
            my $c = $cc[$i % @cc];
            push @country, sprintf(q({"%s": {"country": {"iso_code": "%s", "names": {"en": "%s"}}}}), $net, @$c);
        }
        open my $a, ">", "$ARGV[0]/asn.json" or die; print $a "[", join(",\n", @asn), "]\n";
        open my $c, ">", "$ARGV[0]/country.json" or die; print $c "[", join(",\n", @country), "]\n";
    ' "$2" <"$1"
    perl "$BENCH_ROOT/tests/tools/mkmmdb.pl" --maxmind-list "$2/asn.json" \
        "$2/GeoLite2-ASN.mmdb" GeoLite2-ASN
    perl "$BENCH_ROOT/tests/tools/mkmmdb.pl" --maxmind-list "$2/country.json" \
        "$2/GeoLite2-Country.mmdb" GeoLite2-Country
    chmod -R a+rX "$2"
}

# bench_capture FRAMES PCAP: hs-gencap's bench mix of FRAMES frames from
# ~50,000 sources in 2,000 networks, and in $WORK/db an AS and a country
# database for exactly those networks (bench_databases); OURS holds the
# tshark options that point the plugin at them.
bench_capture() {
    "$BUILD/tests/tools/hs-gencap" bench --frames "$1" --sources 50000 --networks 2000 \
        --networks-out "$WORK/nets.txt" "$2"
    chmod 644 "$2"
    bench_databases "$WORK/nets.txt" "$WORK/db" >/dev/null
    OURS="-o src.asn_db:$WORK/db/GeoLite2-ASN.mmdb -o src.country_db:$WORK/db/GeoLite2-Country.mmdb"
}

export -f as_user tshark_with
