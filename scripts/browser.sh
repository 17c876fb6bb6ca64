#!/usr/bin/env bash
# scripts/browser.sh — the browser tests: a real headless Chromium against the live API.
#
# Why: /docs (and the operations console) are pages people use in a browser; curl cannot tell whether their
# scripts run, their buttons work or a request sent from the page comes back. This script makes sure Debian's
# Chromium and chromium-driver and Selenium (PyPI, pinned, project-local virtualenv) are there, creates a
# database from the test template with the demo seed, starts the debug `clicknback api` on a loopback port
# and runs browser-tests/run.py against it.
#
# Usage: scripts/browser.sh <template_database_url>
# Env:   BROWSER_SCREENSHOTS_DIR  where page screenshots go (default: a temporary folder; `make screenshots`
#                                 points it at docs/img)
# Exit:  the tests' status; non-zero when a prerequisite cannot be installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
template_url=${1:?usage: scripts/browser.sh <template_database_url>}
selenium_version=4.38.0
work=$(mktemp -d)
db="browser_$$"

log() { printf 'browser: %s\n' "$*"; }
# shellcheck source=scripts/live-api.sh
. scripts/live-api.sh
trap live_api_cleanup EXIT

# Chromium and its driver from Debian's packages.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [[ "$(id -u)" -ne 0 ]]; then
        log "error: chromium and chromium-driver are missing; install them: sudo apt-get install chromium chromium-driver"
        exit 1
    fi
    log "installing chromium and chromium-driver (apt-get)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Selenium from PyPI, pinned, beside schemathesis in the project's virtualenv.
venv=.data/venv
if ! "$venv/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$selenium_version')" 2>/dev/null; then
    log "installing selenium $selenium_version into $venv"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium==$selenium_version"
fi

# Taken just before the API binds it, so that nothing started meanwhile (the installs above) takes it first.
port=$(live_free_port)
log "database $db from the template, demo seed; api on 127.0.0.1:$port"
live_api_start
# One parked item for the console's redrive (no worker runs here, so it stays parked until the test redrives it).
live_psql -q "${template_url%/*}/$db" -c "UPDATE purchase_verifications SET parked_at = now(), interruptions = 5,
    last_error = 'parked for the browser test', last_error_class = 'interrupted'
    WHERE purchase_id = (SELECT purchase_id FROM purchase_verifications ORDER BY purchase_id LIMIT 1)" >/dev/null
# An hour of journaled attempts for the Queues page's chart.
live_psql -q "${template_url%/*}/$db" -c "INSERT INTO job_attempts (job, item_id, attempt, worker, started_at,
    duration_ms, outcome) SELECT 'purchase_confirmation', gen_random_uuid(), 1, 'browser-test',
    now() - make_interval(secs => n * 6), 5, (ARRAY['confirmed', 'confirmed', 'confirmed', 'retry', 'unavailable',
    'rejected', 'crashed'])[1 + (n * 7 + n / 40) % 7] FROM generate_series(0, 599) n" >/dev/null

# Two workers' breaker reports for the Queues page, and a real reconcile run for the Money page.
live_psql -q "${template_url%/*}/$db" -c "INSERT INTO worker_breakers (worker, job, downstream, state) VALUES
    ('worker-a', 'purchase_confirmation', 'bank', 'closed'), ('worker-b', 'purchase_confirmation', 'bank', 'open')" \
    >/dev/null
DATABASE_URL="${template_url%/*}/$db" CLICKNBACK_ENV=test LOG_LEVEL=warning LLVM_PROFILE_FILE="$work/%p.profraw" \
    .build/debug/clicknback reconcile

screenshots=${BROWSER_SCREENSHOTS_DIR:-$work/screenshots}
mkdir -p "$screenshots"
status=0
psql_bin=$(type -P psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
"$venv/bin/python" browser-tests/run.py --base "http://127.0.0.1:$port" --screenshots "$screenshots" \
    --psql "$psql_bin" --database-url "${template_url%/*}/$db" || status=$?
if [[ $status -ne 0 ]]; then
    log "FAILED; the API's last log lines:"
    tail -n 20 "$work/api.log" >&2
fi
exit "$status"
