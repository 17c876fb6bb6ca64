-- The monthly cap's "already earned" as one row per user, offer and UTC month (ADR 031), so that checking the
-- cap costs the same for a user's first and ten-thousandth purchase of the month. A trigger on purchases keeps
-- it: a purchase counts its cashback while it is pending or confirmed, so an insert adds, and a change of
-- status or cashback (a rejection, a reversal) takes the old contribution off and puts the new one on.
--
-- Creating the trigger locks purchases against writes until this migration commits, so the fill below sees
-- every purchase once and none is counted twice; ingestion waits for the fill.
SET LOCAL lock_timeout = '10s';

CREATE TABLE cashback_earned (
    user_id  uuid NOT NULL REFERENCES users (id),
    offer_id uuid NOT NULL REFERENCES offers (id),
    month    date NOT NULL CHECK (extract(day FROM month) = 1),
    amount   numeric(14,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (user_id, offer_id, month)
);

CREATE FUNCTION purchases_count_cashback_earned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A confirmation changes the status but not what counts: nothing to write on the worker's hot path.
    IF TG_OP = 'UPDATE' AND (OLD.status IN ('pending', 'confirmed')) = (NEW.status IN ('pending', 'confirmed'))
       AND OLD.cashback_amount = NEW.cashback_amount THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.offer_id IS NOT NULL AND OLD.status IN ('pending', 'confirmed') THEN
        UPDATE cashback_earned SET amount = amount - OLD.cashback_amount
        WHERE user_id = OLD.user_id AND offer_id = OLD.offer_id
          AND month = date_trunc('month', OLD.created_at AT TIME ZONE 'UTC')::date;
    END IF;
    IF NEW.offer_id IS NOT NULL AND NEW.status IN ('pending', 'confirmed') THEN
        INSERT INTO cashback_earned AS e (user_id, offer_id, month, amount)
        VALUES (NEW.user_id, NEW.offer_id, date_trunc('month', NEW.created_at AT TIME ZONE 'UTC')::date,
                NEW.cashback_amount)
        ON CONFLICT (user_id, offer_id, month) DO UPDATE SET amount = e.amount + excluded.amount;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER purchases_count_cashback_earned AFTER INSERT OR UPDATE OF status, cashback_amount ON purchases
    FOR EACH ROW EXECUTE FUNCTION purchases_count_cashback_earned();

INSERT INTO cashback_earned (user_id, offer_id, month, amount)
SELECT user_id, offer_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, sum(cashback_amount)
FROM purchases
WHERE offer_id IS NOT NULL AND status IN ('pending', 'confirmed')
GROUP BY 1, 2, 3;
