package tradegraph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// ArticleID returns the id of an article: its URL when it has one, else
// "sha256:" and the digest of its text with white space folded, so that the
// same text loaded twice gets the same id.
func ArticleID(url, text string) string {
	if url = strings.TrimSpace(url); url != "" {
		return url
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// RelationID returns the id of the one relation of type t from one actor to
// another in one article.
func RelationID(t RelationType, from, to, article string) string {
	sum := sha256.Sum256([]byte(string(t) + "\x00" + from + "\x00" + to + "\x00" + article))
	return "rel:" + hex.EncodeToString(sum[:12])
}

// ActorID returns the id of an actor of kind k with the given name, for
// actors that are not in the gazetteer: the kind's prefix and a slug of the
// name ("person:jack-ma").
func ActorID(k ActorKind, name string) string {
	return k.IDPrefix() + ":" + Slug(name)
}

// Slug lower-cases s and joins its letters and digits with hyphens. Letters
// outside ASCII are kept; apostrophes vanish ("O'Neil" → "oneil").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '.':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}
