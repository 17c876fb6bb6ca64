-- migrate: after-rollout
--
-- Partner external-id namespaces, the contract half (ADR 040). Runs once every API host runs a release that
-- writes partner_id: `clicknback migrate --before-rollout` stops before this file, `clicknback migrate` after
-- the rollout applies it. First the partner purchases that hosts of the previous release ingested during the
-- rollout (a few, written without partner_id) get their partner from their audit rows, as in 0014; then the
-- platform-wide constraint goes, and from here on the same external id from two partners is two purchases.

SET LOCAL lock_timeout = '5s';

UPDATE purchases p SET partner_id = a.actor_id
FROM audit_logs a
WHERE a.actor_type = 'partner' AND a.action = 'PURCHASE_INGESTED' AND a.resource_type = 'purchase'
  AND p.id = a.resource_id::uuid AND p.partner_id IS NULL;

-- As in 0014: short tries for the table lock, so that writes never queue long behind it.
DO $$
BEGIN
    FOR attempt IN 1..40 LOOP
        PERFORM set_config('lock_timeout', CASE WHEN attempt < 40 THEN '50ms' ELSE '5s' END, true);
        BEGIN
            ALTER TABLE purchases DROP CONSTRAINT purchases_external_id_key;
            RETURN;
        EXCEPTION WHEN lock_not_available THEN
            IF attempt = 40 THEN
                RAISE;
            END IF;
            PERFORM pg_sleep(0.25);
        END;
    END LOOP;
END $$;
