#!/usr/bin/env bash
# scripts/bench.sh — what `make bench` (full) and `make bench-quick` run: how fast the system does its
# job on this machine, each figure beside the limit PostgreSQL itself sets, measured in the same run.
#
# Why: speed claims need numbers from real processes (release build, project-local cluster, loopback).
# No timing is asserted anywhere; this script prints a table and writes
# bench/results/<date>-<commit>.{json,md,png} via scripts/bench_report.py.
#
# Usage: scripts/bench.sh [full|quick|cpu]   (cpu: only the API's CPU per ingest, for iterating on it)
# Load generator: our own clicknback-bench (AsyncHTTPClient), measuring from request sent to response read.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
mode=${1:-full}

cpu_requests=10000
cpu_rounds=3
if [[ $mode == quick || $mode == cpu ]]; then
    duration=4; concurrencies="4 16 64"; backlog=5000; fanouts="100 1000"; idle_seconds=10; rates="100 500"
    latency_seconds=3
else
    duration=15; concurrencies="4 16 64"; backlog=50000; fanouts="100 1000 5000"; idle_seconds=30; rates="100 500"
    latency_seconds=20
fi
users=200
pg_dir=.data/bench-pg; pg_port=55434; api_port=18090; admin_port=19091; sandbox_port=18091
db_url="postgresql://clicknback:clicknback_bench@127.0.0.1:$pg_port/clicknback"
work=$(mktemp -d)
merchant=bbbbbbbb-0000-4000-8000-000000000001
offer=bbbbbbbb-0000-4000-8000-000000000002
pids=()

log() { echo "bench: $*" >&2; }
since() { python3 -c "print(round($EPOCHREALTIME - $1, 3))"; }
cleanup() {
    local status=$?
    if [[ $status != 0 ]]; then
        for file in "$work"/*.log; do echo "bench: failed ($status); last lines of $file:" >&2; tail -5 "$file" >&2; done
    fi
    # start runs in command substitutions, where pids+=() is lost: every pid it started is also in started.pids.
    for pid in "${pids[@]}" $(cat "$work/started.pids" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

psql_q() { PGPASSWORD=clicknback_bench psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U clicknback clicknback "$@"; }
bench_pgbench() {
    PGPASSWORD=clicknback_bench pgbench -n -M prepared -h 127.0.0.1 -p "$pg_port" -U clicknback \
        -D users="$users" -D merchant="$merchant" -D offer="$offer" "$@" clicknback 2>&1
}
tps_of() { grep -oE 'tps = [0-9.]+' | awk 'NR == 1 {print $3}'; }

common_env=(
    DATABASE_URL="$db_url" CLICKNBACK_ENV=production OAUTH_HASH_KEY="$(printf 'b%.0s' {1..64})" LOG_LEVEL=info
    LOG_FORMAT=json BCRYPT_COST=4 MIGRATIONS_DIR="$root/migrations" HTTP_PORT="$api_port"
    INGEST_RATE_LIMIT_ENABLED=false PURCHASE_CONFIRMATION_INTERVAL_SECONDS=60 DATABASE_POOL_SIZE=40 API_ADMIN_PORT=0 REGISTRATION_RATE_LIMIT_ENABLED=false
    SANDBOX_PORT="$sandbox_port" BANK_URL="http://127.0.0.1:$sandbox_port/bank" RAIL_URL="http://127.0.0.1:$sandbox_port/rail"
)
bank_latency() { # bank_latency MS: the sandbox bank's answer time from now on
    curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$sandbox_port/bank/sandbox/control" \
        -H 'Content-Type: application/json' -d "{\"latency_ms\": $1}"
}
start() { # start NAME ARGS... -> pid
    local name=$1; shift
    env "${common_env[@]}" "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    echo $! >>"$work/started.pids"
    echo $!
}
stop() { # stop PID: SIGTERM, wait up to 30 s for the exit (not our child: poll), then SIGKILL
    kill -TERM "$1" 2>/dev/null || return 0
    local i
    for i in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    echo "bench: pid $1 ignored SIGTERM for 30 s; killing it" >&2
    kill -KILL "$1" 2>/dev/null || true
}
wait_http() { # wait_http URL -> seconds waited
    local started=$EPOCHREALTIME
    for _ in $(seq 1 1000); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && { since "$started"; return; }
        sleep 0.01
    done
    echo "bench: $1 never became ready" >&2; exit 1
}
queue_empty() { # waits until the verification queue is empty; prints seconds
    local started=$EPOCHREALTIME
    while [[ $(psql_q -c "SELECT count(*) FROM purchase_verifications") != 0 ]]; do sleep 0.1; done
    since "$started"
}
peak_rss_mb() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; } # busy, total (steal counts as not ours)
worker_env() { echo WORKER_ADMIN_PORT="$admin_port" WORKER_ID="bench-$RANDOM"; }
http_share() { # http_share PORT: share of the worker's attempt time spent in bank calls over HTTP (0..1)
    curl -fsS "http://127.0.0.1:$1/metrics" | python3 -c '
import re, sys
sums = {}
for line in sys.stdin:
    match = re.match(r"(clicknback_downstream_call_seconds|clicknback_worker_attempt_duration_seconds)_sum(\{[^}]*\})? ([0-9.eE+-]+)", line)
    if match: sums[match.group(1)] = sums.get(match.group(1), 0.0) + float(match.group(3))
attempts = sums.get("clicknback_worker_attempt_duration_seconds", 0.0)
print(round(sums.get("clicknback_downstream_call_seconds", 0.0) / attempts, 3) if attempts else 0)'
}

log "building release binaries (first build takes several minutes)…"
swift build -c release --static-swift-stdlib --product clicknback >&2
swift build -c release --static-swift-stdlib --product clicknback-bench >&2
bin=.build/release/clicknback
gen=.build/release/clicknback-bench

log "fresh cluster in $pg_dir on port $pg_port"
scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
scripts/pg.sh up "$pg_dir" "$pg_port" >&2
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback clicknback_bench clicknback >&2
# Every autovacuum run goes to .data/bench-pg/postgres.log with its time, beside the checkpoints, so that a tail in a
# step can be set against what the server did meanwhile; so does every statement over 50 ms, with its plan
# (auto_explain, loaded by each new session): the fan-out drop of ADR 042 was found that way.
scripts/pg.sh psql "$pg_dir" "$pg_port" -X -q -c "ALTER SYSTEM SET log_autovacuum_min_duration = 0" \
    -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" -c "LOAD 'auto_explain'" \
    -c "ALTER SYSTEM SET auto_explain.log_min_duration = '50ms'" -c "SELECT pg_reload_conf()" >/dev/null
env "${common_env[@]}" "$bin" migrate >/dev/null
start sandbox "$bin" sandbox >/dev/null
wait_http "http://127.0.0.1:$sandbox_port/health" >/dev/null

log "API start-to-ready"
api_started=$EPOCHREALTIME
api=$(start api "$bin" api)
api_ready=$(wait_http "http://127.0.0.1:$api_port/health/ready")
echo "{\"api_start_to_ready_s\": $api_ready}" >"$work/api_ready.json"
: "$api_started"

log "creating $users callers and logging them in"
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$api_port/api/v1/users/" -H 'Content-Type: application/json' \
    -d '{"email": "bench-0@example.com", "password": "Bench!Pass1"}'
hash=$(psql_q -c "SELECT hashed_password FROM users WHERE email = 'bench-0@example.com'")
psql_q -v users="$users" -v hash="$hash" -f bench/sql/setup.sql >/dev/null
: >"$work/tokens.txt"
for n in $(seq 1 "$users"); do
    token=$(curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"bench-$n@example.com\", \"password\": \"Bench!Pass1\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    echo "$(psql_q -c "SELECT id FROM users WHERE email = 'bench-$n@example.com'") $token" >>"$work/tokens.txt"
done
target=(--url "http://127.0.0.1:$api_port" --tokens "$work/tokens.txt" --merchant "$merchant")

api_cpu_per_ingest() { # writes ingest_cpu.json: API CPU ms per ingest over a fixed count, split by stage with perf
    local ms perf_pid=""
    # Commits without waiting for the disk, for this step only: how long an fsync takes on this shared VM
    # changes how many requests each wake-up of the API serves, and so the CPU per request. The API is
    # restarted so that its connections start with the setting, and again afterwards without it.
    psql_q -c "ALTER ROLE clicknback SET synchronous_commit = off" >/dev/null
    restart_api
    log "1a. API CPU per ingest: /proc/$api/stat ticks over $cpu_rounds rounds of $cpu_requests requests at concurrency 16 (synchronous_commit off)"
    local rounds
    read -r ms rounds < <(cpu_per_request --prefix "cpu-$RANDOM")
    log "   ${ms} ms of API CPU per ingest (median; rounds: ${rounds//,/ })"
    # The same count of requests that do less: what the HTTP stack alone costs, and with auth and one read.
    local live me
    read -r live _ < <(cpu_per_request --get /health/live)
    read -r me _ < <(cpu_per_request --get /api/v1/users/me)
    log "   beside it: GET /health/live ${live} ms (HTTP stack, middleware, log line), GET /api/v1/users/me ${me} ms (+ token, caller read)"
    echo "{\"requests\": $cpu_requests, \"rounds_ms\": [$rounds], \"ms_per_request\": $ms," \
        "\"floor\": {\"health_live_ms\": $live, \"users_me_ms\": $me}}" >"$work/ingest_cpu.json"
    if perf record -q -o /dev/null -F 99 -p "$api" -- sleep 0.1 >/dev/null 2>&1; then
        log "   where it goes: perf record -g over another $((cpu_requests / 2)) requests"
        perf record -q -F 997 -g -p "$api" -o "$work/api.perf" >/dev/null 2>&1 &
        perf_pid=$!
        "$gen" closed "${target[@]}" --prefix "perf-$RANDOM" --concurrency 16 --count $((cpu_requests / 2)) >/dev/null
        kill -INT "$perf_pid"; wait "$perf_pid" || true
        cp "$work/api.perf" .data/bench-api.perf
        perf script -i "$work/api.perf" 2>/dev/null | swift-demangle --simplified |
            python3 scripts/cpu_stages.py "$ms" >"$work/ingest_cpu_stages.json"
        python3 -c "
import json
for s in json.load(open('$work/ingest_cpu_stages.json'))['stages']: print(f\"bench:      {s['ms_per_request']:.3f} ms  {s['stage']}\")" >&2
        log "   (samples kept in .data/bench-api.perf for perf report)"
    else
        log "   perf is not usable here (kernel.perf_event_paranoid, or no perf): no split by stage"
    fi
    psql_q -c "ALTER ROLE clicknback RESET synchronous_commit" >/dev/null
    restart_api
}
cpu_per_request() { # cpu_per_request GENERATOR-ARGS... -> "median rounds,comma,separated" (ms of API CPU per request)
    local before after rounds=()
    for _ in $(seq 1 "$cpu_rounds"); do
        before=$(cpu_ticks "$api")
        "$gen" closed "${target[@]}" "$@" --concurrency 16 --count "$cpu_requests" >"$work/cpu_run.json"
        after=$(cpu_ticks "$api")
        rounds+=("$(python3 -c "print(round(($after - $before) * 1000 / $(getconf CLK_TCK) / $cpu_requests, 4))")")
    done
    # The median round: a neighbour's burst on the shared cores inflates one round, not the figure.
    echo "$(printf '%s\n' "${rounds[@]}" | sort -n | sed -n "$(((cpu_rounds + 1) / 2))p") $(IFS=,; echo "${rounds[*]}")"
}
restart_api() {
    stop "$api"
    api=$(start api "$bin" api)
    wait_http "http://127.0.0.1:$api_port/health/ready" >/dev/null
}
api_cpu_per_ingest
[[ $mode == cpu ]] && { stop "$api"; exit 0; }

cap_with_history() { # writes ingest_history.json: the same 16 callers before and after 10 000 purchases each
    local heavy=16 per_user=10000 requests=4000 label before after ticks
    ticks=$(getconf CLK_TCK)
    head -n "$heavy" "$work/tokens.txt" >"$work/tokens_heavy.txt"
    local heavy_target=(--url "http://127.0.0.1:$api_port" --tokens "$work/tokens_heavy.txt" --merchant "$merchant")
    log "1b. the monthly cap with a long month: $heavy callers, $requests ingests at c=16, before and after $per_user purchases each"
    for label in fresh long; do
        if [[ $label == long ]]; then
            psql_q -v users="$heavy" -v per_user="$per_user" -f bench/sql/history.sql >/dev/null
        fi
        before=$(cpu_ticks "$api")
        "$gen" closed "${heavy_target[@]}" --prefix "history-$label-$RANDOM" --concurrency 16 --count "$requests" \
            >"$work/history_$label.json"
        after=$(cpu_ticks "$api")
        python3 - "$work/history_$label.json" "$(((after - before) * 1000))" "$ticks" "$requests" <<'PY'
import json, sys
path, cpu_ms_ticks, ticks, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
run = json.load(open(path))
run["api_cpu_ms_per_request"] = round(cpu_ms_ticks / ticks / requests, 4)
json.dump(run, open(path, "w"))
PY
    done
    python3 - "$work" "$heavy" "$per_user" <<'PY' >"$work/ingest_history.json"
import json, sys
work, heavy, per_user = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = {label: json.load(open(f"{work}/history_{label}.json")) for label in ("fresh", "long")}
keep = ("rps", "p50_ms", "p99_ms", "errors", "api_cpu_ms_per_request")
json.dump({"callers": heavy, "purchases_added_per_caller": per_user,
           **{label: {key: run[key] for key in keep} for label, run in runs.items()}}, sys.stdout)
PY
    python3 -c "
import json
h = json.load(open('$work/ingest_history.json'))
for label in ('fresh', 'long'):
    r = h[label]
    print(f\"bench:    {label}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, {r['api_cpu_ms_per_request']:.3f} ms API CPU, {r['errors']} errors\")" >&2
}
cap_with_history

quiesce() { # quiesce: a checkpoint, then no autovacuum at work (60 s at most), so that a step does not measure
    # the previous step's aftermath (step 1b writes 160 000 rows, which autovacuum then visits on the same two cores)
    local started=$EPOCHREALTIME
    scripts/pg.sh psql "$pg_dir" "$pg_port" -X -q -c "CHECKPOINT" >/dev/null
    for _ in $(seq 1 600); do
        [[ $(scripts/pg.sh psql "$pg_dir" "$pg_port" -X -q -At -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") == 0 ]] && break
        sleep 0.1
    done
    log "   (quiet after $(since "$started") s: checkpoint, no autovacuum running)"
}
quiesce
log "1. ingest throughput: HTTP vs pgbench at concurrency $concurrencies (${duration}s each)"
# pgbench runs the service's own statement files (bench/pgbench_ingest.py explains the script around them).
python3 bench/pgbench_ingest.py >"$work/ingest.pgbench"
best=0
for c in $concurrencies; do
    "$gen" closed "${target[@]}" --concurrency "$c" --duration "$duration" >"$work/ingest_http_$c.json"
    tps=$(bench_pgbench -c "$c" -j 2 -T "$duration" -f "$work/ingest.pgbench" | tps_of)
    echo "{\"concurrency\": $c, \"tps\": $tps}" >"$work/ingest_pgbench_$c.json"
    rps=$(python3 -c "import json; print(json.load(open('$work/ingest_http_$c.json'))['rps'])")
    log "   c=$c http ${rps} req/s, pgbench ${tps} tps"
    best=$(python3 -c "print(max($best, $rps))")
done
half=$(python3 -c "print(round($best / 2, 1))")
log "   latency at half the peak ($half req/s)"
quiesce
# With how busy the machine (every CPU: PostgreSQL, the API, the generator) and the API were meanwhile, so that a
# long tail can be told apart from a full machine. Both shares are of the machine's CPU time, in its own ticks.
machine_before=$(machine_ticks); api_before=$(cpu_ticks "$api")
"$gen" open "${target[@]}" --rate "$half" --count "$(python3 -c "print(int($half * $duration))")" \
    --samples .data/bench-half-peak.csv >"$work/ingest_half_peak.json"
machine_after=$(machine_ticks); api_after=$(cpu_ticks "$api")
python3 - "$work/ingest_half_peak.json" "$machine_before" "$machine_after" "$api_before" "$api_after" <<'PY'
import json, sys
path, (busy0, total0), (busy1, total1) = sys.argv[1], map(int, sys.argv[2].split()), map(int, sys.argv[3].split())
total = max(total1 - total0, 1)
run = json.load(open(path))
run["machine_cpu_busy"] = round((busy1 - busy0) / total, 3)
run["api_cpu_share_of_machine"] = round((int(sys.argv[5]) - int(sys.argv[4])) / total, 3)
json.dump(run, open(path, "w"))
PY
log "6. partner batch ingestion (batches of 500) vs single posts"
psql_q -c "UPDATE users SET role = 'admin' WHERE email = 'bench-0@example.com'" >/dev/null
admin_token=$(curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email": "bench-0@example.com", "password": "Bench!Pass1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
partner_id=$(curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/admin/partners" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/json' -d "{\"name\": \"Bench Partner\", \"merchant_ids\": [\"$merchant\"]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
partner_token=$(curl -fsS -X POST "http://127.0.0.1:$api_port/api/v1/admin/partners/$partner_id/credentials" \
    -H "Authorization: Bearer $admin_token" | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["key_id"] + "." + d["secret"])')
batches=$([[ $mode == quick ]] && echo 4 || echo 20)
python3 bench/batch_load.py --url "http://127.0.0.1:$api_port" --token "$partner_token" --merchant "$merchant" \
    --users "$work/tokens.txt" --batches "$batches" --size 500 --concurrency 2 >"$work/batch.json"
log "   $(cat "$work/batch.json")"

log "2. ingest -> confirmed latency (worker running, verifier instant)"
psql_q -c "TRUNCATE purchase_verifications" >/dev/null
worker=$(start worker1 $(worker_env) "$bin" worker)
wait_http "http://127.0.0.1:$admin_port/health/ready" >/dev/null
for rate in $rates; do
    count=$((rate * latency_seconds))
    "$gen" open "${target[@]}" --rate "$rate" --count "$count" --ids "$work/ids_$rate.csv" >"$work/open_$rate.json"
    queue_empty >/dev/null
    psql_q -c "CREATE TEMP TABLE r (id uuid, responded double precision)" \
        -c "\\copy r FROM '$work/ids_$rate.csv' WITH (FORMAT csv)" \
        -c "SELECT json_build_object('rate', $rate, 'count', count(*),
                'p50_ms', percentile_cont(0.5) WITHIN GROUP (ORDER BY d), 'p90_ms', percentile_cont(0.9) WITHIN GROUP (ORDER BY d),
                'p99_ms', percentile_cont(0.99) WITHIN GROUP (ORDER BY d), 'max_ms', max(d),
                'settled_before_response', count(*) FILTER (WHERE raw < 0))
            FROM (SELECT greatest(raw, 0) AS d, raw FROM (
                SELECT (extract(epoch FROM p.settled_at) - r.responded) * 1000 AS raw
                FROM r JOIN purchases p ON p.id = r.id WHERE p.settled_at IS NOT NULL) x) y" >"$work/settle_latency_$rate.json"
    log "   $rate/s: $(cat "$work/settle_latency_$rate.json")"
done

log "5. idle worker CPU over ${idle_seconds}s and RSS"
sleep 10 # let the previous phase's last runners, log lines and connections settle
before=$(cpu_ticks "$worker")
sleep "$idle_seconds"
after=$(cpu_ticks "$worker")
echo "{\"idle_seconds\": $idle_seconds, \"cpu_percent\": $(python3 -c "print(($after - $before) / 100 / $idle_seconds * 100)"), \"idle_rss_mb\": $(rss_mb "$worker")}" >"$work/idle.json"
stop "$worker"

log "3. backlog drain of $backlog purchases: pgbench settle limit, 1 worker, 2 workers"
psql_q -v count="$backlog" -f bench/sql/backlog.sql >/dev/null
settle_tps=$(bench_pgbench -c 10 -j 2 -t $((backlog / 10)) -f bench/sql/settle.sql | tps_of)
echo "{\"concurrency\": 10, \"tps\": $settle_tps}" >"$work/settle_pgbench.json"
for workers in 1 2; do
    psql_q -c "TRUNCATE purchase_verifications" >/dev/null
    psql_q -v count="$backlog" -f bench/sql/backlog.sql >/dev/null
    started_workers=()
    worker_started=$EPOCHREALTIME
    for i in $(seq 1 "$workers"); do
        started_workers+=("$(start "drain${workers}_$i" WORKER_ADMIN_PORT=$((admin_port + i)) WORKER_ID="drain-$i" "$bin" worker)")
    done
    seconds=$(queue_empty)
    total=$(since "$worker_started")
    share=$(http_share $((admin_port + 1)))
    rss=0
    for pid in "${started_workers[@]}"; do rss=$(python3 -c "print(max($rss, $(peak_rss_mb "$pid")))"); stop "$pid"; done
    echo "{\"workers\": $workers, \"count\": $backlog, \"seconds\": $total, \"settles_per_s\": $(python3 -c "print($backlog / $total)"), \"peak_rss_mb\": $rss, \"http_share\": $share}" >"$work/drain_$workers.json"
    log "   $workers worker(s): $(cat "$work/drain_$workers.json")"
    : "$seconds"
done

log "4. fan-out through the sandbox over HTTP at 0 ms and 200 ms bank latency: max_in_flight $fanouts"
for latency in 0 200; do
    for m in $fanouts; do
        count=$((m * 6)); [[ $count -gt $backlog ]] && count=$backlog
        [[ $latency -eq 0 ]] && count=$backlog
        psql_q -c "TRUNCATE purchase_verifications" >/dev/null
        bank_latency "$latency"
        pid=$(start "fanout_${latency}_$m" $(worker_env) WORKER_MAX_IN_FLIGHT="$m" DOWNSTREAM_MAX_CONNECTIONS="$m" WORKER_DATABASE_POOL_SIZE=20 "$bin" worker)
        wait_http "http://127.0.0.1:$admin_port/health/ready" >/dev/null
        idle_rss=$(rss_mb "$pid")
        psql_q -v count="$count" -f bench/sql/backlog.sql >/dev/null
        psql_q -c "NOTIFY purchase_ingested" >/dev/null
        seconds=$(queue_empty)
        ideal=$(python3 -c "print($settle_tps if $latency == 0 else min($m / ($latency / 1000), $settle_tps))")
        echo "{\"bank_latency_ms\": $latency, \"max_in_flight\": $m, \"count\": $count, \"seconds\": $seconds, \"settles_per_s\": $(python3 -c "print($count / $seconds)"), \"ideal_per_s\": $ideal, \"http_share\": $(http_share "$admin_port"), \"idle_rss_mb\": $idle_rss, \"peak_rss_mb\": $(peak_rss_mb "$pid"), \"threads\": $(awk '/Threads/ {print $2}' "/proc/$pid/status")}" >"$work/fanout_${latency}ms_$m.json"
        log "   $(cat "$work/fanout_${latency}ms_$m.json")"
        stop "$pid"
    done
done
bank_latency 0

log "worker start-to-ready"
psql_q -c "TRUNCATE purchase_verifications" >/dev/null
pid=$(start ready $(worker_env) "$bin" worker)
echo "{\"worker_start_to_ready_s\": $(wait_http "http://127.0.0.1:$admin_port/health/ready")}" >"$work/worker_ready.json"
stop "$pid"
stop "$api"

python3 scripts/bench_report.py "$work" "$mode"
