// Ready-made questions for Neo4j Browser over a tradegraph graph.
//
// Each query starts with a line "// name: ..." and a line saying what it
// answers; parameters are set with the :param lines before it (change the
// value, run the :param line, then the query). Paste one query at a time, or
// add them to Browser's favourites. deploy/neo4j_queries_test.go runs every
// query in this file against a real Neo4j loaded with testdata/articles and
// checks its answer, so they stay true to the data model (DESIGN.md §2):
//
//   (:Actor:Person|Ministry|Country|Company|Organization {id, name, aliases, country})
//   (:Article {id, title, url, outlet, published})-[:MENTIONS]->(:Actor)
//   (:Actor)-[:REQUESTED|BANNED|... {article, evidence, about, hedged, reportedBy, date, confidence}]->(:Actor)

// name: pressure-on-export-controls
// Who pressed whom on export controls: requests about export controls,
// chips or technology curbs, newest first, with the sentence that says so.
MATCH (who:Actor)-[r:REQUESTED]->(whom:Actor)
WHERE r.about =~ '(?is).*(export|chip|semiconductor|technolog|licen[cs]).*'
   OR r.evidence =~ '(?is).*export (control|curb|restriction)s?.*'
RETURN who.name AS pressed, whom.name AS pressedWhom, r.about AS toDo,
       r.date AS date, r.hedged AS hedged, r.reportedBy AS reportedBy, r.evidence AS evidence
ORDER BY date DESC, pressed, pressedWhom;

// name: what-a-country-banned
// Everything a country banned or restricted, from whom, when: the acts of
// the country itself and of its ministries and agencies, with the source.
:param country => 'China';
MATCH (c:Country)
WHERE toLower(c.name) = toLower($country) OR c.id = 'country:' + toUpper($country)
   OR any(alias IN c.aliases WHERE toLower(alias) = toLower($country))
MATCH (actor:Actor)-[:PART_OF*0..1]->(c)
WITH DISTINCT actor
MATCH (actor)-[r:BANNED|RESTRICTED_EXPORTS|SANCTIONED|IMPOSED_TARIFF]->(target:Actor)
OPTIONAL MATCH (a:Article {id: r.article})
RETURN actor.name AS by, type(r) AS action, target.name AS target, r.about AS what,
       r.date AS date, r.hedged AS hedged, a.outlet AS outlet, r.evidence AS evidence
ORDER BY date, action, target;

// name: actor-network
// An actor's whole network, one row per relation, with its evidence and
// article: who acted on it and whom it acted on.
:param actor => 'person:jack-ma';
MATCH (me:Actor {id: $actor})-[r]-(other:Actor)
OPTIONAL MATCH (a:Article {id: r.article})
RETURN CASE WHEN startNode(r) = me THEN 'out' ELSE 'in' END AS direction,
       type(r) AS relation, other.name AS other, labels(other) AS labels,
       r.about AS about, r.hedged AS hedged, r.date AS date,
       a.title AS article, a.outlet AS outlet, r.evidence AS evidence
ORDER BY relation, other;

// name: actor-network-graph
// The same network as a picture: run it in Browser's graph view.
:param actor => 'person:jack-ma';
MATCH p = (me:Actor {id: $actor})-[r]-(other:Actor)
RETURN p;

// name: paths-between
// How two actors are connected: every shortest chain of relations (at most
// four hops), each hop with its type, direction and evidence.
:param from => 'person:jack-ma';
:param to => 'country:CN';
MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE all(n IN nodes(p) WHERE n:Actor)
RETURN length(p) AS hops,
       [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | {type: type(r), from: startNode(r).name, to: endNode(r).name, evidence: r.evidence}] AS evidence
ORDER BY hops, actors
LIMIT 25;

// name: most-connected
// The most-connected actors: how many relations touch each, with how many
// distinct counterparts and articles.
MATCH (x:Actor)-[r]-(other:Actor)
WITH x, count(r) AS relations, count(DISTINCT other) AS counterparts, count(DISTINCT r.article) AS articles
RETURN x.name AS actor, labels(x) AS labels, relations, counterparts, articles
ORDER BY relations DESC, counterparts DESC, actor
LIMIT 25;

// name: hedged-only-claims
// Claims that only hedged reporting supports ("reportedly", "is said to",
// "according to ..."): no source states them outright.
MATCH (x:Actor)-[r]->(y:Actor)
WITH x, type(r) AS claim, y, collect(r) AS support
WHERE all(s IN support WHERE s.hedged)
RETURN x.name AS actor, claim, y.name AS target, size(support) AS sources,
       [s IN support | s.reportedBy] AS reportedBy, [s IN support | s.evidence] AS evidence
ORDER BY actor, claim, target;
