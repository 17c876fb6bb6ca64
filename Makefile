# Makefile — the project's front door: every everyday task is one `make <target>`.
#
# Why: a newcomer (and CI) should not need to know the swift, psql or pg_ctl
# incantations. The logic lives in scripts/; this file only names it.
# `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

COVERAGE_MIN ?= 94
RUN_PG_DIR := .data/pg
RUN_PG_PORT ?= 55432
ENV_FILE := .data/clicknback.env
RELEASE_BIN := .build/release/clicknback
FORMAT_PATHS := Sources Tests Plugins Package.swift

export RUN_PG_PORT

.PHONY: help run test fuzz browser-test screenshots soak check-units restore-drill build release db-up db-down migrate seed reconcile lint format coverage-gate bench bench-quick bench-cpu bench-console bench-migration load-demo explain-lists package install-test topology-test clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

run: ## Build, start PostgreSQL, migrate, seed, run api + worker (Ctrl-C stops all)
	scripts/run.sh

test: ## Run all tests against a throwaway PostgreSQL (SWIFT_BUILD_FLAGS for extra flags)
	scripts/test.sh

restore-drill: ## pg_dump, pg_restore into a scratch database, compare counts, reconcile the copy
	scripts/restore-drill.sh

check-units: ## systemd-analyze verify on every unit, security rating <= 2.5 for the services
	scripts/check-units.sh

soak: ## Long run under load with worker kills and a database outage, then reconcile (SOAK_MINUTES, default 10)
	scripts/soak.sh

fuzz: ## Only the schemathesis fuzz run against a live API (FUZZ_SECONDS, default 60)
	FUZZ_ONLY=1 scripts/test.sh

browser-test: ## Only the browser tests (headless Chromium) against a live API
	BROWSER_ONLY=1 scripts/test.sh

screenshots: ## The browser tests, saving each page's screenshot to docs/img/
	BROWSER_ONLY=1 BROWSER_SCREENSHOTS_DIR=$(CURDIR)/docs/img scripts/test.sh

build: ## Debug build
	swift build

package: ## The Debian package (static release build, lintian): .build/deb/clicknback_<VERSION>_<arch>.deb
	scripts/package.sh

topology-test: ## As root: several hosts in network namespaces (PostgreSQL, PgBouncer, 2 APIs behind HAProxy, 2 workers, the sandbox bank), with faults
	scripts/topology-test.sh

install-test: package ## As root: install the package into a fresh Debian root, run it as its units would, confirm a purchase
	scripts/install-test.sh .build/deb/clicknback_$$(cat VERSION)_$$(dpkg --print-architecture).deb

release: ## Release build of the clicknback binary (Swift's standard library linked statically, as packaged)
	swift build -c release --static-swift-stdlib --product clicknback

db-up: ## Start the development PostgreSQL (.data/pg, port 55432)
	scripts/pg.sh up $(RUN_PG_DIR) $(RUN_PG_PORT)

db-down: ## Stop the development PostgreSQL
	scripts/pg.sh down $(RUN_PG_DIR)

migrate: release db-up ## Apply migrations to the development database
	@test -f $(ENV_FILE) || { echo "no $(ENV_FILE) yet: run 'make run' once first" >&2; exit 1; }
	set -a; . $(ENV_FILE); set +a; $(RELEASE_BIN) migrate

seed: release db-up ## Load the demo data into the development database
	@test -f $(ENV_FILE) || { echo "no $(ENV_FILE) yet: run 'make run' once first" >&2; exit 1; }
	set -a; . $(ENV_FILE); set +a; $(RELEASE_BIN) admin seed

reconcile: release ## Check the development database's books (exit 1 on drift)
	@test -f $(ENV_FILE) || { echo "no $(ENV_FILE) yet: run 'make run' once first" >&2; exit 1; }
	set -a; . $(ENV_FILE); set +a; $(RELEASE_BIN) reconcile

bench: ## Full benchmark (several minutes): table on stdout, report in bench/results/
	scripts/bench.sh full

bench-quick: ## Short benchmark for iteration (under 2 minutes after the release build)
	scripts/bench.sh quick

bench-cpu: ## Only the API's CPU per ingest, split by stage (perf): the figure to iterate on for the ingest path
	scripts/bench.sh cpu

bench-migration: ## Migration 0014 on 2 million purchases while clients write: its duration and the write latency
	scripts/bench-migration.sh

load-demo: ## 10 s of ingest load against the system `make run` started, rate limit on: accepted vs limited (429)
	scripts/load-demo.sh

bench-console: ## The console's pages timed with 100 000 queued items (CONSOLE_BENCH_ITEMS)
	scripts/bench-console.sh

explain-lists: ## EXPLAIN ANALYZE of every list query on 100 000 rows
	scripts/explain-lists.sh

lint: ## Check formatting and style (swift format, strict)
	swift format lint --strict --recursive $(FORMAT_PATHS)

format: ## Reformat the code in place (swift format)
	swift format format --in-place --recursive $(FORMAT_PATHS)

coverage-gate: ## Fail if library line coverage < COVERAGE_MIN (default 94); run after make test
	scripts/coverage-gate.sh $(COVERAGE_MIN)

clean: ## Stop the local clusters and remove .data and .build
	scripts/pg.sh down $(RUN_PG_DIR)
	scripts/pg.sh down .data/test-pg
	rm -rf .data .build
