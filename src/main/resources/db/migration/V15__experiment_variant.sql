-- Experiments (issue #18): the A/B variant a treated buyer got, apart from the template key. A step
-- whose own template differs per buyer (the payment reminder: new vs returning buyer, R2) without
-- A/B variants is one treatment, not several variants. NULL: held out, or the step lists no variant
-- templates. Rows written before this column are read as "no variants". Runs on PostgreSQL and H2.
ALTER TABLE experiment_exposure ADD COLUMN variant_key VARCHAR(100);
