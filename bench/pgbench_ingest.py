#!/usr/bin/env python3
"""Writes the pgbench script of one HTTP ingestion to stdout, built around the service's own statement files.

The API sends three statements per single-purchase ingestion: the caller's authentication read, the ingestion
contexts (Sources/Postgres/Resources/statements/ingestion_contexts.sql) and the record
(Sources/Postgres/Resources/statements/record_ingestions.sql); under load, concurrent requests share each of
them (ADR 033 to 035), which pgbench does not. The two statement files are copied here as they are: their :names
are pgbench variables, here arrays of one submission. Around them, this script adds what the API computes in Swift — a random
caller, fresh ids, the cashback and the arrays the record unnests — in two pgbench-side SELECTs, so pgbench makes
five round trips where the API makes three. Run with -M prepared, so variables travel as parameters like
PostgresNIO's, and with -D merchant=… -D offer=… -D users=….
"""
import pathlib
import sys

STATEMENTS = pathlib.Path(__file__).resolve().parent.parent / "Sources/Postgres/Resources/statements"


def statement(name):
    """The statement file without its comment lines, on one line (pgbench ends a command at a line's end)."""
    lines = (STATEMENTS / f"{name}.sql").read_text().splitlines()
    return " ".join(line.strip() for line in lines if line.strip() and not line.strip().startswith("--"))


PROLOGUE = r"""\set n random(1, :users)
SELECT x.*, '{' || x.external_id || '}' AS external_ids, '{' || x.merchant_id || '}' AS merchant_ids, '{' || x.user_id || '}' AS user_ids, '{""}' AS partner_ids FROM (SELECT b.id AS user_id, gen_random_uuid() AS pid, gen_random_uuid() AS aid, 'pgb-' || gen_random_uuid() AS external_id, :merchant::uuid AS merchant_id, current_date::text AS today, date_trunc('month', now())::date::text AS month, now() AS at FROM bench_users b WHERE b.n = :n) x \gset
SELECT id, email, hashed_password, role, active, created_at FROM users WHERE id = :user_id;"""

# The record's arrays for one purchase of 100.00 at the bench offer's 5 %, as IngestionRows builds them.
ARRAYS = r"""SELECT '{' || :user_id || '}' AS move_user_ids, '{pending}' AS move_buckets, '{5.00}' AS move_deltas, '{purchase_ingested}' AS move_reasons, '{' || :pid || '}' AS move_purchase_ids, '{' || :user_id || '}' AS user_ids, '{' || coalesce(nullif(:ctx_wallet_version, '')::int8, -1) || '}' AS expected_versions, '{"' || :at || '"}' AS updated_ats, false AS holds_lock, '{' || :pid || '}' AS ids, '{' || :external_id || '}' AS external_ids, '{' || :user_id || '}' AS item_user_ids, '{' || :merchant || '}' AS merchant_ids, '{' || :offer || '}' AS offer_ids, '{100.00}' AS amounts, '{5.00}' AS cashback_amounts, '{EUR}' AS currencies, '{pending}' AS statuses, '{"' || :at || '"}' AS created_ats, '{""}' AS partner_ids, '{' || :pid || '}' AS audit_purchase_ids, '{' || :aid || '}' AS audit_ids, '{"' || :at || '"}' AS audit_times, '{user}' AS audit_actor_types, '{' || :user_id || '}' AS audit_actor_ids, '{PURCHASE_INGESTED}' AS audit_actions, '{purchase}' AS audit_resource_types, '{' || :pid || '}' AS audit_resource_ids, '{success}' AS audit_outcomes, ARRAY['{"amount": "100.00", "cap_applied": "false", "cashback_amount": "5.00", "merchant_id": "' || :merchant || '", "offer_id": "' || :offer || '"}']::text AS audit_details \gset"""

sys.stdout.write(
    "\n".join([PROLOGUE, statement("ingestion_contexts") + r" \gset ctx_", ARRAYS, statement("record_ingestions") + ";"])
    + "\n"
)
