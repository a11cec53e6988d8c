-- Several hub instances share one database: what they must agree on lives here.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode. Times are epoch milliseconds
-- given by the instances (their clocks are kept in sync, e.g. NTP; leases last much longer than skew).

-- Leases: a job that must run on one instance at a time (a tenant mailbox, the billing schedule)
-- is run by the holder of its lease. The holder renews it every few seconds; once it is past
-- expires_at another instance takes it over. Released (deleted) on an orderly shutdown.
CREATE TABLE cluster_lease (
    name        VARCHAR(200)  NOT NULL PRIMARY KEY,   -- mailbox:intake-email.acme.sales, route:billing-due
    holder      VARCHAR(200)  NOT NULL,               -- instance id (lintas.cluster.instance-id)
    expires_at  BIGINT        NOT NULL,               -- epoch millis
    taken_at    BIGINT        NOT NULL                -- when this holder took it (epoch millis)
);
CREATE INDEX cluster_lease_holder ON cluster_lease (holder);

-- The per-portal Bitrix24 rate limit shared by all instances: a leaky bucket kept as its
-- "theoretical arrival time" (tat: when the bucket would be empty again), plus a pause the portal
-- asked for (503/429). One row per portal, and one per portal + method for method pauses.
-- Updated by compare-and-set on version, so concurrent instances never both take one place.
CREATE TABLE rate_bucket (
    bucket_key    VARCHAR(300)  NOT NULL PRIMARY KEY, -- portal domain, or domain + ' ' + method
    tat_micros    BIGINT        NOT NULL,             -- epoch micros when the bucket drains empty
    paused_until  BIGINT        NOT NULL,             -- epoch micros; no request before
    throttled     BIGINT        NOT NULL,             -- how often the portal pushed back
    version       BIGINT        NOT NULL
);

-- Round-robin rotations shared by all instances (responsible user per lead/task): the next
-- position of each pool, and the position each subject (lead id) got, so a retry gets the same.
CREATE TABLE round_robin_pool (
    pool          VARCHAR(300)  NOT NULL PRIMARY KEY,
    next_position BIGINT        NOT NULL
);
CREATE TABLE round_robin_given (
    pool          VARCHAR(300)  NOT NULL,
    subject       VARCHAR(200)  NOT NULL,
    position      BIGINT        NOT NULL,
    PRIMARY KEY (pool, subject)
);
CREATE INDEX round_robin_given_position ON round_robin_given (pool, position);
