#!/usr/bin/env bash
# The long bad-input run (issue 6, reliability harness item 4).
#
# Runs the fuzz classes only (IntakeFuzzTest, PaymentCallbackFuzzTest: every intake parser, unit level;
# EndpointFuzzTest: every HTTP endpoint of the app in one Spring Boot test context) with many more
# tries than the normal suite, through the `fuzz` Maven profile, and prints per target how many inputs
# were tried, the outcome histogram (HTTP status, or "result") and the slowest input, then the run time.
# Seeds are fixed: the same tries give the same inputs. Fails (exit 1) if any input got a 5xx, a crash,
# a 4xx without a reason, or took longer than 3 s; the failing input is printed in the surefire report.
#
#   bench/fuzz.sh                              # 10000 tries per parser property, 1000 per HTTP target
#   bench/fuzz.sh --tries 100000 --http-tries 5000
set -euo pipefail
cd "$(dirname "$0")/.."

TRIES=10000
HTTP_TRIES=1000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tries) TRIES="$2"; shift 2 ;;
    --http-tries) HTTP_TRIES="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

rm -f target/fuzz-report.txt
start=$(date +%s)
set +e
./mvnw -o -q test -Pfuzz -Dfuzz.tries="$TRIES" -Dfuzz.http-tries="$HTTP_TRIES"
rc=$?
set -e
echo
echo "bad-input fuzzing: --tries $TRIES per parser property, --http-tries $HTTP_TRIES per HTTP target"
cat target/fuzz-report.txt 2>/dev/null || echo "(no report: the run did not get to the fuzz classes)"
echo "run time: $(( $(date +%s) - start )) s (build and Spring context start included); maven exit code $rc"
if [[ $rc -ne 0 ]]; then
  echo "failing inputs: target/surefire-reports/*FuzzTest.txt"
fi
exit $rc
