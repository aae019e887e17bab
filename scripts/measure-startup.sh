#!/usr/bin/env bash
# Start-up of the embedded install (server + embedded PostgreSQL), for the record in docs/performance.md.
#
#   ./mvnw -B -DskipTests package          # the script needs the built jar
#   scripts/measure-startup.sh [RUNS]      # RUNS: repetitions per case (default 3; or env RUNS)
#
# Each repetition, on a fresh data directory:
#   cold     start on an empty data dir (initdb, migrations, first-start admin) until /actuator/health is UP
#   restart  SIGTERM, wait for exit, start on the same dir until UP; the admin password and a project
#            created before the stop must still be there
#   crash    kill -9 the java process (its postmaster is left orphaned), start on the same dir until UP;
#            same checks
# Times run from launching java to the first 200 answer with "UP" (polled every 0.1 s, at most TIMEOUT_S).
# Everything listens on 127.0.0.1 only. Every process started here is stopped on exit, including a
# postmaster left over from a killed server.
#
# Environment: RUNS (3), PORT (a free loopback port), TIMEOUT_S (180), JAR (backend/server/target/...),
# KEEP_WORK=1 keeps the data dirs and logs (they are always kept when a check fails or the script is
# interrupted).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${JAR:-$ROOT/backend/server/target/trainyard-server.jar}
RUNS=${1:-${RUNS:-3}}
TIMEOUT_S=${TIMEOUT_S:-180}
KEEP_WORK=${KEEP_WORK:-0}

die() { echo "error: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ -f $JAR ]] || die "$JAR not found. Build it first, from the repository root: ./mvnw -B -DskipTests package"
[[ -n ${EPOCHREALTIME:-} ]] || die "needs bash 5 or newer"
command -v java >/dev/null || die "java is not on the PATH"
command -v curl >/dev/null || die "curl is not on the PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trainyard-startup.XXXXXX")
PW="measure-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=""
FAILED=0

now() { echo "${EPOCHREALTIME/[.,]/}"; }   # microseconds

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "found no free port on 127.0.0.1"
}
PORT=${PORT:-$(free_port)}
BASE="http://127.0.0.1:$PORT"

# The postmaster of a data dir, if one runs on it (pid from postmaster.pid, checked against /proc).
postmaster_of() {
    local dir=$1/postgres pid
    [[ -f $dir/postmaster.pid ]] || return 1
    pid=$(head -n1 "$dir/postmaster.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir" || return 1
    echo "$pid"
}

wait_gone() {   # pid, seconds
    local deadline=$(( $(now) + $2 * 1000000 ))
    while kill -0 "$1" 2>/dev/null; do
        (( $(now) < deadline )) || return 1
        sleep 0.1
    done
}

cleanup() {
    local status=$? pid dir
    trap - EXIT INT TERM
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait_gone "$SERVER_PID" 30 || kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    for dir in "$WORK"/run-*; do
        [[ -d $dir ]] || continue
        if pid=$(postmaster_of "$dir"); then
            echo "cleanup: stopping leftover postmaster $pid on $dir/postgres" >&2
            kill -TERM "$pid" 2>/dev/null || true
            wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if (( FAILED || status != 0 )) || [[ $KEEP_WORK == 1 ]]; then
        echo "data dirs and logs kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the log's tail and fails the measurement.
fail() {   # message, log
    FAILED=1
    echo "FAILED: $1" >&2
    if [[ -n ${2:-} && -f $2 ]]; then
        echo "---- last 80 lines of $2 ----" >&2
        tail -n 80 "$2" >&2
        echo "----" >&2
    fi
    exit 1
}

# Starts the server on $1 (data dir), logging to $2; sets ELAPSED to the seconds until healthy.
# Runs in the main shell (never in $(...)), so SERVER_PID stays known to cleanup.
ELAPSED=""
start_and_time() {
    local dir=$1 log=$2 t0 deadline body
    t0=$(now)
    TRAINYARD_ADMIN_PASSWORD="$PW" java -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
        --trainyard.data-dir="$dir" >"$log" 2>&1 &
    SERVER_PID=$!
    deadline=$(( t0 + TIMEOUT_S * 1000000 ))
    while :; do
        body=$(curl -s --max-time 1 "$BASE/actuator/health" 2>/dev/null || true)
        if [[ $body == *'"status":"UP"'* ]]; then
            break
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited before it became healthy" "$log"
        (( $(now) < deadline )) || fail "not healthy within $TIMEOUT_S s" "$log"
        sleep 0.1
    done
    ELAPSED=$(awk -v us=$(( $(now) - t0 )) 'BEGIN { printf "%.2f", us / 1e6 }')
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

# The admin password authenticates and the probe project ($2) exists.
check_data() {   # case, probe key, log
    local me project
    me=$(http_code -u "admin:$PW" "$BASE/api/v1/me")
    [[ $me == 200 ]] || fail "$1: GET /api/v1/me with the admin password answered $me (expected 200)" "$3"
    if [[ -n $2 ]]; then
        project=$(http_code -u "admin:$PW" "$BASE/api/v1/projects/$2")
        [[ $project == 200 ]] || fail "$1: project '$2', created before the stop, answered $project" "$3"
    fi
}

create_probe() {   # key, log
    local code
    code=$(http_code -u "admin:$PW" -H 'Content-Type: application/json' \
        -d "{\"key\":\"$1\",\"name\":\"start-up probe\"}" "$BASE/api/v1/projects")
    [[ $code == 201 ]] || fail "creating project '$1' answered $code" "$2"
}

stop_gracefully() {   # log
    kill -TERM "$SERVER_PID"
    wait_gone "$SERVER_PID" 120 || fail "the server did not exit within 120 s of SIGTERM" "$1"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'; }

echo "Trainyard start-up of the embedded install"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory," \
     "CPU $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "kernel:  $(uname -sr); data dirs on $(df -PT "$WORK" | awk 'NR == 2 { print $2 }')"
echo "java:    $(java -version 2>&1 | head -n1)"
echo "jar:     ${JAR#"$ROOT"/}"
echo "command: TRAINYARD_ADMIN_PASSWORD=... java -jar ${JAR#"$ROOT"/} --server.port=$PORT" \
     "--server.address=127.0.0.1 --trainyard.data-dir=<fresh dir>"
echo "runs:    $RUNS per case; health polled every 0.1 s, timeout $TIMEOUT_S s"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min averages at the start; other work skews the figures)"
echo

COLD=() RESTART=() CRASH=()
for i in $(seq 1 "$RUNS"); do
    dir=$WORK/run-$i
    mkdir -p "$dir"

    start_and_time "$dir" "$dir/cold.log"
    t=$ELAPSED
    check_data cold "" "$dir/cold.log"
    COLD+=("$t")
    echo "run $i: cold start      ${t} s"
    create_probe "probe-restart-$i" "$dir/cold.log"
    stop_gracefully "$dir/cold.log"
    if pid=$(postmaster_of "$dir"); then
        fail "run $i: postmaster $pid still runs after the server exited on SIGTERM" "$dir/cold.log"
    fi

    start_and_time "$dir" "$dir/restart.log"
    t=$ELAPSED
    check_data restart "probe-restart-$i" "$dir/restart.log"
    RESTART+=("$t")
    echo "run $i: restart         ${t} s"
    create_probe "probe-crash-$i" "$dir/restart.log"
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    orphan=$(postmaster_of "$dir" || true)

    start_and_time "$dir" "$dir/crash.log"
    t=$ELAPSED
    check_data crash "probe-crash-$i" "$dir/crash.log"
    CRASH+=("$t")
    echo "run $i: after kill -9   ${t} s  (orphaned postmaster: ${orphan:-none};" \
         "stopped by the new server: $(grep -q 'from an earlier server process still runs' "$dir/crash.log" \
             && echo yes || echo no))"
    stop_gracefully "$dir/crash.log"
done

echo
printf '%-22s %-8s %s\n' "case" "median" "runs (s)"
printf '%-22s %-8s %s\n' "cold start" "$(median "${COLD[@]}")" "${COLD[*]}"
printf '%-22s %-8s %s\n' "restart" "$(median "${RESTART[@]}")" "${RESTART[*]}"
printf '%-22s %-8s %s\n' "restart after kill -9" "$(median "${CRASH[@]}")" "${CRASH[*]}"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
