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
package extract
