-- What the operations console's Money and Queues pages read (ADR 022).
--
-- reconcile_runs: each `clicknback reconcile` run's result, newest last, so the console can show the latest one
-- (the textfile metric only keeps counts). The run appends its row after the read-only check; the API prunes
-- nothing here, the reconcile command itself keeps the newest 1 000 runs.
CREATE TABLE reconcile_runs (
    id                bigserial PRIMARY KEY,
    finished_at       timestamptz NOT NULL DEFAULT now(),
    wallets_checked   integer NOT NULL CHECK (wallets_checked >= 0),
    purchases_checked integer NOT NULL CHECK (purchases_checked >= 0),
    payouts_checked   integer NOT NULL CHECK (payouts_checked >= 0),
    drift_count       integer NOT NULL CHECK (drift_count >= 0),
    -- The first 100 drifts, each {"rule", "subject", "detail"}; drift_count says how many there were.
    drifts            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(drifts) = 'array')
);

-- worker_breakers: each worker's breaker state per job, reported every few seconds by the worker (breakers live
-- in worker memory). A row not reported for a while belongs to a stopped worker; the worker's own report
-- deletes rows left unreported for a day.
CREATE TABLE worker_breakers (
    worker      text NOT NULL,
    job         text NOT NULL CHECK (job IN ('purchase_confirmation', 'payout_settlement')),
    downstream  text NOT NULL CHECK (downstream IN ('bank', 'rail')),
    state       text NOT NULL CHECK (state IN ('closed', 'half-open', 'open')),
    reported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (worker, job)
);

-- The console's "pending longest": the oldest pending purchases, without reading every pending row or walking
-- the whole history from its oldest end. Pending rows are few and short-lived, so the index stays small; it is
-- built in the migration's transaction, which blocks writes to purchases while it scans them (under a second for
-- a few hundred thousand rows). Waiting for the lock would queue every ingest behind it, so the wait is bounded.
SET LOCAL lock_timeout = '10s';
CREATE INDEX ix_purchases_pending_created ON purchases (created_at, id) WHERE status = 'pending';
