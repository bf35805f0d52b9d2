-- Payment reminders' median (issue #16, dashboard queries at full daily density): a period's median
-- is found in two steps, the paid orders per hour of minute buckets over the period's rows, then the
-- minute buckets of only the hours holding the middle ranks. This index serves the second step (a
-- bucket range over the period's placed days) without reading the period's other buckets.
CREATE INDEX analytics_reminder_lag_bucket ON analytics_reminder_lag (bucket, placed_day);
