// Package extract turns an article into a tradegraph.Extraction offline and
// deterministically, with dictionaries and rules instead of a language
// model, so that every edge can be traced to the rule and the sentence that
// produced it.
//
// Extraction runs in two stages over a Document. The mention stage
// (sentences.go, matcher.go, mentions.go, discover.go, coref.go) splits the
// text into sentences and finds who is named where: gazetteer names and
// aliases, demonym phrases that stand for a government ("Chinese
// authorities"), capitals used as actors ("Tokyo's engagement"), persons,
// companies and government bodies the gazetteer does not know, the roles
// the text gives persons, and references back to them ("the minister",
// "he"). The relation stage (relations.go and the rule files) reads those
// mentions and applies the trigger lexicon. Extractor.Extract runs both and
// assembles the result.
//
// A rule (rules.go) is a trigger, verb or noun, with an argument frame:
// where its subject and object stand. The subject is the nearest actor
// before the trigger in its clause, or, for the clause shapes frames.go
// knows, the head of a relative clause ("SK Hynix, which acquired ..."),
// the subject shared by coordinated verbs ("... and urged Japan to"), the
// agent after "by" in the passive, or two coordinated actors acting on
// each other ("Japan and Korea agreed"). The object is the actor after the
// trigger (past a description: "bought chip designer Arm"; through a
// possessive: "the Treasury's Office of Foreign Assets Control"), every
// member of a list ("A, B and C", ", including ..."), the origin inside a
// goods phrase ("duties on Chinese steel"), or the country of a place
// phrase ("invested in a plant in Vietnam's north"). Negated, refused,
// planned or conditional actions make no relation.
//
// Confidence, 0..1, is
//
//	strength × frame × 1/(1 + 0.05·gap) × (0.7 if hedged)
//
// strength being the rule's (how directly its trigger states the
// relation), frame 0.85 when an end was inferred from the clause's shape
// rather than named next to the trigger, gap the words between the trigger
// and its actors. Relations read from roles carry a fixed score, PART_OF 1.
package extract
