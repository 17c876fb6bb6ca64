-- One account per mailbox (ADR 019): `mailbox_key` is the canonical identity of the mailbox an address reaches
-- (case, Unicode compatibility forms, IDN spelling, +tags and Gmail periods folded away; EmailAddress.mailboxKey)
-- and is unique, so `Alice@x.com`, `alice+2@x.com` and `ａｌｉｃｅ@x.com` are one account. `email` keeps the
-- address as typed for display.
--
-- Computing the key needs Unicode case folding and Punycode, which SQL lacks: `clicknback migrate` fills it in
-- for existing rows right after this file (MailboxKeyBackfill). A row whose key another account already holds
-- keeps NULL and is reported by `migrate` and `reconcile` — two accounts with money are never merged silently.
ALTER TABLE users ADD COLUMN mailbox_key text CHECK (mailbox_key IS NULL OR length(mailbox_key) >= 3);
CREATE UNIQUE INDEX users_mailbox_key_key ON users (mailbox_key);
