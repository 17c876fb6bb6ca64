-- Validates the constraints 0006 added NOT VALID. VALIDATE CONSTRAINT scans the table under a SHARE UPDATE
-- EXCLUSIVE lock, which lets reads and writes go on while it runs (only other schema changes wait).
SET LOCAL lock_timeout = '10s';
ALTER TABLE wallets VALIDATE CONSTRAINT wallets_owed_nonnegative;
ALTER TABLE wallets VALIDATE CONSTRAINT wallets_debt_nets_available;
ALTER TABLE wallet_ledger VALIDATE CONSTRAINT wallet_ledger_bucket_check;
ALTER TABLE wallet_ledger VALIDATE CONSTRAINT wallet_ledger_reason_check;
