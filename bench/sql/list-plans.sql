-- The list queries of the API as the repositories send them (FilteredQuery.page: the filters, the order, then
-- OFFSET and LIMIT; and the count of the same filters), with values from the load. `make explain-lists` prints
-- each plan; a list should walk an index in its order (or read a small filtered set) and never sort the table.
SELECT id AS u FROM users WHERE email = 'plan-7@example.com' \gset
SELECT id AS m FROM merchants ORDER BY name LIMIT 1 \gset
\echo '### admin purchases, no filter (GET /api/v1/purchases/)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at FROM purchases p ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
\echo '### admin purchases by user (?user_id=)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at FROM purchases p WHERE p.user_id = :'u' ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM purchases p WHERE p.user_id = :'u';
\echo '### admin purchases by merchant (?merchant_id=)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at FROM purchases p WHERE p.merchant_id = :'m' ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM purchases p WHERE p.merchant_id = :'m';
\echo '### admin purchases by status and dates (?status=pending&start_date=&end_date=)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at FROM purchases p WHERE p.status = 'pending' AND p.created_at >= now() - interval '30 days' AND p.created_at < now() ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
\echo '### a user''s purchases (GET /api/v1/users/me/purchases)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at, coalesce(m.name, 'Unknown'), c.status FROM purchases p LEFT JOIN merchants m ON m.id = p.merchant_id LEFT JOIN cashback_transactions c ON c.purchase_id = p.id WHERE p.user_id = :'u' ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
\echo '### a user''s cashback transactions (GET /api/v1/users/me/wallet/transactions)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, user_id, purchase_id, amount, status, created_at FROM cashback_transactions WHERE user_id = :'u' ORDER BY created_at DESC, id OFFSET 0 LIMIT 10;
\echo '### a wallet''s ledger (GET /api/v1/admin/wallets/{user_id}/ledger)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, user_id, bucket, delta, reason, reference_id, created_at FROM wallet_ledger WHERE user_id = :'u' ORDER BY id DESC OFFSET 0 LIMIT 10;
\echo '### payouts, admin, by status (GET /api/v1/admin/payouts?status=requested)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, user_id, amount, method, details, status, idempotency_key, requested_at, processed_at FROM payouts WHERE status = 'requested' ORDER BY requested_at DESC, id OFFSET 0 LIMIT 10;
\echo '### a user''s payouts (GET /api/v1/users/me/payouts)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, user_id, amount, method, details, status, idempotency_key, requested_at, processed_at FROM payouts WHERE user_id = :'u' ORDER BY requested_at DESC, id OFFSET 0 LIMIT 10;
\echo '### feature flags by scope (GET /api/v1/feature-flags?scope_id=)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, key, enabled, scope_type, scope_id, description, created_at, updated_at FROM feature_flags WHERE scope_id = :'u' ORDER BY created_at DESC, id OFFSET 0 LIMIT 10;
\echo '### feature flags, no filter'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, key, enabled, scope_type, scope_id, description, created_at, updated_at FROM feature_flags ORDER BY created_at DESC, id OFFSET 0 LIMIT 10;
\echo '### for comparison: the admin filter as it was before (user_id compared as text, which no index serves)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT p.id FROM purchases p WHERE p.user_id::text = :'u' ORDER BY p.created_at DESC, p.id OFFSET 0 LIMIT 10;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM purchases p WHERE p.user_id::text = :'u';
\echo '### the count of the unfiltered admin list'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM purchases p;
