-- The worker as a client of network services (ADR 020): both queue tables learn to count every claim, to
-- tell infrastructure failures from business answers, to park an item for an operator, and to keep an
-- attempt journal. Payouts carry the idempotency key the rail sees on every call.
--
-- Every column added here has a constant default (or none), so ADD COLUMN does not rewrite the tables;
-- the idempotency key is the exception on the small payout queue (a volatile default fills existing rows).
SET LOCAL lock_timeout = '10s';

-- attempts          business attempts ("no matching movement yet"), the spec's verification budget
-- claims            every claim, counted before any call: the attempt number of the journal
-- interruptions     consecutive attempts that crashed or whose outcome the database refused
-- failing_since     when the current streak of infrastructure failures began (NULL: none)
-- last_error_class  timeout, connection, http_5xx, http_429, http_4xx, malformed, business, interrupted…
-- parked_at         set when the item stopped being claimed and waits for an operator's redrive
ALTER TABLE purchase_verifications
    ADD COLUMN claims integer NOT NULL DEFAULT 0 CHECK (claims >= 0),
    ADD COLUMN interruptions integer NOT NULL DEFAULT 0 CHECK (interruptions >= 0),
    ADD COLUMN failing_since timestamptz,
    ADD COLUMN last_error_class text,
    ADD COLUMN parked_at timestamptz;

ALTER TABLE payout_settlements
    ADD COLUMN claims integer NOT NULL DEFAULT 0 CHECK (claims >= 0),
    ADD COLUMN interruptions integer NOT NULL DEFAULT 0 CHECK (interruptions >= 0),
    ADD COLUMN failing_since timestamptz,
    ADD COLUMN last_error_class text,
    ADD COLUMN parked_at timestamptz,
    ADD COLUMN idempotency_key uuid NOT NULL DEFAULT gen_random_uuid();

-- Claims look for due, unparked rows in due order; parked rows are listed by operators.
DROP INDEX ix_purchase_verifications_due;
CREATE INDEX ix_purchase_verifications_due ON purchase_verifications (next_attempt_at) WHERE parked_at IS NULL;
CREATE INDEX ix_purchase_verifications_parked ON purchase_verifications (parked_at) WHERE parked_at IS NOT NULL;
DROP INDEX ix_payout_settlements_due;
CREATE INDEX ix_payout_settlements_due ON payout_settlements (next_attempt_at) WHERE parked_at IS NULL;
CREATE INDEX ix_payout_settlements_parked ON payout_settlements (parked_at) WHERE parked_at IS NOT NULL;

-- One row per attempt of any job, written by the worker in batches and pruned after its retention.
CREATE TABLE job_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job         text NOT NULL CHECK (job IN ('purchase_confirmation', 'payout_settlement')),
    item_id     uuid NOT NULL,
    attempt     integer NOT NULL CHECK (attempt >= 1),
    worker      text NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms numeric(12,3),
    outcome     text NOT NULL,
    error_class text,
    message     text
);
CREATE INDEX ix_job_attempts_item ON job_attempts (job, item_id, id);
CREATE INDEX ix_job_attempts_started ON job_attempts (started_at);

-- The shared rate limit of each downstream: the earliest time the next call may start (a reservation clock,
-- advanced by 1/rate per call by whichever worker calls).
CREATE TABLE downstream_rate_limits (
    downstream   text PRIMARY KEY,
    next_slot_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO downstream_rate_limits (downstream) VALUES ('bank'), ('rail');
