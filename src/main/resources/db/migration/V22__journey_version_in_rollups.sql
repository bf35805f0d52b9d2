-- Per-step figures by journey version (issue #16). Runs on PostgreSQL and H2 (MODE=PostgreSQL).
--
-- Every send fact records the journey's BPMN process id and deployed version (analytics_send and
-- analytics_test_send.process_version, since V9/V20): a journey's process-level start listener
-- (journey-version) passes the version into message-delivery as callingProcessVersion. NULL means
-- "version unknown" (sends recorded before this version, and instances started before their
-- journey had the listener); it is shown as unknown, never guessed.

-- Coupons a step issued carry the version of the journey that issued them, as sends do.
ALTER TABLE analytics_coupon ADD COLUMN process_version INTEGER;

-- The rollups' new dimension: the version as text, '' for unknown (dimensions are never NULL, so
-- rollup keys compare). A step of another version is another row. Existing rows: unknown. The
-- table is rebuilt with the new key (a primary key's name differs between PostgreSQL and H2).
CREATE TABLE analytics_rollup_v22 (
    basis               VARCHAR(4)   NOT NULL,
    shop_day            DATE         NOT NULL,
    process_id          VARCHAR(100) NOT NULL,
    step_id             VARCHAR(100) NOT NULL,
    step_name           VARCHAR(200) NOT NULL,
    campaign            VARCHAR(100) NOT NULL,
    occasion            VARCHAR(100) NOT NULL,
    segment             VARCHAR(20)  NOT NULL,
    template_key        VARCHAR(100) NOT NULL,
    channel             VARCHAR(20)  NOT NULL,
    process_version     VARCHAR(10)  NOT NULL DEFAULT '',
    sent                BIGINT       NOT NULL DEFAULT 0,
    delivered           BIGINT       NOT NULL DEFAULT 0,
    failed              BIGINT       NOT NULL DEFAULT 0,
    skipped             BIGINT       NOT NULL DEFAULT 0,
    segments            BIGINT       NOT NULL DEFAULT 0,
    message_cost        NUMERIC(18, 5) NOT NULL DEFAULT 0,
    coupon_cost         NUMERIC(18, 2) NOT NULL DEFAULT 0,
    credited_orders     BIGINT       NOT NULL DEFAULT 0,
    credited_units      BIGINT       NOT NULL DEFAULT 0,
    credited_gmv        NUMERIC(18, 2) NOT NULL DEFAULT 0,
    credited_reduction  NUMERIC(18, 2) NOT NULL DEFAULT 0,
    decay_0_6           BIGINT       NOT NULL DEFAULT 0,
    decay_6_12          BIGINT       NOT NULL DEFAULT 0,
    decay_12_24         BIGINT       NOT NULL DEFAULT 0,
    decay_24_48         BIGINT       NOT NULL DEFAULT 0,
    decay_48_72         BIGINT       NOT NULL DEFAULT 0,
    decay_72_plus       BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (basis, shop_day, process_id, step_id, step_name, campaign, occasion, segment,
        template_key, channel, process_version)
);
INSERT INTO analytics_rollup_v22 (basis, shop_day, process_id, step_id, step_name, campaign,
    occasion, segment, template_key, channel, sent, delivered, failed, skipped, segments,
    message_cost, coupon_cost, credited_orders, credited_units, credited_gmv, credited_reduction,
    decay_0_6, decay_6_12, decay_12_24, decay_24_48, decay_48_72, decay_72_plus)
SELECT basis, shop_day, process_id, step_id, step_name, campaign, occasion, segment, template_key,
    channel, sent, delivered, failed, skipped, segments, message_cost, coupon_cost,
    credited_orders, credited_units, credited_gmv, credited_reduction, decay_0_6, decay_6_12,
    decay_12_24, decay_24_48, decay_48_72, decay_72_plus
FROM analytics_rollup;
DROP TABLE analytics_rollup;
ALTER TABLE analytics_rollup_v22 RENAME TO analytics_rollup;
CREATE INDEX analytics_rollup_day ON analytics_rollup (basis, shop_day);

-- Exact distinct counts and influence by step group by version too: the STEP key is now
-- process_id, process_version, step_id, step_name (joined by U+001F), and the new grouping STEP_VER
-- (process_id, process_version, step_id) serves one version of a step's detail; STEP_ID (all
-- versions of a step) stays. Existing rows get the unknown version ('').
UPDATE analytics_buyer_set
SET group_key = SUBSTRING(group_key, 1, POSITION(CHR(31) IN group_key)) || CHR(31)
    || SUBSTRING(group_key, POSITION(CHR(31) IN group_key) + 1)
WHERE grouping_name = 'STEP';
UPDATE analytics_influence
SET group_key = SUBSTRING(group_key, 1, POSITION(CHR(31) IN group_key)) || CHR(31)
    || SUBSTRING(group_key, POSITION(CHR(31) IN group_key) + 1)
WHERE grouping_name = 'STEP';
INSERT INTO analytics_buyer_set (grouping_name, shop_day, group_key, chunk, reached, attributed)
SELECT 'STEP_VER', shop_day, SUBSTRING(group_key, 1, POSITION(CHR(31) IN group_key)) || CHR(31)
    || SUBSTRING(group_key, POSITION(CHR(31) IN group_key) + 1), chunk, reached, attributed
FROM analytics_buyer_set WHERE grouping_name = 'STEP_ID';
INSERT INTO analytics_influence (grouping_name, group_key, pay_day, send_days, orders, gmv)
SELECT 'STEP_VER', SUBSTRING(group_key, 1, POSITION(CHR(31) IN group_key)) || CHR(31)
    || SUBSTRING(group_key, POSITION(CHR(31) IN group_key) + 1), pay_day, send_days, orders, gmv
FROM analytics_influence WHERE grouping_name = 'STEP_ID';

-- The few sends recorded before this version that knew a version (a delivery started on its own
-- records message-delivery's own version) are rolled up as unknown here; the logged recompute
-- (POST /api/analytics/recompute) rolls them up under their version.
