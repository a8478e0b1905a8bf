package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// neverFinal are abbreviations that stand before a name or a number and so
// never end a sentence ("Mr. Ma", "Sen. Warren", "Jan. 5").
var neverFinal = setOf("mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "st",
	"lt", "col", "capt", "sgt", "hon", "rev", "vs", "fig", "approx", "messrs",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// mayBeFinal are abbreviations that usually sit inside a sentence but can
// also end one ("shares of Acme Corp. The company ..."): they end it only
// when a word that typically opens a sentence follows.
var mayBeFinal = setOf("inc", "corp", "co", "ltd", "dept", "bros", "etc", "jr", "sr", "plc", "llc", "est")

// sentenceOpeners are capitalised words that, after an abbreviation, make
// it more likely than not that a new sentence has begun.
var sentenceOpeners = setOf("the", "a", "an", "it", "its", "he", "she", "they", "we", "i",
	"his", "her", "their", "this", "that", "these", "those", "there", "in", "on", "at", "but",
	"and", "or", "meanwhile", "however", "officials", "observers", "analysts", "while", "after",
	"before", "when", "as", "if", "some", "many", "according", "separately", "also", "yet",
	"still", "since", "for", "with", "both")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// closers may follow a sentence's final punctuation and still belong to
// the sentence.
const closers = "\"'”’)]»"

// mayEndSentence holds the bytes that may end a sentence or begin a
// rune that may ("…"): a line break, '.', '!', '?' and every byte
// outside ASCII. A table, as splitSentences asks at every byte.
var mayEndSentence = func() (may [256]bool) {
	for c := utf8.RuneSelf; c < len(may); c++ {
		may[c] = true
	}
	for _, c := range "\n.!?" {
		may[c] = true
	}
	return may
}()

// splitSentences cuts text into sentences with byte offsets. Each
// sentence's span excludes the white space around it.
func splitSentences(text string) []*Sentence {
	// Every sentence but the last ends at a line break or a mark, which
	// bounds their number: the sentences come from one array.
	n := 1 + strings.Count(text, "\n") + strings.Count(text, ".") + strings.Count(text, "!") +
		strings.Count(text, "?") + strings.Count(text, "…")
	slab := make([]Sentence, 0, n)
	var out []*Sentence
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			slab = append(slab, Sentence{Index: len(out), Start: s, End: e, Text: text[s:e]})
			out = append(out, &slab[len(slab)-1])
		}
		start = end
	}
	for i := 0; i < len(text); {
		if !mayEndSentence[text[i]] {
			i++ // most bytes end nothing
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if lineBreakEnds(text, start, i) {
				emit(i)
			}
			i += size
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + size
			for end < len(text) && (text[end] == '.' || text[end] == '!' || text[end] == '?') {
				end++
			}
			for end < len(text) {
				c, n := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(closers, c) {
					break
				}
				end += n
			}
			if endsSentence(text, i, end) {
				emit(end)
			}
			i = end
		default:
			i += size
		}
	}
	emit(len(text))
	return out
}

// lineBreakEnds reports whether the line break at i ends the sentence that
// began at start. Titles and paragraphs end at line breaks; a text wrapped
// mid-sentence continues on a line that starts in lower case.
func lineBreakEnds(text string, start, i int) bool {
	if strings.TrimSpace(text[start:i]) == "" {
		return false
	}
	rest := strings.TrimLeft(text[i:], " \t\r\n")
	if rest == "" {
		return true
	}
	if strings.Contains(text[i+1:len(text)-len(rest)], "\n") {
		return true // a blank line
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r)
}

// endsSentence decides whether the punctuation text[p:end] (the mark at p,
// further marks and closing quotes up to end) ends a sentence.
func endsSentence(text string, p, end int) bool {
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(r) {
			return false // "3.5", "U.S.-made", "e.g.,"
		}
	}
	next := nextWord(text[end:])
	if next != "" {
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsLower(r) {
			return false // "e.g. the", "... and then"
		}
	}
	if text[p] != '.' || end-p > 1 && text[p+1] == '.' {
		return true // "!", "?", an ellipsis before a capital
	}
	word := wordBefore(text, p)
	lw := strings.ToLower(word)
	switch {
	case lw == "no" || lw == "nos":
		return next == "" || !unicode.IsDigit([]rune(next)[0]) // "No. 5", but "said no."
	case neverFinal[lw]:
		return false
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]):
		return next == "" // an initial: "J. P. Morgan"
	case mayBeFinal[lw] || strings.Contains(word, "."):
		// "Acme Corp.", "U.S.": a new sentence only before a typical opener.
		return next == "" || sentenceOpeners[strings.ToLower(next)]
	}
	return true
}

// wordBefore returns the word that ends at p, with inner periods ("U.S").
func wordBefore(text string, p int) string {
	i := p
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= size
	}
	return strings.TrimLeft(text[i:p], ".")
}

// nextWord returns the first word of s after white space and opening
// quotes or brackets, or "" at the end of the text.
func nextWord(s string) string {
	s = strings.TrimLeft(s, " \t\r\n\"'“‘([«")
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		end += size
	}
	if end == 0 && s != "" {
		_, size := utf8.DecodeRuneInString(s)
		return s[:size]
	}
	return s[:end]
}

// trimSpan narrows [s, e) of text to exclude surrounding white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
