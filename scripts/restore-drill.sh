#!/usr/bin/env bash
# scripts/restore-drill.sh — `make restore-drill`: prove that a backup restores into a consistent system.
#
# Why: a backup nobody has restored is a hope. The drill dumps a database with pg_dump (custom format),
# restores it with pg_restore into a scratch database, compares row counts table by table and runs
# `clicknback reconcile` on the restored copy (balances = ledger = purchases).
#
# Source: DRILL_SOURCE_URL when set (e.g. production, read-only use: pg_dump only reads), otherwise a
# throwaway cluster (.data/drill-pg, port 55436) with migrations and the demo seed. The scratch database
# lives on the throwaway cluster either way and is dropped at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
pg_dir=.data/drill-pg; pg_port=55436
local_url="postgresql://clicknback:clicknback_drill@127.0.0.1:$pg_port"
work=$(mktemp -d)
log() { printf 'restore-drill: %s\n' "$*"; }
cleanup() {
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir" "$work"
}
trap cleanup EXIT
pg_tool() { # the PostgreSQL client tool of the installation scripts/pg.sh uses
    local tool=$1; shift
    "$(type -P "$tool" || ls /usr/lib/postgresql/*/bin/"$tool" | sort -V | tail -n 1)" "$@"
}

swift build --product clicknback >&2
bin=.build/debug/clicknback
run_env=(CLICKNBACK_ENV=production OAUTH_HASH_KEY="$(printf 'd%.0s' {1..64})" LOG_LEVEL=warning
    MIGRATIONS_DIR="$root/migrations")

scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
scripts/pg.sh up "$pg_dir" "$pg_port" --fast >&2
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback clicknback_drill clicknback >&2
source_url=${DRILL_SOURCE_URL:-$local_url/clicknback}
if [[ -z "${DRILL_SOURCE_URL:-}" ]]; then
    log "source: a fresh database with migrations and the demo seed"
    env "${run_env[@]}" DATABASE_URL="$source_url" "$bin" migrate >/dev/null
    env "${run_env[@]}" DATABASE_URL="$source_url" "$bin" admin seed
else
    log "source: DRILL_SOURCE_URL"
fi

log "pg_dump (custom format)"
pg_tool pg_dump --format=custom --no-owner --no-privileges --file="$work/backup.dump" "$source_url"
log "backup: $(du -h "$work/backup.dump" | cut -f1)"

scratch="restore_drill_$$"
scripts/pg.sh psql "$pg_dir" "$pg_port" -d postgres -XAtq -c "CREATE DATABASE $scratch OWNER clicknback"
log "pg_restore into $scratch"
pg_tool pg_restore --no-owner --no-privileges --exit-on-error --dbname="$local_url/$scratch" "$work/backup.dump"

counts() {
    pg_tool psql -XAtq "$1" -c "SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
        SELECT 'users' t, count(*) n FROM users UNION ALL SELECT 'purchases', count(*) FROM purchases
        UNION ALL SELECT 'wallets', count(*) FROM wallets UNION ALL SELECT 'wallet_ledger', count(*) FROM wallet_ledger
        UNION ALL SELECT 'audit_logs', count(*) FROM audit_logs UNION ALL SELECT 'payouts', count(*) FROM payouts
        UNION ALL SELECT 'schema_migrations', count(*) FROM schema_migrations) c"
}
before=$(counts "$source_url")
after=$(counts "$local_url/$scratch")
log "source:   $before"
log "restored: $after"
[[ "$before" == "$after" ]] || { log "FAILED: row counts differ"; exit 1; }

log "clicknback reconcile on the restored copy"
env "${run_env[@]}" DATABASE_URL="$local_url/$scratch" "$bin" reconcile
log "drill passed: the backup restores and reconciles"
