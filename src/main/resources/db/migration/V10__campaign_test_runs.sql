-- Campaign test runs (issue 21): a test run is its own campaign row, marked with its mode
-- (SEED_LIST or DRY_RUN), so it never counts as the real run of its occasion and year.
-- NULL: a real campaign.
ALTER TABLE campaign ADD COLUMN test_run VARCHAR(20);
