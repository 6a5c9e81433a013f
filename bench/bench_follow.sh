#!/bin/bash
# bench_follow.sh - what following a ring costs (issue 16).
#
#   bash bench/bench_follow.sh [FRAMES] [FILES]     (default 600000 frames, 24 files)
#
# Cuts one hs-gencap bench capture of FRAMES frames into FILES ring files
# (editcap -c names them PREFIX_NNNNN_YYYYMMDDhhmmss, as dumpcap's ring),
# then, pairwise (lib.sh), CPU seconds of
#   baseline:  honeyshark-batch -j 1 --save-state over all files at once
#   candidate: honeyshark-follow --once --last -o DIR over the same ring:
#              each file counted alone, hashed, merged into the running
#              state, a ledger generation committed, the reports rewritten
# and checks that both states give the same tables.  Prints the median ratio.
source "$(dirname "$0")/lib.sh"
frames=${1:-600000}
files=${2:-24}
PAIRS=${HS_BENCH_PAIRS:-3}
bench_setup
chmod 777 "$WORK"
bench_capture "$frames" "$WORK/all.pcap"
mkdir -p "$WORK/ring"
editcap -c $(((frames + files - 1) / files)) "$WORK/all.pcap" "$WORK/ring/hp.pcap"
chmod -R a+rX "$WORK/ring"
n=$(find "$WORK/ring" -name 'hp_*' | wc -l)
echo "ring: $n files of $((frames / files)) frames" >&2

cat >"$WORK/tshark" <<WRAP
#!/bin/bash
# -G must come first, so no preferences for it
[ "\$1" = -G ] && exec env WIRESHARK_PLUGIN_DIR="$WORK/plugins" tshark "\$@"
exec env WIRESHARK_PLUGIN_DIR="$WORK/plugins" tshark $OURS "\$@"
WRAP
chmod 755 "$WORK/tshark"
export TSHARK=$WORK/tshark HONEYSHARK_REPORT=$BUILD/postproc/honeyshark-report
B=$BENCH_ROOT/postproc
mkdir -p "$WORK/run"
chmod 777 "$WORK/run"
base="rm -rf $WORK/run/b.state; as_user env TSHARK=\$TSHARK HONEYSHARK_REPORT=\$HONEYSHARK_REPORT \
    bash $B/honeyshark-batch -j 1 -b 1h --save-state $WORK/run/b.state $WORK/ring/hp_* -- -q"
cand="rm -rf $WORK/run/f $WORK/run/out; as_user env TSHARK=\$TSHARK HONEYSHARK_REPORT=\$HONEYSHARK_REPORT \
    bash $B/honeyshark-follow --once --last -b 1h -d $WORK/run/f -o $WORK/run/out $WORK/ring"
export WORK
# Once each first: both must succeed (and the files are in the page cache).
bash -c "$base" >"$WORK/base.log" 2>&1 || { echo "bench_follow: honeyshark-batch failed:" >&2; tail "$WORK/base.log" >&2; exit 1; }
bash -c "$cand" >"$WORK/cand.log" 2>&1 || { echo "bench_follow: honeyshark-follow failed:" >&2; tail "$WORK/cand.log" >&2; exit 1; }
paired_ratio "honeyshark-follow --once over $n files / honeyshark-batch" "$base" "$cand"
for r in as-time country timeline; do
    a=$("$HONEYSHARK_REPORT" merge "$WORK/run/b.state" -r "$r" -b 1h -f csv | md5sum)
    b=$("$HONEYSHARK_REPORT" merge "$WORK/run/f/current/state" -r "$r" -b 1h -f csv | md5sum)
    [ "$a" = "$b" ] || { echo "bench_follow: the $r tables differ" >&2; exit 1; }
done
echo "the followed state gives the same as-time, country and timeline tables" >&2
