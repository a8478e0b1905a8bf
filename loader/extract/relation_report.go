package extract

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Outlets. The gazetteer files media outlets as companies like any other,
// so an outlet is recognised by its name ("... News", "... Times",
// "Reuters") or by how the text uses it: next to "reported", "coverage",
// "said", or after "according to", "comes from".
var (
	outletName  = nameRE(`(?i)\b(?:news|radio|times|post|journal|reuters|bloomberg|press|television|tv|broadcast\w*|daily|herald|tribune|gazette|xinhua|nikkei|kyodo|yonhap|afp|bbc|cnn|cnbc|telegraph|guardian|economist|politico|axios|asahi|shimbun|yomiuri|mainichi|caixin|chronicle|wire|agency)\b`)
	outletAfter = prefixRE(`(?i)^\s*(?:['’]s\s+)?(?:reported|reports|reporting|report|said|says|coverage|wrote|writes|cited|quoted|broke\s+the\s+news|suggested|claimed|revealed|learned|learnt)\b`)
	// outletVerb is what makes a company an outlet by its use alone: a
	// company that "said" or "claimed" something is speaking for itself,
	// one that "reported" it is reporting.
	outletVerb  = prefixRE(`(?i)^\s*(?:['’]s\s+)?(?:reported|reports|reporting|report|coverage|wrote|writes|broke\s+the\s+news)\b`)
	outletFront = sentenceRE(`(?i)\b(?:according\s+to|comes?\s+from|came\s+from|coming\s+from|reported\s+by|cited\s+by|quoted\s+by|told|published\s+by|(?:a|an|the)\s+report\s+(?:by|from|in))\s+(?:the\s+)?$`)
)

// nameRegexps holds the patterns asked about actor names, looked for in
// a name together.
var nameRegexps regexpSet

func nameRE(pattern string) *sentenceRegexp { return nameRegexps.add(pattern) }

// outletCue reports whether the sentence s, whose sentence regexps h
// finds, uses m as the source of a claim.
func outletCue(d *Document, s *Sentence, h *sentenceHits, m *Mention) bool {
	return outletAfter.MatchString(d.Text[m.End:s.End]) || h.match(outletFront, 0, m.Start-s.Start)
}

// findOutlets returns the ids of the companies the document uses as news
// sources. An outlet reports claims; it is never their subject or object.
func findOutlets(d *Document, hits []sentenceHits) map[string]bool {
	outlets := map[string]bool{}
	notByName := map[string]bool{} // companies whose names are not an outlet's
	var nh sentenceHits
	var scratch []hit
	for i, s := range d.Sentences {
		for _, m := range s.Mentions {
			if m.Kind != tradegraph.Company || outlets[m.ActorID] {
				continue
			}
			if !notByName[m.ActorID] {
				name := m.Text
				if a := d.Actors[m.ActorID]; a != nil {
					name = a.Name
				}
				if scratch = nh.scan(&nameRegexps, name, scratch); nh.match(outletName, 0, len(name)) {
					outlets[m.ActorID] = true
					continue
				}
				if d.Actors[m.ActorID] != nil {
					notByName[m.ActorID] = true // else the name is the mention's
				}
			}
			if outletVerb.MatchString(d.Text[m.End:s.End]) || hits[i].match(outletFront, 0, m.Start-s.Start) {
				outlets[m.ActorID] = true
			}
		}
	}
	return outlets
}

// reporter is the outlet a sentence cites, or "".
func reporter(d *Document, s *Sentence, h *sentenceHits, outlets map[string]bool) string {
	for _, m := range s.Mentions {
		if outlets[m.ActorID] && outletCue(d, s, h, m) {
			return m.ActorID
		}
	}
	return ""
}

// pointsBack matches a sentence that opens by referring to what came
// before: "The update ...", "This report ...", "The news ...", "It".
var pointsBack = prefixRE(`(?i)^\s*(?:(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?(?:update|report|reports|news|information|claim|claims|account|details|story|revelation|announcement|development|statement|move|request|decision)s?\b|(?:this|that|it)\s+(?:was|is|comes|came)\b)`)

// leadIn is what may come before an outlet that opens a paragraph with
// its report: a short phrase and a comma ("In related news,").
var leadIn = prefixRE(`(?i)^\s*(?:(?:in\s+)?[a-z]+(?:\s+[a-z]+){0,2},\s*)?(?:the\s+)?$`)

// attribute sets ReportedBy. In order:
//
//  1. a sentence that cites an outlet ("Taiwan International Radio
//     reported that ...", "... according to Reuters") attributes its own
//     relations;
//  2. a sentence that cites an outlet, states no relation of its own and
//     opens by pointing back ("The update comes from Kyodo News", "This
//     was reported by Reuters") attributes the relations of the sentence
//     before it, when that one cites nobody;
//  3. a paragraph whose first sentence opens with an outlet reporting
//     ("Reuters reported on Monday that ...") attributes the unattributed
//     relations of its later sentences: the paragraph retells that report.
//
// Only the paragraph is carried, never the article: a new paragraph often
// turns to other news, and a wrong source is worse than none.
func attribute(d *Document, hits []sentenceHits, per [][]*tradegraph.Relation, outlets map[string]bool) {
	own := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		own[i] = reporter(d, s, &hits[i], outlets)
	}
	set := func(i int, outlet string) {
		for _, r := range per[i] {
			if r.ReportedBy == "" && r.From != outlet && r.To != outlet {
				r.ReportedBy = outlet
			}
		}
	}
	paragraph := ""
	for i, s := range d.Sentences {
		if i == 0 || strings.Contains(d.Text[d.Sentences[i-1].End:s.Start], "\n") {
			paragraph = ""
			if own[i] != "" {
				for _, m := range s.Mentions {
					if m.ActorID == own[i] && leadIn.MatchString(d.Text[s.Start:m.Start]) && outletAfter.MatchString(d.Text[m.End:s.End]) {
						paragraph = own[i]
						break
					}
				}
			}
		}
		switch {
		case own[i] != "":
			set(i, own[i])
			if len(per[i]) == 0 && i > 0 && own[i-1] == "" && pointsBack.MatchString(s.Text) {
				set(i-1, own[i])
			}
		case paragraph != "":
			set(i, paragraph)
		}
	}
}

// partOf links every ministry of the document to its country, and every
// body of the European Union to the Union ("partof.gazetteer"), adding the
// country or the Union when the text does not name it. The evidence is the
// first sentence naming the ministry, or the sentence whose role
// introduced it.
func partOf(d *Document, b bodies, roleEvidence map[string]*Sentence) []*tradegraph.Relation {
	var ids []string
	for id, a := range d.Actors {
		if a.Kind == tradegraph.Ministry && len(a.Country) == 2 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var out []*tradegraph.Relation
	for _, id := range ids {
		a := d.Actors[id]
		var ev *Sentence
		for _, s := range d.Sentences {
			if slices.ContainsFunc(s.Mentions, func(m *Mention) bool { return m.ActorID == id }) {
				ev = s
				break
			}
		}
		if re := roleEvidence[id]; re != nil && (ev == nil || re.Start < ev.Start) {
			ev = re
		}
		if ev == nil {
			continue
		}
		cid := "country:" + a.Country
		if a.Country == "EU" {
			cid = "organization:eu"
		}
		if _, ok := d.Actors[cid]; !ok {
			c, ok := b.country(a.Country)
			if !ok {
				if a.Country == "EU" {
					continue // a gazetteer without the Union
				}
				c = tradegraph.Actor{ID: cid, Kind: tradegraph.Country, Name: a.Country}
			}
			d.Actors[c.ID] = &c
			cid = c.ID
		}
		out = append(out, &tradegraph.Relation{
			Type: tradegraph.PartOf, From: id, To: cid,
			Evidence: ev.Text, Span: [2]int{d.Runes(ev.Start), d.Runes(ev.End)},
			Confidence: 1, Rule: "partof.gazetteer",
		})
	}
	return out
}
