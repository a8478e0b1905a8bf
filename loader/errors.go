package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// ArticleError reports a problem with one article, or with a whole file
// when Line and Item are zero. Source is the path it was read from ("stdin"
// for standard input). A Warning does not stop the article from loading: it
// comes with the article (see Read).
type ArticleError struct {
	Source string
	// Line is the 1-based line of the article in a JSON Lines file, or the
	// line of a JSON syntax error; 0 when it does not apply.
	Line int
	// Item is the 1-based position of the article in a feed or a JSON
	// array; 0 when it does not apply.
	Item    int
	Warning bool
	Err     error
}

// Error returns the problem in the form "path: line 3: text is empty".
func (e ArticleError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Item > 0 {
		fmt.Fprintf(&b, ": item %d", e.Item)
	}
	b.WriteString(": ")
	b.WriteString(errorText(e.Err))
	return b.String()
}

// Unwrap returns the underlying error, which carries the tradegraph error
// code (EINVALID for bad input).
func (e ArticleError) Unwrap() error { return e.Err }

// IsWarning reports whether err is an *ArticleError that only warns: the
// article that comes with it was read.
func IsWarning(err error) bool {
	var ae *ArticleError
	return errors.As(err, &ae) && ae.Warning
}

// errorText is the user-facing text of err: the message of a
// tradegraph.Error without its code, the innermost cause of a path error
// (Source already names the path).
func errorText(err error) string {
	if err == nil {
		return "unknown error"
	}
	var te *tradegraph.Error
	if errors.As(err, &te) && te.Code != tradegraph.EINTERNAL {
		return te.Message
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// invalid returns an EINVALID error; the loader's input errors all use it so
// that the API layer can answer "bad request" for them.
func invalid(format string, args ...any) error {
	return tradegraph.Errorf(tradegraph.EINVALID, format, args...)
}

// sizeText formats a byte count for people: "512 B", "3.2 MiB", and whole
// numbers without a fraction ("1 MiB") so limits read the way they were set.
func sizeText(n int64) string {
	unit, name := int64(1), "B"
	switch {
	case n >= 1<<30:
		unit, name = 1<<30, "GiB"
	case n >= 1<<20:
		unit, name = 1<<20, "MiB"
	case n >= 1<<10:
		unit, name = 1<<10, "KiB"
	}
	if n%unit == 0 {
		return fmt.Sprintf("%d %s", n/unit, name)
	}
	return fmt.Sprintf("%.1f %s", float64(n)/float64(unit), name)
}
