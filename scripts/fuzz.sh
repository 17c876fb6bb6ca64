#!/usr/bin/env bash
# scripts/fuzz.sh — property-based fuzzing of the live API against its own OpenAPI document.
#
# Why: hand-written tests cover the inputs we thought of; schemathesis generates the
# ones we did not (from GET /openapi.json) and checks that no answer is a 5xx and that
# every answer matches the document (status, content type, schema). Deterministic:
# a fixed seed and a time bound, so CI can run it.
#
# Usage: scripts/fuzz.sh <template_database_url> [seconds]
#   Creates a database from the template, seeds the demo data, starts the debug
#   `clicknback api` on a loopback port, fuzzes every operation as an admin (the
#   widest access), then checks the API's own access log: at least FUZZ_MIN_REQUESTS
#   requests (default 2000), no 5xx, and the process still alive.
# Env: FUZZ_SEED (default 42), FUZZ_MAX_EXAMPLES (default 40 per operation).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
template_url=${1:?usage: scripts/fuzz.sh <template_database_url> [seconds]}
seconds=${2:-90}
seed=${FUZZ_SEED:-42}
examples=${FUZZ_MAX_EXAMPLES:-40}
min_requests=${FUZZ_MIN_REQUESTS:-2000}
schemathesis_version=4.32.5
work=$(mktemp -d)
db="fuzz_$$"

log() { printf 'fuzz: %s\n' "$*"; }
# shellcheck source=scripts/live-api.sh
. scripts/live-api.sh
trap live_api_cleanup EXIT

# schemathesis from PyPI, pinned, in a project-local virtualenv.
venv=.data/venv
if [[ ! -x "$venv/bin/schemathesis" ]] || ! "$venv/bin/schemathesis" --version | grep -q "$schemathesis_version"; then
    log "installing schemathesis $schemathesis_version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# Taken just before the API binds it, so that nothing started meanwhile (the installs above) takes it first.
port=$(live_free_port)
log "database $db from the template, demo seed; api on 127.0.0.1:$port"
live_api_start REGISTRATION_RATE_LIMIT_ENABLED=false INGEST_RATE_LIMIT_ENABLED=false
token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email": "carol@clicknback.com", "password": "Str0ng!Pass"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

log "schemathesis: seed $seed, up to $examples examples per operation, ${seconds}s"
status=0
(cd "$work" && "$OLDPWD/$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --seed "$seed" --max-examples "$examples" --max-time "$seconds" --phases examples,coverage,fuzzing \
    --no-shrink --request-timeout 10 --warnings off) >"$work/schemathesis.out" 2>&1 || status=$?
grep -E "passed|failed|generated|Test cases|Seed" "$work/schemathesis.out" | tail -5 | sed 's/^/fuzz: /'

requests=$(grep -c '"msg":"request"' "$work/api.log" || true)
server_errors=$(grep -cE '"status":"5[0-9]{2}"' "$work/api.log" || true)
alive=yes
kill -0 "$api_pid" 2>/dev/null || alive=no
log "requests served: $requests, 5xx: $server_errors, api alive: $alive"
if [[ $status -ne 0 || $requests -lt $min_requests || $server_errors -ne 0 || $alive != yes ]]; then
    tail -60 "$work/schemathesis.out" >&2
    log "FAILED" >&2
    exit 1
fi
log "ok"
