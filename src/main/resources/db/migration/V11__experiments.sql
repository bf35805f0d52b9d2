-- Experiments (issue #18): one row per send step visit that an experiment decided, real or
-- virtual. A HOLDOUT row is the "virtual send": the moment the message would have gone out to a
-- held-out buyer. The row is written once per send key (a retried or redelivered job reads it back
-- and keeps its group). Runs on PostgreSQL and H2 (MODE=PostgreSQL).
CREATE TABLE experiment_exposure (
    send_key              VARCHAR(200) NOT NULL PRIMARY KEY,
    experiment_id         VARCHAR(64)  NOT NULL,
    customer_id           VARCHAR(64)  NOT NULL,
    order_id              VARCHAR(64)  NOT NULL DEFAULT '',
    bucket                INTEGER      NOT NULL,
    group_name            VARCHAR(10)  NOT NULL,
    template_key          VARCHAR(100) NOT NULL,
    holdout_percent       NUMERIC(5, 2) NOT NULL,
    process_instance_key  BIGINT,
    element_id            VARCHAR(100) NOT NULL DEFAULT '',
    exposed_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX experiment_exposure_experiment ON experiment_exposure (experiment_id, customer_id, exposed_at);
