-- Identity (users, refresh tokens), catalog (merchants, offers), feature flags and the audit trail.
-- The database guards the domain: keys, NOT NULL, CHECKs and unique constraints back every rule
-- that a race could otherwise break.

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    email           text NOT NULL CONSTRAINT users_email_key UNIQUE,
    hashed_password text NOT NULL,
    role            text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_tokens (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id),
    token_hash     text NOT NULL CONSTRAINT refresh_tokens_token_hash_key UNIQUE
                   CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    family_id      uuid NOT NULL,
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL CHECK (expires_at > issued_at),
    used_at        timestamptz,
    revoked_at     timestamptz,
    rotation_count integer NOT NULL DEFAULT 0 CHECK (rotation_count >= 0)
);
CREATE INDEX ix_refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_expires_at ON refresh_tokens (expires_at);

CREATE TABLE merchants (
    id                          uuid PRIMARY KEY,
    -- insertion order, so listings without a specified order page stably
    seq                         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT merchants_seq_key UNIQUE,
    name                        text NOT NULL CONSTRAINT merchants_name_key UNIQUE,
    default_cashback_percentage numeric NOT NULL
                                CHECK (default_cashback_percentage >= 0 AND default_cashback_percentage <= 100),
    active                      boolean NOT NULL DEFAULT true,
    created_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_merchants_active ON merchants (active);

CREATE TABLE offers (
    id                   uuid PRIMARY KEY,
    seq                  bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT offers_seq_key UNIQUE,
    merchant_id          uuid NOT NULL REFERENCES merchants (id),
    -- percent offers: percentage > 0 and fixed_amount NULL; fixed offers: fixed_amount > 0 and percentage 0
    percentage           numeric NOT NULL DEFAULT 0 CHECK (percentage >= 0 AND percentage <= 100),
    fixed_amount         numeric CHECK (fixed_amount > 0),
    start_date           date NOT NULL,
    end_date             date NOT NULL,
    monthly_cap_per_user numeric NOT NULL CHECK (monthly_cap_per_user > 0),
    active               boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT offers_window_check CHECK (end_date >= start_date),
    CONSTRAINT offers_rule_check CHECK (
        (fixed_amount IS NULL AND percentage > 0) OR (fixed_amount IS NOT NULL AND percentage = 0)
    )
);
CREATE INDEX ix_offers_merchant_active ON offers (merchant_id, active);
CREATE INDEX ix_offers_window ON offers (start_date, end_date) WHERE active;

CREATE TABLE feature_flags (
    id          uuid PRIMARY KEY,
    key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*$' AND length(key) <= 100),
    enabled     boolean NOT NULL DEFAULT true,
    scope_type  text NOT NULL DEFAULT 'global' CHECK (scope_type IN ('global', 'merchant', 'user')),
    scope_id    uuid,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feature_flags_scope_id_check CHECK (scope_type = 'global' OR scope_id IS NOT NULL),
    CONSTRAINT uq_feature_flags_key_scope UNIQUE NULLS NOT DISTINCT (key, scope_type, scope_id)
);
CREATE INDEX ix_feature_flags_created_at ON feature_flags (created_at DESC, id);

CREATE TABLE audit_logs (
    id            uuid PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    actor_type    text NOT NULL CHECK (actor_type IN ('system', 'admin', 'user', 'partner')),
    actor_id      uuid,
    action        text NOT NULL,
    resource_type text NOT NULL,
    resource_id   text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('success', 'failure')),
    details       jsonb,
    CONSTRAINT audit_logs_actor_check CHECK ((actor_type = 'system') = (actor_id IS NULL))
);
CREATE INDEX ix_audit_logs_action ON audit_logs (action);
CREATE INDEX ix_audit_logs_actor_id ON audit_logs (actor_id);
CREATE INDEX ix_audit_logs_occurred_at ON audit_logs (occurred_at);
CREATE INDEX ix_audit_logs_resource ON audit_logs (resource_type, resource_id);

-- The audit trail is append-only: no role may rewrite history through the application's connection.
CREATE FUNCTION audit_logs_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only';
END;
$$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_forbid_change();
