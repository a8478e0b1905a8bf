package extract

import (
	"regexp"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Role words. A role names one or more ties ("founder of Alibaba and
// owner of AliExpress"); a tie starts with one of roleStart's words, which
// is how "Minister of Economy, Trade and Industry" stays one title while
// "founder of X and owner of Y" becomes two.
var (
	roleStart   = prefixRE(`(?i)^(?:co-?founder|founder|owner|chair\w*|chief|ceo|president|head|director|minister|secretary|governor|ambassador|spokes\w+|leader|premier|prime\s+minister|deputy|vice|executive|managing|partner|shareholder|member|commissioner|envoy|representative|adviser|advisor)\b`)
	roleJoin    = regexp.MustCompile(`(?i)(?:,\s*|\s+)and\s+(?:(?:the|a|an|also)\s+)?`)
	founderWord = regexp.MustCompile(`(?i)\b(?:co-?)?founder\b`)
	ownerWord   = regexp.MustCompile(`(?i)\b(?:owner|proprietor|(?:majority|controlling)\s+shareholder)\b`)
	roleArticle = regexp.MustCompile(`(?i)^(?:(?:the|a|an|its|former|then|current|acting|incoming|outgoing|longtime)\s+)+`)
	possessive  = regexp.MustCompile(`^\s*['’]s\s*|^\s+`)
)

// tieType is the relation a title states: a founder FOUNDED, an owner
// OWNS, every other title HOLDS_ROLE.
func tieType(title string) tradegraph.RelationType {
	switch {
	case founderWord.MatchString(title):
		return tradegraph.Founded
	case ownerWord.MatchString(title):
		return tradegraph.Owns
	}
	return tradegraph.HoldsRole
}

// roles turns the roles of people mentioned in the sentence into
// HOLDS_ROLE, FOUNDED and OWNS. The mention stage resolves a role to its
// targets (RoleTargets, see roles.go); only a role it did not read
// (RoleResolved unset, as in mentions made by hand) is read here. Bodies named only by a title are added to
// the document's actors; evidence records the sentence that introduced
// each, for PART_OF.
func (sc *scan) roles(evidence map[string]*Sentence) []*tradegraph.Relation {
	var out []*tradegraph.Relation
	for _, m := range sc.s.Mentions {
		if m.Role == "" || m.Kind != tradegraph.Person {
			continue
		}
		targets := m.RoleTargets
		if len(targets) == 0 && !m.RoleResolved {
			targets = sc.readRole(m)
		}
		for _, t := range targets {
			if t.ActorID == "" || t.ActorID == m.ActorID {
				continue
			}
			typ := tieType(t.Title)
			if (typ == tradegraph.Founded || typ == tradegraph.Owns) && !kindsFit(typ, m.Kind, t.Kind) {
				continue
			}
			sc.addActor(t)
			if _, seen := evidence[t.ActorID]; !seen {
				evidence[t.ActorID] = sc.s
			}
			r := &tradegraph.Relation{
				Type: typ, From: m.ActorID, To: t.ActorID,
				Evidence: sc.s.Text, Span: sc.span(),
				Confidence: 0.9, Rule: "role.title-body",
			}
			switch {
			case typ == tradegraph.Founded:
				r.Rule = "founded.role"
			case typ == tradegraph.Owns:
				r.Rule = "owns.role"
			case t.Kind == tradegraph.Country:
				// "Japan's prime minister": the title names no body, so
				// the tie is to the government as a whole; less sure.
				r.Rule, r.Confidence = "role.title-country", 0.75
			case t.Kind == tradegraph.Company || t.Kind == tradegraph.Organization:
				r.Rule = "role.of-org"
			}
			if typ == tradegraph.HoldsRole {
				r.About = cleanTitle(t.Title)
			}
			out = append(out, r)
		}
	}
	return out
}

// addActor puts a role's target into the document when the text does not
// name it ("Secretary of Commerce" names the department only by title).
func (sc *scan) addActor(t RoleTarget) {
	if _, ok := sc.d.Actors[t.ActorID]; ok {
		return
	}
	if t.Kind == tradegraph.Country {
		if c, ok := sc.b.country(strings.TrimPrefix(t.ActorID, "country:")); ok {
			sc.d.Actors[c.ID] = &c
			return
		}
	}
	if a, _, ok := sc.b.byTitle(t.Title, ""); ok && a.ID == t.ActorID {
		sc.d.Actors[a.ID] = &a
		return
	}
	sc.d.Actors[t.ActorID] = &tradegraph.Actor{ID: t.ActorID, Kind: t.Kind, Name: t.Title}
}

// cleanTitle drops articles and a trailing "of" from a title.
func cleanTitle(s string) string {
	s = roleArticle.ReplaceAllString(strings.TrimSpace(s), "")
	return trimTrailingNoise(trimRoleOf(s))
}

// regexpSpace is the white space of \s in the regexp package.
const regexpSpace = " \t\n\f\r"

// trimRoleOf drops a trailing preposition ("of", "at", "for", "in",
// in any case) with the white space around it, as removing the regexp
// (?i)\s+(?:of|at|for|in)\s*$ would.
func trimRoleOf(s string) string {
	t := strings.TrimRight(s, regexpSpace)
	for _, w := range [...]string{"of", "at", "for", "in"} {
		i := len(t) - len(w)
		if i > 0 && strings.EqualFold(t[i:], w) && strings.IndexByte(regexpSpace, t[i-1]) >= 0 {
			return strings.TrimRight(t[:i], regexpSpace)
		}
	}
	return s
}

// readRole resolves a role the mention stage left unresolved. Each tie of
// the role goes, in order of preference, to a company, organization or
// body named inside it ("chief executive of Huawei"), to the body whose
// gazetteer title it contains ("the US Secretary of Commerce" → the
// Department of Commerce), or to the country it names ("Japan's prime
// minister").
func (sc *scan) readRole(m *Mention) []RoleTarget {
	rs, re := m.RoleSpan[0], m.RoleSpan[1]
	if re <= rs || rs < sc.s.Start || re > sc.s.End || sc.d.Text[rs:re] != m.Role {
		i := strings.Index(sc.t, m.Role)
		if i < 0 {
			return nil
		}
		rs, re = sc.base+i, sc.base+i+len(m.Role)
	}
	// Split into ties at "and" followed by a role word.
	var ties [][2]int
	start := rs
	for _, loc := range roleJoin.FindAllStringIndex(sc.d.Text[rs:re], -1) {
		if roleStart.MatchString(sc.d.Text[rs+loc[1] : re]) {
			ties = append(ties, [2]int{start, rs + loc[0]})
			start = rs + loc[1]
		}
	}
	ties = append(ties, [2]int{start, re})

	var out []RoleTarget
	for _, tie := range ties {
		var country, body *Mention
		for _, o := range sc.s.Mentions {
			if o == m || o.Start < tie[0] || o.End > tie[1] {
				continue
			}
			if o.Kind == tradegraph.Country && country == nil {
				country = o
			} else if o.Kind != tradegraph.Country && o.Kind != tradegraph.Person && body == nil {
				body = o
			}
		}
		// The title starts after articles and a leading country ("the US",
		// "Japan's").
		ts := tie[0] + len(roleArticle.FindString(sc.d.Text[tie[0]:tie[1]]))
		if country != nil && country.Start <= ts+1 && country.Start >= tie[0] {
			ts = country.End + len(possessive.FindString(sc.d.Text[country.End:tie[1]]))
		}
		if ts >= tie[1] {
			continue
		}
		text := sc.d.Text[ts:tie[1]]
		code := ""
		if country != nil {
			code = strings.TrimPrefix(country.ActorID, "country:")
		}
		switch {
		case body != nil:
			title := sc.d.Text[ts:max(ts, body.Start)]
			if strings.TrimSpace(title) == "" {
				title = body.Text // the body is named by the title itself
			}
			out = append(out, RoleTarget{ActorID: body.ActorID, Kind: body.Kind, Title: title})
		default:
			if a, title, ok := sc.b.byTitle(text, code); ok {
				if _, known := sc.d.Actors[a.ID]; !known {
					sc.d.Actors[a.ID] = &a
				}
				out = append(out, RoleTarget{ActorID: a.ID, Kind: a.Kind, Title: title})
			} else if country != nil {
				out = append(out, RoleTarget{ActorID: country.ActorID, Kind: tradegraph.Country, Title: text})
			}
		}
	}
	return out
}
