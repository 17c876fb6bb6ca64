#!/usr/bin/env bash
# scripts/bench-console.sh — `make bench-console`: how fast the operations console's pages answer with 100 000
# queued items (issue: "stay fast with 100 000 queued items; measure it").
#
# Why: the console reads live queue tables; a page that scans or sorts the whole queue would be fine in tests and
# slow in an incident, exactly when it is needed. This script loads a realistic backlog into its own cluster
# (.data/bench-console-pg, port 55436) — CONSOLE_BENCH_ITEMS pending purchases (default 100 000) with their queue
# rows, 1 % parked, 2 000 leased by four workers, an hour of attempt journal (60 000 lines), breaker reports and
# a reconcile run — starts the release API, signs in to the console and times each page over
# CONSOLE_BENCH_REQUESTS sequential requests (default 50), from request sent to last byte read (curl).
# It prints a table and writes bench/results/<date>-<commit>-console.{json,md}. No timing is asserted anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
items=${CONSOLE_BENCH_ITEMS:-100000}
requests=${CONSOLE_BENCH_REQUESTS:-50}
pg_dir=.data/bench-console-pg; pg_port=55436; api_port=18290
db_url="postgresql://clicknback:clicknback_bench@127.0.0.1:$pg_port/clicknback"
work=$(mktemp -d)
bin=.build/release/clicknback
api=

log() { printf 'bench-console: %s\n' "$*" >&2; }
cleanup() {
    [[ -n $api ]] && kill -TERM "$api" 2>/dev/null || true
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
psql_q() { scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -XAtq "$@"; }
settings=(DATABASE_URL="$db_url" CLICKNBACK_ENV=production OAUTH_HASH_KEY="$(printf 'c%.0s' {1..64})" LOG_LEVEL=warning
    LOG_FORMAT=json BCRYPT_COST=4 MIGRATIONS_DIR="$root/migrations" HTTP_PORT="$api_port" API_ADMIN_PORT=0)

log "release build"
swift build -c release --static-swift-stdlib --product clicknback >&2

log "fresh cluster in $pg_dir on port $pg_port"
scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
scripts/pg.sh up "$pg_dir" "$pg_port" >&2
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback clicknback_bench clicknback >&2
env "${settings[@]}" "$bin" migrate >/dev/null
env "${settings[@]}" "$bin" admin seed

log "loading $items queued purchases over 1 000 users, parked, leased and journaled items"
started=$EPOCHREALTIME
psql_q -v items="$items" -f bench/sql/console-backlog.sql >/dev/null
env "${settings[@]}" "$bin" reconcile >/dev/null 2>&1 || true
log "loaded in $(python3 -c "print(round($EPOCHREALTIME - $started, 1))") s"

env "${settings[@]}" "$bin" api >"$work/api.log" 2>&1 &
api=$!
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -o /dev/null -c "$work/jar" -X POST "http://127.0.0.1:$api_port/console/sign-in" \
    -H "Origin: http://127.0.0.1:$api_port" --data-urlencode 'email=carol@clicknback.com' \
    --data-urlencode 'password=Str0ng!Pass'
grep -q cnb_console "$work/jar" || { log "console sign-in failed"; exit 1; }

purchase=$(psql_q -c "SELECT purchase_id FROM purchase_verifications ORDER BY purchase_id LIMIT 1")
parked=$(psql_q -c "SELECT purchase_id FROM purchase_verifications WHERE parked_at IS NOT NULL LIMIT 1")
user=$(psql_q -c "SELECT user_id FROM purchases WHERE id = '$purchase'")
external=$(psql_q -c "SELECT external_id FROM purchases WHERE id = '$purchase'")
pages=(
    "queues|/console/queues"
    "queues (refresh fragment)|/console/queues|fragment"
    "items: parked list|/console/items"
    "items: search by purchase id|/console/items?q=$purchase"
    "items: search by user id (100 items)|/console/items?q=$user"
    "items: search by external id|/console/items?q=$external"
    "item with attempt history|/console/items/purchase_confirmation/$parked"
    "money|/console/money"
    "money: wallet with 100 ledger rows|/console/money?account=$user"
)
: >"$work/results.tsv"
for entry in "${pages[@]}"; do
    IFS='|' read -r name path fragment <<<"$entry"
    extra=()
    [[ -n ${fragment:-} ]] && extra=(-H 'X-Console-Fragment: 1')
    status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/jar" "${extra[@]}" "http://127.0.0.1:$api_port$path")
    [[ $status == 200 ]] || { log "$name answered $status"; exit 1; }
    for _ in $(seq 1 "$requests"); do
        curl -sS -o /dev/null -w '%{time_total}\n' -b "$work/jar" "${extra[@]}" "http://127.0.0.1:$api_port$path"
    done >"$work/times"
    printf '%s\t%s\n' "$name" "$(paste -sd, "$work/times")" >>"$work/results.tsv"
done

commit=$(git rev-parse --short HEAD)
python3 - "$work/results.tsv" "$items" "$requests" "$commit" <<'PY'
import datetime, json, statistics, sys
path, items, requests, commit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = []
for line in open(path):
    name, times = line.rstrip("\n").split("\t")
    ms = sorted(float(t) * 1000 for t in times.split(","))
    rows.append({"page": name, "p50_ms": round(statistics.median(ms), 1),
                 "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1), "max_ms": round(ms[-1], 1)})
day = datetime.date.today().isoformat()
base = f"bench/results/{day}-{commit}-console"
report = {"commit": commit, "queued_items": items, "requests_per_page": requests, "pages": rows}
json.dump(report, open(base + ".json", "w"), indent=2)
lines = [f"# Console pages with {items:,} queued items ({commit}, {day})", "",
         f"{requests} sequential requests per page, release API, time to last byte (curl).", "",
         "| page | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|"]
lines += [f"| {r['page']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |" for r in rows]
open(base + ".md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
print(f"\nreport: {base}.json and .md")
PY
