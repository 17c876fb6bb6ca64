-- migrate: no-transaction
--
-- Partner external-id namespaces, the expand half (ADR 040): each partner's external ids become its own, and
-- the ids users post for themselves keep one namespace of their own (partner_id null). Runs while the previous
-- release serves traffic, so nothing here blocks writes for long, and the old platform-wide constraint
-- purchases_external_id_key stays until 0015 (after the rollout): a host still on the previous release writes
-- partner purchases without partner_id, and that constraint keeps them from being ingested twice meanwhile.
--
-- Outside a transaction, each statement commits on its own, so every statement here can run again after a
-- failure half-way (migrate records the file only once all of it ran).

-- The column and the foreign key need locks on purchases that every write queues behind while they wait. A wait
-- behind autovacuum lasts deadlock_timeout (a second) before PostgreSQL cancels the vacuum, and ingestion would
-- stall meanwhile (make bench-migration saw it). So each try waits at most 50 ms and a refused try is repeated
-- a quarter of a second later, for ten seconds; only the last try may wait 5 s.
DO $$
BEGIN
    FOR attempt IN 1..40 LOOP
        PERFORM set_config('lock_timeout', CASE WHEN attempt < 40 THEN '50ms' ELSE '5s' END, true);
        BEGIN
            -- A nullable column without a default is a catalog change: no table rewrite.
            ALTER TABLE purchases ADD COLUMN IF NOT EXISTS partner_id uuid;
            -- NOT VALID: no scan under the lock; VALIDATE at the end scans without blocking writes.
            ALTER TABLE purchases DROP CONSTRAINT IF EXISTS purchases_partner_id_fkey;
            ALTER TABLE purchases ADD CONSTRAINT purchases_partner_id_fkey FOREIGN KEY (partner_id)
                REFERENCES partners (id) NOT VALID;
            RETURN;
        EXCEPTION WHEN lock_not_available THEN
            IF attempt = 40 THEN
                RAISE;
            END IF;
            PERFORM pg_sleep(0.25);
        END;
    END LOOP;
END $$;

-- Each purchase a partner ingested says so in its audit row (actor_type partner, append-only, never pruned).
-- The procedure walks the purchases' audit rows in resource_id order (the index ix_audit_logs_resource), a batch
-- at a time, and commits after each: row locks last one batch, and the whole walk reads each audit row once.
CREATE OR REPLACE PROCEDURE attribute_partner_purchases(batch integer)
LANGUAGE plpgsql AS $$
DECLARE
    done_through text := '';
    batch_end    text;
BEGIN
    LOOP
        SELECT max(resource_id) INTO batch_end
        FROM (SELECT resource_id FROM audit_logs
              WHERE resource_type = 'purchase' AND resource_id > done_through
              ORDER BY resource_id LIMIT batch) page;
        EXIT WHEN batch_end IS NULL;
        UPDATE purchases p SET partner_id = a.actor_id
        FROM audit_logs a
        WHERE a.resource_type = 'purchase' AND a.resource_id > done_through AND a.resource_id <= batch_end
          AND a.actor_type = 'partner' AND a.action = 'PURCHASE_INGESTED'
          AND p.id = a.resource_id::uuid AND p.partner_id IS NULL;
        COMMIT;
        done_through := batch_end;
    END LOOP;
END $$;

CALL attribute_partner_purchases(10000);
DROP PROCEDURE attribute_partner_purchases(integer);

-- Built without blocking writes; a build interrupted half-way leaves an invalid index behind, dropped first.
DROP INDEX CONCURRENTLY IF EXISTS purchases_namespace_external_id_key;
CREATE UNIQUE INDEX CONCURRENTLY purchases_namespace_external_id_key
    ON purchases (external_id, partner_id) NULLS NOT DISTINCT;

ALTER TABLE purchases VALIDATE CONSTRAINT purchases_partner_id_fkey;
