-- Nothing skipped silently (issue #21 finding 4) and the journey step's detail (issue #17).
-- Runs on PostgreSQL and H2 (MODE=PostgreSQL).

-- The Twilio error code of a failed or undelivered send (the refusal, or the delivery report's
-- ErrorCode), so the results count failures by code per step and campaign. NULL when none.
ALTER TABLE analytics_send ADD COLUMN error_code INTEGER;
ALTER TABLE analytics_pending_status ADD COLUMN error_code INTEGER;

-- A step's own figures (its skips by reason, its failures by code) read by step and send day.
CREATE INDEX analytics_send_step ON analytics_send (process_id, step_id, send_day);
