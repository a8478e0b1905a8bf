package graph

import (
	"context"
	"strings"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

func (r *Resolver) findActors(ctx context.Context, f tradegraph.ActorFilter, first *int, after *string) (*model.ActorConnection, error) {
	var err error
	if f.First, err = pageSize(first); err != nil {
		return nil, err
	}
	if f.After, err = decodeCursor("actor", after); err != nil {
		return nil, err
	}
	p, err := r.Store.FindActors(ctx, f)
	if err != nil {
		return nil, err
	}
	return actorConnection(p, f.After), nil
}

func (r *Resolver) findRelations(ctx context.Context, f tradegraph.RelationFilter, first *int, after *string) (*model.RelationConnection, error) {
	var err error
	if f.First, err = pageSize(first); err != nil {
		return nil, err
	}
	if f.After, err = decodeCursor("relation", after); err != nil {
		return nil, err
	}
	p, err := r.Store.FindRelations(ctx, f)
	if err != nil {
		return nil, err
	}
	return relationConnection(p, f.After), nil
}

func (r *Resolver) findArticles(ctx context.Context, f tradegraph.ArticleFilter, first *int, after *string) (*model.ArticleConnection, error) {
	var err error
	if f.First, err = pageSize(first); err != nil {
		return nil, err
	}
	if f.After, err = decodeCursor("article", after); err != nil {
		return nil, err
	}
	p, err := r.Store.FindArticles(ctx, f)
	if err != nil {
		return nil, err
	}
	return articleConnection(p, f.After), nil
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
