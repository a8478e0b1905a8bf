// Package synth writes synthetic trade-policy news: articles in wire style
// that the loader and extractor treat like real ones, in any number, for
// load and query benchmarks.
//
// Articles are made by a Generator from a seed; the same seed gives the
// same corpus (for the same gazetteer). Each article has a headline, a
// URL of its own, an invented publication, a date between 2019 and 2025
// (later years busier, weekends quiet) and 150 to 600 words: a dateline
// and a lead, then paragraphs that mix the fifteen relation types of
// DESIGN.md §2 with hedged and negated claims, quotes, people introduced
// by title and named again by surname or pronoun, and sentences that name
// nobody.
//
// Actors follow a heavy-tailed popularity, as in real news: countries,
// ministries, companies and organisations come from the gazetteer, drawn
// with Zipf-like weights so that a few of them are in most articles;
// officials, founders, executives and small firms are invented from name
// parts by a key, so that a corpus of 100,000 articles has tens of
// thousands of them, most named once or twice, while the generator keeps
// nothing per actor in memory.
//
// Everything in the text is invented: the people, the firms, the events,
// and the attributions to outlets. The publications the articles claim to
// come from are invented too, so that a synthetic article can never be
// mistaken for something a real outlet printed.
package synth
