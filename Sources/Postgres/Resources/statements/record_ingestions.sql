-- Records ingested purchases, one or many, in one statement (ADR 014): each purchase with its pending cashback
-- transaction, its ledger movements applied to the owner's wallet (created when missing), its audit row and its
-- verification-queue row, and a purchase_ingested notification. A user's purchases are written only when the
-- user's wallet is still at the version the caller read (:expected_versions, -1 for "no wallet yet"), or
-- whatever its version when the caller holds the wallet's lock (:holds_lock). Returns the purchases written.
--
-- The movements come from the domain's ledger rule (PurchaseTransitions.ingestion); nothing here decides money.
-- :names are parameters. PostgresPurchaseRepository binds them by name; make bench runs this very file with
-- pgbench, which reads the same :names as its variables.
WITH moves AS (
    SELECT * FROM unnest(:move_user_ids::uuid[], :move_buckets::text[], :move_deltas::numeric[],
                         :move_reasons::text[], :move_purchase_ids::uuid[])
        AS m (user_id, bucket, delta, reason, purchase_id)
), owner AS (
    SELECT * FROM unnest(:user_ids::uuid[], :expected_versions::int8[], :updated_ats::timestamptz[])
        AS g (user_id, expected, updated_at)
), wallet AS (
    INSERT INTO wallets AS w (user_id, pending_balance, available_balance, paid_balance, owed_balance, updated_at)
    SELECT g.user_id,
           coalesce(sum(m.delta) FILTER (WHERE m.bucket = 'pending'), 0),
           coalesce(sum(m.delta) FILTER (WHERE m.bucket = 'available'), 0),
           coalesce(sum(m.delta) FILTER (WHERE m.bucket = 'paid'), 0),
           coalesce(sum(m.delta) FILTER (WHERE m.bucket = 'owed'), 0),
           g.updated_at
    FROM owner g LEFT JOIN moves m ON m.user_id = g.user_id
    GROUP BY g.user_id, g.updated_at
    ORDER BY g.user_id
    ON CONFLICT (user_id) DO UPDATE
        SET pending_balance = w.pending_balance + excluded.pending_balance,
            available_balance = w.available_balance + excluded.available_balance,
            paid_balance = w.paid_balance + excluded.paid_balance,
            owed_balance = w.owed_balance + excluded.owed_balance,
            updated_at = excluded.updated_at
        WHERE :holds_lock::bool OR w.version = (SELECT g.expected FROM owner g WHERE g.user_id = w.user_id)
    RETURNING w.user_id
), item AS (
    SELECT * FROM unnest(:ids::uuid[], :external_ids::text[], :item_user_ids::uuid[], :merchant_ids::uuid[],
                         :offer_ids::text[], :amounts::numeric[], :cashback_amounts::numeric[], :currencies::text[],
                         :statuses::text[], :created_ats::timestamptz[], :partner_ids::text[])
        AS i (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency, status, created_at,
              partner_id)
    WHERE i.user_id IN (SELECT user_id FROM wallet)
), purchase AS (
    INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency,
                           status, created_at, partner_id)
    SELECT id, external_id, user_id, merchant_id, nullif(offer_id, '')::uuid, amount, cashback_amount, currency,
           status, created_at, nullif(partner_id, '')::uuid
    FROM item
    RETURNING id, user_id, cashback_amount, created_at
), cashback AS (
    INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
    SELECT gen_random_uuid(), user_id, id, cashback_amount, 'pending', created_at FROM purchase
), ledger AS (
    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
    SELECT m.user_id, m.bucket, m.delta, m.reason, m.purchase_id, p.created_at
    FROM moves m JOIN purchase p ON p.id = m.purchase_id
), audit AS (
    INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, outcome,
                            details)
    SELECT a.id, a.occurred_at, a.actor_type, nullif(a.actor_id, '')::uuid, a.action, a.resource_type,
           a.resource_id, a.outcome, a.details::jsonb
    FROM unnest(:audit_purchase_ids::uuid[], :audit_ids::uuid[], :audit_times::timestamptz[],
                :audit_actor_types::text[], :audit_actor_ids::text[], :audit_actions::text[],
                :audit_resource_types::text[], :audit_resource_ids::text[], :audit_outcomes::text[],
                :audit_details::text[])
        AS a (purchase_id, id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, outcome,
              details)
    JOIN purchase p ON p.id = a.purchase_id
), queue AS (
    INSERT INTO purchase_verifications (purchase_id, next_attempt_at) SELECT id, created_at FROM purchase
)
SELECT p.id FROM purchase p CROSS JOIN LATERAL (SELECT pg_notify('purchase_ingested', p.id::text)) n
