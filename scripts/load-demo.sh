#!/usr/bin/env bash
# scripts/load-demo.sh — what `make load-demo` does: a short ingest load against the system `make run` started,
# with its demo rate limit on, reported so that "limited" and "slow" cannot be confused.
#
# Why: `make run` keeps the per-caller ingest limit on (INGEST_RATE_LIMIT_BURST 100, _PER_SECOND 5 per user and
# per API process), as production would. A load test against it measures the limit, not the server: most answers
# are a quick 429. This script logs in the demo users, posts purchases back to back with clicknback-bench, and
# prints what was accepted, what the limit refused, what failed otherwise, and what the limit allows at most, so
# the figures say which of the two it was. docs/performance.md explains how to size the limit.
#
# Env: HTTP_PORT         the API's port (default 8080, as `make run`)
#      LOAD_SECONDS      how long to post (default 10)
#      LOAD_CONCURRENCY  requests in flight (default 16)
# Exit: non-zero when the API is not up or the login fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port=${HTTP_PORT:-8080}
seconds=${LOAD_SECONDS:-10}
concurrency=${LOAD_CONCURRENCY:-16}
base="http://127.0.0.1:$port"
shoply=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d # the demo seed's merchant with a 5 % offer
log() { printf 'load-demo: %s\n' "$*" >&2; }

curl -fsS "$base/health/ready" >/dev/null || { log "no API ready at $base: start it with 'make run' first"; exit 1; }
log "building the load generator (swift build -c release --static-swift-stdlib --product clicknback-bench)"
swift build -c release --static-swift-stdlib --product clicknback-bench >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for email in alice@clicknback.com bob@clicknback.com dave@clicknback.com; do
    token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"Str0ng!Pass\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') ||
        { log "login of $email failed (is the demo seed loaded?)"; exit 1; }
    id=$(curl -fsS "$base/api/v1/users/me" -H "Authorization: Bearer $token" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    echo "$id $token" >>"$work/tokens.txt"
done
log "posting purchases for ${seconds}s, $concurrency in flight, as 3 demo users"
.build/release/clicknback-bench closed --url "$base" --tokens "$work/tokens.txt" --merchant "$shoply" \
    --prefix "load-demo-$(date +%s)" --concurrency "$concurrency" --duration "$seconds" >"$work/run.json"
python3 - "$work/run.json" "$seconds" <<'PY'
import json, sys
run, seconds = json.load(open(sys.argv[1])), float(sys.argv[2])
accepted = run["statuses"].get("201", 0)
print(f"answers:   {run['requests']} in {run['seconds']:.1f} s ({run['rps']:.0f}/s), p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms")
print(f"accepted:  {accepted} ({run['accepted_rps']:.0f}/s)")
print(f"limited:   {run['limited']} (429 RATE_LIMITED: the per-user limit, not the server's speed)")
print(f"other:     {run['errors']} {dict((k, v) for k, v in run['statuses'].items() if k not in ('201', '429'))}")
print(f"the limit allows at most 3 users x (burst 100 + 5/s x {seconds:.0f} s) = {3 * (100 + 5 * seconds):.0f} "
      "accepted with make run's defaults (less if this run's users posted in the last minute)")
if run["limited"]:
    print("=> limited: to measure speed, raise INGEST_RATE_LIMIT_* in .data/clicknback.env or use more users "
          "(make bench turns the limit off)")
elif run["errors"]:
    print("=> failures: see the API's log")
else:
    print("=> not limited: the figures above are the server's speed")
PY
