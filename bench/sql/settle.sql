-- pgbench: one confirmation as the worker's processor sends it (purchase lock, lease fence, wallet lock,
-- the transition statement with its NOTIFY, wallet update, two ledger rows, audit row), taking the next
-- unleased queue row instead of the dispatcher's batched claim.
BEGIN;
SELECT v.purchase_id AS pid FROM purchase_verifications v WHERE v.lease_owner IS NULL LIMIT 1 FOR UPDATE SKIP LOCKED \gset
SELECT p.user_id AS uid, p.cashback_amount AS cb FROM purchases p WHERE p.id = :pid FOR UPDATE \gset
SELECT 1 FROM purchase_verifications WHERE purchase_id = :pid FOR UPDATE;
INSERT INTO wallets (user_id) VALUES (:uid) ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id RETURNING user_id, pending_balance, available_balance, paid_balance;
WITH updated AS (UPDATE purchases SET status = 'confirmed', cashback_amount = :cb, settled_at = now() WHERE id = :pid RETURNING id), cashback AS (UPDATE cashback_transactions SET status = 'available' WHERE purchase_id = (SELECT id FROM updated)), dequeued AS (DELETE FROM purchase_verifications WHERE purchase_id = (SELECT id FROM updated)) SELECT pg_notify('purchase_settled', id::text) FROM updated;
UPDATE wallets SET pending_balance = pending_balance - :cb, available_balance = available_balance + :cb, paid_balance = paid_balance + 0, updated_at = now() WHERE user_id = :uid;
INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id) VALUES (:uid, 'pending', -(:cb::numeric), 'purchase_confirmed', :pid);
INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id) VALUES (:uid, 'available', :cb, 'purchase_confirmed', :pid);
INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, outcome, details) VALUES (gen_random_uuid(), now(), 'system', NULL, 'PURCHASE_CONFIRMED', 'purchase', :pid, 'success', '{}'::jsonb);
COMMIT;
