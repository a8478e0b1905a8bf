-- Issue 5: actors know how connected they are, and every list order pages
-- through an index instead of sorting the table.

-- degree is the number of relations with the actor at either end (a
-- relation from an actor to itself counts once). The triggers below keep
-- it current through every write: saves, deletes and merges alike.
ALTER TABLE actors ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;

UPDATE actors SET degree = d.n
FROM (
	SELECT id, count(*) AS n FROM (
		SELECT from_id AS id FROM relations
		UNION ALL
		SELECT to_id FROM relations WHERE to_id <> from_id
	) GROUP BY id
) AS d
WHERE d.id = actors.id;

-- IN on a list of two ids updates a row once, so a loop counts once.
CREATE TRIGGER relations_degree_insert AFTER INSERT ON relations BEGIN
	UPDATE actors SET degree = degree + 1 WHERE id IN (new.from_id, new.to_id);
END;
CREATE TRIGGER relations_degree_delete AFTER DELETE ON relations BEGIN
	UPDATE actors SET degree = degree - 1 WHERE id IN (old.from_id, old.to_id);
END;
CREATE TRIGGER relations_degree_update AFTER UPDATE OF from_id, to_id ON relations
WHEN old.from_id IS NOT new.from_id OR old.to_id IS NOT new.to_id BEGIN
	UPDATE actors SET degree = degree - 1 WHERE id IN (old.from_id, old.to_id);
	UPDATE actors SET degree = degree + 1 WHERE id IN (new.from_id, new.to_id);
END;

-- One index per order, ending in id, the tie-breaker of every order: a
-- keyset page is then a range scan, either way round.
CREATE INDEX actors_degree ON actors (degree, id);
CREATE INDEX actors_name ON actors (name, id);
DROP INDEX relations_date;
CREATE INDEX relations_date ON relations (date, id);
CREATE INDEX relations_confidence ON relations (confidence, id);
-- The relations of one actor by id and by date (timelines) are read from
-- each end in order, then merged.
CREATE INDEX relations_from_id ON relations (from_id, id);
CREATE INDEX relations_to_id ON relations (to_id, id);
CREATE INDEX relations_from_date ON relations (from_id, date, id);
CREATE INDEX relations_to_date ON relations (to_id, date, id);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_outlet ON articles (outlet, id);
