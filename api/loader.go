package api

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// The loader batches the store reads of one request. graphql-go v0.8.1
// resolves thunks (func() (interface{}, error)) breadth-first: every
// resolver of one level runs, and queues its key here, before the first
// thunk of that level is called; that first call fetches every queued key in
// one store round trip (EntitiesByID, Degrees, one Relations listing per
// predicate and direction) and the others read the cache.

// relKey names the relations of one entity in one direction with one predicate.
type relKey struct {
	id   string
	dir  schema.Direction
	pred schema.Predicate
}

// relationsPerKey caps the relations a typed field (Person.memberOf...)
// returns; the relations connection pages beyond it.
const relationsPerKey = 100

// scanCap bounds the statements one grouped predicate listing may read
// before the loader falls back to asking per entity.
const scanCap = 2000

// batcher gathers the keys one level of resolvers asks for, and fetches
// them in one round trip when the first thunk of the level is called;
// what it fetched serves the rest of the request. Every batcher of a
// loader shares the loader's lock, so that a fetch may queue keys of
// another (the relations queue the entities at their ends).
type batcher[K comparable, V any] struct {
	mu      *sync.Mutex
	fetch   func(ctx context.Context, keys []K) (map[K]V, error)
	missing func(K) V // the value of a key the store has not; nil: V's zero
	done    map[K]V
	pending map[K]bool
	trips   int // round trips, for logs
}

func newBatcher[K comparable, V any](mu *sync.Mutex, fetch func(context.Context, []K) (map[K]V, error)) *batcher[K, V] {
	return &batcher[K, V]{mu: mu, fetch: fetch, done: map[K]V{}, pending: map[K]bool{}}
}

// queue asks for k in the next round trip. Called with b.mu held.
func (b *batcher[K, V]) queue(k K) {
	if _, ok := b.done[k]; !ok {
		b.pending[k] = true
	}
}

// load returns k's value, fetching it and every queued key when it is not
// there yet. Called with b.mu held.
func (b *batcher[K, V]) load(ctx context.Context, k K) (V, error) {
	if v, ok := b.done[k]; ok {
		return v, nil
	}
	b.pending[k] = true
	keys := make([]K, 0, len(b.pending))
	for p := range b.pending {
		keys = append(keys, p)
	}
	clear(b.pending)
	b.trips++
	got, err := b.fetch(ctx, keys)
	if err != nil {
		var zero V
		return zero, err
	}
	for _, p := range keys {
		v, ok := got[p]
		if !ok && b.missing != nil {
			v = b.missing(p)
		}
		b.done[p] = v
	}
	return b.done[k], nil
}

// thunk queues k and returns what yields its value.
func (b *batcher[K, V]) thunk(ctx context.Context, k K) func() (V, error) {
	b.mu.Lock()
	b.queue(k)
	b.mu.Unlock()
	return func() (V, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.load(ctx, k)
	}
}

type loader struct {
	store Store
	mu    sync.Mutex

	entities      *batcher[string, *schema.Entity] // not to be changed: resolvers share them
	degrees       *batcher[string, int]
	rels          *batcher[relKey, []schema.Statement]
	stmts         *batcher[string, schema.Statement]
	relationScans int // store listings behind rels, for logs
}

func newLoader(store Store) *loader {
	l := &loader{store: store}
	l.entities = newBatcher(&l.mu, func(ctx context.Context, ids []string) (map[string]*schema.Entity, error) {
		got, err := store.EntitiesByID(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("api: load entities: %w", err)
		}
		out := make(map[string]*schema.Entity, len(got))
		for id, e := range got {
			out[id] = &e
		}
		return out, nil
	})
	// a dangling edge still shows its id rather than failing the relation
	l.entities.missing = func(id string) *schema.Entity { e := stubEntity(id); return &e }
	l.degrees = newBatcher(&l.mu, func(ctx context.Context, ids []string) (map[string]int, error) {
		got, err := store.Degrees(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("api: load degrees: %w", err)
		}
		return got, nil
	})
	l.stmts = newBatcher(&l.mu, func(ctx context.Context, ids []string) (map[string]schema.Statement, error) {
		got, err := store.Statements(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("api: load evidence: %w", err)
		}
		return got, nil
	})
	l.rels = newBatcher(&l.mu, l.fetchRelations)
	return l
}

type loaderKey struct{}

func withLoader(ctx context.Context, l *loader) context.Context {
	return context.WithValue(ctx, loaderKey{}, l)
}

func loaderFrom(ctx context.Context, store Store) *loader {
	if l, ok := ctx.Value(loaderKey{}).(*loader); ok {
		return l
	}
	return newLoader(store) // outside a request (tests): no batching across calls
}

// prime records entities the resolvers already hold, so that later lookups
// of them cost nothing.
func (l *loader) prime(es []schema.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range es {
		if es[i].ID != "" {
			l.entities.done[es[i].ID] = &es[i]
		}
	}
}

// primeOne is prime for one entity.
func (l *loader) primeOne(e *schema.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e.ID != "" {
		l.entities.done[e.ID] = e
	}
}

// entity queues id and returns a thunk that yields the entity, or a stub
// built from the id when the store has none.
func (l *loader) entity(ctx context.Context, id string) func() (interface{}, error) {
	load := l.entities.thunk(ctx, id)
	return func() (interface{}, error) {
		e, err := load()
		if err != nil {
			return nil, err
		}
		return e, nil
	}
}

// loadEntity returns the entity now, with whatever else is queued.
func (l *loader) loadEntity(ctx context.Context, id string) (*schema.Entity, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.entities.load(ctx, id)
}

func stubEntity(id string) schema.Entity {
	t, _ := schema.TypeOfID(id)
	return schema.Entity{ID: id, Type: t, Name: id}
}

// degree queues id and returns a thunk that yields its degree.
func (l *loader) degree(ctx context.Context, id string) func() (interface{}, error) {
	load := l.degrees.thunk(ctx, id)
	return func() (interface{}, error) { return load() }
}

// statement queues a statement id and returns a thunk yielding the
// statement with all its evidence (an empty one if it has gone since).
func (l *loader) statement(ctx context.Context, id string) func() (schema.Statement, error) {
	return l.stmts.thunk(ctx, id)
}

// relations queues k and returns a thunk yielding its statements.
func (l *loader) relations(ctx context.Context, k relKey) func() ([]schema.Statement, error) {
	return l.rels.thunk(ctx, k)
}

// fetchRelations fetches the statements of keys, one group per predicate
// and direction. Called with l.mu held.
func (l *loader) fetchRelations(ctx context.Context, keys []relKey) (map[relKey][]schema.Statement, error) {
	groups := map[relKey][]string{}
	for _, k := range keys {
		g := relKey{dir: k.dir, pred: k.pred}
		groups[g] = append(groups[g], k.id)
	}
	out := make(map[relKey][]schema.Statement, len(keys))
	for g, ids := range groups {
		byID, err := l.fetchGroup(ctx, g, ids)
		if err != nil {
			return nil, fmt.Errorf("api: load %s relations: %w", g.pred, err)
		}
		for _, id := range ids {
			out[relKey{id: id, dir: g.dir, pred: g.pred}] = byID[id]
			l.queueEnds(byID[id])
		}
	}
	return out, nil
}

// queueEnds queues the entities at both ends of sts: the typed fields that
// read them next then share one EntitiesByID round trip. Called with l.mu held.
func (l *loader) queueEnds(sts []schema.Statement) {
	for _, st := range sts {
		for _, id := range []string{st.Subject, st.Object} {
			if !schema.IsDate(id) {
				l.entities.queue(id)
			}
		}
	}
}

func (l *loader) fetchGroup(ctx context.Context, g relKey, ids []string) (map[string][]schema.Statement, error) {
	l.relationScans++
	f := schema.RelationFilter{Predicates: []schema.Predicate{g.pred}, Direction: g.dir}
	if len(ids) > 1 {
		if byID, ok, err := l.scanPredicate(ctx, g, ids); err != nil || ok {
			return byID, err
		}
	}
	byID := make(map[string][]schema.Statement, len(ids))
	for _, id := range ids {
		f.Entity = id
		page, err := l.store.Relations(ctx, f, schema.Page{First: relationsPerKey})
		if err != nil {
			return nil, err
		}
		byID[id] = page.Relations
	}
	return byID, nil
}

// scanPredicate lists every statement of g.pred and groups them by the end
// that matters; ok is false when there are more than scanCap of them.
func (l *loader) scanPredicate(ctx context.Context, g relKey, ids []string) (map[string][]schema.Statement, bool, error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	byID := map[string][]schema.Statement{}
	f := schema.RelationFilter{Predicates: []schema.Predicate{g.pred}}
	p := schema.Page{First: 500}
	for seen := 0; ; {
		page, err := l.store.Relations(ctx, f, p)
		if err != nil {
			return nil, false, err
		}
		for _, st := range page.Relations {
			if g.dir != schema.In && want[st.Subject] {
				byID[st.Subject] = appendCapped(byID[st.Subject], st)
			}
			if g.dir != schema.Out && want[st.Object] && st.Object != st.Subject {
				byID[st.Object] = appendCapped(byID[st.Object], st)
			}
		}
		seen += len(page.Relations)
		if !page.HasNextPage || len(page.Relations) == 0 {
			return byID, true, nil
		}
		if seen >= scanCap {
			return nil, false, nil
		}
		p.After = page.EndCursor
	}
}

func appendCapped(s []schema.Statement, st schema.Statement) []schema.Statement {
	if len(s) >= relationsPerKey {
		return s
	}
	return append(s, st)
}

// logRoundTrips writes, at debug level, the store round trips of a request.
func (l *loader) logRoundTrips(ctx context.Context, log *slog.Logger) {
	l.mu.Lock()
	defer l.mu.Unlock()
	log.LogAttrs(ctx, slog.LevelDebug, "loader", slog.String("request_id", requestID(ctx)),
		slog.Int("entity_fetches", l.entities.trips), slog.Int("degree_fetches", l.degrees.trips),
		slog.Int("relation_scans", l.relationScans))
}

// entityNow returns the entity itself when the loader holds it already (a
// subgraph or search primed it), sparing graphql-go a thunk per edge end;
// otherwise it queues id like entity.
func (l *loader) entityNow(ctx context.Context, id string) interface{} {
	l.mu.Lock()
	e, ok := l.entities.done[id]
	l.mu.Unlock()
	if ok {
		return e
	}
	return l.entity(ctx, id)
}
