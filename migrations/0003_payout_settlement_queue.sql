-- The payout settlement job's queue: one row per payout in 'processing', leased like purchase verifications.
-- Rows are added when an admin moves a payout to 'processing' and removed when it completes or fails.

CREATE TABLE payout_settlements (
    payout_id        uuid PRIMARY KEY REFERENCES payouts (id),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    lease_token      uuid,
    lease_expires_at timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_payout_settlements_due ON payout_settlements (next_attempt_at);
