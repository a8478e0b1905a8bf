-- Curation (Store.MergeActors): one row per actor merged into another.
-- The merged id names no actor any more; saves read it as into_id, so that
-- loading the same articles again keeps the merge. Rows are kept one hop
-- long: into_id is always an actor, never the id of another row.
CREATE TABLE actor_merges (
	id      TEXT PRIMARY KEY,
	into_id TEXT NOT NULL
) WITHOUT ROWID;
-- Merging an actor that others were merged into redirects their rows too.
CREATE INDEX actor_merges_into ON actor_merges (into_id);
