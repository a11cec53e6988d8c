#!/usr/bin/env bash
# Lintas invoice latency benchmark: time from "invoice request accepted" (POST /api/invoices → 202) to "invoice
# email delivered" (received by the sandbox SMTP server), against the PACKAGED app in the dev profile, whose demo
# tenant bills through the sandbox Xendit and mails and texts through the sandbox SMTP server and Twilio. One
# command, run from anywhere:
#
#   bench/invoice-latency.sh [InvoiceLatency flags...]      e.g. bench/invoice-latency.sh --count 300 --rate 10
#
# Builds the jar if missing, starts it on a free port (sandbox on a second free port) with a fresh data directory
# under target/, waits for /actuator/health UP, runs bench/InvoiceLatency.java (see bench/README.md), stops the app.
# It prints figures; it never fails on a goal.
#
# Environment:
#   BENCH_XMX        app heap (default 1g)
#   BENCH_JAVA_OPTS  extra JVM options for the app
#   BENCH_APP_ARGS   extra app arguments (e.g. --lintas.notify.consumers=4)
#   BENCH_PORT       port (default: a free one)
#   BENCH_KEEP_DATA  1 = keep the data directory and app log after the run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"   # the dev profile reads routes from ./routes

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then exec java "$ROOT/bench/InvoiceLatency.java" --help; fi
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
SANDBOX_PORT="$(BENCH_PORT= free_port)"
RUN_DIR="$ROOT/target/bench-invoice-$(date -u +%Y%m%dT%H%M%SZ)-$$"
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
  -jar "$JAR" --spring.profiles.active=dev --lintas.sandbox.port="$SANDBOX_PORT" ${BENCH_APP_ARGS:-} >"$LOG" 2>&1 &
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
java -Xms256m -Xmx256m -XX:+UseSerialGC "$ROOT/bench/InvoiceLatency.java" \
  --url "http://127.0.0.1:$PORT" \
  --sandbox "http://127.0.0.1:$SANDBOX_PORT" \
  "$@"

echo "bench: sandbox counters: $(curl -fsS "http://127.0.0.1:$SANDBOX_PORT/sandbox/stats" 2>/dev/null || echo n/a)"
for q in billing notify; do
  echo "bench: lintas.dlq.$q: $(curl -fsS -u admin:admin "http://127.0.0.1:$PORT/api/dlq/$q" 2>/dev/null | head -c 300 || echo n/a)"
done
if grep -qE ' (ERROR|WARN) ' "$LOG"; then
  echo "bench: app log warnings/errors during the run: $(grep -E ' (ERROR|WARN) ' "$LOG" | grep -vc SANDBOX) besides the SANDBOX banners (BENCH_KEEP_DATA=1 keeps $LOG)"
fi
