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

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then exec java "$ROOT/bench/IntakeLoad.java" --help; fi
done

bench_start_app intake

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
