-- Issue #20, one source per default: a customer row keeps only the locale and time zone the shop
-- sent, NULL when it sent none (a profile without them, or the bare profile of a buyer known only
-- from orders). Readers resolve NULL to the shop's configured default when they use it:
-- careflow.messaging.default-locale (template language, the locale counted in the analytics and
-- experiments) and careflow.messaging.quiet-hours.default-time-zone (quiet hours, rule R4). Before,
-- the default was written into the row (by the application and by these columns' DEFAULTs), so a
-- changed setting never reached the buyers stored before the change.
--
-- Rows stored before this migration keep their values. A stored 'zh-CN' or 'Asia/Shanghai' may be
-- the default written for a buyer who sent none or the buyer's own choice, and nothing in the row
-- tells which, so setting them to NULL could take away a buyer's real language or zone. Those
-- buyers keep the old default until the shop sends their profile again (a CustomerUpserted without
-- locale or timeZone then stores NULL). Runs on PostgreSQL and H2 (PostgreSQL mode).
ALTER TABLE customer ALTER COLUMN locale DROP DEFAULT;
ALTER TABLE customer ALTER COLUMN locale DROP NOT NULL;
ALTER TABLE customer ALTER COLUMN time_zone DROP DEFAULT;
ALTER TABLE customer ALTER COLUMN time_zone DROP NOT NULL;
