package graph

import (
	"context"
	"log/slog"
	"slices"
	"sync"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph/model"
)

// DefaultSubscriberBuffer is how many relations a subscriber may fall
// behind before the broker drops it.
const DefaultSubscriberBuffer = 1024

// Broker hands the relations saved through its store decorator (see
// Publishing) to the relationAdded subscriptions of this process.
//
// It lives in one process: with several servers behind a load balancer, a
// subscriber hears of the articles ingested through its own server only.
//
// Publishing never waits for a subscriber. Each one has a buffer of
// relations; one that lets its buffer fill up is dropped (its stream ends)
// with a logged warning, so a slow client cannot hold up saves or other
// clients.
type Broker struct {
	logger *slog.Logger
	buffer int

	mu   sync.Mutex
	subs map[*subscriber]struct{}
}

type subscriber struct {
	types []tradegraph.RelationType // empty: every type
	ch    chan *tradegraph.Relation
}

// NewBroker returns a broker whose subscribers may fall buffer relations
// behind (0: DefaultSubscriberBuffer). A nil logger discards.
func NewBroker(logger *slog.Logger, buffer int) *Broker {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if buffer <= 0 {
		buffer = DefaultSubscriberBuffer
	}
	return &Broker{logger: logger, buffer: buffer, subs: map[*subscriber]struct{}{}}
}

// Subscribe returns a stream of the relations published from now on whose
// type is one of types (all when types is empty). The stream is closed
// when ctx ends, or when the subscriber falls too far behind.
func (b *Broker) Subscribe(ctx context.Context, types []tradegraph.RelationType) <-chan *tradegraph.Relation {
	s := &subscriber{types: slices.Clone(types), ch: make(chan *tradegraph.Relation, b.buffer)}
	b.mu.Lock()
	b.subs[s] = struct{}{}
	b.mu.Unlock()
	// AfterFunc starts its goroutine only once ctx is done, so a live
	// subscription costs no goroutine here.
	context.AfterFunc(ctx, func() { b.remove(s) })
	return s.ch
}

// Subscribers returns how many subscriptions are open.
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// remove ends s's stream unless it has already ended. Closing under mu
// keeps it from racing with a send in Publish.
func (b *Broker) remove(s *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
		close(s.ch)
	}
}

// Publish hands rels to every subscriber that asked for their types,
// without waiting: a subscriber with no room left is dropped.
func (b *Broker) Publish(ctx context.Context, rels []*tradegraph.Relation) {
	if len(rels) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		for _, r := range rels {
			if len(s.types) > 0 && !slices.Contains(s.types, r.Type) {
				continue
			}
			select {
			case s.ch <- r:
				continue
			default:
			}
			b.logger.WarnContext(ctx, "relationAdded subscriber dropped: it fell too far behind",
				"buffer", b.buffer)
			delete(b.subs, s)
			close(s.ch)
			break
		}
	}
}

// Publishing returns st with its saves published to b: after each
// successful SaveExtraction (or each extraction SaveExtractions saved), the
// relations the store now holds for that article are read back and
// published, so that subscribers see exactly what queries return (merge
// redirects applied, ids set). Saving an article again publishes its
// relations again; clients tell them apart by id. Nothing is read back
// while nobody is subscribed, and a failed read-back is logged and never
// fails the save.
//
// The result implements tradegraph.BatchSaver when st does.
func (b *Broker) Publishing(st tradegraph.Store) tradegraph.Store {
	p := &publishingStore{Store: st, broker: b}
	if bs, ok := st.(tradegraph.BatchSaver); ok {
		return &publishingBatchStore{publishingStore: p, batch: bs}
	}
	return p
}

type publishingStore struct {
	tradegraph.Store
	broker *Broker
}

func (p *publishingStore) SaveExtraction(ctx context.Context, x *tradegraph.Extraction) error {
	if err := p.Store.SaveExtraction(ctx, x); err != nil {
		return err
	}
	p.publish(ctx, []*tradegraph.Extraction{x})
	return nil
}

// publish reads back and publishes the relations of the articles of xs.
func (p *publishingStore) publish(ctx context.Context, xs []*tradegraph.Extraction) {
	if p.broker.Subscribers() == 0 || len(xs) == 0 {
		return
	}
	fs := make([]tradegraph.RelationFilter, 0, len(xs))
	for _, x := range xs {
		fs = append(fs, tradegraph.RelationFilter{Article: x.Article.ID, Paging: tradegraph.Paging{First: tradegraph.MaxPageSize}})
	}
	for len(fs) > 0 {
		pages, err := p.Store.FindRelationPages(ctx, fs)
		if err != nil {
			p.broker.logger.WarnContext(ctx, "saved relations not published: reading them back failed", "err", err)
			return
		}
		var more []tradegraph.RelationFilter
		for i, pg := range pages {
			p.broker.Publish(ctx, pg.Items)
			if pg.HasNext && len(pg.Items) > 0 {
				f := fs[i]
				f.After = tradegraph.RelationsByID.Cursor(pg.Items[len(pg.Items)-1])
				more = append(more, f)
			}
		}
		fs = more
	}
}

// publishingBatchStore keeps tradegraph.BatchSaver visible through the
// decorator, so that the loader still finds the faster path.
type publishingBatchStore struct {
	*publishingStore
	batch tradegraph.BatchSaver
}

var _ tradegraph.BatchSaver = (*publishingBatchStore)(nil)

func (p *publishingBatchStore) SaveExtractions(ctx context.Context, xs []*tradegraph.Extraction) []error {
	errs := p.batch.SaveExtractions(ctx, xs)
	saved := make([]*tradegraph.Extraction, 0, len(xs))
	for i, x := range xs {
		if i < len(errs) && errs[i] == nil {
			saved = append(saved, x)
		}
	}
	p.publish(ctx, saved)
	return errs
}

// relationAdded streams the relations saved from now on. Each event is a
// request of its own for the loaders: its actors and article are looked up
// afresh, never from what an earlier event cached.
func (r *Resolver) relationAdded(ctx context.Context, types []tradegraph.RelationType) (<-chan *model.Relation, error) {
	if r.Events == nil {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "subscriptions are not enabled on this server")
	}
	in := r.Events.Subscribe(ctx, types)
	out := make(chan *model.Relation)
	go func() {
		defer close(out)
		for rel := range in {
			ev := context.WithValue(ctx, loadersKey{}, newLoaders(r.Store))
			select {
			case out <- r.relationNodes(ev, []*tradegraph.Relation{rel})[0]:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
