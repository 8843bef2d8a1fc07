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

// RelationBatcher is an optional Store method: the relations of many
// entities in one round trip. Without it the loader lists the predicate's
// relations once and groups them, or asks per entity when there are many.
type RelationBatcher interface {
	RelationsOf(ctx context.Context, ids []string, f schema.RelationFilter) (map[string][]schema.Statement, error)
}

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

type loader struct {
	store Store
	mu    sync.Mutex

	entities      map[string]*schema.Entity // not to be changed: resolvers share them
	entityPending map[string]bool
	degrees       map[string]int
	degreePending map[string]bool
	rels          map[relKey][]schema.Statement
	relPending    map[relKey]bool
	stmts         map[string]schema.Statement
	stmtPending   map[string]bool
	entityFetches int // round trips, for logs
	relationScans int
	degreeFetches int
}

func newLoader(store Store) *loader {
	return &loader{
		store:         store,
		entities:      map[string]*schema.Entity{},
		entityPending: map[string]bool{},
		degrees:       map[string]int{},
		degreePending: map[string]bool{},
		rels:          map[relKey][]schema.Statement{},
		relPending:    map[relKey]bool{},
		stmts:         map[string]schema.Statement{},
		stmtPending:   map[string]bool{},
	}
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
			l.entities[es[i].ID] = &es[i]
		}
	}
}

// primeOne is prime for one entity.
func (l *loader) primeOne(e *schema.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e.ID != "" {
		l.entities[e.ID] = e
	}
}

// entity queues id and returns a thunk that yields the entity, or a stub
// built from the id when the store has none (so a dangling edge still
// shows its id rather than failing the whole relation).
func (l *loader) entity(ctx context.Context, id string) func() (interface{}, error) {
	l.mu.Lock()
	if _, ok := l.entities[id]; !ok {
		l.entityPending[id] = true
	}
	l.mu.Unlock()
	return func() (interface{}, error) {
		e, err := l.loadEntity(ctx, id)
		if err != nil {
			return nil, err
		}
		return e, nil
	}
}

func (l *loader) loadEntity(ctx context.Context, id string) (*schema.Entity, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.entities[id]; ok {
		return e, nil
	}
	l.entityPending[id] = true
	ids := keys(l.entityPending)
	l.entityPending = map[string]bool{}
	l.entityFetches++
	got, err := l.store.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("api: load entities: %w", err)
	}
	for _, k := range ids {
		e, ok := got[k]
		if !ok {
			e = stubEntity(k)
		}
		l.entities[k] = &e
	}
	return l.entities[id], nil
}

func stubEntity(id string) schema.Entity {
	t, _ := schema.TypeOfID(id)
	return schema.Entity{ID: id, Type: t, Name: id}
}

// degree queues id and returns a thunk that yields its degree.
func (l *loader) degree(ctx context.Context, id string) func() (interface{}, error) {
	l.mu.Lock()
	if _, ok := l.degrees[id]; !ok {
		l.degreePending[id] = true
	}
	l.mu.Unlock()
	return func() (interface{}, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if d, ok := l.degrees[id]; ok {
			return d, nil
		}
		l.degreePending[id] = true
		ids := keys(l.degreePending)
		l.degreePending = map[string]bool{}
		l.degreeFetches++
		got, err := l.store.Degrees(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("api: load degrees: %w", err)
		}
		for _, k := range ids {
			l.degrees[k] = got[k]
		}
		return l.degrees[id], nil
	}
}

// statement queues a statement id and returns a thunk yielding the
// statement with all its evidence (an empty one if it has gone since).
func (l *loader) statement(ctx context.Context, id string) func() (schema.Statement, error) {
	l.mu.Lock()
	if _, ok := l.stmts[id]; !ok {
		l.stmtPending[id] = true
	}
	l.mu.Unlock()
	return func() (schema.Statement, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if st, ok := l.stmts[id]; ok {
			return st, nil
		}
		l.stmtPending[id] = true
		ids := keys(l.stmtPending)
		l.stmtPending = map[string]bool{}
		got, err := l.store.Statements(ctx, ids)
		if err != nil {
			return schema.Statement{}, fmt.Errorf("api: load evidence: %w", err)
		}
		for _, k := range ids {
			l.stmts[k] = got[k]
		}
		return l.stmts[id], nil
	}
}

// relations queues k and returns a thunk yielding its statements.
func (l *loader) relations(ctx context.Context, k relKey) func() ([]schema.Statement, error) {
	l.mu.Lock()
	if _, ok := l.rels[k]; !ok {
		l.relPending[k] = true
	}
	l.mu.Unlock()
	return func() ([]schema.Statement, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if st, ok := l.rels[k]; ok {
			return st, nil
		}
		l.relPending[k] = true
		pending := l.relPending
		l.relPending = map[relKey]bool{}
		if err := l.fetchRelations(ctx, pending); err != nil {
			return nil, err
		}
		return l.rels[k], nil
	}
}

// fetchRelations fills l.rels for every pending key, one group per
// predicate and direction. Called with l.mu held.
func (l *loader) fetchRelations(ctx context.Context, pending map[relKey]bool) error {
	groups := map[relKey][]string{}
	for k := range pending {
		g := relKey{dir: k.dir, pred: k.pred}
		groups[g] = append(groups[g], k.id)
	}
	for g, ids := range groups {
		byID, err := l.fetchGroup(ctx, g, ids)
		if err != nil {
			return fmt.Errorf("api: load %s relations: %w", g.pred, err)
		}
		for _, id := range ids {
			l.rels[relKey{id: id, dir: g.dir, pred: g.pred}] = byID[id]
			l.queueEnds(byID[id])
		}
	}
	return nil
}

// queueEnds queues the entities at both ends of sts: the typed fields that
// read them next then share one EntitiesByID round trip. Called with l.mu held.
func (l *loader) queueEnds(sts []schema.Statement) {
	for _, st := range sts {
		for _, id := range []string{st.Subject, st.Object} {
			if _, ok := l.entities[id]; !ok && !schema.IsDate(id) {
				l.entityPending[id] = true
			}
		}
	}
}

func (l *loader) fetchGroup(ctx context.Context, g relKey, ids []string) (map[string][]schema.Statement, error) {
	l.relationScans++
	f := schema.RelationFilter{Predicates: []schema.Predicate{g.pred}, Direction: g.dir}
	if b, ok := l.store.(RelationBatcher); ok {
		return b.RelationsOf(ctx, ids, f)
	}
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
		slog.Int("entity_fetches", l.entityFetches), slog.Int("degree_fetches", l.degreeFetches),
		slog.Int("relation_scans", l.relationScans))
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// entityNow returns the entity itself when the loader holds it already (a
// subgraph or search primed it), sparing graphql-go a thunk per edge end;
// otherwise it queues id like entity.
func (l *loader) entityNow(ctx context.Context, id string) interface{} {
	l.mu.Lock()
	e, ok := l.entities[id]
	l.mu.Unlock()
	if ok {
		return e
	}
	return l.entity(ctx, id)
}
