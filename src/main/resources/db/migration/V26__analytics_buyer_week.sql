-- Dashboard queries at full daily density (issue #16), two rollups a period reads instead of many rows.

-- The buyer sets of analytics_buyer_set also per
-- ISO week (Monday to Sunday, shop days), so a period reads one row per whole week inside it plus the
-- odd days instead of seven day rows: a 30-day breakdown by step moved 20.9 MB of day bitmaps, with
-- week rows about 7.7 MB. A week row's set is the OR of its seven days' sets (same grouping, group key
-- and chunk): the recorder keeps both in the same transaction from the buyer's raw facts, the rebuild
-- builds the weeks of its days from their day rows.
CREATE TABLE analytics_buyer_week (
    grouping_name VARCHAR(10)   NOT NULL,
    week_start  DATE            NOT NULL,
    group_key   VARCHAR(1000)   NOT NULL,
    chunk       INTEGER         NOT NULL,
    reached     BYTEA,
    attributed  BYTEA,
    PRIMARY KEY (grouping_name, week_start, group_key, chunk)
);

-- Days whose week has no complete week rows yet: the days that already hold buyer sets now (their
-- weeks' rows start empty here, and only buyers with a later fact would enter them). A period reads a
-- week holding such a day from its day rows; the rebuild (all days, or one day: its whole week) builds
-- the week's rows from its day rows and removes its days from here. Weeks with no buyer sets before
-- this migration are complete from their first fact on.
CREATE TABLE analytics_buyer_week_stale (
    shop_day    DATE            NOT NULL PRIMARY KEY
);
INSERT INTO analytics_buyer_week_stale (shop_day) SELECT DISTINCT shop_day FROM analytics_buyer_set;

-- Payment reminders' median (issue #16): the paid orders per placed day and hour of minute buckets
-- (lag_hour = floor(bucket / 60)), the sum of that day's analytics_reminder_lag rows in the hour, kept
-- with them. A period's median reads these (about 200 a day instead of one per minute bucket: 2,650 a
-- day at full density) for the ranks, then the minute buckets of the middle hours as before.
CREATE TABLE analytics_reminder_hour (
    placed_day  DATE    NOT NULL,
    lag_hour    BIGINT  NOT NULL,
    paid        BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (placed_day, lag_hour)
);
INSERT INTO analytics_reminder_hour (placed_day, lag_hour, paid)
SELECT placed_day, CASE WHEN bucket >= 0 THEN bucket / 60 ELSE (bucket - 59) / 60 END, SUM(paid)
FROM analytics_reminder_lag
GROUP BY placed_day, CASE WHEN bucket >= 0 THEN bucket / 60 ELSE (bucket - 59) / 60 END;
