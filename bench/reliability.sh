#!/usr/bin/env bash
# Lintas reliability harness: the PACKAGED app as a real process, the external SaaS as stand-ins outside it.
#
#   bench/reliability.sh [crash|outage|callbacks|all] [flags...]      (default: all; --help lists the flags)
#
#   crash      20,000 web-form leads at 60/s; kill -9 of the hub at 5 random moments, restarted each time on the
#              same data directory (Artemis journal, H2 ledger). Every lead that got a 2xx must be created in the
#              Bitrix24 stand-in exactly once (counted per Lintas lead id = the ORIGIN_ID of the Bitrix24 lead).
#   outage     leads at 10/s; the Bitrix24 stand-in answers 503 (a bare 503 page and QUERY_LIMIT_EXCEEDED, in
#              turn) for 120 s. Everything delivered after it, none twice; prints the retry rate the stand-in saw
#              during the outage (peak, mean, per 10 s) and the time to drain after recovery.
#   callbacks  invoices at the sandbox Xendit, Midtrans and Stripe; each payment callback delivered 3 times, some
#              at once with a stale expiry callback between them, some after the invoice expired. One transition,
#              one notification each (emails and SMS counted at the sandbox SMTP server and Twilio).
#
# Builds target/lintas-0.1.0-SNAPSHOT.jar and the harness (src/test/java/io/lintas/reliability, JDK only) when
# they are missing or older than the sources: ./mvnw -o -q -DskipTests package. Runs in target/reliability-<time>/,
# deleted when all is well (--keep keeps it), kept with the app logs when not.
# Exit status: 0 = nothing lost, nothing twice; 1 = a loss, a duplicate or a scenario that could not run.
#
# Environment: RELIABILITY_JAVA_OPTS (the harness JVM's options).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="$ROOT/target/lintas-0.1.0-SNAPSHOT.jar"
HARNESS="$ROOT/target/test-classes/io/lintas/reliability/Reliability.class"

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    [[ -f "$HARNESS" ]] || ./mvnw -o -q -DskipTests test-compile
    exec java -cp "$ROOT/target/test-classes" io.lintas.reliability.Reliability --help
  fi
done

if [[ ! -f "$JAR" || ! -f "$HARNESS" ]] || [[ -n "$(find src routes connectors pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
  echo "reliability: building $JAR and the harness (./mvnw -o -q -DskipTests package)"
  ./mvnw -o -q -DskipTests package
fi

# shellcheck disable=SC2086
exec java -Xms256m -Xmx512m ${RELIABILITY_JAVA_OPTS:-} -Dlintas.root="$ROOT" -cp "$ROOT/target/test-classes" \
  io.lintas.reliability.Reliability --jar "$JAR" "$@"
