-- Mail attachments, kept by reference: a lead lists its attachments (name, type, size) with a
-- reference "attachment:<sha256>" into this table. Content-addressed per tenant, so the same file
-- sent twice (or a mail read again after a crash) is stored once.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (the embedded default).

CREATE TABLE lead_attachment (
    tenant       VARCHAR(63)  NOT NULL,
    sha256       CHAR(64)     NOT NULL,                  -- hex SHA-256 of body
    content_type VARCHAR(255),
    size_bytes   BIGINT       NOT NULL,
    body         BYTEA        NOT NULL,
    stored_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, sha256)
);
