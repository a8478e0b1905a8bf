// Package loader turns files of news articles into graph data.
//
// Reading (Read) accepts plain text and Markdown, JSON and JSON Lines,
// HTML pages, and RSS or Atom feeds, from files, folders or standard input,
// and yields normalised tradegraph.Articles one at a time, so a corpus of
// any size streams through in bounded memory. A bad article is reported as
// an *ArticleError naming its file (and line or feed item) and never stops
// the rest of the batch.
//
// Loading (Load) runs the articles through an Extractor on several workers
// and saves each Extraction in a Store; Extract does the same without a
// store and hands the extractions back in input order, for output that is
// the same from run to run. ExtractOutput is the JSON shape of that output,
// which the gold annotations under testdata share.
//
// The extractor itself lives in loader/extract and the gazetteer it uses in
// loader/gazetteer; this package depends on neither.
package loader
