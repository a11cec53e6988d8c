#!/usr/bin/env bash
# Headless-Chromium check of the operator console: starts the PACKAGED app (dev profile, fresh data
# directory, a free loopback port, a random admin password), logs into Hawtio through its login form
# as the admin user, opens the Camel plugin and waits for the Lintas routes. Keeps a screenshot:
# target/hawtio/hawtio-routes.png (target/hawtio/hawtio-failure.png and app.log when it fails).
#
# Needs: target/lintas-*.jar (./mvnw verify or package builds it), Debian's chromium (installed with
# apt-get when missing: run as root, as CI does), Node.js + npm (playwright-core from the npm registry
# drives /usr/bin/chromium; no browser download). Exit 0 = seen; non-zero with a readable reason.
#
# Environment: HAWTIO_ROUTES (route ids that must be listed, default lead-pipeline,intake-webform).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"   # the dev profile reads routes/ and connectors/ from here
OUT="$ROOT/target/hawtio"
WORK="$ROOT/target/hawtio-check"
START=$(date +%s)
APP_PID=""

say() { echo "hawtio-check: $*"; }
die() { echo "hawtio-check: FAILED: $*" >&2; exit 1; }

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK/data"
}
trap cleanup EXIT

JAR="$(ls "$ROOT"/target/lintas-*.jar 2>/dev/null | grep -v -- '-plain\|original' | head -1 || true)"
[[ -n "$JAR" ]] || die "no target/lintas-*.jar: run ./mvnw verify (or ./mvnw -DskipTests package) first"

if [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium (apt-get)"
  if [[ $(id -u) -ne 0 ]]; then die "chromium is missing and this is not root: apt-get install -y chromium"; fi
  (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }) \
    || die "apt-get install chromium failed"
fi
command -v npm >/dev/null || die "npm is missing (Node.js is needed to drive chromium)"

mkdir -p "$OUT" "$WORK"
rm -f "$OUT"/hawtio-*.png
cp .ci/hawtio-check/package.json .ci/hawtio-check/check.mjs "$WORK/"
if [[ ! -d "$WORK/node_modules/playwright-core" ]]; then
  say "npm install playwright-core"
  (cd "$WORK" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || die "npm install playwright-core failed"
fi

PORT=""
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[[ -n "$PORT" ]] || die "no free port"
PASSWORD="check-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
rm -rf "$WORK/data"; mkdir -p "$WORK/data"
LOG="$OUT/app.log"
say "starting $(basename "$JAR") on 127.0.0.1:$PORT (dev profile)"
LINTAS_DATA_DIR="$WORK/data" LINTAS_PORT="$PORT" LINTAS_BIND_ADDRESS=127.0.0.1 LINTAS_ADMIN_PASSWORD="$PASSWORD" \
  java -Xmx768m -Djava.io.tmpdir="$WORK" -jar "$JAR" --spring.profiles.active=dev >"$LOG" 2>&1 &
APP_PID=$!
until curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$LOG" >&2; die "the app exited during start (log: $LOG)"; }
  (( $(date +%s) - START < 150 )) || die "the app was not UP after 150 s (log: $LOG)"
  sleep 1
done
say "app UP after $(( $(date +%s) - START )) s"

rc=0
(cd "$WORK" && HAWTIO_URL="http://127.0.0.1:$PORT/actuator/hawtio/" HAWTIO_USER=admin HAWTIO_PASSWORD="$PASSWORD" \
  HAWTIO_ROUTES="${HAWTIO_ROUTES:-lead-pipeline,intake-webform}" HAWTIO_OUT="$OUT" node check.mjs) || rc=$?
say "took $(( $(date +%s) - START )) s"
[[ $rc -eq 0 ]] || die "see the messages above, $OUT/hawtio-failure.png and $LOG"
say "OK: $OUT/hawtio-routes.png"
