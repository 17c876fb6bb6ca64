#!/usr/bin/env bash
# scripts/install-test.sh — `make install-test`: the Debian package installs into a fresh Debian root, and the
# units it ships run there under a booted systemd.
#
# Why: a package can build and pass lintian and still not work on a host: a library missing from Depends, a
# resource bundle the binary cannot find, a unit naming a path the package does not ship, a user that does not
# exist, a system call the units' seccomp filter forbids. This test makes a minimal Debian 12 root with systemd
# (debootstrap, from the machine's own Debian mirror), boots it with systemd-nspawn, installs the package with
# dpkg, writes the env file an operator would, and starts the packaged units with systemctl:
#   - clicknback-migrate applies the migrations (all of them: the database is new);
#   - clicknback-api and clicknback-worker reach READY=1 (Type=notify: `systemctl start` returns only then) and
#     keep sending WATCHDOG=1 (systemd's watchdog timestamp moves on);
#   - a user logs in and ingests a purchase, and the worker confirms it (the sandbox bank, started in the
#     container as a transient unit from the installed binary, plays the bank and the rail);
#   - `systemctl stop` ends both services cleanly.
# PostgreSQL is a throwaway cluster on this machine (scripts/pg.sh); the container shares the machine's network,
# so the services reach it over loopback.
#
# Usage: scripts/install-test.sh DEB     (as root: debootstrap and systemd-nspawn need it)
# Env:   DEBIAN_MIRROR  the mirror debootstrap uses (default: the first in this machine's apt sources)
#        KEEP_ROOT=1    leave the Debian root in place for a look afterwards
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
deb=$(realpath "${1:?usage: scripts/install-test.sh path/to/clicknback.deb}")

log() { echo "install-test: $*" >&2; }
fail() {
    log "FAILED: $*"
    exit 1
}

[[ $(id -u) -eq 0 ]] || fail "run as root (debootstrap and systemd-nspawn need it)"

# shellcheck source=scripts/live-api.sh
source scripts/live-api.sh # live_free_port

work=$(mktemp -d /tmp/clicknback-install-test.XXXXXX)
chmod 0755 "$work" # the cluster below runs as the postgres user
rootfs=$work/root
pg_dir=$work/pg
nspawn_pid=""
leader=""

in_container() { nsenter --target "$leader" --all /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

stop_container() {
    [[ -n $nspawn_pid ]] && kill -0 "$nspawn_pid" 2>/dev/null || return 0
    kill -TERM "$nspawn_pid" 2>/dev/null || true # nspawn asks the container's systemd to power off
    for _ in $(seq 1 150); do
        kill -0 "$nspawn_pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
    wait "$nspawn_pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    if [[ $status -ne 0 && -n $leader ]] && kill -0 "$leader" 2>/dev/null; then
        log "the container's journal for the clicknback units:"
        in_container journalctl --no-pager -n 40 -u 'clicknback-*' >&2 || true
    fi
    stop_container
    scripts/pg.sh down "$pg_dir" >/dev/null 2>&1 || true
    if [[ ${KEEP_ROOT:-0} == 1 ]]; then log "kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

for tool in debootstrap:debootstrap systemd-nspawn:systemd-container; do
    if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
        log "${tool%%:*} is missing; installing ${tool##*:}"
        apt-get update -qq >/dev/null # a fresh machine may have no package lists yet
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool##*:}" >/dev/null
    fi
done

mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}
log "a fresh Debian 12 root with systemd and D-Bus (debootstrap minbase from $mirror, about a minute)"
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$rootfs" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || fail "debootstrap failed: $(tail -n 5 "$work/debootstrap.log")"
cp "$deb" "$rootfs/root/clicknback.deb"

log "booting it with systemd-nspawn"
# A machine name of this run's own: nspawn keeps per-machine state under /run, and two runs may overlap.
systemd-nspawn --quiet --directory="$rootfs" --machine="clicknback-install-${work##*.}" --boot --console=pipe \
    --register=no --keep-unit \
    >"$work/container.log" 2>&1 </dev/null &
nspawn_pid=$!
deadline=$((SECONDS + 60))
until [[ -n $leader ]] && [[ $(in_container systemctl is-system-running 2>/dev/null) =~ ^(running|degraded)$ ]]; do
    kill -0 "$nspawn_pid" 2>/dev/null || fail "systemd-nspawn exited: $(tail -n 5 "$work/container.log")"
    [[ $SECONDS -lt $deadline ]] || fail "the container's systemd did not finish booting within 60 s"
    leader=$(pgrep -P "$nspawn_pid" | head -n 1 || true)
    sleep 0.2
done
log "booted: systemd $(in_container systemctl --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p') is PID 1 in the container"

log "dpkg -i $(basename "$deb")"
in_container dpkg -i /root/clicknback.deb >"$work/dpkg.log" 2>&1 || fail "dpkg -i failed: $(tail -n 5 "$work/dpkg.log")"
version=$(dpkg-deb -f "$deb" Version)
reported=$(in_container clicknback --version)
[[ $reported =~ ^clicknback\ $version\ \(commit\ [0-9a-f]{12}(-dirty)?\)$ ]] ||
    fail "clicknback --version said '$reported', expected version $version and a commit"
log "installed: $reported"
in_container getent passwd clicknback >/dev/null || fail "the package did not create the clicknback user"
[[ -d $rootfs/etc/clicknback ]] || fail "/etc/clicknback is missing"

log "PostgreSQL on this machine (a throwaway cluster), reached from the container over loopback"
pg_port=$(live_free_port)
db_password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
scripts/pg.sh up "$pg_dir" "$pg_port" >"$work/pg-setup.log" 2>&1
scripts/pg.sh ensure-db "$pg_dir" "$pg_port" clicknback "$db_password" clicknback >>"$work/pg-setup.log" 2>&1

http_port=$(live_free_port)
sandbox_port=$(live_free_port)
cat >"$rootfs/etc/clicknback/clicknback.env" <<EOF
# Written by scripts/install-test.sh as an operator would (docs/deploy.md, "The env file").
CLICKNBACK_ENV=production
DATABASE_URL=postgresql://clicknback:$db_password@127.0.0.1:$pg_port/clicknback
OAUTH_HASH_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
HTTP_HOST=127.0.0.1
HTTP_PORT=$http_port
API_ADMIN_PORT=$(live_free_port)
WORKER_ADMIN_PORT=$(live_free_port)
LOG_FORMAT=json
BANK_URL=http://127.0.0.1:$sandbox_port/bank
RAIL_URL=http://127.0.0.1:$sandbox_port/rail
BANK_TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
RAIL_TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
EOF
chmod 0600 "$rootfs/etc/clicknback/clicknback.env"

watchdog_mark() { in_container systemctl show --property=WatchdogTimestampMonotonic --value "$1"; }
start_service() { # start_service UNIT: `systemctl start` returns once the unit sent READY=1
    in_container systemctl start "$1" || fail "systemctl start $1 failed"
    [[ $(in_container systemctl show --property=SubState --value "$1") == running ]] || fail "$1 is not running"
    in_container journalctl --no-pager -o cat -u "$1" | grep -q '"state":"READY=1"' ||
        fail "$1 did not log its READY=1 notification"
}

log "systemctl start clicknback-migrate"
in_container systemctl start clicknback-migrate || fail "clicknback-migrate failed"
in_container journalctl --no-pager -o cat -u clicknback-migrate | grep -q '"migrations done"' ||
    fail "clicknback-migrate did not log 'migrations done'"
# The unit runs `migrate --before-rollout`; on a new database that is every file, contract migrations included.
newest=$(find migrations -name '[0-9]*_*.sql' -printf '%f\n' | sort | tail -n 1 | cut -d_ -f1)
applied=$(scripts/pg.sh psql "$pg_dir" "$pg_port" -d clicknback -Atc "SELECT max(version) FROM schema_migrations")
[[ $((10#$newest)) -eq $applied ]] || fail "a new database got migrations up to $applied, not $((10#$newest))"

log "the demo accounts (clicknback admin seed) and the sandbox bank, as transient units"
in_container systemd-run --wait --quiet --collect --property=EnvironmentFile=/etc/clicknback/clicknback.env \
    --setenv=LOG_LEVEL=warning /usr/bin/clicknback admin seed || fail "admin seed failed"
in_container systemd-run --quiet --unit=clicknback-sandbox --property=EnvironmentFile=/etc/clicknback/clicknback.env \
    --setenv=SANDBOX_PORT="$sandbox_port" /usr/bin/clicknback sandbox
for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$sandbox_port/health" >/dev/null 2>&1 && break
    sleep 0.2
done

log "systemctl start clicknback-api clicknback-worker (Type=notify: each returns on READY=1)"
start_service clicknback-api
start_service clicknback-worker
api_mark=$(watchdog_mark clicknback-api)
worker_mark=$(watchdog_mark clicknback-worker)

api=http://127.0.0.1:$http_port/api/v1
json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
post() { # post PATH TOKEN JSON: the body; fails unless 2xx
    curl -fsS -X POST "$api$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3"
}
login() {
    curl -fsS -X POST "$api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"Str0ng!Pass\"}" | json_field access_token
}

log "a merchant and an offer (admin), then a purchase (user)"
admin=$(login carol@clicknback.com)
merchant=$(post /merchants/ "$admin" '{"name": "Install Test Shop", "default_cashback_percentage": 5}' | json_field id)
today=$(date -u +%F)
post /offers/ "$admin" "{\"merchant_id\": \"$merchant\", \"cashback_type\": \"percent\", \"cashback_value\": 5,
    \"start_date\": \"$today\", \"end_date\": \"2099-12-31\", \"monthly_cap\": 1000}" >/dev/null
user=$(login alice@clicknback.com)
available() { curl -fsS "$api/users/me/wallet" -H "Authorization: Bearer $user" | json_field available_balance; }
before=$(available)
purchase=$(post /purchases/ "$user" "{\"external_id\": \"install-test-1\", \"user_id\": \"b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d\",
    \"merchant_id\": \"$merchant\", \"amount\": \"80.00\", \"currency\": \"EUR\"}" | json_field id)
status() { curl -fsS "$api/purchases/$purchase" -H "Authorization: Bearer $user" | json_field status; }
deadline=$((SECONDS + 60))
until [[ $(status) == confirmed ]]; do
    [[ $SECONDS -lt $deadline ]] || fail "purchase $purchase still '$(status)' after 60 s"
    sleep 0.2
done
after=$(available)
python3 -c "from decimal import Decimal as D; import sys; sys.exit(D('$after') - D('$before') != D('4.00'))" ||
    fail "alice's available balance went from $before to $after, expected 4.00 more (5 % of 80.00)"
log "purchase $purchase confirmed by the packaged worker (available $before -> $after)"

log "the watchdog: each service pings again after READY=1 (every 15 s)"
deadline=$((SECONDS + 60))
until [[ $(watchdog_mark clicknback-api) != "$api_mark" && $(watchdog_mark clicknback-worker) != "$worker_mark" ]]; do
    [[ $SECONDS -lt $deadline ]] || fail "no WATCHDOG=1 from the api or the worker within 60 s of READY=1"
    sleep 0.5
done

log "systemctl stop clicknback-api clicknback-worker"
in_container systemctl stop clicknback-api clicknback-worker
for unit in clicknback-api clicknback-worker; do
    result=$(in_container systemctl show --property=Result --value "$unit")
    [[ $result == success ]] || fail "$unit stopped with result '$result'"
done
log "passed: installed, booted, migrated, READY=1 and watchdog, purchase confirmed, clean stop"
