-- The data-retention job deletes authorization decisions by age: without an index on `at`
-- alone, each hourly run would scan the whole table.
CREATE INDEX authorization_decisions_at_idx ON authorization_decisions (at);
