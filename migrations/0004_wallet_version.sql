-- Optimistic concurrency for ingestion (ADR 014): every change to a wallet row bumps its version, so an
-- ingestion that computed the monthly cap from an earlier read can record itself only if nothing touched the
-- wallet since (ON CONFLICT ... DO UPDATE ... WHERE version = <read>), without holding the row lock across
-- round trips. The trigger makes the bump impossible to forget on any write path.

ALTER TABLE wallets ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION wallets_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END;
$$;

CREATE TRIGGER wallets_bump_version BEFORE UPDATE ON wallets
    FOR EACH ROW EXECUTE FUNCTION wallets_bump_version();
