-- The follow-ups of a paid or reversed invoice (routes/billing-paid.camel.yaml): one row per step done,
-- so a redelivered lintas.paid message never moves, comments or notifies twice. An invoice may have no
-- lead (made through the API), so the lead's journey cannot carry these markers on its own.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE invoice_follow_up (
    invoice_id  VARCHAR(26)   NOT NULL,
    transition  VARCHAR(16)   NOT NULL,                 -- PAID | REVERSED
    step        VARCHAR(32)   NOT NULL,                 -- DEAL_MOVED | DEAL_COMMENTED | TASK_DONE | MANAGER_NOTIFIED
    tenant      VARCHAR(63)   NOT NULL,
    detail      VARCHAR(1000),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (invoice_id, transition, step)
);
