package loader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/tradegraph/tradegraph"
)

// ExtractOutput is the JSON document the extract command writes and the
// gold annotations under testdata use: {"articles": [...]}.
type ExtractOutput struct {
	Articles []OutputArticle `json:"articles"`
}

// OutputArticle is one article of an ExtractOutput with what was found in
// it. Lists are never null, so that tools can iterate without checks.
type OutputArticle struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	URL       string           `json:"url"`
	Outlet    string           `json:"outlet"`
	Published string           `json:"published"`
	Actors    []OutputActor    `json:"actors"`
	Relations []OutputRelation `json:"relations"`
	Warnings  []string         `json:"warnings,omitempty"`
}

// OutputActor is an actor named in one article. Mentions are the distinct
// ways the article names it, in order of first appearance.
type OutputActor struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
}

// OutputRelation is one relation found in an article, with its evidence.
// Span holds the evidence's code point offsets in the article text.
type OutputRelation struct {
	Type       string   `json:"type"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	About      string   `json:"about"`
	Concerning []string `json:"concerning"`
	Hedged     bool     `json:"hedged"`
	Confidence float64  `json:"confidence"`
	ReportedBy string   `json:"reportedBy"`
	Cameo      string   `json:"cameo"`
	Rule       string   `json:"rule"`
	Evidence   string   `json:"evidence"`
	Span       [2]int   `json:"span"`
}

// NewOutputArticle converts an extraction into its output form, keeping the
// order of its actors and relations.
func NewOutputArticle(x *tradegraph.Extraction) OutputArticle {
	var out OutputArticle
	if a := x.Article; a != nil {
		out = OutputArticle{ID: a.ID, Title: a.Title, URL: a.URL, Outlet: a.Outlet, Published: a.Published}
	}
	mentions := slices.Clone(x.Mentions)
	slices.SortStableFunc(mentions, func(a, b tradegraph.Mention) int { return a.Start - b.Start })
	forms := make(map[string][]string)
	for _, m := range mentions {
		if !slices.Contains(forms[m.ActorID], m.Text) {
			forms[m.ActorID] = append(forms[m.ActorID], m.Text)
		}
	}
	out.Actors = make([]OutputActor, 0, len(x.Actors))
	for _, a := range x.Actors {
		ms := forms[a.ID]
		if ms == nil {
			ms = []string{}
		}
		out.Actors = append(out.Actors, OutputActor{ID: a.ID, Kind: string(a.Kind), Name: a.Name, Mentions: ms})
	}
	out.Relations = make([]OutputRelation, 0, len(x.Relations))
	for _, r := range x.Relations {
		concerning := slices.Clone(r.Concerning)
		if concerning == nil {
			concerning = []string{}
		}
		out.Relations = append(out.Relations, OutputRelation{
			Type: string(r.Type), From: r.From, To: r.To, About: r.About,
			Concerning: concerning, Hedged: r.Hedged, Confidence: r.Confidence,
			ReportedBy: r.ReportedBy, Cameo: r.Cameo, Rule: r.Rule,
			Evidence: r.Evidence, Span: r.Span,
		})
	}
	if len(x.Warnings) > 0 {
		out.Warnings = slices.Clone(x.Warnings)
	}
	return out
}

// ReadGold reads an ExtractOutput file, such as a gold annotation. Unknown
// fields are errors: in a hand-written file they are typos that would
// otherwise be silently ignored. Missing lists are read as empty ones.
func ReadGold(path string) (ExtractOutput, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ExtractOutput{}, fmt.Errorf("read gold: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var out ExtractOutput
	if err := dec.Decode(&out); err != nil {
		return ExtractOutput{}, ArticleError{Source: path, Err: jsonError(data, err)}
	}
	if dec.More() {
		return ExtractOutput{}, ArticleError{Source: path, Err: invalid("more than one JSON document")}
	}
	if out.Articles == nil {
		out.Articles = []OutputArticle{}
	}
	for i := range out.Articles {
		a := &out.Articles[i]
		if a.Actors == nil {
			a.Actors = []OutputActor{}
		}
		if a.Relations == nil {
			a.Relations = []OutputRelation{}
		}
		for j := range a.Actors {
			if a.Actors[j].Mentions == nil {
				a.Actors[j].Mentions = []string{}
			}
		}
		for j := range a.Relations {
			if a.Relations[j].Concerning == nil {
				a.Relations[j].Concerning = []string{}
			}
		}
	}
	return out, nil
}
