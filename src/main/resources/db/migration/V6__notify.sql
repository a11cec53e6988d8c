-- Customer notifications and outbound webhooks (routes/notify-customer.camel.yaml).
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per (notice, channel): a notice redelivered finds its row and sends nothing twice.
-- status: SENDING (claimed, the provider was or is being called), SENT, UNKNOWN (the provider may
-- have sent it; an operator decides), FAILED (refused by the provider, nothing was sent).
CREATE TABLE notification_sent (
    tenant        VARCHAR(63)   NOT NULL,
    notice_id     VARCHAR(200)  NOT NULL,   -- InvoiceNotice.noticeId: invoice + kind (+ payment)
    channel       VARCHAR(16)   NOT NULL,   -- EMAIL | SMS
    invoice_id    VARCHAR(64)   NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    provider      VARCHAR(16)   NOT NULL,   -- smtp | twilio | smsru
    status        VARCHAR(16)   NOT NULL,
    message_id    VARCHAR(255),             -- SMTP Message-ID, Twilio sid, SMS.ru sms_id
    detail        VARCHAR(1000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, notice_id, channel)
);
CREATE INDEX notification_sent_invoice_ix ON notification_sent (tenant, invoice_id);
CREATE INDEX notification_sent_status_ix ON notification_sent (status, updated_at);

-- One row per (event, subscribed URL); id is the webhook-id, the same on every attempt.
-- status: PENDING (next_attempt_at says when), DELIVERED, FAILED (attempts used up, or 410 Gone).
CREATE TABLE webhook_delivery (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    tenant          VARCHAR(63)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    body            TEXT          NOT NULL,   -- the exact JSON sent on every attempt
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,                  -- the subscriber's last HTTP status, null: no answer
    last_error      VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_delivery_due_ix ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_tenant_ix ON webhook_delivery (tenant, status, created_at);
