package tradegraph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
)

func TestSlugAndActorID(t *testing.T) {
	tests := []struct {
		kind tradegraph.ActorKind
		name string
		want string
	}{
		{tradegraph.Person, "Jack Ma", "person:jack-ma"},
		{tradegraph.Person, "Ahn Duk-geun", "person:ahn-duk-geun"},
		{tradegraph.Person, "Conan O'Brien", "person:conan-obrien"},
		{tradegraph.Company, "Taiwan Semiconductor Manufacturing Co.", "company:taiwan-semiconductor-manufacturing-co"},
		{tradegraph.Organization, "  U.S. Chamber of Commerce ", "organization:us-chamber-of-commerce"},
		{tradegraph.Company, "Société Générale", "company:société-générale"},
	}
	for _, tt := range tests {
		if got := tradegraph.ActorID(tt.kind, tt.name); got != tt.want {
			t.Errorf("ActorID(%s, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
}

func TestArticleID(t *testing.T) {
	if got := tradegraph.ArticleID(" https://a.example/x ", "text"); got != "https://a.example/x" {
		t.Errorf("with a URL: %q", got)
	}
	a := tradegraph.ArticleID("", "China banned  seafood.\n")
	b := tradegraph.ArticleID("", "China banned seafood.")
	if a != b || !strings.HasPrefix(a, "sha256:") {
		t.Errorf("white space should not change the id: %q vs %q", a, b)
	}
	if a == tradegraph.ArticleID("", "China banned fish.") {
		t.Errorf("different texts share an id")
	}
}

func TestRelationID(t *testing.T) {
	id := tradegraph.RelationID(tradegraph.Banned, "country:CN", "country:TW", "a1")
	for _, other := range []string{
		tradegraph.RelationID(tradegraph.Banned, "country:TW", "country:CN", "a1"),
		tradegraph.RelationID(tradegraph.Sanctioned, "country:CN", "country:TW", "a1"),
		tradegraph.RelationID(tradegraph.Banned, "country:CN", "country:TW", "a2"),
	} {
		if other == id {
			t.Errorf("two different relations share the id %s", id)
		}
	}
	if id != tradegraph.RelationID(tradegraph.Banned, "country:CN", "country:TW", "a1") {
		t.Errorf("RelationID is not deterministic")
	}
}

func TestArticleValidate(t *testing.T) {
	tests := []struct {
		name string
		a    tradegraph.Article
		max  int
		want string // "" for valid
	}{
		{"ok", tradegraph.Article{Text: "Japan met China.", Published: "2024-02-29"}, 0, ""},
		{"empty", tradegraph.Article{Text: " \n\t"}, 0, "empty"},
		{"too large", tradegraph.Article{Text: strings.Repeat("x", 2048)}, 1024, "2.0 KiB, over the 1.0 KiB limit"},
		{"bad utf-8", tradegraph.Article{Text: "ok \xff"}, 0, "offset 3"},
		{"bad date", tradegraph.Article{Text: "x", Published: "2024-02-30"}, 0, "YYYY-MM-DD"},
		{"bad title", tradegraph.Article{Text: "x", Title: "\xc3"}, 0, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate(tt.max)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID || !strings.Contains(tradegraph.ErrorMessage(err), tt.want) {
				t.Errorf("error %v, want EINVALID mentioning %q", err, tt.want)
			}
		})
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	domain := fmt.Errorf("wrapped: %w", tradegraph.Errorf(tradegraph.ENOTFOUND, "actor %q not found", "x"))
	if tradegraph.ErrorCode(domain) != tradegraph.ENOTFOUND || tradegraph.ErrorMessage(domain) != `actor "x" not found` {
		t.Errorf("domain error: %s / %s", tradegraph.ErrorCode(domain), tradegraph.ErrorMessage(domain))
	}
	internal := errors.New("disk on fire at /var/lib/x")
	if tradegraph.ErrorCode(internal) != tradegraph.EINTERNAL || tradegraph.ErrorMessage(internal) != "internal error" {
		t.Errorf("internal errors must not leak their text")
	}
	if tradegraph.ErrorCode(nil) != "" || tradegraph.ErrorMessage(nil) != "" {
		t.Errorf("nil error has a code")
	}
}

func TestVocabulary(t *testing.T) {
	for _, k := range tradegraph.ActorKinds {
		if !k.Valid() || k.IDPrefix() == "" {
			t.Errorf("kind %s", k)
		}
	}
	if tradegraph.ActorKind("Planet").Valid() || tradegraph.RelationType("LOVES").Valid() {
		t.Errorf("unknown names are valid")
	}
	if len(tradegraph.RelationTypes) != 15 {
		t.Errorf("%d relation types, DESIGN.md has 15", len(tradegraph.RelationTypes))
	}
	for _, rt := range tradegraph.RelationTypes {
		if !rt.Valid() {
			t.Errorf("type %s", rt)
		}
	}
}

func TestPageCut(t *testing.T) {
	tests := []struct {
		name             string
		read             []int // as the store read them, one more than size when there is more
		size             int
		backward         bool
		want             []int
		hasNext, hasPrev bool
	}{
		{"forward, more follow", []int{1, 2, 3}, 2, false, []int{1, 2}, true, false},
		{"forward, last page", []int{1, 2}, 2, false, []int{1, 2}, false, false},
		{"backward, more precede", []int{9, 8, 7}, 2, true, []int{8, 9}, false, true},
		{"backward, first page", []int{2, 1}, 2, true, []int{1, 2}, false, false},
		{"nothing read", nil, 2, false, []int{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &tradegraph.Page[int]{Items: tt.read}
			p.Cut(tt.size, tt.backward)
			if fmt.Sprint(p.Items) != fmt.Sprint(tt.want) || p.Items == nil {
				t.Errorf("items %v, want %v", p.Items, tt.want)
			}
			if p.HasNext != tt.hasNext || p.HasPrev != tt.hasPrev {
				t.Errorf("hasNext %v hasPrev %v, want %v %v", p.HasNext, p.HasPrev, tt.hasNext, tt.hasPrev)
			}
		})
	}
}
