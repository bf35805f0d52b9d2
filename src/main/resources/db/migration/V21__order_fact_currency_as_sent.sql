-- Issue #20, one source per default (as V16 for the customer's locale and time zone): an order row
-- keeps only the currency its OrderPlaced carried, or the shop's configured currency
-- (careflow.analytics.currency) that the intake applies to an OrderPlaced without one. A row that
-- an earlier event made before its OrderPlaced arrived (a payment or a shipment first) has NULL
-- until then, no longer the 'CNY' this column's DEFAULT wrote whatever the shop's setting said.
-- Rows stored before this migration keep their values. Runs on PostgreSQL and H2 (PostgreSQL mode).
ALTER TABLE order_fact ALTER COLUMN currency DROP DEFAULT;
ALTER TABLE order_fact ALTER COLUMN currency DROP NOT NULL;
