-- Issue #19: the send limit shared by every Careflow instance (Bucket4j's PostgreSQL proxy manager).
-- One row per sender bucket (careflow.messaging.send-limit.bucket-id); state is Bucket4j's
-- serialized token bucket, read and written under SELECT ... FOR UPDATE.
CREATE TABLE send_rate_bucket (
    id         BIGINT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
