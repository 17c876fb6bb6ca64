-- Partners post purchases server to server (ADR 015): a partner is bound to merchants and holds credentials
-- whose secrets are stored encrypted with the server's PARTNER_SECRET_KEY (never in clear).

CREATE TABLE partners (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CONSTRAINT partners_name_key UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE partner_merchants (
    partner_id  uuid NOT NULL REFERENCES partners (id),
    merchant_id uuid NOT NULL REFERENCES merchants (id),
    PRIMARY KEY (partner_id, merchant_id)
);

CREATE TABLE partner_credentials (
    key_id            text PRIMARY KEY,
    partner_id        uuid NOT NULL REFERENCES partners (id),
    secret_ciphertext bytea NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- Set when the credential was rotated: it keeps working until then.
    expires_at        timestamptz,
    revoked_at        timestamptz
);
CREATE INDEX ix_partner_credentials_partner ON partner_credentials (partner_id);
