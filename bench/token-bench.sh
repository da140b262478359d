#!/usr/bin/env bash
# The token benchmark in one command: Strato, the floor (Strato's HTTP stack answering a constant
# 200) and Debian's Keystone 22, all on 127.0.0.1, measured in the same run by TokenBench.
#
#   bench/token-bench.sh [--no-build] [--skip-strato] [--skip-keystone] [-- TokenBench options...]
#
# e.g. a quick smoke run:  bench/token-bench.sh -- --validate-requests 300 --issue-requests 20 --revoked 500
#
# It builds if needed (./mvnw -q -DskipTests package), starts `./strato up --data-dir <tmp>
# --port-offset 20000` and waits for "strato: ready", starts the floor server and the Keystone
# reference (bench/keystone-reference.sh, fresh database), runs TokenBench against the three and
# tears everything down on exit. The table goes to stdout and to bench/results/ (gitignored):
# token-bench-<time>.txt per run, token-bench.csv appended.
#
# Environment: JAVA_HOME (default Temurin 25), FLOOR_PORT (18999), STRATO_PORT_OFFSET (20000),
# TOKEN_BENCH_SECONDS (time limit of the measuring itself, default 660), KS_* (see keystone-reference.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
RESULTS=$BENCH/results
JAR=$BENCH/target/strato-bench.jar
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
FLOOR_PORT=${FLOOR_PORT:-18999}
STRATO_PORT_OFFSET=${STRATO_PORT_OFFSET:-20000}
TOKEN_BENCH_SECONDS=${TOKEN_BENCH_SECONDS:-660}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

build=1 strato=1 keystone=1
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --skip-strato) strato=0 ;;
        --skip-keystone) keystone=0 ;;
        --) shift; break ;;
        *) echo "usage: $0 [--no-build] [--skip-strato] [--skip-keystone] [-- TokenBench options]" >&2; exit 2 ;;
    esac
    shift
done

log() { echo "token-bench: $*" >&2; }
loud() { printf '\n!!!!!!!! %s !!!!!!!!\n\n' "$*"; }

WORK=$(mktemp -d /tmp/token-bench.XXXXXX)
STRATO_PID="" FLOOR_PID="" KS_STARTED=0
cleanup() {
    set +e
    if [ -n "$FLOOR_PID" ]; then kill -TERM "$FLOOR_PID" 2>/dev/null; fi
    if [ -n "$STRATO_PID" ]; then
        kill -TERM -- "-$STRATO_PID" 2>/dev/null   # its own session/process group (setsid)
        for _ in $(seq 1 60); do kill -0 "$STRATO_PID" 2>/dev/null || break; sleep 0.25; done
        kill -KILL -- "-$STRATO_PID" 2>/dev/null
    fi
    if [ "$KS_STARTED" = 1 ]; then "$BENCH/keystone-reference.sh" stop >/dev/null 2>&1; fi
    # Strato's own log, less the per-request access lines: where its 5xx stack traces are.
    if [ -s "$WORK/strato.log" ]; then
        mkdir -p "$RESULTS"; grep -v ' strato.access ' "$WORK/strato.log" >"$RESULTS/strato-$STAMP.log"
    fi
    if [ -n "$FLOOR_PID" ]; then
        for _ in $(seq 1 20); do kill -0 "$FLOOR_PID" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$FLOOR_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! ss -ltn "sport = :$1" 2>/dev/null | grep -q LISTEN; }

# waits for a line in a log file while the process lives; $1 pid, $2 file, $3 pattern, $4 seconds
wait_for_line() {
    local end=$((SECONDS + $4))
    while [ $SECONDS -lt $end ]; do
        grep -q "$3" "$2" 2>/dev/null && return 0
        kill -0 "$1" 2>/dev/null || return 1
        sleep 0.25
    done
    return 1
}

cd "$ROOT"

# ---- build ----
newer_sources() { [ ! -f "$1" ] || [ -n "$(find "$ROOT" -path '*/src/main/*' -newer "$1" -print -quit 2>/dev/null)" ] \
    || [ -n "$(find "$ROOT" -name pom.xml -newer "$1" -print -quit)" ]; }
if [ $build = 1 ]; then
    stamp=$WORK/none
    [ -f "$ROOT/launcher/target/strato.jar" ] && stamp=$ROOT/launcher/target/strato.jar
    if newer_sources "$JAR" || { [ $strato = 1 ] && newer_sources "$stamp"; }; then
        log "building: ./mvnw -q -DskipTests package"
        if ! ./mvnw -q -DskipTests package >"$WORK/build.log" 2>&1; then
            tail -30 "$WORK/build.log" >&2
            loud "the full build failed; building the bench module alone, Strato may be stale or missing" >&2
            ./mvnw -q -DskipTests -pl bench -am package >"$WORK/build-bench.log" 2>&1 \
                || { tail -30 "$WORK/build-bench.log" >&2; log "the bench module does not build"; exit 1; }
        fi
    fi
fi
[ -f "$JAR" ] || { log "no $JAR: run without --no-build"; exit 1; }

TARGETS=()
problems=()

# ---- Strato ----
if [ $strato = 1 ]; then
    if [ ! -x "$ROOT/strato" ]; then
        problems+=("no ./strato launcher in $ROOT: Strato was not measured")
    else
        mkdir -p "$WORK/strato"
        log "starting ./strato up --data-dir $WORK/strato --port-offset $STRATO_PORT_OFFSET"
        setsid "$ROOT/strato" up --data-dir "$WORK/strato" --port-offset "$STRATO_PORT_OFFSET" \
            </dev/null >"$WORK/strato.log" 2>&1 &
        STRATO_PID=$!
        if wait_for_line "$STRATO_PID" "$WORK/strato.log" 'strato: ready' 180 && [ -f "$WORK/strato/admin-openrc.sh" ]; then
            cp "$WORK/strato/admin-openrc.sh" "$WORK/strato-openrc.sh"
            TARGETS+=(--target strato --openrc "$WORK/strato-openrc.sh")
            log "strato ready: $(grep -m1 OS_AUTH_URL "$WORK/strato/admin-openrc.sh")"
        else
            tail -30 "$WORK/strato.log" >&2 || true
            problems+=("./strato up did not reach 'strato: ready' (log: bench/results/strato-$STAMP.log): Strato was not measured")
        fi
    fi
fi

# ---- the floor ----
port_free "$FLOOR_PORT" || { log "port $FLOOR_PORT is taken (set FLOOR_PORT)"; exit 1; }
# Same JVM flags and logging as `./strato up` (access log to a file unless STRATO_ACCESS_LOG=off).
setsid "$JAVA" -XX:+UseZGC -Xss1m -cp "$JAR" io.strato.bench.ConstantServer --port "$FLOOR_PORT" --max-seconds 1800 \
    </dev/null >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
wait_for_line "$FLOOR_PID" "$WORK/floor.log" 'floor: ready' 30 || { cat "$WORK/floor.log" >&2; log "the floor did not start"; exit 1; }
TARGETS+=(--target floor --floor "http://127.0.0.1:$FLOOR_PORT/v3")

# ---- Keystone ----
if [ $keystone = 1 ]; then
    KS_STARTED=1
    if KS_FRESH=1 "$BENCH/keystone-reference.sh" start >"$WORK/keystone.env" 2>"$WORK/keystone.log"; then
        # shellcheck disable=SC1090
        . "$WORK/keystone.env"
        TARGETS+=(--target keystone --openrc "$KEYSTONE_OPENRC")
    else
        cat "$WORK/keystone.log" >&2
        problems+=("the Keystone reference did not start: Keystone was not measured")
    fi
fi

for p in "${problems[@]}"; do loud "$p" >&2; done

# ---- measure ----
mkdir -p "$RESULTS"
OUT=$RESULTS/token-bench-$STAMP.txt
{
    echo "# token-bench $STAMP, git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cpus, $(uname -r)"
    echo "# keystone: $(dpkg-query -W -f='${Version}' keystone 2>/dev/null || echo 'not installed'), uwsgi ${KS_PROCESSES:-4}x${KS_THREADS:-8}, cache ${KS_CACHE:-memcached}, db $(cat /var/lib/strato-bench-keystone/db-kind 2>/dev/null || echo '?')"
    for p in "${problems[@]}"; do echo "# !!! $p"; done
} | tee "$OUT"
set +e
timeout --kill-after=15 "$TOKEN_BENCH_SECONDS" "$JAVA" -cp "$JAR" io.strato.bench.TokenBench "${TARGETS[@]}" \
    --csv "$RESULTS/token-bench.csv" "$@" 2>&1 | tee -a "$OUT"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then loud "TokenBench hit the ${TOKEN_BENCH_SECONDS}s limit and was stopped" | tee -a "$OUT"; fi
if [ -s "$WORK/strato.log" ] && grep -q 'NoClassDefFoundError' "$WORK/strato.log"; then
    # ./strato runs launcher/target/strato.jar in place: a build during the run replaces it under the JVM.
    problems+=("Strato's log has NoClassDefFoundError: launcher/target/strato.jar was rebuilt while Strato ran; rerun")
fi
for p in "${problems[@]}"; do loud "$p" | tee -a "$OUT"; done
log "results: $OUT (and $RESULTS/token-bench.csv)"
if [ ${#problems[@]} -gt 0 ] && [ "$rc" = 0 ]; then rc=4; fi
exit "$rc"
