package graph_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
)

// savingStore holds the relations of the extractions saved into it, and
// answers FindRelationPages by article from them.
type savingStore struct {
	tradegraph.Store
	byArticle map[string][]*tradegraph.Relation
	fail      bool
}

func (s *savingStore) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	if s.fail {
		return errors.New("save failed")
	}
	if s.byArticle == nil {
		s.byArticle = map[string][]*tradegraph.Relation{}
	}
	s.byArticle[x.Article.ID] = x.Relations
	return nil
}

func (s *savingStore) FindRelationPages(ctx context.Context, fs []tradegraph.RelationFilter) ([]*tradegraph.Page[*tradegraph.Relation], error) {
	out := make([]*tradegraph.Page[*tradegraph.Relation], len(fs))
	for i, f := range fs {
		out[i] = &tradegraph.Page[*tradegraph.Relation]{Items: s.byArticle[f.Article]}
	}
	return out, nil
}

type batchStore struct{ savingStore }

func (b *batchStore) SaveExtractions(ctx context.Context, xs []*tradegraph.Extraction) []error {
	errs := make([]error, len(xs))
	for i, x := range xs {
		errs[i] = b.SaveExtraction(ctx, x)
	}
	return errs
}

func extraction(article string, types ...tradegraph.RelationType) *tradegraph.Extraction {
	x := &tradegraph.Extraction{Article: &tradegraph.Article{ID: article}}
	for _, t := range types {
		x.Relations = append(x.Relations, &tradegraph.Relation{ID: article + "/" + string(t), Type: t, Article: article})
	}
	return x
}

func drain(ch <-chan *tradegraph.Relation) []string {
	var ids []string
	for {
		select {
		case r, ok := <-ch:
			if !ok {
				return append(ids, "closed")
			}
			ids = append(ids, r.ID)
		default:
			return ids
		}
	}
}

func TestBrokerPublishesSavedRelationsByType(t *testing.T) {
	b := graph.NewBroker(nil, 0)
	st := b.Publishing(&savingStore{})
	banned := b.Subscribe(t.Context(), []tradegraph.RelationType{tradegraph.Banned})
	all := b.Subscribe(t.Context(), nil)
	if err := st.SaveExtraction(t.Context(), extraction("a1", tradegraph.Banned, tradegraph.MetWith)); err != nil {
		t.Fatal(err)
	}
	if got := drain(banned); len(got) != 1 || got[0] != "a1/BANNED" {
		t.Errorf("BANNED subscriber got %v", got)
	}
	if got := drain(all); len(got) != 2 {
		t.Errorf("subscriber of all types got %v", got)
	}
}

func TestBrokerPublishesNothingForAFailedSave(t *testing.T) {
	b := graph.NewBroker(nil, 0)
	st := b.Publishing(&savingStore{fail: true})
	ch := b.Subscribe(t.Context(), nil)
	if err := st.SaveExtraction(t.Context(), extraction("a1", tradegraph.Banned)); err == nil {
		t.Fatal("the failed save succeeded")
	}
	if got := drain(ch); len(got) != 0 {
		t.Errorf("a failed save published %v", got)
	}
}

func TestBrokerDropsASlowSubscriber(t *testing.T) {
	b := graph.NewBroker(nil, 2)
	st := b.Publishing(&savingStore{})
	slow := b.Subscribe(t.Context(), nil)
	// Saving never waits for the subscriber that does not read.
	for _, a := range []string{"a1", "a2"} {
		if err := st.SaveExtraction(t.Context(), extraction(a, tradegraph.Banned, tradegraph.MetWith)); err != nil {
			t.Fatal(err)
		}
	}
	if got := drain(slow); len(got) != 3 || got[2] != "closed" {
		t.Errorf("slow subscriber got %v, want its 2 buffered relations and the end", got)
	}
	if n := b.Subscribers(); n != 0 {
		t.Errorf("%d subscribers left", n)
	}
}

func TestBrokerUnsubscribesWhenTheContextEnds(t *testing.T) {
	b := graph.NewBroker(nil, 0)
	ctx, cancel := context.WithCancel(t.Context())
	ch := b.Subscribe(ctx, nil)
	cancel()
	if _, ok := <-ch; ok {
		t.Error("the stream of a cancelled subscription is still open")
	}
	if n := b.Subscribers(); n != 0 {
		t.Errorf("%d subscribers left", n)
	}
}

func TestPublishingKeepsBatchSaver(t *testing.T) {
	b := graph.NewBroker(nil, 0)
	if _, ok := b.Publishing(&savingStore{}).(tradegraph.BatchSaver); ok {
		t.Error("a store without SaveExtractions gained it")
	}
	st, ok := b.Publishing(&batchStore{}).(tradegraph.BatchSaver)
	if !ok {
		t.Fatal("the decorator hides BatchSaver")
	}
	ch := b.Subscribe(t.Context(), nil)
	errs := st.SaveExtractions(t.Context(), []*tradegraph.Extraction{extraction("a1", tradegraph.Banned), extraction("a2", tradegraph.Owns)})
	if errors.Join(errs...) != nil {
		t.Fatal(errs)
	}
	if got := drain(ch); len(got) != 2 {
		t.Errorf("batch save published %v", got)
	}
}
