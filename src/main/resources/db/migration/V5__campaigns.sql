-- Holiday re-engagement campaigns (rule R19): one row per campaign (occasion and year, or day for
-- birthdays) and one row per customer the campaign considered, so a retried batch never starts a
-- second offer for the same customer, and skipped customers are recorded with the reason (R22).

CREATE TABLE campaign (
    campaign_id    VARCHAR(100) NOT NULL PRIMARY KEY,
    occasion       VARCHAR(50)  NOT NULL,
    campaign_date  DATE         NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE campaign_recipient (
    campaign_id           VARCHAR(100) NOT NULL,
    customer_id           VARCHAR(64)  NOT NULL,
    status                VARCHAR(30)  NOT NULL,
    process_instance_key  BIGINT,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);

CREATE INDEX campaign_recipient_status ON campaign_recipient (campaign_id, status);
