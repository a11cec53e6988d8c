#!/usr/bin/env bash
# Lintas CRM delivery benchmark: leads through ONE rate-limited Bitrix24 portal stand-in.
#
#   bench/crm-load.sh [CrmLoad flags...]        e.g. bench/crm-load.sh --leads 1500
#
# Starts bench/Bitrix24StandIn.java (leaky bucket burst 50, 2 requests/s, 503 QUERY_LIMIT_EXCEEDED
# beyond it), builds the jar if it is missing or older than the sources, starts the packaged app
# (dev profile, fresh data directory under target/) with the demo tenant's portal pointed at the
# stand-in, runs bench/CrmLoad.java (posts the leads, watches the portal until each is a Bitrix24
# lead with its task) and prints commands/s against the 100 commands/s ceiling. Figures only; it
# never fails on a goal.
#
# Environment:
#   BENCH_CONSUMERS       concurrent consumers of lintas.crm (default 48)
#   BENCH_TASK_CONSUMERS  concurrent consumers of lintas.tasks (default 48)
#   BENCH_XMX             app heap (default 1g)
#   BENCH_KEEP_DATA       1 = keep the data directory and logs after the run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR="$ROOT/target/lintas-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$JAR" ]] || [[ -n "$(find src routes connectors pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
  echo "bench: building $JAR (./mvnw -o -q -DskipTests package)"
  ./mvnw -o -q -DskipTests package
fi

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port found" >&2; exit 1
}

PORT="$(free_port)"
PORTAL_PORT="$(free_port)"
RUN_DIR="$ROOT/target/crm-bench-$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$RUN_DIR/data"
APP_PID=""
PORTAL_PID=""

stop() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$APP_PID"
  stop "$PORTAL_PID"
  if [[ "${BENCH_KEEP_DATA:-0}" != 1 ]]; then rm -rf "$RUN_DIR"; else echo "bench: kept $RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -Xmx256m "$ROOT/bench/Bitrix24StandIn.java" --port "$PORTAL_PORT" >"$RUN_DIR/portal.log" 2>&1 &
PORTAL_PID=$!

echo "bench: starting the app on 127.0.0.1:$PORT, portal stand-in on 127.0.0.1:$PORTAL_PORT"
LINTAS_DATA_DIR="$RUN_DIR/data" LINTAS_PORT="$PORT" LINTAS_BIND_ADDRESS=127.0.0.1 \
LINTAS_DEMO_BITRIX24_WEBHOOK_URL="http://127.0.0.1:$PORTAL_PORT/rest/1/bench-code" \
LINTAS_DELIVERY_CONSUMERS="${BENCH_CONSUMERS:-48}" LINTAS_DELIVERY_TASK_CONSUMERS="${BENCH_TASK_CONSUMERS:-48}" \
  java -Xms"${BENCH_XMX:-1g}" -Xmx"${BENCH_XMX:-1g}" -jar "$JAR" --spring.profiles.active=dev \
  --logging.level.io.lintas=WARN >"$RUN_DIR/app.log" 2>&1 &
APP_PID=$!

t0=$(date +%s)
until curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "bench: the app exited during start; last log lines:" >&2; tail -40 "$RUN_DIR/app.log" >&2
    BENCH_KEEP_DATA=1; exit 1
  fi
  if (( $(date +%s) - t0 > 180 )); then echo "bench: the app was not UP after 180 s" >&2; BENCH_KEEP_DATA=1; exit 1; fi
  sleep 1
done
until curl -fsS "http://127.0.0.1:$PORTAL_PORT/stats" >/dev/null 2>&1; do sleep 0.5; done
echo "bench: app UP after $(( $(date +%s) - t0 )) s"

java -Xmx256m "$ROOT/bench/CrmLoad.java" --app "http://127.0.0.1:$PORT" --portal "http://127.0.0.1:$PORTAL_PORT" "$@"

if grep -qE ' (ERROR|WARN) ' "$RUN_DIR/app.log"; then
  echo "bench: app log warnings/errors during the run: $(grep -cE ' (ERROR|WARN) ' "$RUN_DIR/app.log") (BENCH_KEEP_DATA=1 keeps them)"
fi
