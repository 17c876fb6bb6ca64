#!/usr/bin/env bash
# scripts/bench-migration.sh — what `make bench-migration` runs: the partner external-id migration (0014, ADR 040)
# on a database that already holds many purchases, while clients keep writing, as during a rolling upgrade.
#
# Why: "without downtime" is a claim about lock waits under load, which no unit test measures. This builds a
# database as the previous release left it (migrations up to 0013, PURCHASES purchases, half of them ingested by a
# partner according to the audit log), starts pgbench inserting purchases on 4 connections, runs
# `clicknback migrate --before-rollout` in the middle, and prints how long the migration took and the write
# latency during it and outside it. No timing is asserted; the figures go in docs/deploy.md.
#
# Usage: scripts/bench-migration.sh          (PURCHASES, default 2000000; SECONDS_OF_LOAD, default 75)
# Needs: a debug build (`swift build`), PostgreSQL's binaries (scripts/pg.sh installs them when missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
# shellcheck source=scripts/live-api.sh
source scripts/live-api.sh

purchases=${PURCHASES:-2000000}
load_seconds=${SECONDS_OF_LOAD:-75}
work=$(mktemp -d /tmp/clicknback-bench-migration.XXXXXX)
pg_dir=$work/pg
pg_port=$(live_free_port)
url="postgresql://clicknback:bench_migration@127.0.0.1:$pg_port/clicknback"
binary=$root/.build/debug/clicknback
bench_pid=

cleanup() {
    if [[ -n $bench_pid ]]; then kill -TERM "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; fi
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
log() { echo "bench-migration: $*" >&2; }
sql() { scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -v ON_ERROR_STOP=1 "$@"; }

[[ -x $binary ]] || { log "building"; swift build --product clicknback >/dev/null; }
chmod 0755 "$work"
scripts/pg.sh up "$pg_dir" "$pg_port" >/dev/null
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback bench_migration clicknback >/dev/null

log "the previous release's schema (migrations up to 0013)"
mkdir -p "$work/previous"
for file in migrations/*.sql; do
    name=$(basename "$file")
    if ((10#${name%%_*} <= 13)); then cp "$file" "$work/previous/"; fi
done
DATABASE_URL=$url MIGRATIONS_DIR=$work/previous LOG_LEVEL=warning "$binary" migrate

log "$purchases purchases, every second one ingested by a partner (its audit row says so)"
sql -q <<SQL
INSERT INTO users (id, email, hashed_password)
VALUES ('00000000-0000-4000-8000-000000000001', 'bench-migration@example.com', 'x');
INSERT INTO merchants (id, name, default_cashback_percentage)
VALUES ('00000000-0000-4000-8000-000000000002', 'Bench Migration Shop', 5);
INSERT INTO partners (id, name) VALUES ('00000000-0000-4000-8000-000000000003', 'Bench Migration Partner');
INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, currency)
SELECT gen_random_uuid(), 'previous-' || g, '00000000-0000-4000-8000-000000000001',
       '00000000-0000-4000-8000-000000000002', 10, 'EUR'
FROM generate_series(1, $purchases) g;
INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, outcome)
SELECT gen_random_uuid(), now(), 'partner', '00000000-0000-4000-8000-000000000003', 'PURCHASE_INGESTED',
       'purchase', p.id::text, 'success'
FROM purchases p WHERE right(p.external_id, 1) IN ('0', '2', '4', '6', '8');
CHECKPOINT;
ANALYZE;
SQL

cat >"$work/write.sql" <<'SQL'
INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, currency)
VALUES (gen_random_uuid(), gen_random_uuid()::text, '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000002', 10, 'EUR');
SQL
pgbench=$(type -P pgbench || ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)
log "pgbench: 4 connections inserting purchases for ${load_seconds} s; the migration starts after 10 s"
(cd "$work" && PGPASSWORD=bench_migration "$pgbench" -h 127.0.0.1 -p "$pg_port" -U clicknback -n -f write.sql \
    -c 4 -T "$load_seconds" -l clicknback >pgbench.out 2>&1) &
bench_pid=$!
sleep 10
started=$(date +%s.%N)
DATABASE_URL=$url MIGRATIONS_DIR=$root/migrations LOG_LEVEL=warning "$binary" migrate --before-rollout
ended=$(date +%s.%N)
wait "$bench_pid"
bench_pid=
[[ $(sql -Atc "SELECT max(version) FROM schema_migrations") == 14 ]] || { log "0014 was not applied"; exit 1; }
attributed=$(sql -Atc "SELECT count(*) FROM purchases WHERE partner_id IS NOT NULL")

# pgbench's per-transaction log: client, transaction, latency (µs), script, epoch seconds, microseconds.
cat "$work"/pgbench_log.* | awk -v from="$started" -v to="$ended" -v rows="$purchases" -v partners="$attributed" '
    { at = $5 + $6 / 1e6; latency = $3 / 1000
      if (at >= from && at <= to + 1) { during++; sum += latency; if (latency > worst) worst = latency }
      else { outside++; if (latency > calm) calm = latency } }
    END {
      printf "migration 0014 on %d purchases (%d attributed to their partner): %.1f s\n", rows, partners, to - from
      printf "writes during it: %d, mean %.2f ms, max %.1f ms; writes outside it: %d, max %.1f ms\n",
             during, sum / during, worst, outside, calm }'
