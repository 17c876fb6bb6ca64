#!/usr/bin/env bash
# scripts/explain-lists.sh — `make explain-lists`: the plan of every list query on 100 000 rows.
#
# Why: a list that sorts or scans its whole table is fast in tests and slow in production. This script builds
# the debug binary if needed, starts its own cluster (.data/explain-pg, port 55437), migrates it, loads
# bench/sql/list-plans-load.sql (100 000 purchases with their transactions and ledger rows, 20 000 payouts,
# 2 000 flags) and prints EXPLAIN ANALYZE of each query in bench/sql/list-plans.sql. Nothing is asserted: read
# the plans (an index in the list's order, or a small filtered set sorted) and the execution times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pg_dir=.data/explain-pg; pg_port=55437
bin=.build/debug/clicknback
log() { printf 'explain-lists: %s\n' "$*" >&2; }
cleanup() { scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

[[ -x $bin ]] || { log "building $bin"; swift build --product clicknback >&2; }
mkdir -p .data && chmod 0711 .data
scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
scripts/pg.sh up "$pg_dir" "$pg_port" --fast >&2
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback clicknback_explain clicknback >&2
log "migrating"
DATABASE_URL="postgresql://clicknback:clicknback_explain@127.0.0.1:$pg_port/clicknback" \
    MIGRATIONS_DIR="$PWD/migrations" OAUTH_HASH_KEY="$(printf 'e%.0s' {1..64})" "$bin" migrate >/dev/null
log "loading 100 000 purchases (bench/sql/list-plans-load.sql)"
scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -XAtq -v ON_ERROR_STOP=1 -f bench/sql/list-plans-load.sql >/dev/null
log "plans (bench/sql/list-plans.sql)"
scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -Xq -v ON_ERROR_STOP=1 -f bench/sql/list-plans.sql
