-- A touch remembers the sender event it came from. A call that attached to an open lead as a
-- REPEAT and is then notified again (Twilio's <Dial> callback and the status callback of one
-- CallSid, a retried webhook) is a DUPLICATE of that lead, not a second REPEAT.
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

ALTER TABLE lead_touch ADD COLUMN source VARCHAR(32);
ALTER TABLE lead_touch ADD COLUMN source_event_id VARCHAR(255);
CREATE INDEX lead_touch_source_event_ix ON lead_touch (source, source_event_id);
