-- Issue #14 (fault 9): the carrier's last update (free text, never an engine variable) is kept on
-- the order so staff read it on the order page the Tasklist forms link to.
ALTER TABLE order_fact ADD COLUMN logistics_description VARCHAR(1000);
ALTER TABLE order_fact ADD COLUMN logistics_updated_at TIMESTAMP WITH TIME ZONE;
