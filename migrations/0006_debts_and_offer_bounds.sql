-- Cashback reversed after it was withdrawn becomes a debt instead of a refusal (ADR 017), and new offers are
-- bounded to what a purchase can pay (ADR 016).
--
-- Every constraint is added NOT VALID: adding one then takes its lock only briefly, with no scan of the wallets
-- or the (large, append-only) ledger under it; 0008 validates them, which lets reads and writes go on.
SET LOCAL lock_timeout = '10s';

-- The owed bucket: what a user must pay back. Credits to the available bucket pay it off first, so a wallet
-- never holds available money and a debt at the same time; the last CHECK makes any write path that forgets
-- the repayment fail loudly instead of letting the user withdraw around the debt.
ALTER TABLE wallets ADD COLUMN owed_balance numeric(14,2) NOT NULL DEFAULT 0;
ALTER TABLE wallets ADD CONSTRAINT wallets_owed_nonnegative CHECK (owed_balance >= 0) NOT VALID;
ALTER TABLE wallets ADD CONSTRAINT wallets_debt_nets_available
    CHECK (available_balance = 0 OR owed_balance = 0) NOT VALID;

-- The new sets contain the old ones, so every existing row satisfies them.
ALTER TABLE wallet_ledger DROP CONSTRAINT wallet_ledger_bucket_check;
ALTER TABLE wallet_ledger ADD CONSTRAINT wallet_ledger_bucket_check
    CHECK (bucket IN ('pending', 'available', 'paid', 'owed')) NOT VALID;
ALTER TABLE wallet_ledger DROP CONSTRAINT wallet_ledger_reason_check;
ALTER TABLE wallet_ledger ADD CONSTRAINT wallet_ledger_reason_check CHECK (reason IN (
    'purchase_ingested', 'purchase_confirmed', 'purchase_rejected', 'purchase_reversed',
    'payout_requested', 'payout_completed', 'payout_failed', 'debt_repaid')) NOT VALID;

-- New offer amounts are money: whole cents between 0.01 and the largest purchase amount (9 999 999 999.99).
-- A trigger on INSERT, not a CHECK: offers stored before these bounds must stay readable *and* updatable (an
-- admin must be able to deactivate an absurd one), and ingestion caps every cashback at the purchase amount, so
-- such an offer cannot overflow a purchase row.
CREATE FUNCTION offers_check_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.fixed_amount IS NOT NULL
            AND NOT (NEW.fixed_amount BETWEEN 0.01 AND 9999999999.99 AND NEW.fixed_amount = round(NEW.fixed_amount, 2)))
        OR NOT (NEW.monthly_cap_per_user BETWEEN 0.01 AND 9999999999.99
                AND NEW.monthly_cap_per_user = round(NEW.monthly_cap_per_user, 2)) THEN
        RAISE EXCEPTION 'offer amounts must be whole cents between 0.01 and 9999999999.99'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER offers_check_bounds BEFORE INSERT ON offers FOR EACH ROW EXECUTE FUNCTION offers_check_bounds();
