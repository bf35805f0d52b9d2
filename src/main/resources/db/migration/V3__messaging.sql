-- Messaging (issue #6): delivery reports, cost, skips, consent and number flags, the cap lock.
-- Runs on PostgreSQL and H2 (MODE=PostgreSQL).

-- Why a send was skipped (NO_CONSENT, OPTED_OUT, FREQUENCY_CAP), rules R20/R22.
ALTER TABLE message_log ADD COLUMN skip_reason VARCHAR(40);
-- Calls made to the provider for this send key (honest retry counting, backoff).
ALTER TABLE message_log ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- Segments and cost of the message, for ROI (rule R24).
ALTER TABLE message_log ADD COLUMN num_segments INTEGER;
ALTER TABLE message_log ADD COLUMN cost NUMERIC(12, 5);
ALTER TABLE message_log ADD COLUMN cost_currency VARCHAR(3);
-- When the provider accepted it, and when the last delivery report came in.
ALTER TABLE message_log ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE message_log ADD COLUMN status_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX message_log_provider ON message_log (provider_id);
CREATE INDEX message_log_cap ON message_log (customer_id, category, created_at);

-- What messaging knows about a phone number: opted out (STOP, Twilio 21610; rule R22) or
-- invalid (21211 and kin). Keyed by number: a buyer who changes numbers starts clean.
CREATE TABLE contact_status (
    phone               VARCHAR(32)  NOT NULL PRIMARY KEY,
    opted_out           BOOLEAN      NOT NULL DEFAULT FALSE,
    opt_out_source      VARCHAR(40),
    opted_out_at        TIMESTAMP WITH TIME ZONE,
    invalid_number      BOOLEAN      NOT NULL DEFAULT FALSE,
    invalid_error_code  INTEGER,
    invalid_at          TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per customer, locked (SELECT ... FOR UPDATE) while a marketing send is counted
-- against the frequency cap and recorded, so the cap holds across app instances (rule R20).
CREATE TABLE message_cap_lock (
    customer_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
