#!/usr/bin/env bash
# Proves black-box mode end to end: the contract tier, run through ci/contract.sh, must pass against servers that
# run as separate processes — this project's server in both profiles and an independent implementation of the
# tutorial in Node.js (tests/FaithfulServer) — and must fail against every deliberately broken variant of that
# implementation (one --break each). One suite run covers them all, each server a target of its own.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
cleanup(){ for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail(){ echo "black-box: $*" >&2; exit 1; }

# Waits for a server's start line and prints "url sha256".
await_start(){
  local log=$1 pattern=$2
  for _ in $(seq 1 200); do
    if line=$(grep -m1 -E "$pattern" "$log" 2>/dev/null); then echo "$line"; return 0; fi
    sleep 0.1
  done
  return 1
}

# SESSIONS_NO_BUILD=1: the caller built the solution (ci/test.sh runs this beside the suite, on the same binaries).
if [ "${SESSIONS_NO_BUILD:-0}" != 1 ]; then
  dotnet build src/SessionsServer/SessionsServer.csproj -v q -nologo >/dev/null || fail "the server does not build"
fi
server=src/SessionsServer/bin/Debug/net10.0/SessionsServer.dll
urls=(); pins=(); project=(); mutants=()

for profile in tutorial hardened; do
  log="$work/$profile.log"
  dotnet "$server" --port 0 --Sessions:Profile=$profile --Sessions:Store=sqlite \
    --ConnectionStrings:Sessions="Data Source=$work/$profile.db" --Sessions:KeyRingPath="$work/keys-$profile" >"$log" 2>&1 &
  pids+=($!)
  listening=$(await_start "$log" "listening on https://127.0.0.1:[0-9]+") || fail "the $profile server did not start: $(tail -5 "$log")"
  certificate=$(await_start "$log" "SHA-256 [0-9A-F]+") || fail "the $profile server logged no certificate"
  port=$(sed -E 's/.*127\.0\.0\.1:([0-9]+).*/\1/' <<<"$listening")
  sha=$(sed -E 's/.*SHA-256 ([0-9A-F]+).*/\1/' <<<"$certificate")
  urls+=("project-$profile=https://127.0.0.1:$port"); pins+=("project-$profile=$sha"); project+=("project-$profile")
done

# All launched first and then awaited: one after another, their start-ups added
# seconds to every run.
launch_node(){
  local name=$1; shift
  node tests/FaithfulServer/server.mjs --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
}
await_node(){
  local name=$1 line
  line=$(await_start "$work/$name.out" "^listening https://") || fail "$name did not start: $(tail -3 "$work/$name.err")"
  urls+=("$name=$(sed -E 's/^listening ([^ ]+) .*/\1/' <<<"$line")"); pins+=("$name=$(sed -E 's/.*sha256=([0-9A-F]+).*/\1/' <<<"$line")")
}

launch_node faithful
project+=(faithful)
# Each way of breaking a requirement the contract fixes; every one must make at least one contract scenario fail.
for broken in no-httponly no-secure no-samesite samesite-none no-path cookie-name whoami-200 login-empty-200 \
              set-missing-200 counter-message counter-start-0 logout-keeps-user idle-60 no-sliding cookie-carries-data \
              listen-any http-too; do
  launch_node "broken-$broken" --break "$broken"
  mutants+=("broken-$broken")
done
for name in faithful "${mutants[@]}"; do await_node "$name"; done

join(){ local IFS=,; echo "$*"; }
out=artifacts/living-doc/black-box
bash ci/contract.sh "$(join "${urls[@]}")" --cert-sha256 "$(join "${pins[@]}")" --out "$out" >/dev/null
[ -f "$out/scores.txt" ] || fail "the contract run wrote no scores; see $out/test-output.log"

status=0
for name in "${project[@]}"; do
  line=$(grep "^$name: " "$out/scores.txt") || { echo "black-box: $name has no score" >&2; status=1; continue; }
  contract=$(sed -E 's/^[^:]+: (contract [^;]*);.*/\1/' <<<"$line")
  if grep -q "contract [0-9]*/[0-9]* passed, 0 failed" <<<"$line"; then echo "black-box: $name passes the contract ($contract)"
  else echo "black-box: $name FAILS the contract ($contract)" >&2; status=1; fi
done
caught=0
for name in "${mutants[@]}"; do
  line=$(grep "^$name: " "$out/scores.txt") || { echo "black-box: $name has no score" >&2; status=1; continue; }
  if grep -q "contract [0-9]*/[0-9]* passed, 0 failed" <<<"$line"; then echo "black-box: $name was NOT caught: $line" >&2; status=1
  else caught=$((caught + 1)); fi
done
echo "black-box: ${caught}/${#mutants[@]} broken servers caught by the contract tier (matrix: $out/matrix.html)"
exit $status
