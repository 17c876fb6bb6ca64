-- Purchases, cashback transactions, wallets with their append-only ledger, payouts, and the worker's
-- verification queue. Money is numeric(14,2); balances can never go negative (the last line of defence
-- behind the wallet row lock).

CREATE TABLE wallets (
    user_id           uuid PRIMARY KEY REFERENCES users (id),
    pending_balance   numeric(14,2) NOT NULL DEFAULT 0 CONSTRAINT wallets_pending_nonnegative CHECK (pending_balance >= 0),
    available_balance numeric(14,2) NOT NULL DEFAULT 0 CONSTRAINT wallets_available_nonnegative CHECK (available_balance >= 0),
    paid_balance      numeric(14,2) NOT NULL DEFAULT 0 CONSTRAINT wallets_paid_nonnegative CHECK (paid_balance >= 0),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE purchases (
    id              uuid PRIMARY KEY,
    external_id     text NOT NULL CONSTRAINT purchases_external_id_key UNIQUE CHECK (length(external_id) >= 1),
    user_id         uuid NOT NULL REFERENCES users (id),
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    offer_id        uuid REFERENCES offers (id),
    amount          numeric(14,2) NOT NULL CHECK (amount > 0),
    cashback_amount numeric(14,2) NOT NULL DEFAULT 0 CHECK (cashback_amount >= 0),
    currency        text NOT NULL CHECK (length(currency) = 3),
    status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'confirmed', 'rejected', 'reversed')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- when the purchase left 'pending' (confirmation, rejection or reversal)
    settled_at      timestamptz
);
CREATE INDEX ix_purchases_user_created ON purchases (user_id, created_at DESC, id);
CREATE INDEX ix_purchases_created ON purchases (created_at DESC, id);
CREATE INDEX ix_purchases_status ON purchases (status);
CREATE INDEX ix_purchases_merchant ON purchases (merchant_id);
CREATE INDEX ix_purchases_cap ON purchases (user_id, offer_id, created_at) WHERE status IN ('pending', 'confirmed');

CREATE TABLE cashback_transactions (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    purchase_id uuid NOT NULL CONSTRAINT cashback_transactions_purchase_key UNIQUE REFERENCES purchases (id),
    amount      numeric(14,2) NOT NULL CHECK (amount >= 0),
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'available', 'reversed')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_cashback_transactions_user_created ON cashback_transactions (user_id, created_at DESC, id);

CREATE TABLE payouts (
    id                 uuid PRIMARY KEY,
    user_id            uuid NOT NULL REFERENCES users (id),
    amount             numeric(14,2) NOT NULL CHECK (amount > 0),
    method             text NOT NULL CHECK (method IN ('bank_transfer', 'card')),
    details            jsonb NOT NULL DEFAULT '{}'::jsonb,
    status             text NOT NULL CHECK (status IN ('requested', 'processing', 'completed', 'failed')),
    idempotency_key    text,
    requested_at       timestamptz NOT NULL DEFAULT now(),
    processed_at       timestamptz,
    external_reference text,
    CONSTRAINT payouts_idempotency_key UNIQUE (user_id, idempotency_key)
);
CREATE INDEX ix_payouts_user_requested ON payouts (user_id, requested_at DESC, id);
CREATE INDEX ix_payouts_status ON payouts (status, requested_at);

-- Every balance change, in the same transaction as the change. (reference, reason, bucket) identifies a
-- movement, so replaying one is impossible.
CREATE TABLE wallet_ledger (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES wallets (user_id),
    bucket       text NOT NULL CHECK (bucket IN ('pending', 'available', 'paid')),
    delta        numeric(14,2) NOT NULL CHECK (delta <> 0),
    reason       text NOT NULL CHECK (reason IN (
                     'purchase_ingested', 'purchase_confirmed', 'purchase_rejected', 'purchase_reversed',
                     'payout_requested', 'payout_completed', 'payout_failed')),
    reference_id uuid NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallet_ledger_movement_key UNIQUE (reference_id, reason, bucket)
);
CREATE INDEX ix_wallet_ledger_user ON wallet_ledger (user_id, id DESC);

CREATE FUNCTION wallet_ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'wallet_ledger is append-only';
END;
$$;
CREATE TRIGGER wallet_ledger_append_only BEFORE UPDATE OR DELETE ON wallet_ledger
    FOR EACH ROW EXECUTE FUNCTION wallet_ledger_forbid_change();

-- The confirmation worker's queue: one small row per purchase awaiting verification, deleted when the
-- purchase settles, so the hot table stays small. Leases make claims safe across worker processes.
CREATE TABLE purchase_verifications (
    purchase_id      uuid PRIMARY KEY REFERENCES purchases (id),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    lease_token      uuid,
    lease_expires_at timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_purchase_verifications_due ON purchase_verifications (next_attempt_at);
