#!/usr/bin/env bash
# scripts/check-units.sh — `make check-units`: the systemd units verify and score as hardened.
#
# Why: a unit that does not parse, names a missing binary, or loses its sandboxing fails only on the host
# that installs it. CI runs `systemd-analyze verify` on every unit in systemd/ and `systemd-analyze
# security --offline` on the two services, which must rate 2.5 or lower ("OK" or better).
# The units name /usr/bin/clicknback, where the package installs it; verify needs an executable there, so the
# check runs on copies whose ExecStart points at a stub in a temporary directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
max_exposure=${MAX_EXPOSURE:-2.5}

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "check-units: systemd-analyze is missing; installing the systemd package" >&2
    apt-get update -qq >/dev/null # a fresh machine may have no package lists yet
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\nexit 0\n' >"$work/clicknback"
chmod +x "$work/clicknback"
for unit in systemd/*.service systemd/*.timer; do
    sed "s#/usr/bin/clicknback#$work/clicknback#g" "$unit" >"$work/$(basename "$unit")"
done

echo "check-units: systemd-analyze verify"
(cd "$work" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer)

status=0
for service in clicknback-api clicknback-worker; do
    exposure=$(systemd-analyze security --offline=yes --no-pager "$work/$service.service" 2>/dev/null |
        grep -oE 'Overall exposure level for [^:]+: [0-9.]+' | awk '{print $NF}')
    verdict=$(python3 -c "print('ok' if float('$exposure') <= $max_exposure else 'too exposed')")
    echo "check-units: $service exposure $exposure (max $max_exposure): $verdict"
    [[ $verdict == ok ]] || status=1
done
exit "$status"
