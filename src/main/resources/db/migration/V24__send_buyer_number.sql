-- The day rebuild at full density (issue #16, docs/benchmarks.md "Day rebuild, second redesign").
-- Runs on PostgreSQL and H2 (MODE=PostgreSQL).

-- The buyer's dense number (analytics_customer_lock.buyer_no, what the buyer bitmaps hold) on the
-- send, written with it: a day's buyer sets come from the day's messages alone, without a join with
-- every buyer row. Existing sends get their buyer's number here; NULL only for a send whose buyer
-- has no row (none is recorded that way: the recorder makes the row before the send).
ALTER TABLE analytics_send ADD COLUMN buyer_no INTEGER;
UPDATE analytics_send s SET buyer_no =
    (SELECT b.buyer_no FROM analytics_customer_lock b WHERE b.customer_id = s.customer_id);
