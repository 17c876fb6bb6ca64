#!/usr/bin/env bash
# scripts/soak.sh — `make soak`: a long run under load and faults, then proof that no money was lost or doubled.
#
# Why: the CI fault tests are short; some failures (a leak, a lease that expires at the wrong moment, a
# reconnect that only half works) show only over minutes. This script runs the release API and two workers
# on their own cluster (.data/soak-pg, port 55435), ingests at a steady rate for SOAK_MINUTES (default 10),
# kills a worker with SIGKILL every SOAK_KILL_EVERY seconds (default 20) and restarts it, stops PostgreSQL
# for 10 s once half-way, then waits for the queue to drain and checks:
#   - `clicknback reconcile` exits 0 (balances = ledger = purchases),
#   - every purchase is settled, each exactly once (one settle audit row per settled purchase),
#   - the API answered no 5xx except 503 (during the outage).
# Env: SOAK_MINUTES, SOAK_RATE (ingests per second, default 50), SOAK_KILL_EVERY.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
minutes=${SOAK_MINUTES:-10}
rate=${SOAK_RATE:-50}
kill_every=${SOAK_KILL_EVERY:-20}
pg_dir=.data/soak-pg; pg_port=55435; api_port=18190; sandbox_port=18191
db_url="postgresql://clicknback:clicknback_soak@127.0.0.1:$pg_port/clicknback"
work=$(mktemp -d)
pids=()
bin=.build/release/clicknback
gen=.build/release/clicknback-bench

log() { printf 'soak: %s\n' "$*" >&2; }
cleanup() {
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    log "logs kept in $work"
}
trap cleanup EXIT
common_env=(DATABASE_URL="$db_url" CLICKNBACK_ENV=production OAUTH_HASH_KEY="$(printf 's%.0s' {1..64})"
    LOG_LEVEL=info LOG_FORMAT=json BCRYPT_COST=4 MIGRATIONS_DIR="$root/migrations" HTTP_PORT="$api_port"
    INGEST_RATE_LIMIT_ENABLED=false PURCHASE_CONFIRMATION_INTERVAL_SECONDS=10 WORKER_LEASE_SECONDS=5
    DATABASE_LEASE_TIMEOUT_MS=2000 API_ADMIN_PORT=0 REGISTRATION_RATE_LIMIT_ENABLED=false
    SANDBOX_PORT="$sandbox_port" SANDBOX_BANK_LATENCY_MS=20 BANK_URL="http://127.0.0.1:$sandbox_port/bank"
    RAIL_URL="http://127.0.0.1:$sandbox_port/rail" BANK_TOKEN=soak-bank RAIL_TOKEN=soak-rail)
start() { # start NAME ARGS... (records the pid in $started)
    local name=$1; shift
    env "${common_env[@]}" "$@" >>"$work/$name.log" 2>&1 &
    started=$!
    pids+=("$started")
}
psql_q() { scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -XAtq "$@"; }

log "release build"
swift build -c release --static-swift-stdlib --product clicknback >&2
swift build -c release --static-swift-stdlib --product clicknback-bench >&2

log "fresh cluster in $pg_dir on port $pg_port"
scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
scripts/pg.sh up "$pg_dir" "$pg_port" >&2
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback clicknback_soak clicknback >&2
env "${common_env[@]}" "$bin" migrate >/dev/null
env "${common_env[@]}" LOG_LEVEL=warning "$bin" admin seed

start sandbox "$bin" sandbox
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$sandbox_port/health" >/dev/null 2>&1 && break; sleep 0.1; done
start api "$bin" api
api=$started
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
login() {
    curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"$2\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
admin=$(login carol@clicknback.com 'Str0ng!Pass')
merchant=$(curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/merchants/" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d '{"name": "Soak Shop", "default_cashback_percentage": 5}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$api_port/api/v1/offers/" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d "{\"merchant_id\": \"$merchant\", \"cashback_type\": \"percent\",
    \"cashback_value\": 5, \"start_date\": \"$(date -u +%F)\", \"end_date\": \"2099-12-31\", \"monthly_cap\": 100000000}"
: >"$work/tokens.txt"
for n in $(seq 1 50); do
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:$api_port/api/v1/users/" -H 'Content-Type: application/json' \
        -d "{\"email\": \"soak-$n@example.com\", \"password\": \"Soak!Pass1\"}"
    echo "$(psql_q -c "SELECT id FROM users WHERE email = 'soak-$n@example.com'") $(login "soak-$n@example.com" 'Soak!Pass1')" >>"$work/tokens.txt"
done

start worker1 WORKER_ADMIN_PORT=0 WORKER_ID=soak-1 "$bin" worker
workers=("$started")
start worker2 WORKER_ADMIN_PORT=0 WORKER_ID=soak-2 "$bin" worker
workers+=("$started")

total=$((minutes * 60))
log "ingesting $rate/s for ${minutes} min; kill -9 a worker every ${kill_every}s; PostgreSQL down for 10 s at $((total / 2))s"
"$gen" open --url "http://127.0.0.1:$api_port" --tokens "$work/tokens.txt" --merchant "$merchant" \
    --rate "$rate" --count $((rate * total)) >"$work/load.json" 2>"$work/load.err" &
load=$!
pids+=("$load")
elapsed=0; kills=0; outage_done=no
while kill -0 "$load" 2>/dev/null; do
    sleep "$kill_every"
    elapsed=$((elapsed + kill_every))
    victim=${workers[0]}
    kill -KILL "$victim" 2>/dev/null || true
    kills=$((kills + 1))
    start "worker-restart-$kills" WORKER_ADMIN_PORT=0 WORKER_ID="soak-r$kills" "$bin" worker
    workers=("${workers[@]:1}" "$started")
    if [[ $outage_done == no && $elapsed -ge $((total / 2)) ]]; then
        log "stopping PostgreSQL for 10 s"
        scripts/pg.sh down "$pg_dir" >/dev/null
        sleep 10
        scripts/pg.sh up "$pg_dir" "$pg_port" >/dev/null
        outage_done=yes
    fi
    log "${elapsed}s: $kills worker kills, $(psql_q -c "SELECT count(*) FROM purchases") purchases, $(psql_q -c "SELECT count(*) FROM purchase_verifications") queued"
done

log "load done; waiting for the queue to drain"
for _ in $(seq 1 600); do
    [[ "$(psql_q -c "SELECT count(*) FROM purchase_verifications")" == 0 ]] && break
    sleep 1
done
for pid in "${workers[@]}" "$api"; do kill -TERM "$pid" 2>/dev/null || true; done
sleep 2

failures=0
check() { # check DESCRIPTION CONDITION-RESULT(yes/no)
    if [[ $2 == yes ]]; then log "ok: $1"; else log "FAILED: $1"; failures=$((failures + 1)); fi
}
queued=$(psql_q -c "SELECT count(*) FROM purchase_verifications")
check "queue drained ($queued left)" "$([[ $queued == 0 ]] && echo yes || echo no)"
doubles=$(psql_q -c "SELECT count(*) FROM (SELECT resource_id FROM audit_logs WHERE action IN ('PURCHASE_CONFIRMED', 'PURCHASE_REJECTED') GROUP BY resource_id HAVING count(*) > 1) d")
check "no purchase settled twice ($doubles doubles)" "$([[ $doubles == 0 ]] && echo yes || echo no)"
unsettled=$(psql_q -c "SELECT count(*) FROM purchases p WHERE p.merchant_id = '$merchant' AND p.status IN ('confirmed', 'rejected') AND NOT EXISTS (SELECT 1 FROM audit_logs a WHERE a.resource_id = p.id::text AND a.action IN ('PURCHASE_CONFIRMED', 'PURCHASE_REJECTED'))")
check "every settled purchase has its settle audit ($unsettled without)" "$([[ $unsettled == 0 ]] && echo yes || echo no)"
server_errors=$(cat "$work"/api.log | grep -E '"status":"5[0-9]{2}"' | grep -vc '"status":"503"' || true)
check "no 5xx but 503 from the API ($server_errors)" "$([[ $server_errors == 0 ]] && echo yes || echo no)"
reconcile=0
env "${common_env[@]}" "$bin" reconcile >"$work/reconcile.log" 2>&1 || reconcile=$?
check "reconcile clean (exit $reconcile)" "$([[ $reconcile == 0 ]] && echo yes || echo no)"
purchases=$(psql_q -c "SELECT count(*) FROM purchases WHERE merchant_id = '$merchant'")
unavailable=$(grep -c '"status":"503"' "$work/api.log" || true)
log "figures: ${minutes} min at $rate/s, $purchases purchases, $kills worker kills, one 10 s database outage ($unavailable answers 503)"
[[ $failures -eq 0 ]] || exit 1
log "soak passed"
