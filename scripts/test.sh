#!/usr/bin/env bash
# scripts/test.sh — what `make test` runs: the whole test suite against a real,
# throwaway PostgreSQL.
#
# Why: integration tests need a PostgreSQL that nobody else uses and that starts
# clean every time. This script creates one in .data/test-pg (port 55433,
# durability off), migrates a template database once, and runs `swift test`
# with TEST_DATABASE_URL pointing at that template; each test creates its own
# database from it. The cluster is stopped and removed on exit, pass or fail.
#
# Usage: scripts/test.sh [extra swift test args, e.g. --filter DomainTests]
#        Without arguments the run ends with scripts/fuzz.sh (schemathesis against
#        the live API, FUZZ_SECONDS, default 60) and scripts/browser.sh (headless
#        Chromium against the live API), then, as root, scripts/package.sh and
#        scripts/install-test.sh (the Debian package, lintian, an install into a fresh
#        Debian root) and scripts/topology-test.sh (several hosts in network namespaces,
#        with faults); FUZZ_ONLY=1 or BROWSER_ONLY=1 runs only that one.
# Env:   SWIFT_BUILD_FLAGS  extra flags for swift build and swift test
#                           (CI: "-Xswiftc -warnings-as-errors")
#        TEST_PG_DIR        cluster directory (default .data/test-pg, or
#                           /tmp/clicknback-test-pg when postgres cannot reach it)
#        TEST_PG_PORT       cluster port (default 55433)
# Exit:  swift test's status; non-zero on any earlier failure.
# shellcheck disable=SC2317 # trap handlers look unreachable to shellcheck
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

PG_PORT=${TEST_PG_PORT:-55433}

# As root the cluster runs as the postgres OS user, who must be able to walk
# down to the data dir; a checkout under /root, say, does not allow that. Unix
# socket paths are also short (107 bytes). In either case use /tmp instead.
others_can_reach() {
    local p=$1
    while [[ "$p" != / ]]; do
        [[ "$(stat -c %A "$p")" =~ [xt]$ ]] || return 1
        p=$(dirname "$p")
    done
}
default_pg_dir() {
    local sock="$root/.data/test-pg/socket/.s.PGSQL.$PG_PORT"
    if [[ ${#sock} -gt 100 ]] || { [[ "$(id -u)" -eq 0 ]] && ! others_can_reach "$root"; }; then
        echo "test: $root is not usable for the cluster (unreachable for postgres or too long a path); using /tmp/clicknback-test-pg" >&2
        echo /tmp/clicknback-test-pg
    else
        echo .data/test-pg
    fi
}
PG_DIR=${TEST_PG_DIR:-$(default_pg_dir)}
DB_ROLE=clicknback
DB_PASSWORD=clicknback_test
DB_NAME=clicknback_template
DB_URL="postgresql://$DB_ROLE:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"

# Intentionally split on whitespace: it is a list of flags.
read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}"

cleanup() {
    scripts/pg.sh down "$PG_DIR" || true
    rm -rf "$PG_DIR"
}

# .data must stay traversable for the postgres OS user (CI runs as root).
mkdir -p .data
chmod 0711 .data

# A previous run killed before its trap ran may have left a server behind.
scripts/pg.sh down "$PG_DIR"
rm -rf "$PG_DIR"
trap cleanup EXIT

scripts/pg.sh up "$PG_DIR" "$PG_PORT" --fast
scripts/pg.sh ensure-db "$PG_DIR" "$PG_PORT" "$DB_ROLE" "$DB_PASSWORD" "$DB_NAME"
# Test databases are dropped WITH (FORCE) after each test; PostgreSQL 15 refuses that while a process of another
# role (an autovacuum worker runs as none) is in the database unless the role may signal backends. Test cluster only.
scripts/pg.sh psql "$PG_DIR" "$PG_PORT" -d postgres -XAtq -v ON_ERROR_STOP=1 \
    -c "GRANT pg_signal_backend TO \"$DB_ROLE\"" >/dev/null

# Every target must declare what it imports (ADR 001): an import that only resolves because another target
# happened to pull the module in fails the build.
build_flags+=(--explicit-target-dependency-import-check=error)
# Build with coverage instrumentation so `swift test --enable-code-coverage`
# below reuses this build instead of compiling everything a second time.
echo "test: building (swift build --build-tests --enable-code-coverage ${build_flags[*]})"
swift build --build-tests --enable-code-coverage "${build_flags[@]}"

echo "test: migrating the template database"
# The instrumented binary writes a .profraw; keep it out of the work tree.
LLVM_PROFILE_FILE="$(realpath -m "$PG_DIR")/migrate-%p.profraw" \
    DATABASE_URL="$DB_URL" MIGRATIONS_DIR="$root/migrations" CLICKNBACK_ENV=test \
    .build/debug/clicknback migrate

# CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template;
# the migrate process has exited, but its backend may take a moment to go.
for _ in $(seq 1 50); do
    open=$(scripts/pg.sh psql "$PG_DIR" "$PG_PORT" -d postgres -XAtq \
        -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB_NAME'")
    [[ "$open" == 0 ]] && break
    sleep 0.2
done
[[ "$open" == 0 ]] || {
    echo "test: error: $open connection(s) still open to $DB_NAME" >&2
    exit 1
}

status=0
if [[ "${FUZZ_ONLY:-0}" != 1 && "${BROWSER_ONLY:-0}" != 1 ]]; then
    echo "test: running swift test"
    # Profiles of the processes the tests start (scripts/coverage-gate.sh merges them).
    export CHILD_PROFILE_DIR="$root/.build/child-profiles"
    rm -rf "$CHILD_PROFILE_DIR"
    mkdir -p "$CHILD_PROFILE_DIR"
    TEST_DATABASE_URL="$DB_URL" swift test --enable-code-coverage "${build_flags[@]}" "$@" || status=$?
    if [[ $status -ne 0 ]]; then
        echo "test: FAILED (swift test exited $status)" >&2
        # What the server refused during the run, for failures that surface as a bare PSQLError.
        echo "test: the test cluster's last errors:" >&2
        grep -E " (ERROR|FATAL): " "$PG_DIR/postgres.log" | grep -v "duplicate key\|canceling statement\|terminating connection due to administrator" | tail -n 15 >&2 || true
        exit "$status"
    fi
fi
if [[ $# -eq 0 && "${BROWSER_ONLY:-0}" != 1 ]]; then
    echo "test: fuzzing the API (scripts/fuzz.sh)"
    scripts/fuzz.sh "$DB_URL" "${FUZZ_SECONDS:-60}" || status=$?
    [[ $status -eq 0 ]] || echo "test: FAILED (fuzzing)" >&2
fi
if [[ $# -eq 0 && "${FUZZ_ONLY:-0}" != 1 ]]; then
    echo "test: the pages in a real browser (scripts/browser.sh)"
    browser_status=0
    scripts/browser.sh "$DB_URL" || browser_status=$?
    [[ $browser_status -eq 0 ]] || { echo "test: FAILED (browser tests)" >&2; status=$browser_status; }
fi
if [[ $# -eq 0 && "${FUZZ_ONLY:-0}" != 1 && "${BROWSER_ONLY:-0}" != 1 ]]; then
    echo "test: the Debian package: release build, lintian, install into a fresh Debian root (make install-test)"
    if [[ $(id -u) -ne 0 ]]; then
        echo "test: NOT RUN: the install and topology tests need root (debootstrap, systemd-nspawn, network namespaces); run 'sudo make install-test topology-test'" >&2
    else
        package_status=0
        deb=$(scripts/package.sh | tail -n 1) && scripts/install-test.sh "$deb" || package_status=$?
        [[ $package_status -eq 0 ]] || { echo "test: FAILED (package or install test)" >&2; status=$package_status; }
        echo "test: several hosts in network namespaces, with faults (scripts/topology-test.sh)"
        topology_status=0
        scripts/topology-test.sh || topology_status=$?
        [[ $topology_status -eq 0 ]] || { echo "test: FAILED (topology test)" >&2; status=$topology_status; }
    fi
fi
exit "$status"
