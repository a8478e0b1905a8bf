package loader

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxTitleRunes caps titles; a txt file whose first line is a whole
// paragraph would otherwise give a title that is the paragraph.
const maxTitleRunes = 300

// normalizeText puts text into the one form every later offset refers to:
// NFC, LF line ends, no trailing space on any line, no blank lines at
// either end.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = norm.NFC.String(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// collapseSpace trims s and folds every run of white space into one space,
// for one-line fields such as titles and outlet names.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// normalizeTitle folds white space and cuts a title longer than
// maxTitleRunes at a word boundary, marking the cut with "…".
func normalizeTitle(s string) string {
	s = collapseSpace(s)
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	runes := []rune(s)[:maxTitleRunes-1]
	cut := len(runes)
	for i := len(runes) - 1; i > 0; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"'
	}) + "…"
}

// titleFromText returns the first non-empty line of a text or Markdown
// file, without a Markdown heading mark.
func titleFromText(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if t := strings.TrimLeft(line, "#"); len(t) < len(line) && (t == "" || t[0] == ' ' || t[0] == '\t') {
			line = strings.TrimSpace(t)
		}
		return normalizeTitle(line)
	}
	return ""
}

// dateLayouts are the date forms seen in feeds, page metadata and JSON
// exports, most common first.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.DateOnly,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	time.DateTime,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"2006/01/02",
	"20060102",
}

// parseDate returns s as YYYY-MM-DD. The date is the one written in s, in
// the zone s gives, not converted to UTC: a Tokyo paper's 1 May stays 1 May.
func parseDate(s string) (string, bool) {
	s = collapseSpace(s)
	if s == "" {
		return "", true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	// "May 1st, 2023" and "1st May 2023": drop the ordinal suffix and retry.
	if t := stripOrdinals(s); t != s {
		return parseDate(t)
	}
	return "", false
}

func stripOrdinals(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimSuffix(w, ",")
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			d, ok := strings.CutSuffix(core, suf)
			if ok && d != "" && strings.Trim(d, "0123456789") == "" {
				words[i] = d + w[len(core):]
			}
		}
	}
	return strings.Join(words, " ")
}
