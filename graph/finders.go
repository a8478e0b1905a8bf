package graph

import (
	"context"
	"strings"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// findPage checks the paging arguments of a list field, turns the cursor
// back into the id the store pages from, and asks find for the page.
func findPage[T any](list string, first *int, after *string, find func(n int, afterID string) (*tradegraph.Page[T], error)) (*tradegraph.Page[T], string, error) {
	n, err := pageSize(first)
	if err != nil {
		return nil, "", err
	}
	afterID, err := decodeCursor(list, after)
	if err != nil {
		return nil, "", err
	}
	p, err := find(n, afterID)
	return p, afterID, err
}

func (r *Resolver) findActors(ctx context.Context, f tradegraph.ActorFilter, first *int, after *string) (*model.ActorConnection, error) {
	p, afterID, err := findPage("actor", first, after, func(n int, afterID string) (*tradegraph.Page[*tradegraph.Actor], error) {
		f.First, f.After = n, tradegraph.Cursor{ID: afterID}
		return r.Store.FindActors(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	return actorConnection(p, afterID), nil
}

func (r *Resolver) findRelations(ctx context.Context, f tradegraph.RelationFilter, first *int, after *string) (*model.RelationConnection, error) {
	p, afterID, err := findPage("relation", first, after, func(n int, afterID string) (*tradegraph.Page[*tradegraph.Relation], error) {
		f.First, f.After = n, tradegraph.Cursor{ID: afterID}
		return r.Store.FindRelations(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	return relationConnection(p, afterID), nil
}

func (r *Resolver) findArticles(ctx context.Context, f tradegraph.ArticleFilter, first *int, after *string) (*model.ArticleConnection, error) {
	p, afterID, err := findPage("article", first, after, func(n int, afterID string) (*tradegraph.Page[*tradegraph.Article], error) {
		f.First, f.After = n, tradegraph.Cursor{ID: afterID}
		return r.Store.FindArticles(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	return articleConnection(p, afterID), nil
}

// ingest extracts an article sent by a client and stores it.
func (r *Resolver) ingest(ctx context.Context, in model.ArticleInput) (*model.IngestResult, error) {
	a := &tradegraph.Article{
		Title:     strings.TrimSpace(deref(in.Title)),
		URL:       strings.TrimSpace(deref(in.URL)),
		Outlet:    strings.TrimSpace(deref(in.Outlet)),
		Published: strings.TrimSpace(deref(in.Published)),
		Text:      strings.ReplaceAll(in.Text, "\r\n", "\n"),
		Source:    "graphql",
	}
	if err := a.Validate(r.MaxArticleBytes); err != nil {
		return nil, err
	}
	if a.Title == "" {
		a.Title, _, _ = strings.Cut(strings.TrimSpace(a.Text), "\n")
	}
	a.ID = tradegraph.ArticleID(a.URL, a.Text)
	x, err := r.Extractor.Extract(ctx, a)
	if err != nil {
		return nil, err
	}
	if err := r.Store.SaveExtraction(ctx, x); err != nil {
		return nil, err
	}
	res := &model.IngestResult{Article: a, Actors: x.Actors, Relations: x.Relations, Warnings: x.Warnings}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	return res, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(n *int, def int) int {
	if n == nil {
		return def
	}
	return *n
}
