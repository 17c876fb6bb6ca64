-- Partner replay protection and rate limits shared by every API instance (ADR 038). Expand-only: two new tables;
-- API hosts still on the previous release keep their per-process checks until they are upgraded.

-- Each accepted signature (the key id and the HMAC in hex), once. A row older than twice the signing window is
-- deleted by the next insert; the index makes that a range scan.
CREATE TABLE partner_signatures (
    signature text PRIMARY KEY,
    seen_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ix_partner_signatures_seen ON partner_signatures (seen_at);

-- Each partner's rate-limit clock (GCRA): the earliest time at which the partner's bucket is empty again.
CREATE TABLE partner_rate_limits (
    partner_id   uuid PRIMARY KEY REFERENCES partners (id),
    next_slot_at timestamptz NOT NULL
);
