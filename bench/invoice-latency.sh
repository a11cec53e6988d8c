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

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then exec java "$ROOT/bench/InvoiceLatency.java" --help; fi
done

SANDBOX_PORT="$(BENCH_PORT= free_port)"
bench_start_app invoice --lintas.sandbox.port="$SANDBOX_PORT"

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
