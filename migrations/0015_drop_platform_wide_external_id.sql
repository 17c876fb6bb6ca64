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

ALTER TABLE purchases DROP CONSTRAINT purchases_external_id_key;
