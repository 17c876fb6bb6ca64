-- pgbench: the statements of one HTTP ingestion (authentication read, duplicate/merchant/offer reads, then
-- the transaction: wallet lock, monthly-cap sum, the one-statement record with its NOTIFY), as the
-- repositories send them. Run with -M prepared so variables travel as parameters, like PostgresNIO's.
\set n random(1, :users)
SELECT id AS uid FROM bench_users WHERE n = :n \gset
SELECT gen_random_uuid() AS pid, gen_random_uuid() AS cid, gen_random_uuid() AS aid \gset
SELECT id, email, hashed_password, role, active, created_at FROM users WHERE id = :uid;
SELECT p.id FROM purchases p WHERE p.external_id = 'pgb-' || :pid;
SELECT id, name, default_cashback_percentage, active FROM merchants WHERE id = :merchant;
SELECT o.id, o.merchant_id, o.percentage, o.fixed_amount, o.start_date::text, o.end_date::text, o.monthly_cap_per_user, o.active FROM offers o WHERE o.merchant_id = :merchant AND o.active AND o.start_date <= current_date AND o.end_date >= current_date;
BEGIN;
INSERT INTO wallets (user_id) VALUES (:uid) ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id RETURNING user_id, pending_balance, available_balance, paid_balance;
SELECT coalesce(sum(cashback_amount), 0) FROM purchases WHERE user_id = :uid AND offer_id = :offer AND status IN ('pending', 'confirmed') AND created_at >= date_trunc('month', now()) AND created_at < date_trunc('month', now()) + interval '1 month';
WITH purchase AS (INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency, status, created_at) VALUES (:pid, 'pgb-' || :pid, :uid, :merchant, :offer, 100.00, 5.00, 'EUR', 'pending', now()) ON CONFLICT (external_id) DO NOTHING RETURNING id, user_id, cashback_amount, created_at), cashback AS (INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at) SELECT :cid, user_id, id, cashback_amount, 'pending', created_at FROM purchase), wallet AS (UPDATE wallets SET pending_balance = pending_balance + purchase.cashback_amount, updated_at = purchase.created_at FROM purchase WHERE wallets.user_id = purchase.user_id AND purchase.cashback_amount > 0), ledger AS (INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at) SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id, created_at FROM purchase WHERE cashback_amount > 0), audit AS (INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, outcome, details) SELECT :aid, now(), 'user', user_id, 'PURCHASE_INGESTED', 'purchase', id::text, 'success', '{"cap_applied": "false"}'::jsonb FROM purchase), queue AS (INSERT INTO purchase_verifications (purchase_id, next_attempt_at) SELECT id, created_at FROM purchase) SELECT pg_notify('purchase_ingested', id::text) FROM purchase;
COMMIT;
