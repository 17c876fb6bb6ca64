#!/usr/bin/env bash
# scripts/pg.sh — manage a project-local PostgreSQL cluster.
#
# Why: `make run`, `make test` and CI each need a PostgreSQL server, and none may
# depend on a system-wide cluster or a service manager. This script owns one
# cluster per data directory, bound to 127.0.0.1 (unless told otherwise), with its unix socket kept
# inside the data directory. It installs PostgreSQL from Debian when missing.
# As root the cluster belongs to (and the server runs as) the `postgres` OS user,
# because initdb refuses to run as root; otherwise it runs as the current user.
#
# Usage:
#   pg.sh up        <data_dir> <port> [--fast]   init if needed, start if stopped
#   pg.sh ensure-db <data_dir> <port> <role> <password> <dbname>
#   pg.sh down      <data_dir>                   fast stop; fine if not running
#   pg.sh status    <data_dir>                   exit 0 if running, 3 if not
#   pg.sh psql      <data_dir> <port> [psql args...]   superuser psql over the socket
#
# --fast turns durability off (fsync, synchronous_commit, full_page_writes):
# for throwaway test clusters only.
# PG_BIN may point at a PostgreSQL bin directory to override discovery.
# PG_LISTEN_ADDRESSES replaces 127.0.0.1 as the address the server listens on (the topology test's database
# host listens on its own network namespace's address; pg_hba.conf is the caller's to extend).
set -euo pipefail

SERVER_USER=postgres # OS user owning the cluster when this script runs as root

log() { printf 'postgres: %s\n' "$*"; }
die() {
    printf 'postgres: error: %s\n' "$*" >&2
    exit 1
}
is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Run a command as the OS user that owns the cluster. From `/` so that an
# unreadable current directory (e.g. /root) never confuses the PostgreSQL tools.
as_server() {
    if is_root; then
        (cd / && runuser -u "$SERVER_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# Newest /usr/lib/postgresql/<major>/bin that has initdb, or nothing.
newest_pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" ]]; then printf '%s\n' "$d"; fi
    done | sort -V | tail -n 1
}

# Locate the PostgreSQL binaries (newest installed major), installing them if absent.
find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
        return
    fi
    local candidate
    candidate=$(newest_pg_bin)
    if [[ -z "$candidate" ]]; then
        is_root || die "PostgreSQL server binaries not found; install them (apt-get install postgresql) or set PG_BIN"
        log "installing PostgreSQL (apt-get install postgresql)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        candidate=$(newest_pg_bin)
        [[ -n "$candidate" ]] || die "PostgreSQL install did not provide initdb"
    fi
    PG_BIN=$candidate
}

# Absolute, symlink-free path of a directory (created if missing).
abs_dir() {
    mkdir -p "$1"
    (cd "$1" && pwd -P)
}

# As root, the server user must be able to traverse every parent of the data dir.
check_server_access() {
    local dir=$1
    is_root || return 0
    id -u "$SERVER_USER" >/dev/null 2>&1 || die "OS user '$SERVER_USER' does not exist (is the postgresql package installed?)"
    if ! as_server test -r "$dir" -a -w "$dir" -a -x "$dir"; then
        local p=$dir blocked=""
        while [[ "$p" != "/" ]]; do
            p=$(dirname "$p")
            if ! as_server test -x "$p"; then blocked=$p; fi
        done
        die "OS user '$SERVER_USER' cannot reach $dir${blocked:+ (no search permission on $blocked)}; \
run 'chmod o+x' on the blocking parent directories or put the checkout somewhere else (e.g. under /tmp or /srv)"
    fi
}

socket_dir() { printf '%s/socket' "$1"; }

is_running() {
    [[ -f "$1/PG_VERSION" ]] || return 1
    as_server "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# The settings this project relies on; rewritten on every start so `up` flags apply.
write_config() {
    local dir=$1 port=$2 fast=$3 sock
    sock=$(socket_dir "$dir")
    {
        echo "# Written by scripts/pg.sh on every start; edits here are overwritten."
        echo "listen_addresses = '${PG_LISTEN_ADDRESSES:-127.0.0.1}'"
        echo "port = $port"
        echo "unix_socket_directories = '$sock'"
        # The test cluster serves every test's pool at once (each test has a database of its own).
        if [[ "$fast" == 1 ]]; then echo "max_connections = 600"; else echo "max_connections = 300"; fi
        echo "shared_buffers = 256MB"
        echo "logging_collector = off # stderr goes to postgres.log via pg_ctl -l"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        echo "log_timezone = 'UTC'"
        echo "timezone = 'UTC'"
        if [[ "$fast" == 1 ]]; then
            echo "# --fast: throwaway cluster, durability off"
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } | as_server tee "$dir/clicknback.conf" >/dev/null
    if ! grep -q "^include = 'clicknback.conf'" "$dir/postgresql.conf"; then
        printf "\ninclude = 'clicknback.conf'\n" | as_server tee -a "$dir/postgresql.conf" >/dev/null
    fi
}

cmd_up() {
    [[ $# -ge 2 && $# -le 3 ]] || die "usage: pg.sh up <data_dir> <port> [--fast]"
    local dir port=$2 fast=0
    if [[ $# -eq 3 ]]; then
        [[ "$3" == "--fast" ]] || die "unknown option: $3"
        fast=1
    fi
    [[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number: $port"
    find_pg_bin
    dir=$(abs_dir "$1")
    # Unix socket paths are limited to 107 bytes.
    local sock_file
    sock_file="$(socket_dir "$dir")/.s.PGSQL.$port"
    [[ ${#sock_file} -le 100 ]] || die "socket path too long (${#sock_file} > 100 bytes): $sock_file; use a shorter data dir"

    if is_root; then chown "$SERVER_USER:" "$dir"; fi
    check_server_access "$dir"

    if [[ ! -f "$dir/PG_VERSION" ]]; then
        [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty and is not a PostgreSQL cluster; remove it first"
        local locale=C locales out
        locales=$(locale -a 2>/dev/null || true)
        if grep -qix 'c\.utf-\?8' <<<"$locales"; then locale=C.UTF-8; fi
        log "initialising cluster in $dir (locale $locale)"
        if ! out=$(as_server "$PG_BIN/initdb" -D "$dir" --auth-local=trust --auth-host=scram-sha-256 \
            -U postgres --encoding=UTF8 --locale="$locale" 2>&1); then
            printf '%s\n' "$out" >&2
            die "initdb failed"
        fi
    fi

    if is_running "$dir"; then
        log "already running ($dir)"
        return 0
    fi

    local sock
    sock=$(socket_dir "$dir")
    as_server mkdir -p "$sock"
    as_server chmod 0700 "$sock"
    write_config "$dir" "$port" "$fast"

    log "starting on 127.0.0.1:$port (log: $dir/postgres.log)"
    if ! as_server "$PG_BIN/pg_ctl" -w -t 60 -D "$dir" -l "$dir/postgres.log" start >/dev/null; then
        tail -n 20 "$dir/postgres.log" >&2 || true
        die "could not start the server (is port $port already in use?)"
    fi
    log "started on 127.0.0.1:$port"
}

cmd_ensure_db() {
    [[ $# -eq 5 ]] || die "usage: pg.sh ensure-db <data_dir> <port> <role> <password> <dbname>"
    local dir=$1 port=$2 role=$3 password=$4 db=$5
    find_pg_bin
    [[ -f "$dir/PG_VERSION" ]] || die "no cluster in $dir (run: pg.sh up $dir $port)"
    dir=$(abs_dir "$dir")
    is_running "$dir" || die "the cluster in $dir is not running"
    # Values travel as psql variables (:'x' quotes literals, format %I idents),
    # so odd characters in names or passwords cannot break the SQL. The password
    # comes through the environment (\getenv), never the command line.
    CLICKNBACK_PG_PASSWORD=$password as_server "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$(socket_dir "$dir")" -p "$port" -U postgres -d postgres \
        -v role="$role" -v db="$db" <<'SQL'
\getenv password CLICKNBACK_PG_PASSWORD
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role')
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
 WHERE d.datname = :'db' AND r.rolname <> :'role' \gexec
SQL
    log "role '$role' and database '$db' ready"
}

cmd_down() {
    [[ $# -eq 1 ]] || die "usage: pg.sh down <data_dir>"
    local dir=$1
    if [[ ! -f "$dir/PG_VERSION" ]]; then
        log "no cluster in $dir; nothing to stop"
        return 0
    fi
    find_pg_bin
    dir=$(abs_dir "$dir")
    if ! is_running "$dir"; then
        log "not running ($dir)"
        return 0
    fi
    as_server "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
    log "stopped ($dir)"
}

cmd_status() {
    [[ $# -eq 1 ]] || die "usage: pg.sh status <data_dir>"
    [[ -f "$1/PG_VERSION" ]] || exit 3
    find_pg_bin
    if is_running "$(abs_dir "$1")"; then exit 0; else exit 3; fi
}

cmd_psql() {
    [[ $# -ge 2 ]] || die "usage: pg.sh psql <data_dir> <port> [psql args...]"
    local dir=$1 port=$2
    shift 2
    find_pg_bin
    [[ -f "$dir/PG_VERSION" ]] || die "no cluster in $dir"
    dir=$(abs_dir "$dir")
    # Runs as the invoking user (root can reach the socket; otherwise we own it),
    # so \i and \o use the caller's files and working directory.
    exec "$PG_BIN/psql" -h "$(socket_dir "$dir")" -p "$port" -U postgres "$@"
}

main() {
    [[ $# -ge 1 ]] || die "usage: pg.sh {up|ensure-db|down|status|psql} ..."
    local sub=$1
    shift
    case "$sub" in
    up) cmd_up "$@" ;;
    ensure-db) cmd_ensure_db "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    psql) cmd_psql "$@" ;;
    *) die "unknown subcommand: $sub (expected up, ensure-db, down, status or psql)" ;;
    esac
}

main "$@"
