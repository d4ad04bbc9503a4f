#!/usr/bin/env bash
# Runs the tutorial's "Try it" curl flow against a fresh server on a free port and checks every answer.
# The idle timeout is shortened to 3 s so expiry and sliding can be seen in seconds; requests are made first
# (curl only, so no check's own run time eats into that window) and judged afterwards by smoke-check.mjs.
# Extra arguments go to the server, so `smoke.sh --break whoami-200` shows the checks catching a fault.
# Exit 0: every check passed; 1: at least one failed (or the server did not start).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
node "$here/server.mjs" --port 0 --idle-seconds 3 "$@" >"$work/stdout" 2>"$work/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 100); do
  grep -q '^listening ' "$work/stdout" && break
  kill -0 "$pid" 2>/dev/null || { echo "server exited:"; cat "$work/stderr"; exit 1; }
  sleep 0.1
done
line=$(head -n 1 "$work/stdout")
[[ $line =~ ^listening\ (https://127\.0\.0\.1:([0-9]+))\ sha256=([0-9A-F]{64})$ ]] || { echo "bad start line: '$line'"; exit 1; }
base=${BASH_REMATCH[1]}
port=${BASH_REMATCH[2]}
sha=${BASH_REMATCH[3]}
n=0

# expect KIND STEP PATH [STATUS EXPECTED]: one request with the shared jar, like the tutorial's
# `curl -k -s -c jar.txt -b jar.txt`; its headers, body and jar are kept for smoke-check.mjs.
expect() {
  n=$((n + 1))
  local status
  status=$(curl -k -s -c "$work/jar" -b "$work/jar" -D "$work/$n.headers" -o "$work/$n.body" -w '%{http_code}' "$base$3")
  cp "$work/jar" "$work/$n.jar" 2>/dev/null || : >"$work/$n.jar"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$n" "$status" "${4:-}" "${5:-}" >>"$work/manifest.tsv"
}
q="'"
expect json "counter 1" /session/counter 200 '{"message":"Counter incremented","counter":1}'
expect cookie-attributes "cookie Kr.Session; HttpOnly; Secure; SameSite=Lax; Path=/ (first and second answer)" /session/counter 200 '{"message":"Counter incremented","counter":2}'
expect json "whoami before login" /session/whoami 401 '{"error":"No active session or user not set"}'
expect json "login whitespace" '/session/login?user=%20' 400 "{\"error\":\"Missing ${q}user${q} query parameter\",\"example\":\"/session/login?user=max\"}"
expect json "login max" '/session/login?user=max' 200 '{"message":"Logged in","user":"max"}'
expect json "whoami max" /session/whoami 200 '{"user":"max"}'
expect json "set missing value" '/session/set?key=color' 400 "{\"error\":\"Missing ${q}key${q} and/or ${q}value${q} query parameter(s)\",\"example\":\"/session/set?key=color&value=purple\"}"
expect json "set color purple" '/session/set?key=color&value=purple' 200 '{"message":"Stored in session","key":"color","value":"purple"}'
expect cookie-no-data "get color; cookie carries no session data" '/session/get?key=color' 200 '{"key":"color","value":"purple"}'
expect json "get unknown key" '/session/get?key=nope' 404 "{\"error\":\"Key ${q}nope${q} not found in session\"}"
expect json "logout" /session/logout 200 '{"message":"Session cleared"}'
expect json "whoami after logout" /session/whoami 401 '{"error":"No active session or user not set"}'
expect json "get after logout" '/session/get?key=color' 404 "{\"error\":\"Key ${q}color${q} not found in session\"}"
expect json "counter after logout" /session/counter 200 '{"message":"Counter incremented","counter":1}'
expect hello "hello (text/plain, no cookie)" /hello 200 'Hello, Session World!'
expect status "no /healthz" /healthz 404

# Sliding idle timeout (3 s): four requests 1.5 s apart keep one session alive for 4.5 s, then 3.5 s
# of silence ends it and the next request starts a fresh session.
rm -f "$work/jar"
expect json "slide: counter 1" /session/counter 200 '{"message":"Counter incremented","counter":1}'
for step in 2 3 4; do
  sleep 1.5
  expect json "slide: counter $step after 1.5 s" /session/counter 200 "{\"message\":\"Counter incremented\",\"counter\":$step}"
done
sleep 3.5
expect json "expired: counter restarts at 1 after 3.5 s idle" /session/counter 200 '{"message":"Counter incremented","counter":1}'

failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

# The certificate on the wire is the one the start line tells clients to pin.
wire=$(openssl s_client -connect "127.0.0.1:$port" -servername localhost </dev/null 2>/dev/null |
  openssl x509 -outform DER 2>/dev/null | sha256sum | cut -c1-64 | tr a-f A-F)
if [[ $wire == "$sha" ]]; then pass "certificate matches sha256 on the start line"; else fail "certificate pin" "wire '$wire'"; fi
# Loopback 127.0.0.1 only: another loopback address must not answer.
if curl -k -s -o /dev/null --max-time 2 "https://127.0.0.2:$port/hello"; then fail "listens on 127.0.0.1 only" "127.0.0.2 answered"; else pass "listens on 127.0.0.1 only"; fi
# HTTPS only: plain HTTP to the same port gets no HTTP answer at all (curl reports status 000).
plain=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$port/hello")
if [[ $plain == 000 ]]; then pass "HTTPS only (plain HTTP on the port gets no answer)"; else fail "HTTPS only" "plain HTTP answered $plain"; fi

node "$here/smoke-check.mjs" "$work"
checked=$?
[[ $checked == 0 ]] || failures=$((failures + 1))
if [[ $failures == 0 ]]; then echo "smoke passed${*:+ (server args: $*)}"; else echo "smoke FAILED${*:+ (server args: $*)}"; fi
[[ $failures == 0 ]]
