-- scripts/bench-console.sh: :items pending purchases exactly as ingestion leaves them (purchase, cashback
-- transaction, pending credit and its ledger row, verification-queue row) over 1 000 users of one merchant,
-- spread over the last 30 days; then 1 % parked, 2 000 leased by four workers, an hour of attempt journal and
-- two workers' breaker reports, as a busy incident would show them.
INSERT INTO merchants (id, name, default_cashback_percentage, active)
VALUES ('cccccccc-0000-4000-8000-000000000001', 'Console Bench Shop', 5, true);
INSERT INTO users (id, email, mailbox_key, hashed_password, role, active)
SELECT ('cccccccc-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'console-' || n || '@example.com',
       'console-' || n || '@example.com', 'x', 'user', true
FROM generate_series(1, 1000) n;
INSERT INTO wallets (user_id) SELECT id FROM users WHERE email LIKE 'console-%';
WITH ids AS (
    SELECT gen_random_uuid() AS id, ('cccccccc-0000-4000-8000-' || lpad((1 + g % 1000)::text, 12, '0'))::uuid AS user_id,
           now() - make_interval(secs => (g * 2592000.0 / :items)) AS created_at
    FROM generate_series(1, :items) AS g
), p AS (
    INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, cashback_amount, currency, status, created_at)
    SELECT id, 'console-' || id, user_id, 'cccccccc-0000-4000-8000-000000000001', 100.00, 5.00, 'EUR', 'pending',
           created_at FROM ids
    RETURNING id, user_id, cashback_amount, created_at
), c AS (
    INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, created_at)
    SELECT gen_random_uuid(), user_id, id, cashback_amount, created_at FROM p
), l AS (
    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
    SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id, created_at FROM p
), q AS (
    INSERT INTO purchase_verifications (purchase_id, created_at, next_attempt_at) SELECT id, created_at, created_at FROM p
)
UPDATE wallets w SET pending_balance = w.pending_balance + t.total
FROM (SELECT user_id, sum(cashback_amount) AS total FROM p GROUP BY user_id) t WHERE w.user_id = t.user_id;

UPDATE purchase_verifications SET parked_at = now() - interval '1 hour', interruptions = 3,
    last_error = 'parked for the console bench', last_error_class = 'interrupted'
WHERE purchase_id IN (SELECT purchase_id FROM purchase_verifications ORDER BY purchase_id LIMIT (:items / 100));
UPDATE purchase_verifications SET lease_owner = 'bench-worker-' || (get_byte(uuid_send(purchase_id), 0) % 4),
    lease_token = gen_random_uuid(), lease_expires_at = now() + interval '1 hour'
WHERE purchase_id IN (SELECT purchase_id FROM purchase_verifications WHERE parked_at IS NULL
                      ORDER BY purchase_id DESC LIMIT 2000);
INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, duration_ms, outcome)
SELECT 'purchase_confirmation', (SELECT purchase_id FROM purchase_verifications ORDER BY purchase_id LIMIT 1), 1,
       'bench-worker-' || (n % 4), now() - make_interval(secs => n * 0.06), 5,
       (ARRAY['confirmed', 'confirmed', 'confirmed', 'retry', 'unavailable'])[1 + n % 5]
FROM generate_series(0, 59999) n;
INSERT INTO worker_breakers (worker, job, downstream, state)
VALUES ('bench-worker-0', 'purchase_confirmation', 'bank', 'closed'),
       ('bench-worker-1', 'purchase_confirmation', 'bank', 'open');
ANALYZE;
