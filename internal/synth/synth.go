package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tradegraph/tradegraph"
)

// Size limits of an article's text, in words.
const (
	MinWords = 150
	MaxWords = 600
)

// First and last year of publication dates.
const (
	firstYear = 2019
	lastYear  = 2025
)

// yearWeights make later years busier, as trade-policy news has been.
var yearWeights = []float64{0.09, 0.11, 0.12, 0.14, 0.16, 0.18, 0.20}

// Generator makes synthetic articles, one per Next call. The same seed
// gives the same articles in the same order (with the same gazetteer).
// A Generator is not safe for concurrent use; its memory does not grow
// with the number of articles it has made.
type Generator struct {
	seed uint64
	rng  *rand.Rand
	c    *cast
	n    int // articles made so far

	// Popularity of actors: a few are in many articles, most in few.
	countryZipf, companyZipf, orgZipf *rand.Zipf
	firmCountryZipf, firmZipf         *rand.Zipf
	deputyZipf, outletZipf, pubZipf   *rand.Zipf
}

// New returns a Generator seeded with seed.
func New(seed int64) *Generator {
	c := theCast()
	r := rand.New(rand.NewPCG(uint64(seed), 0x7261646567726170)) // "tradegraph" in part
	zipf := func(s, v float64, n int) *rand.Zipf {
		if n < 1 {
			n = 1
		}
		return rand.NewZipf(r, s, v, uint64(n-1))
	}
	return &Generator{
		seed:            uint64(seed),
		rng:             r,
		c:               c,
		countryZipf:     zipf(1.6, 3, len(c.countries)),
		companyZipf:     zipf(1.2, 3, len(c.companies)),
		orgZipf:         zipf(1.4, 1, len(c.orgs)),
		firmCountryZipf: zipf(1.3, 1.5, len(c.firmCountries)),
		firmZipf:        zipf(1.05, 8, 200000),
		deputyZipf:      zipf(1.05, 10, 1<<20),
		outletZipf:      zipf(1.3, 2, len(c.outlets)),
		pubZipf:         zipf(1.2, 1, len(publications)),
	}
}

// Next returns a new article. Its URL is unique within the generator's
// output, so every article is a distinct article to the loader.
func (g *Generator) Next() *tradegraph.Article {
	a, _ := g.next()
	return a
}

// next returns a new article and the relations it was written to state.
func (g *Generator) next() (*tradegraph.Article, []claim) {
	g.n++
	s := g.newStory()
	s.write()
	text := s.text()
	pub := publications[g.pubZipf.Uint64()]
	a := &tradegraph.Article{
		Title:     s.title,
		URL:       fmt.Sprintf("https://%s.example/%04d/%02d/%02d/%s-%d-%d", tradegraph.Slug(pub), s.date.Year(), s.date.Month(), s.date.Day(), tradegraph.Slug(s.title), g.seed, g.n),
		Outlet:    pub,
		Published: s.date.Format(time.DateOnly),
		Text:      text,
	}
	a.ID = tradegraph.ArticleID(a.URL, a.Text)
	return a, s.claims
}

// record is the JSON Lines shape loader.Read takes.
type record struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// WriteJSONL writes n articles of a Generator seeded with seed to w, one
// JSON object per line with the fields `tradegraph load` reads (title, url,
// outlet, published, text). It streams: memory does not grow with n. The
// error is the first write error.
func WriteJSONL(w io.Writer, n int, seed int64) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	g := New(seed)
	for range n {
		a := g.Next()
		if err := enc.Encode(record{Title: a.Title, URL: a.URL, Outlet: a.Outlet, Published: a.Published, Text: a.Text}); err != nil {
			return fmt.Errorf("synth: write article %d: %w", g.n, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: write: %w", err)
	}
	return nil
}

// date draws a publication date: later years more often, weekends seldom.
func (g *Generator) date() time.Time {
	u := g.rng.Float64()
	year := lastYear
	for i, w := range yearWeights {
		if u < w {
			year = firstYear + i
			break
		}
		u -= w
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	days := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24
	d := start.AddDate(0, 0, g.rng.IntN(int(days)))
	if wd := d.Weekday(); (wd == time.Saturday || wd == time.Sunday) && g.rng.IntN(10) < 8 {
		// Move most weekend stories to the Friday before; stay within the
		// year so the year's weight holds.
		back := 1
		if wd == time.Sunday {
			back = 2
		}
		if f := d.AddDate(0, 0, -back); f.Year() == year {
			d = f
		}
	}
	return d
}

// pick returns one of xs at random.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chance reports true with probability p.
func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// words counts the words of s as strings.Fields does.
func words(s string) int { return len(strings.Fields(s)) }
