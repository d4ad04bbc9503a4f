#!/usr/bin/env bash
# The test command the README gives and CI runs: every test project in the solution, then (on a full run) the contract
# tier in black-box mode against separate server processes, then one plain summary line computed from the results
# ("tests: N passed, N failed, N skipped").
# Stores come from the environment (SESSIONS_POSTGRES, SESSIONS_REDIS, SESSIONS_SQLSERVER); a store that
# is not configured is reported skipped with the reason, never passed. Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")/.."

# A report left by an earlier run must not pass for this one.
rm -rf artifacts/living-doc
mkdir -p artifacts
log=artifacts/test-output.log
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Built once here; the suite and the black-box proof below run these binaries.
if ! dotnet build Sessions.Conformance.sln -nologo -v q >"$work/build.log" 2>&1; then
  tee "$log" < "$work/build.log"
  echo "tests: the solution does not build (see $log)"
  exit 1
fi

# Detailed output prints each test's own lines, among them which engine served the sqlserver column
# (Babelfish or SQL Server). Exit code 8 (a project with no test selected) is normal under a filter;
# a run that executed nothing at all is caught below instead.
# Three test apps at a time, not one per core: with two, the scenarios (the longest by far) started only after two
# smaller projects had finished, about 25 s late.
dotnet test --solution Sessions.Conformance.sln --no-build --max-parallel-test-modules 3 --output Detailed --ignore-exit-code 8 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Black-box mode, end to end: the contract tier through ci/contract.sh against servers in processes of their own
# (this project's in both profiles, the independent Node implementation, and its broken variants). Only on a full run:
# extra arguments narrow the run to a filter, which the black-box proof is not. After the suite, not beside it: run
# together they overloaded two cores (TLS handshakes timed out, timed scenarios missed their bounds).
blackbox=""
if [ $# -eq 0 ] && [ "${SESSIONS_BLACKBOX:-1}" != 0 ]; then
  missing=$(for tool in node openssl; do command -v "$tool" >/dev/null || printf '%s ' "$tool"; done)
  if [ -n "$missing" ]; then
    blackbox="black-box: skipped: ${missing% } not installed (the independent server is Node.js; .ci/run's machine has both)"
  elif ! blackbox=$(SESSIONS_NO_BUILD=1 bash ci/blackbox.sh 2>&1); then
    [ "$status" = 0 ] && status=1
  fi
fi

# A failed run's tail must say what failed and why: each failed case with the first lines of its message (no stack),
# after everything else the run printed.
failures=$(awk '
  /^failed /            { n++; if (n <= 40) print; keep = (n <= 40); lines = 0; next }
  /^(passed|skipped) /  { keep = 0; next }
  keep && /^  (Standard|Error) output/ { keep = 0; next }
  keep && /^  from /    { next }
  keep && /^  [^ ]/     { if (lines++ < 6) print; next }
  keep && !/^  /        { keep = 0 }
  END { if (n > 40) printf "... and %d more failed cases (see the log)\n", n - 40 }' "$log")

# MTP prints one summary block for the whole run; turn it into the plain closing line.
summary=$(awk '/Test run summary/{f=1} f&&/failed:/{fl=$2} f&&/succeeded:/{ok=$2} f&&/skipped:/{sk=$2} END{if(ok!="") printf "tests: %d passed, %d failed, %d skipped", ok, fl, sk}' "$log")
[ -f artifacts/living-doc/index.html ] && echo "living documentation: artifacts/living-doc/index.html (messages in artifacts/living-doc/messages.ndjson)"
if [ -f artifacts/living-doc/scores.txt ]; then
  echo "conformance matrix: artifacts/living-doc/matrix.html"
  sed 's/^/conformance /' artifacts/living-doc/scores.txt
fi
[ -n "$blackbox" ] && echo "$blackbox"
if [ -n "$failures" ]; then
  echo "failed cases (full output in $log):"
  echo "$failures" | sed 's/^/  /'
fi
echo "${summary:-tests: no summary found (see $log)}"
case "$summary" in
  "tests: 0 passed, 0 failed"*) echo "test: no test ran; check the filter" >&2; exit 1 ;;
esac
exit "$status"
