#!/usr/bin/env bash
# Lintas tenants at scale: start time and memory of the PACKAGED app with 1 tenant, 1,000 tenants
# (forms, API keys, Bitrix24 portal, CRM: no mailbox) and 1,000 tenants with one IMAP mailbox each.
#
#   bench/tenants-scale.sh [count]        (default 1000)
#
# For each run: generates a tenants file under target/, starts the app (dev profile, fresh data
# directory, bench/app.sh), reads Spring's own "Started ... in N seconds", the number of Camel routes,
# waits until every mailbox route runs (they start in the background once the app is up) and prints how
# long after UP that took, then the heap used after a full GC (jcmd GC.run + GC.heap_info) and the
# process RSS, then stops it.
# The mailboxes point at a closed loopback port with a 10 min poll delay: their routes exist (one per
# mailbox, on the instance holding its lease) but poll nothing (and log a failed poll each at start).
# Figures only; it never fails on a goal.
#
# Environment: BENCH_XMX (app heap, default 1g), BENCH_KEEP_DATA=1 (keep logs), BENCH_START_TIMEOUT
# (seconds to wait for the app, and then for its mailbox routes; default 600 here).
export BENCH_START_TIMEOUT="${BENCH_START_TIMEOUT:-600}"
set -euo pipefail
COUNT="${1:-1000}"
# shellcheck source=bench/app.sh
source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

OUT="$ROOT/target/tenants-scale"
mkdir -p "$OUT"

# tenants_file <count> <with-mailbox 0|1> <file>
tenants_file() {
  local n="$1" mail="$2" file="$3" i id
  {
    echo "tenants:"
    for i in $(seq 1 "$n"); do
      id=$(printf "t%04d" "$i")
      cat <<YAML
  - id: $id
    name: Tenant $i
    region: ID
    currency: IDR
    time-zone: Asia/Jakarta
    forms:
      - id: contact
        kind: html
        token: $id-form-token
      - id: tilda
        kind: tilda
        api-key: $id-tilda-key
    api:
      keys: [$id-api-key-0001-bench]
    bitrix24:
      webhook-url: https://$id.bitrix24.example/rest/1/$id-webhook-code/
      domain: $id.bitrix24.example
      member-id: m$id
      application-token: $id-application-token
    crm:
      system: bitrix24
      responsible: "1"
YAML
      if [[ "$mail" == 1 ]]; then
        cat <<YAML
    mailboxes:
      - id: sales
        host: 127.0.0.1
        port: 9
        tls: false
        username: sales@$id.example
        password: $id-imap-password
        poll-delay: 10m
YAML
      fi
    done
  } >"$file"
}

measure() {
  local name="$1" file="$2" mailboxes="$3"; shift 3
  bench_start_app "tenants-$name" "--lintas.tenants.file=file:$file" "$@"
  local started routes heap rss cpu
  # CPU seconds the process used until UP: on a busy machine steadier than wall time
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$APP_PID/stat")
  started=$(grep -o 'Started LintasApplication in [0-9.]* seconds' "$LOG" | grep -o '[0-9.]*' | head -1)
  routes=$(grep -o 'Routes startup (total:[0-9]*' "$LOG" | grep -o '[0-9]*$' | head -1)
  # mailbox routes are added in the background once Camel has started (one per mailbox lease taken):
  # wait until all of them are, then measure; report how long after UP that took
  local mailbox_routes waited=0 up_at
  up_at=$(date +%s)
  mailbox_routes=$(grep -c 'polled every' "$LOG" || true)
  while (( mailbox_routes < mailboxes )) && (( waited < BENCH_START_TIMEOUT )); do
    sleep 1
    waited=$(( $(date +%s) - up_at ))
    mailbox_routes=$(grep -c 'polled every' "$LOG" || true)
  done
  jcmd "$APP_PID" GC.run >/dev/null
  heap=$(jcmd "$APP_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*')
  rss=$(grep VmRSS "/proc/$APP_PID/status" | grep -o '[0-9]*')
  printf "%-22s start %7s s wall %6s s CPU   routes %3s + %4s mailbox (all %3s s after UP)   heap after GC %5d MB   RSS %5d MB\n" \
    "$name" "$started" "$cpu" "$routes" "$mailbox_routes" "$waited" $(( heap / 1024 )) $(( rss / 1024 )) | tee -a "$OUT/results.txt"
  bench_cleanup
  APP_PID=""
  RUN_DIR=""
}

: >"$OUT/results.txt"
tenants_file 1 0 "$OUT/tenants-1.yaml"
tenants_file "$COUNT" 0 "$OUT/tenants-$COUNT.yaml"
tenants_file "$COUNT" 1 "$OUT/tenants-$COUNT-mail.yaml"
measure "1 tenant" "$OUT/tenants-1.yaml" 0
measure "$COUNT tenants" "$OUT/tenants-$COUNT.yaml" 0
# the mailboxes' server is closed: their consumers fail to poll, so Camel's consumer health checks
# would keep readiness DOWN; they are off for this run
measure "$COUNT tenants+mailbox" "$OUT/tenants-$COUNT-mail.yaml" "$COUNT" --camel.health.consumers-enabled=false
echo "bench: results in $OUT/results.txt"
