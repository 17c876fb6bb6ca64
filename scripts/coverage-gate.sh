#!/usr/bin/env bash
# scripts/coverage-gate.sh — fail when line coverage of our library code is too low.
#
# Why: CI must keep test coverage from quietly eroding. After
# `swift test --enable-code-coverage` (which `make test` runs), this reads the
# llvm-cov export JSON and measures line coverage over files under Sources/,
# leaving out Sources/clicknback/ (the thin executable, exercised end to end,
# not by unit tests), dependencies and test code. It prints a per-target table
# and the total.
#
# Usage: scripts/coverage-gate.sh <min_percent>
# Env:   COVERAGE_JSON  use this llvm-cov export JSON instead of looking for one
# Exit:  0 total >= min, 1 total < min, 2 no usable coverage data or bad usage.
set -euo pipefail

die() {
    printf 'coverage-gate: %s\n' "$*" >&2
    exit 2
}

[[ $# -eq 1 && "$1" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "usage: coverage-gate.sh <min_percent>"
min=$1

# Resolve a relative COVERAGE_JSON before moving to the repository root.
if [[ -n "${COVERAGE_JSON:-}" ]]; then COVERAGE_JSON=$(realpath -m -- "$COVERAGE_JSON"); fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

# The toolchain's own llvm tools must read the profile: a distro llvm-cov (e.g. Debian's LLVM 14) rejects the
# newer profile format.
llvm_tool() {
    local candidate
    for candidate in "$(dirname "$(realpath "$(command -v swift || echo /opt/swift/usr/bin/swift)")")/$1" \
        "/opt/swift/usr/bin/$1" "$(command -v "$1" || true)"; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return
        fi
    done
    die "$1 not found (next to swift, in /opt/swift/usr/bin, or on PATH)"
}

# The export to read: COVERAGE_JSON; else SwiftPM's profile merged with the profiles of the processes the tests
# started (.build/child-profiles, see scripts/test.sh), exported with llvm-cov; else SwiftPM's own export.
find_json() {
    if [[ -n "${COVERAGE_JSON:-}" ]]; then
        [[ -f "$COVERAGE_JSON" ]] || die "COVERAGE_JSON=$COVERAGE_JSON does not exist"
        printf '%s\n' "$COVERAGE_JSON"
        return
    fi
    local profdata xctest merged out
    profdata=.build/debug/codecov/default.profdata
    xctest=$(find -L .build/debug -maxdepth 1 -name '*.xctest' -type f -print -quit 2>/dev/null)
    [[ -f "$profdata" && -n "$xctest" ]] ||
        die "no coverage data: run 'swift test --enable-code-coverage' (make test) first"
    merged=$profdata
    if compgen -G ".build/child-profiles/*.profraw" >/dev/null; then
        merged=.build/debug/codecov/with-children.profdata
        # A child killed while it wrote its profile leaves a torn file: warn and merge the rest.
        "$(llvm_tool llvm-profdata)" merge -sparse --failure-mode=warn "$profdata" .build/child-profiles/*.profraw \
            -o "$merged" 2>.build/debug/codecov/merge-warnings.txt || die "llvm-profdata merge failed"
        printf 'coverage-gate: %s child profile(s) merged, %s unreadable\n' \
            "$(compgen -G ".build/child-profiles/*.profraw" | wc -l)" \
            "$(grep -c "warning" .build/debug/codecov/merge-warnings.txt || true)" >&2
    fi
    out=.build/debug/codecov/coverage-gate-export.json
    "$(llvm_tool llvm-cov)" export -summary-only -instr-profile="$merged" "$xctest" >"$out" ||
        die "llvm-cov export failed"
    printf '%s\n' "$out"
}

json=$(find_json)
echo "coverage-gate: reading $json"

python3 - "$json" "$root" "$min" <<'PY'
import json
import os
import sys

json_path, root, minimum = sys.argv[1], os.path.realpath(sys.argv[2]), float(sys.argv[3])
EXCLUDED_TARGETS = {"clicknback"}  # the thin executable target

def fail(message):
    print("coverage-gate: " + message, file=sys.stderr)
    sys.exit(2)

try:
    with open(json_path, encoding="utf-8") as f:
        export = json.load(f)
except (OSError, ValueError) as error:
    fail("cannot read %s: %s" % (json_path, error))
if not isinstance(export, dict) or not isinstance(export.get("data"), list):
    fail("%s is not an llvm-cov export" % json_path)

# One entry per file; several binaries may list the same file (keep the best).
files = {}
for unit in export["data"]:
    for entry in unit.get("files", []):
        rel = os.path.relpath(os.path.realpath(entry["filename"]), root)
        parts = rel.split(os.sep)
        if len(parts) < 3 or parts[0] != "Sources" or parts[1] in EXCLUDED_TARGETS:
            continue
        lines = entry["summary"]["lines"]
        prev = files.get(rel)
        if prev is None or lines["covered"] > prev[1]:
            files[rel] = (lines["count"], lines["covered"])

if not files:
    fail("no files under Sources/ (outside Sources/clicknback/) in %s" % json_path)

targets = {}
for rel, (count, covered) in files.items():
    target = "Sources/" + rel.split(os.sep)[1]
    c, v = targets.get(target, (0, 0))
    targets[target] = (c + count, v + covered)

def pct(covered, count):
    return 100.0 * covered / count if count else 100.0

width = max(len(t) for t in list(targets) + ["TOTAL"])
print("%-*s %8s %8s %8s" % (width, "target", "lines", "covered", "percent"))
for target in sorted(targets):
    count, covered = targets[target]
    print("%-*s %8d %8d %7.2f%%" % (width, target, count, covered, pct(covered, count)))
total_count = sum(c for c, _ in targets.values())
total_covered = sum(v for _, v in targets.values())
total = pct(total_covered, total_count)
print("%-*s %8d %8d %7.2f%%" % (width, "TOTAL", total_count, total_covered, total))

if total + 1e-9 < minimum:
    print("coverage-gate: FAIL: %.2f%% < %.2f%% minimum" % (total, minimum))
    sys.exit(1)
print("coverage-gate: OK: %.2f%% >= %.2f%% minimum" % (total, minimum))
PY
