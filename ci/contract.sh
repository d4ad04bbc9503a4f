#!/usr/bin/env bash
# Runs the contract tier of the conformance features against a server that is already running, and writes the
# living documentation and the conformance matrix (artifacts/living-doc/contract/ unless --out says otherwise).
#   bash ci/contract.sh https://127.0.0.1:8080 [--cert-sha256 HEX | --insecure] [--extensions E1.1,E2.1|all] [--out DIR]
# Several servers: the first argument may be name=https://…,name=https://… with --cert-sha256 name=HEX,name=HEX.
set -uo pipefail
cd "$(dirname "$0")/.."
usage(){ sed -n '2,5p' "$0" | sed 's/^# //' >&2; exit 2; }
[ $# -ge 1 ] || usage
export SESSIONS_BASE_URL="$1"; shift
out=artifacts/living-doc/contract
while [ $# -gt 0 ]; do
  case "$1" in
    --cert-sha256) export SESSIONS_CERT_SHA256="$2"; shift 2 ;;
    --insecure) export SESSIONS_INSECURE=1; shift ;;
    --extensions) export SESSIONS_EXTENSIONS="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) usage ;;
  esac
done
# Absolute: the suite runs from its own output folder, so a relative path would land there.
out=$(realpath -m "$out")
export SESSIONS_LIVING_DOC="$out"
rm -rf "$out"
mkdir -p "$out"
# SESSIONS_NO_BUILD=1 (ci/blackbox.sh under ci/test.sh): the suite is built already and another run may be using it.
build=(); [ "${SESSIONS_NO_BUILD:-0}" = 1 ] && build=(--no-build)
dotnet test --project specs/Sessions.Specs.csproj "${build[@]}" > "$out/test-output.log" 2>&1
status=$?
echo "contract: living documentation $out/index.html, matrix $out/matrix.html (test output in $out/test-output.log)"
if [ -f "$out/scores.txt" ]; then sed 's/^/contract /' "$out/scores.txt"; else echo "contract: no scores were written; see $out/test-output.log" >&2; status=1; fi
exit $status
