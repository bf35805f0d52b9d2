-- Campaign test runs (issue #16): a test run's sends (SEED_LIST offers to the shop's own staff,
-- skips of its seeds) and its coupons are facts of the test, never results. They are kept apart
-- from the measured facts, so no attribution, rollup, distinct count, influence, member or
-- reminder figure can read them; the test run's own results (campaign_recipient) show them.
CREATE TABLE analytics_test_send (
    send_id          VARCHAR(100) NOT NULL PRIMARY KEY,
    message_sid      VARCHAR(64),
    customer_id      VARCHAR(64)  NOT NULL,
    campaign         VARCHAR(100) NOT NULL,
    occasion         VARCHAR(100) NOT NULL DEFAULT '',
    process_id       VARCHAR(100) NOT NULL DEFAULT '',
    process_version  INTEGER,
    step_id          VARCHAR(100) NOT NULL DEFAULT '',
    template_key     VARCHAR(100) NOT NULL DEFAULT '',
    channel          VARCHAR(20)  NOT NULL DEFAULT '',
    status           VARCHAR(20)  NOT NULL,
    status_rank      INTEGER      NOT NULL,
    status_at        TIMESTAMP WITH TIME ZONE,
    skip_reason      VARCHAR(60)  NOT NULL DEFAULT '',
    segments         INTEGER      NOT NULL DEFAULT 0,
    cost_shop        NUMERIC(14, 5) NOT NULL DEFAULT 0,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    send_day         DATE         NOT NULL
);
CREATE INDEX analytics_test_send_sid ON analytics_test_send (message_sid);
CREATE INDEX analytics_test_send_day ON analytics_test_send (send_day);

CREATE TABLE analytics_test_coupon (
    coupon_code  VARCHAR(64)  NOT NULL PRIMARY KEY,
    customer_id  VARCHAR(64)  NOT NULL,
    campaign     VARCHAR(100) NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    issue_day    DATE         NOT NULL
);

-- Test-run facts recorded before this version move out of the measured facts (nothing lost);
-- the rollups they touched are corrected by the logged recompute (POST /api/analytics/recompute).
INSERT INTO analytics_test_send (send_id, message_sid, customer_id, campaign, occasion, process_id,
    process_version, step_id, template_key, channel, status, status_rank, status_at, skip_reason,
    segments, cost_shop, sent_at, send_day)
SELECT send_id, message_sid, customer_id, campaign, occasion, process_id, process_version, step_id,
    template_key, channel, status, status_rank, status_at, skip_reason, segments, cost_shop, sent_at,
    send_day
FROM analytics_send WHERE campaign LIKE '%-TEST-%';
UPDATE analytics_order SET credited_send_id = NULL, credited_lag_seconds = NULL
WHERE credited_send_id IN (SELECT send_id FROM analytics_test_send);
DELETE FROM analytics_send WHERE campaign LIKE '%-TEST-%';
INSERT INTO analytics_test_coupon (coupon_code, customer_id, campaign, issued_at, issue_day)
SELECT coupon_code, customer_id, campaign, issued_at, issue_day FROM analytics_coupon
WHERE campaign LIKE '%-TEST-%';
DELETE FROM analytics_coupon WHERE campaign LIKE '%-TEST-%';
