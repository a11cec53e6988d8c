# Shared by the bench scripts (sourced, not run): build the jar if missing, pick free ports, start the
# PACKAGED app as a real process in the dev profile with a fresh data directory under target/, wait for
# /actuator/health UP, and stop it (and delete the data) on exit.
#
# Environment: BENCH_XMX (app heap, default 1g), BENCH_JAVA_OPTS (extra JVM options), BENCH_APP_ARGS
# (extra app arguments), BENCH_START_TIMEOUT (seconds to wait for UP, default 180), BENCH_PORT (the app's port, default a free one), BENCH_KEEP_DATA=1 (keep the
# data directory and app.log).
#
# After `bench_start_app <run-name> [app args...]`: PORT, APP_PID, RUN_DIR, LOG are set.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"   # the dev profile reads routes from ./routes
JAR="$ROOT/target/lintas-0.1.0-SNAPSHOT.jar"
APP_PID=""
RUN_DIR=""

bench_build_jar() {
  if [[ ! -f "$JAR" ]]; then
    echo "bench: building $JAR (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
  fi
}

# A free loopback port; BENCH_PORT wins when set (pass BENCH_PORT= for a second port).
free_port() {
  if [[ -n "${BENCH_PORT:-}" ]]; then echo "$BENCH_PORT"; return; fi
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port found" >&2; exit 1
}

bench_cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$APP_PID" 2>/dev/null; then
      echo "bench: app did not stop in 30 s, killing it" >&2
      kill -9 "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ -n "$RUN_DIR" && "${BENCH_KEEP_DATA:-0}" != 1 ]]; then
    rm -rf "$RUN_DIR"
  elif [[ -n "$RUN_DIR" ]]; then
    echo "bench: kept $RUN_DIR (app.log, data/)"
  fi
}

# bench_start_app <run-name> [extra app args...]
bench_start_app() {
  local name="$1"; shift
  bench_build_jar
  PORT="$(free_port)"
  RUN_DIR="$ROOT/target/bench-$name-$(date -u +%Y%m%dT%H%M%SZ)-$$"
  mkdir -p "$RUN_DIR/data"
  LOG="$RUN_DIR/app.log"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  echo "bench: starting the app on 127.0.0.1:$PORT (heap ${BENCH_XMX:-1g}, data $RUN_DIR/data)"
  # shellcheck disable=SC2086
  LINTAS_DATA_DIR="$RUN_DIR/data" LINTAS_PORT="$PORT" LINTAS_BIND_ADDRESS=127.0.0.1 \
    java -Xms"${BENCH_XMX:-1g}" -Xmx"${BENCH_XMX:-1g}" ${BENCH_JAVA_OPTS:-} \
    -jar "$JAR" --spring.profiles.active=dev "$@" ${BENCH_APP_ARGS:-} >"$LOG" 2>&1 &
  APP_PID=$!
  local t0
  t0=$(date +%s)
  until curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "bench: the app exited during start; last log lines:" >&2
      tail -40 "$LOG" >&2
      BENCH_KEEP_DATA=1
      exit 1
    fi
    if (( $(date +%s) - t0 > ${BENCH_START_TIMEOUT:-180} )); then
      echo "bench: the app was not UP after ${BENCH_START_TIMEOUT:-180} s" >&2
      BENCH_KEEP_DATA=1
      exit 1
    fi
    sleep 1
  done
  echo "bench: app UP after $(( $(date +%s) - t0 )) s (pid $APP_PID)"
}
