#!/usr/bin/env bash
# scripts/topology-test.sh — `make topology-test`: ClickNBack on several hosts, made of network namespaces on
# this machine, with faults injected while purchases flow.
#
# Why: production runs two API instances behind a load balancer, workers on other hosts and PostgreSQL behind
# PgBouncer (docs/deploy.md, "Several hosts"). What only shows on such a topology: a host that dies or loses the
# network, PgBouncer's transaction pooling, the balancer's retries.
#
# Hosts (one network namespace each, joined by veth links to a bridge in a namespace of its own, 10.77.0.0/24):
#   db   .2   PostgreSQL 15                 pgb  .3   PgBouncer 1.18, transaction pooling, for the APIs
#   api1 .11  clicknback api                lb   .20  HAProxy (health checks, retries on a failed connect)
#   api2 .12  clicknback api
#   w1   .31  clicknback worker             bank .40  clicknback sandbox (the bank and the rail)
#   w2   .32  clicknback worker             cli  .50  the client (curl)
# The workers and the migrations connect straight to PostgreSQL (docs/deploy.md, "PgBouncer"): the workers' LISTEN
# needs a session of its own, which transaction pooling does not keep, and migrate takes a session advisory lock.
#
# Scenarios, each checked, then `clicknback reconcile` clean at the end:
#   1. purchases through the balancer while api1 is killed (SIGKILL): a client that retries with the same
#      external_id gets each purchase created once, and both workers confirm them all; payouts asked for while
#      api1 is down complete;
#   2. PgBouncer restarted, nothing else: the APIs and the workers carry on by themselves; payouts asked for
#      while it is down go in once each and complete;
#   3. a partner's signed request replayed to the other API instance: refused (ADR 038); the partner's rate
#      limit counts the requests of both instances;
#   4. w1 cut off the network (its link down) while it holds purchases, and payouts flow, for longer than its
#      lease: w2 takes them over and settles them; w1 comes back and carries on; every purchase is settled once.
#
# Usage: scripts/topology-test.sh   (as root; builds the release binary first)
# Env:   SWIFT_BUILD_FLAGS  extra flags for the release build (CI: "-Xswiftc -warnings-as-errors")
#        KEEP_TOPOLOGY=1    leave the namespaces, processes and logs for a look afterwards (the script prints
#                           how to remove them)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
prefix=cnbt$$ # namespace names: cnbt<pid>-db, cnbt<pid>-api1, …, and cnbt<pid>-sw, the switch: runs may overlap
hosts=(db pgb api1 api2 lb w1 w2 bank cli)
declare -A address=([db]=10.77.0.2 [pgb]=10.77.0.3 [api1]=10.77.0.11 [api2]=10.77.0.12 [lb]=10.77.0.20
    [w1]=10.77.0.31 [w2]=10.77.0.32 [bank]=10.77.0.40 [cli]=10.77.0.50)
bin=$root/.build/release/clicknback
declare -A pid=()

log() { echo "topology: $*" >&2; }
fail() {
    log "FAILED: $*"
    exit 1
}
on() { # on HOST COMMAND…: runs COMMAND in HOST's network namespace
    local host=$1
    shift
    ip netns exec "$prefix-$host" "$@"
}

teardown() {
    for name in "${!pid[@]}"; do kill -TERM "${pid[$name]}" 2>/dev/null || true; done
    for name in "${!pid[@]}"; do wait "${pid[$name]}" 2>/dev/null || true; done
    [[ -d $work/pg ]] && scripts/pg.sh down "$work/pg" >/dev/null 2>&1 || true
    for host in "${hosts[@]}" sw; do ip netns del "$prefix-$host" 2>/dev/null || true; done
}

cleanup() {
    local status=$?
    if [[ $status -ne 0 ]]; then
        for file in "$work"/*.log; do
            [[ -f $file ]] || continue
            log "last lines of $(basename "$file"):"
            tail -n 8 "$file" >&2
        done
    fi
    if [[ ${KEEP_TOPOLOGY:-0} == 1 ]]; then
        log "kept: logs in $work; namespaces $prefix-* (ip netns list); processes ${pid[*]}"
        log "to remove: kill ${pid[*]}; scripts/pg.sh down $work/pg; for n in \$(ip netns list | grep -o '^$prefix-[a-z0-9]*'); do ip netns del \$n; done"
    else
        teardown
        rm -rf --one-file-system "$work"
    fi
}

[[ $(id -u) -eq 0 ]] || fail "run as root (network namespaces need it)"
for tool in pgbouncer:pgbouncer haproxy:haproxy; do
    if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
        log "${tool%%:*} is missing; installing ${tool##*:}"
        apt-get update -qq >/dev/null # a fresh machine may have no package lists yet
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool##*:}" >/dev/null
    fi
done
work=$(mktemp -d /tmp/clicknback-topology.XXXXXX)
chmod 0755 "$work" # the database host's cluster runs as the postgres user
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the EXIT trap stops what this run started

log "release build (swift build -c release --static-swift-stdlib)"
read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}" # the same flags as the package's build: one build for both
swift build -c release --static-swift-stdlib --product clicknback "${build_flags[@]}" >&2

log "hosts: ${hosts[*]}, on a bridge in $prefix-sw"
ip netns add "$prefix-sw"
on sw ip link add br0 type bridge
on sw ip link set br0 up
for host in "${hosts[@]}"; do
    ip netns add "$prefix-$host"
    ip link add "$host" netns "$prefix-$host" type veth peer name "port-$host" netns "$prefix-sw"
    on sw ip link set "port-$host" master br0 up
    on "$host" ip addr add "${address[$host]}/24" dev "$host"
    on "$host" ip link set "$host" up
    on "$host" ip link set lo up
done
cut_off() { on sw ip link set "port-$1" down; }
reconnect() { on sw ip link set "port-$1" up; }

start() { # start NAME HOST COMMAND…: a background process on HOST, its output in $work/NAME.log
    local name=$1 host=$2
    shift 2
    # exec twice over (the subshell into `ip`, `ip` into the command), so $! is the process itself: the faults
    # below signal it by that pid.
    (exec ip netns exec "$prefix-$host" "$@") >"$work/$name.log" 2>&1 &
    pid[$name]=$!
}
wait_until() { # wait_until DESCRIPTION SECONDS COMMAND…
    local what=$1 deadline=$((SECONDS + $2))
    shift 2
    until "$@" >/dev/null 2>&1; do
        [[ $SECONDS -lt $deadline ]] || fail "$what: not within the deadline"
        sleep 0.2
    done
}
http_ok() { on cli curl -fsS --max-time 2 -o /dev/null "$1"; }

log "db: PostgreSQL on ${address[db]}:5432"
db_password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work/pg"
PG_LISTEN_ADDRESSES=${address[db]} on db scripts/pg.sh up "$work/pg" 5432 >"$work/pg-setup.log" 2>&1
echo "host all all 10.77.0.0/24 scram-sha-256" >>"$work/pg/pg_hba.conf"
on db scripts/pg.sh psql "$work/pg" 5432 -d postgres -XAtq -c "SELECT pg_reload_conf()" >/dev/null
on db scripts/pg.sh ensure-db "$work/pg" 5432 clicknback "$db_password" clicknback >>"$work/pg-setup.log" 2>&1
direct_url="postgresql://clicknback:$db_password@${address[db]}:5432/clicknback"

log "pgb: PgBouncer on ${address[pgb]}:6432, transaction pooling"
mkdir -p "$work/pgbouncer"
cat >"$work/pgbouncer/pgbouncer.ini" <<EOF
[databases]
clicknback = host=${address[db]} port=5432 dbname=clicknback pool_mode=transaction connect_query='SET statement_timeout = 30000'

[pgbouncer]
listen_addr = ${address[pgb]}
listen_port = 6432
; no Unix socket: its default place, /tmp, is shared by every run on this machine
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $work/pgbouncer/userlist.txt
max_client_conn = 2000
default_pool_size = 40
; The API sends DATABASE_STATEMENT_TIMEOUT_MS as the startup parameter statement_timeout, which PgBouncer refuses
; unless told to drop it; connect_query above sets it on every server connection instead.
ignore_startup_parameters = extra_float_digits,statement_timeout
; A full pool answers within the API's own lease timeout (5 s): PgBouncer's error becomes a 503.
query_wait_timeout = 5
logfile = $work/pgbouncer/pgbouncer.log
pidfile = $work/pgbouncer/pgbouncer.pid
EOF
printf '"clicknback" "%s"\n' "$db_password" >"$work/pgbouncer/userlist.txt"
chown -R postgres: "$work/pgbouncer"
start_pgbouncer() {
    start pgbouncer pgb pgbouncer -u postgres "$work/pgbouncer/pgbouncer.ini"
    wait_until "PgBouncer listening" 30 on cli bash -c "exec 3<>/dev/tcp/${address[pgb]}/6432"
}
start_pgbouncer
api_url="postgresql://clicknback:$db_password@${address[pgb]}:6432/clicknback"

hash_key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
partner_key=$(head -c 32 /dev/urandom | base64)
bank_token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
common=(CLICKNBACK_ENV=production OAUTH_HASH_KEY="$hash_key" PARTNER_SECRET_KEY="$partner_key" LOG_FORMAT=json
    BANK_URL="http://${address[bank]}:8090/bank" RAIL_URL="http://${address[bank]}:8090/rail"
    BANK_TOKEN="$bank_token" RAIL_TOKEN="$bank_token" PURCHASE_CONFIRMATION_INTERVAL_SECONDS=2
    WORKER_BACKOFF_CAP_SECONDS=4 WORKER_LEASE_SECONDS=6 SANDBOX_BANK_LATENCY_MS=800
    SANDBOX_RAIL_LATENCY_MS=800)

log "migrate and seed, from the db host straight to PostgreSQL"
on db env "${common[@]}" DATABASE_URL="$direct_url" MIGRATIONS_DIR="$root/migrations" "$bin" migrate \
    >"$work/migrate.log" 2>&1 || fail "migrate failed"
on db env "${common[@]}" DATABASE_URL="$direct_url" LOG_LEVEL=warning "$bin" admin seed >"$work/seed.log" 2>&1 ||
    fail "seed failed"

log "bank, api1 and api2 (through PgBouncer), lb, w1 and w2 (straight to PostgreSQL)"
start bank bank env "${common[@]}" SANDBOX_HOST="${address[bank]}" SANDBOX_PORT=8090 "$bin" sandbox
wait_until "the sandbox" 30 http_ok "http://${address[bank]}:8090/health"
start_api() {
    start "$1" "$1" env "${common[@]}" DATABASE_URL="$api_url" HTTP_HOST="${address[$1]}" HTTP_PORT=8080 \
        TRUSTED_PROXIES="${address[lb]}" PARTNER_RATE_LIMIT_BURST=5 PARTNER_RATE_LIMIT_PER_SECOND=1 "$bin" api
    wait_until "$1 ready" 60 http_ok "http://${address[$1]}:8080/health/ready"
}
start_api api1
start_api api2
cat >"$work/haproxy.cfg" <<EOF
global
    log stdout format raw local0 info
defaults
    mode http
    log global
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A connection refused, or closed before any answer, is tried on the other server. The request may have been
    # processed already: a purchase sent again answers 409 (external_id), so that is safe.
    retry-on conn-failure empty-response
    retries 2
    option redispatch
frontend ingest
    bind ${address[lb]}:8080
    default_backend apis
backend apis
    balance roundrobin
    option httpchk GET /health/ready
    server api1 ${address[api1]}:8080 check inter 500ms fall 2 rise 2
    server api2 ${address[api2]}:8080 check inter 500ms fall 2 rise 2
EOF
start lb lb haproxy -db -f "$work/haproxy.cfg"
wait_until "the balancer" 30 http_ok "http://${address[lb]}:8080/health/ready"
for worker in w1 w2; do
    start "$worker" "$worker" env "${common[@]}" DATABASE_URL="$direct_url" WORKER_ID="$worker" \
        WORKER_ADMIN_HOST="${address[$worker]}" WORKER_ADMIN_PORT=9091 "$bin" worker
done
for worker in w1 w2; do
    wait_until "$worker ready" 60 http_ok "http://${address[$worker]}:9091/health/ready"
done

lb_api=http://${address[lb]}:8080/api/v1
json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
login() {
    on cli curl -fsS -X POST "$lb_api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"Str0ng!Pass\"}" | json_field access_token
}
psql_db() { on db scripts/pg.sh psql "$work/pg" 5432 -d clicknback -XAtq -c "$1"; }
admin=$(login carol@clicknback.com)
user=$(login alice@clicknback.com)
user_id=b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d
merchant=$(on cli curl -fsS -X POST "$lb_api/merchants/" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d '{"name": "Topology Shop", "default_cashback_percentage": 5}' |
    json_field id)
on cli curl -fsS -o /dev/null -X POST "$lb_api/offers/" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' \
    -d "{\"merchant_id\": \"$merchant\", \"cashback_type\": \"percent\", \"cashback_value\": 5,
         \"start_date\": \"$(date -u +%F)\", \"end_date\": \"2099-12-31\", \"monthly_cap\": 1000000}"

# ingest ID: posts one purchase through the balancer until it is created (201) or known (409), as a client that
# retries with the same external_id after any failure would.
ingest() {
    local external_id=$1 status attempt
    for attempt in $(seq 1 60); do
        status=$(on cli curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$lb_api/purchases/" \
            -H "Authorization: Bearer $user" -H 'Content-Type: application/json' \
            -d "{\"external_id\": \"$external_id\", \"user_id\": \"$user_id\", \"merchant_id\": \"$merchant\",
                 \"amount\": \"10.00\", \"currency\": \"EUR\"}" || true)
        case $status in 201 | 409) return 0 ;; esac
        sleep 0.2
    done
    fail "purchase $external_id: no 201 or 409 after 60 attempts (last status $status)"
}

# payout KEY: alice asks for 10.00 (Idempotency-Key KEY, so a retry is safe) and an admin hands it to the workers.
payout() {
    local id attempt
    for attempt in $(seq 1 30); do
        id=$(on cli curl -fsS --max-time 5 -X POST "$lb_api/users/payouts" -H "Authorization: Bearer $user" \
            -H 'Content-Type: application/json' -H "Idempotency-Key: $1" \
            -d '{"amount": "10.00", "method": "card", "details": {"card_token": "tok_topology"}}' | json_field id) &&
            on cli curl -fsS --max-time 5 -o /dev/null -X PATCH "$lb_api/admin/payouts/$id/process" \
                -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"status": "processing"}' &&
            return 0
        sleep 0.2
    done
    fail "payout $1: not handed to the workers after 30 attempts; the request answers: $(on cli curl -sS -X POST \
        "$lb_api/users/payouts" -H "Authorization: Bearer $user" -H 'Content-Type: application/json' \
        -H "Idempotency-Key: $1" -d '{"amount": "10.00", "method": "card", "details": {"card_token": "tok_topology"}}')"
}
payouts_completed() { # payouts_completed PATTERN COUNT
    [[ $(psql_db "SELECT count(*) FROM payouts WHERE idempotency_key LIKE '$1' AND status = 'completed'") == "$2" ]]
}

log "scenario 1: 200 purchases through the balancer, api1 killed (SIGKILL) after the 50th"
for n in $(seq 1 200); do
    ingest "topo-1-$n"
    if [[ $n -eq 50 ]]; then
        kill -KILL "${pid[api1]}"
        wait "${pid[api1]}" 2>/dev/null || true
    fi
done
[[ $(psql_db "SELECT count(*) FROM purchases WHERE external_id LIKE 'topo-1-%'") == 200 ]] ||
    fail "scenario 1: not 200 purchases"
[[ $(psql_db "SELECT count(DISTINCT external_id) FROM purchases WHERE external_id LIKE 'topo-1-%'") == 200 ]] ||
    fail "scenario 1: duplicates"
confirmed_are() { [[ $(psql_db "SELECT count(*) FROM purchases WHERE external_id LIKE '$1' AND status = 'confirmed'") == "$2" ]]; }
wait_until "scenario 1: all 200 confirmed" 120 confirmed_are 'topo-1-%' 200
after_kill=$(grep -c '"route":"/api/v1/purchases"' "$work/api2.log" || true)
log "scenario 1: 200 created once each, all confirmed ($after_kill ingestion requests answered by api2)"
for n in 1 2; do payout "topo-1-pay-$n"; done
wait_until "scenario 1: 2 payouts requested while api1 is down completed" 120 payouts_completed 'topo-1-pay-%' 2

log "api1 comes back (the balancer's health check takes it in again)"
start_api api1

log "scenario 2: PgBouncer restarted while purchases flow; nothing else is touched"
for n in $(seq 1 100); do
    ingest "topo-2-$n"
    if [[ $n -eq 30 ]]; then
        kill -INT "${pid[pgbouncer]}" 2>/dev/null || true
        wait "${pid[pgbouncer]}" 2>/dev/null || true
        # Payouts asked for while PgBouncer is down: each retries with its Idempotency-Key until it goes in.
        (for p in 1 2; do payout "topo-2-pay-$p"; done) &
        paying=$!
        start_pgbouncer
        wait "$paying" || fail "scenario 2: the payouts did not go in"
    fi
done
[[ $(psql_db "SELECT count(DISTINCT external_id) FROM purchases WHERE external_id LIKE 'topo-2-%'") == 100 ]] ||
    fail "scenario 2: not 100 distinct purchases"
wait_until "scenario 2: all 100 confirmed" 120 \
    confirmed_are 'topo-2-%' 100
wait_until "scenario 2: the 2 payouts completed" 120 payouts_completed 'topo-2-pay-%' 2
[[ $(psql_db "SELECT count(*) FROM payouts WHERE idempotency_key LIKE 'topo-2-pay-%'") == 2 ]] ||
    fail "scenario 2: a payout retried through the outage was created twice"
for process in api1 api2 w1 w2; do
    kill -0 "${pid[$process]}" 2>/dev/null || fail "scenario 2: $process exited"
done
log "scenario 2: both tiers recovered by themselves"

log "scenario 3: a partner's signed request, then the same request replayed to the other API instance"
partner=$(on cli curl -fsS -X POST "$lb_api/admin/partners" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d "{\"name\": \"Topology Partner\", \"merchant_ids\": [\"$merchant\"]}" |
    json_field id)
issued=$(on cli curl -fsS -X POST "$lb_api/admin/partners/$partner/credentials" -H "Authorization: Bearer $admin")
key_id=$(json_field key_id <<<"$issued")
secret=$(json_field secret <<<"$issued")
body="{\"external_id\": \"topo-3-1\", \"user_id\": \"$user_id\", \"merchant_id\": \"$merchant\", \"amount\": \"10.00\", \"currency\": \"EUR\"}"
timestamp=$(date +%s)
signature=$(printf '%s.%s' "$timestamp" "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')
signed_post() { # signed_post HOST: the status and error code of the signed request sent to that API host
    on cli curl -s -X POST "http://${address[$1]}:8080/api/v1/purchases/" -H 'Content-Type: application/json' \
        -H "X-Partner-Key: $key_id" -H "X-Partner-Timestamp: $timestamp" -H "X-Partner-Signature: sha256=$signature" \
        -w ' %{http_code}' -d "$body"
}
first=$(signed_post api1)
[[ $first == *" 201" ]] || fail "scenario 3: the signed request answered: $first"
replayed=$(signed_post api2)
[[ $replayed == *SIGNATURE_REPLAYED*" 401" ]] || fail "scenario 3: the replay to api2 answered: $replayed"
log "scenario 3: the replay to the other instance was refused (401 SIGNATURE_REPLAYED)"

log "scenario 3: the partner's rate limit (burst 5, 1 per second) counts the requests of both instances"
partner_post() { # partner_post HOST N: the status of a bearer-key partner purchase sent to that API host
    on cli curl -s -o /dev/null -w '%{http_code}' -X POST "http://${address[$1]}:8080/api/v1/purchases/" \
        -H "Authorization: Bearer $key_id.$secret" -H 'Content-Type: application/json' \
        -d "{\"external_id\": \"topo-3-limit-$2\", \"user_id\": \"$user_id\", \"merchant_id\": \"$merchant\",
             \"amount\": \"10.00\", \"currency\": \"EUR\"}"
}
limit_started=$SECONDS
statuses=()
for n in $(seq 1 12); do
    host=api1
    if ((n % 2 == 0)); then host=api2; fi
    statuses+=("$(partner_post "$host" "$n")")
done
elapsed=$((SECONDS - limit_started + 1))
created=$(tr ' ' '\n' <<<"${statuses[*]}" | grep -c '^201$' || true)
limited=$(tr ' ' '\n' <<<"${statuses[*]}" | grep -c '^429$' || true)
[[ $((created + limited)) -eq 12 ]] || fail "scenario 3: answers other than 201 and 429: ${statuses[*]}"
# Two limits of one instance each would let 10 through at once; one shared limit lets 5 + 1 per second.
[[ $created -le $((5 + elapsed)) && $created -lt 10 ]] ||
    fail "scenario 3: $created of 12 partner requests went through in ${elapsed} s: ${statuses[*]}"
log "scenario 3: $created of 12 partner requests alternating between api1 and api2 went through, $limited got 429"

log "scenario 4: w1 cut off the network while it holds purchases, for longer than its lease (6 s); payouts flow"
held_by_w1() { # held_by_w1 PATTERN: w1 holds a live lease on one of the purchases whose external_id is LIKE PATTERN
    [[ $(psql_db "SELECT count(*) FROM purchase_verifications WHERE lease_owner = 'w1' AND lease_expires_at > now()
                  AND purchase_id IN (SELECT id FROM purchases WHERE external_id LIKE '$1')") -gt 0 ]]
}
settled_once() { # settled_once PATTERN: no ledger movement of those purchases written twice
    [[ $(psql_db "SELECT count(*) FROM (SELECT reference_id FROM wallet_ledger
                  WHERE reference_id IN (SELECT id FROM purchases WHERE external_id LIKE '$1')
                  GROUP BY reference_id, reason, bucket HAVING count(*) > 1) twice") == 0 ]]
}
# The purchases w1 still holds once its link is down are the ones w2 must take over. Should w1 have finished all
# it held in the moment before the cut, a new round of 40 tries again.
held=""
rounds=0
while [[ -z $held && $rounds -lt 3 ]]; do
    rounds=$((rounds + 1))
    # The purchases go in from the background, so that w1 is cut off the moment it holds one of them.
    (for n in $(seq 1 40); do ingest "topo-4-$rounds-$n"; done) &
    ingesting=$!
    wait_until "w1 holds some of the 40 (the bank answers after 800 ms)" 60 held_by_w1 "topo-4-$rounds-%"
    cut_off w1
    wait "$ingesting" || fail "scenario 4: the 40 purchases of round $rounds did not all go in"
    for n in $(seq 1 5); do payout "topo-4-pay-$rounds-$n"; done
    held=$(psql_db "SELECT string_agg(quote_literal(v.purchase_id::text), ',') FROM purchase_verifications v
                    JOIN purchases p ON p.id = v.purchase_id
                    WHERE v.lease_owner = 'w1' AND p.status = 'pending' AND p.external_id LIKE 'topo-4-%'")
    if [[ -z $held ]]; then
        reconnect w1
        wait_until "w1 ready again" 60 http_ok "http://${address[w1]}:9091/health/ready"
    fi
done
[[ -n $held ]] || fail "scenario 4: w1 held nothing at the cut in $rounds rounds"
cut_at=$SECONDS
wait_until "scenario 4: all confirmed without w1" 120 confirmed_are 'topo-4-%' $((40 * rounds))
wait_until "scenario 4: the payouts completed" 120 payouts_completed 'topo-4-pay-%' $((5 * rounds))
held_count=$(($(tr -cd ',' <<<"$held" | wc -c) + 1))
taken_over_by_w2() {
    psql_db "SELECT count(DISTINCT item_id) FROM job_attempts WHERE item_id::text IN ($held) AND worker = 'w2'"
}
w2_took_over_all() { [[ $(taken_over_by_w2) -eq $held_count ]]; }
# An attempt's journal row is written after its settlement commits: wait for it.
wait_until "scenario 4: w2 took over the $held_count purchases w1 held" 60 w2_took_over_all
reconnect w1
log "scenario 4: w2 took over the $held_count pending purchases w1 held at the cut (round $rounds); all $((40 * rounds)) confirmed $((SECONDS - cut_at)) s after the cut"
wait_until "w1 ready again after the cut" 60 http_ok "http://${address[w1]}:9091/health/ready"
kill -0 "${pid[w1]}" 2>/dev/null || fail "scenario 4: w1 exited"
settled_once 'topo-4-%' || fail "scenario 4: a ledger movement was written twice"
log "scenario 4: w1 is back and ready; each purchase settled once, the $((5 * rounds)) payouts completed"

log "reconcile, from the db host"
on db env "${common[@]}" DATABASE_URL="$direct_url" "$bin" reconcile >"$work/reconcile.log" 2>&1 ||
    fail "reconcile found drift or could not run"
log "passed: 4 scenarios (payouts during the first, second and fourth), reconcile clean"
