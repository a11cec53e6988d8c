#!/usr/bin/env bash
# Lintas intake load harness: measures the durable-ack web-form intake of the PACKAGED app over
# loopback. One command, run from anywhere:
#
#   bench/intake-load.sh [IntakeLoad flags...]      e.g. bench/intake-load.sh --runs 5 --concurrency 64
#
# Builds the jar if missing, starts it as a real process on a free port with a fresh data
# directory under target/, waits for /actuator/health UP, runs bench/IntakeLoad.java (warm-up,
# closed-loop max throughput, open-loop fixed rate; see bench/README.md), lets the pipeline drain,
# counts the ledger, stops the app and prints a summary. It prints figures; it never fails on a goal.
#
# Environment:
#   BENCH_XMX        app heap (default 1g)
#   BENCH_JAVA_OPTS  extra JVM options for the app (e.g. -XX:+UseParallelGC)
#   BENCH_APP_ARGS   extra app arguments (e.g. --logging.level.org.apache.activemq.audit=WARN)
#   BENCH_PORT       port (default: a free one)
#   BENCH_KEEP_DATA  1 = keep the data directory and app log after the run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"   # the dev profile reads routes from ./routes

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then exec java "$ROOT/bench/IntakeLoad.java" --help; fi
done

JAR="$ROOT/target/lintas-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$JAR" ]]; then
  echo "bench: building $JAR (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package
fi

free_port() {
  if [[ -n "${BENCH_PORT:-}" ]]; then echo "$BENCH_PORT"; return; fi
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port found" >&2; exit 1
}

PORT="$(free_port)"
RUN_DIR="$ROOT/target/bench-$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$RUN_DIR/data"
LOG="$RUN_DIR/app.log"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$APP_PID" 2>/dev/null; then
      echo "bench: app did not stop in 30 s, killing it" >&2
      kill -9 "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ "${BENCH_KEEP_DATA:-0}" != 1 ]]; then
    rm -rf "$RUN_DIR"
  else
    echo "bench: kept $RUN_DIR (app.log, data/)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "bench: starting the app on 127.0.0.1:$PORT (heap ${BENCH_XMX:-1g}, data $RUN_DIR/data)"
# shellcheck disable=SC2086
LINTAS_DATA_DIR="$RUN_DIR/data" LINTAS_PORT="$PORT" LINTAS_BIND_ADDRESS=127.0.0.1 \
  java -Xms"${BENCH_XMX:-1g}" -Xmx"${BENCH_XMX:-1g}" ${BENCH_JAVA_OPTS:-} \
  -jar "$JAR" --spring.profiles.active=dev ${BENCH_APP_ARGS:-} >"$LOG" 2>&1 &
APP_PID=$!

t0=$(date +%s)
until curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "bench: the app exited during start; last log lines:" >&2
    tail -40 "$LOG" >&2
    BENCH_KEEP_DATA=1
    exit 1
  fi
  if (( $(date +%s) - t0 > 180 )); then
    echo "bench: the app was not UP after 180 s" >&2
    BENCH_KEEP_DATA=1
    exit 1
  fi
  sleep 1
done
echo "bench: app UP after $(( $(date +%s) - t0 )) s (pid $APP_PID)"

# The client JVM: small heap, serial GC (one core-share for GC would compete with the app).
java -Xms256m -Xmx256m -XX:+UseSerialGC "$ROOT/bench/IntakeLoad.java" \
  --url "http://127.0.0.1:$PORT" \
  --server-pid "$APP_PID" \
  --clk-tck "$(getconf CLK_TCK 2>/dev/null || echo 100)" \
  --summary-file "$RUN_DIR/summary.txt" \
  "$@"

if grep -qE ' (ERROR|WARN) ' "$LOG"; then
  echo "bench: app log warnings/errors during the run: $(grep -cE ' (ERROR|WARN) ' "$LOG") (BENCH_KEEP_DATA=1 keeps $LOG)"
fi
