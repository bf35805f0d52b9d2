-- Issue #20, one name for Twilio's message id: Twilio calls it the Message SID (MessageSid in its
-- webhooks, sid in its API). The columns called provider_id (messaging) and provider_message_id
-- (analytics) are renamed to message_sid, with their indexes; no data changes.
ALTER TABLE message_log RENAME COLUMN provider_id TO message_sid;
ALTER INDEX message_log_provider RENAME TO message_log_message_sid;

ALTER TABLE unmatched_status_report RENAME COLUMN provider_id TO message_sid;
ALTER INDEX unmatched_status_report_provider RENAME TO unmatched_status_report_message_sid;

ALTER TABLE analytics_send RENAME COLUMN provider_message_id TO message_sid;
ALTER INDEX analytics_send_provider RENAME TO analytics_send_message_sid;

ALTER TABLE analytics_pending_status RENAME COLUMN provider_message_id TO message_sid;
