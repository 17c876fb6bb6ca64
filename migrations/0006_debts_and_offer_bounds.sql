-- Cashback reversed after it was withdrawn becomes a debt instead of a refusal (ADR 017), and offers are bounded
-- to what a purchase can pay (ADR 016).

-- The owed bucket: what a user must pay back. Credits to the available bucket pay it off first, so a wallet
-- never holds available money and a debt at the same time; the last CHECK makes any write path that forgets
-- the repayment fail loudly instead of letting the user withdraw around the debt.
ALTER TABLE wallets ADD COLUMN owed_balance numeric(14,2) NOT NULL DEFAULT 0
    CONSTRAINT wallets_owed_nonnegative CHECK (owed_balance >= 0);
ALTER TABLE wallets ADD CONSTRAINT wallets_debt_nets_available CHECK (available_balance = 0 OR owed_balance = 0);

ALTER TABLE wallet_ledger DROP CONSTRAINT wallet_ledger_bucket_check;
ALTER TABLE wallet_ledger ADD CONSTRAINT wallet_ledger_bucket_check
    CHECK (bucket IN ('pending', 'available', 'paid', 'owed'));
ALTER TABLE wallet_ledger DROP CONSTRAINT wallet_ledger_reason_check;
ALTER TABLE wallet_ledger ADD CONSTRAINT wallet_ledger_reason_check CHECK (reason IN (
    'purchase_ingested', 'purchase_confirmed', 'purchase_rejected', 'purchase_reversed',
    'payout_requested', 'payout_completed', 'payout_failed', 'debt_repaid'));

-- Offer amounts are money: whole cents between 0.01 and the largest purchase amount (9 999 999 999.99).
-- NOT VALID: rows written before these bounds existed stay readable (ingestion caps every cashback at the
-- purchase amount, so even such an offer cannot overflow a purchase row); every new or changed row is checked.
ALTER TABLE offers ADD CONSTRAINT offers_fixed_amount_bounds CHECK (
    fixed_amount IS NULL
    OR (fixed_amount BETWEEN 0.01 AND 9999999999.99 AND fixed_amount = round(fixed_amount, 2))) NOT VALID;
ALTER TABLE offers ADD CONSTRAINT offers_monthly_cap_bounds CHECK (
    monthly_cap_per_user BETWEEN 0.01 AND 9999999999.99
    AND monthly_cap_per_user = round(monthly_cap_per_user, 2)) NOT VALID;
