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

-- Invoice requests made from a Bitrix24 deal in the tenant's invoice stage: one per (tenant, deal + stage).
-- Written when the request is put on lintas.billing, so a repeated CRM event asks for no second invoice
-- (billing's unique (tenant, request_key) on invoice is the last guard).
CREATE TABLE deal_invoice_request (
    tenant      VARCHAR(63)   NOT NULL,
    request_key VARCHAR(255)  NOT NULL,                 -- deal:<ID>:<STAGE_ID>
    invoice_id  VARCHAR(26)   NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, request_key)
);
