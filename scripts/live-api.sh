# scripts/live-api.sh — sourced by scripts/fuzz.sh and scripts/browser.sh: a database made from the test
# template with the demo seed, and the debug `clicknback api` serving it on a loopback port; both removed when
# the calling script exits.
#
# The caller sets `template_url` (the test template's URL), `port` (`live_free_port` gives one; take it just
# before `live_api_start`), `work` (a temporary folder) and `db` (the new database's name), calls
# `live_api_start [NAME=VALUE…]` and installs `live_api_cleanup` in its EXIT trap.
# Afterwards `api_pid` is the API's pid and `$work/api.log` its log.
# shellcheck shell=bash

api_pid=""

live_psql() { # the client from PATH, or from the PostgreSQL installation scripts/pg.sh uses
    local bin
    bin=$(type -P psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
    "$bin" "$@"
}

live_free_port() { # a loopback port the kernel has just handed out, so parallel runs do not collide
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

live_api_cleanup() {
    if [[ -n "$api_pid" ]]; then kill -TERM "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
    live_psql -q "${template_url%/*}/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}

live_api_start() { # live_api_start [NAME=VALUE…]: extra settings for the API
    live_psql -q "${template_url%/*}/postgres" -c "CREATE DATABASE $db TEMPLATE ${template_url##*/}" >/dev/null
    local env=(DATABASE_URL="${template_url%/*}/$db" CLICKNBACK_ENV=test LOG_LEVEL=info LOG_FORMAT=json BCRYPT_COST=4
        OAUTH_HASH_KEY="$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' | head -c 48)"
        HTTP_PORT="$port" API_ADMIN_PORT=0 LLVM_PROFILE_FILE="$work/%p.profraw" "$@")
    env "${env[@]}" LOG_LEVEL=warning .build/debug/clicknback admin seed
    env "${env[@]}" .build/debug/clicknback api >"$work/api.log" 2>&1 &
    api_pid=$!
    for _ in $(seq 1 300); do
        curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "live-api: the API did not become ready on port $port:" >&2
    tail -n 20 "$work/api.log" >&2
    return 1
}
