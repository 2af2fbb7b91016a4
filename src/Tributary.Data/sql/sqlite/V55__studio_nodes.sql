-- Studio placement (issue 11): the studio node that runs a live studio, so any api node can route to it and a dead
-- node's studios can be found and re-placed. NULL while the studio is not live.
ALTER TABLE studios ADD COLUMN node_id TEXT NULL;
