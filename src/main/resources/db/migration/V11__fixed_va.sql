-- Xendit Fixed Virtual Accounts (billing.fixed-va): one per tenant and customer, made once with
-- POST /callback_virtual_accounts and bound to each of the customer's invoices, so a customer always
-- pays to the same account number. Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE customer_fixed_va (
    tenant          VARCHAR(63)   NOT NULL,
    customer_key    VARCHAR(320)  NOT NULL,   -- the customer's email (lower case), else their phone (E.164)
    external_id     VARCHAR(64)   NOT NULL,   -- what Lintas sent as external_id (lintas-fva-...)
    state           VARCHAR(16)   NOT NULL,   -- CREATING (a call is out or its outcome is unclear) | CREATED | REFUSED
    xendit_id       VARCHAR(64),              -- callback_virtual_account_id, once CREATED
    bank_code       VARCHAR(32),
    account_number  VARCHAR(64),
    detail          VARCHAR(500),             -- why REFUSED or unclear (Xendit's error code and message)
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, customer_key)
);
