-- Articles keep a rowid of their own: their text is large, which suits a
-- rowid table better than a clustered WITHOUT ROWID one.
CREATE TABLE articles (
	id        TEXT PRIMARY KEY,
	title     TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	outlet    TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT ''
);

-- seq is an explicit INTEGER PRIMARY KEY so that it survives VACUUM: the
-- full-text index refers to actors by it.
CREATE TABLE actors (
	seq     INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	kind    TEXT NOT NULL CHECK (kind IN ('Person', 'Ministry', 'Country', 'Company', 'Organization')),
	name    TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actors_kind ON actors (kind, id);
CREATE INDEX actors_country ON actors (country, id);

CREATE TABLE actor_aliases (
	actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	alias    TEXT NOT NULL,
	PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;

CREATE TABLE mentions (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	actor_id   TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	text       TEXT NOT NULL,
	start      INTEGER NOT NULL,
	"end"      INTEGER NOT NULL,
	PRIMARY KEY (article_id, start, "end", actor_id)
) WITHOUT ROWID;
CREATE INDEX mentions_actor ON mentions (actor_id, article_id);

-- Every actor an extraction lists for an article, mentioned by name or
-- not (a ministry named only through a title): what "the actors of an
-- article" means, as (:Article)-[:MENTIONS]->(:Actor) does in Neo4j.
CREATE TABLE article_actors (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	actor_id   TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX article_actors_actor ON article_actors (actor_id, article_id);

CREATE TABLE relations (
	id         TEXT PRIMARY KEY,
	type       TEXT NOT NULL,
	from_id    TEXT NOT NULL REFERENCES actors (id),
	to_id      TEXT NOT NULL REFERENCES actors (id),
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	evidence   TEXT NOT NULL DEFAULT '',
	span_start INTEGER NOT NULL DEFAULT 0,
	span_end   INTEGER NOT NULL DEFAULT 0,
	about      TEXT NOT NULL DEFAULT '',
	concerning TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(concerning)),
	hedged     INTEGER NOT NULL DEFAULT 0 CHECK (hedged IN (0, 1)),
	confidence REAL NOT NULL DEFAULT 0,
	reported_by TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',
	cameo      TEXT NOT NULL DEFAULT '',
	rule       TEXT NOT NULL DEFAULT ''
);
-- The traversals walk relations from either end, usually with a type.
CREATE INDEX relations_from ON relations (from_id, type, to_id);
CREATE INDEX relations_to ON relations (to_id, type, from_id);
CREATE INDEX relations_article ON relations (article_id);
CREATE INDEX relations_type ON relations (type, id);
CREATE INDEX relations_date ON relations (date);
CREATE INDEX relations_hedged ON relations (hedged, id);

-- One row per actor, rowid = actors.seq; the store keeps it in step with
-- actors and actor_aliases inside the same transaction.
CREATE VIRTUAL TABLE actor_search USING fts5 (
	name,
	aliases,
	tokenize = 'unicode61 remove_diacritics 2'
);
