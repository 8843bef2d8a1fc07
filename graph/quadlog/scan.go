package quadlog

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
)

// Articles calls fn with the document of every article in the store, one
// article at a time, and the quads of its graph that the model does not
// read. A first pass counts each label's quads from the quad records alone
// (no node lookups); the second decodes an article as soon as its last quad
// has gone past and lets its quads go. The key-value stores keep an
// article's quads together, so only a few articles are ever held at once,
// instead of every quad of the store.
func (l *Log) Articles(ctx context.Context, fn func(d schema.Document, extras Extras) error) error {
	if l.memory {
		l.mu.Lock() // memstore cannot be read while it is written
		defer l.mu.Unlock()
	}
	remaining, err := l.labelCounts(ctx)
	if err != nil {
		return fmt.Errorf("graph: load %s: %w", l.name, err)
	}
	pending := map[string][]quad.Quad{}
	emit := func(id string, qs []quad.Quad) error {
		d, extras := decode(id, toSet(qs))
		return fn(d, extras)
	}
	err = l.scanBatched(ctx, func(q quad.Quad, lkey any) error {
		if lkey == nil {
			return nil
		}
		remaining[lkey]--
		id, ok := iriSuffix(q.Label, articleBase)
		if !ok {
			return nil
		}
		pending[id] = append(pending[id], q)
		if remaining[lkey] == 0 {
			qs := pending[id]
			delete(pending, id)
			return emit(id, qs)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("graph: load %s: %w", l.name, err)
	}
	for _, id := range slices.Sorted(maps.Keys(pending)) { // a store written while we read: take what is there
		if err := emit(id, pending[id]); err != nil {
			return fmt.Errorf("graph: load %s: %w", l.name, err)
		}
	}
	return nil
}

func toSet(qs []quad.Quad) quadSet {
	set := make(quadSet, len(qs))
	for _, q := range qs {
		set[quadKey(q)] = q
	}
	return set
}

// labelCounts counts the quads of each label, keyed by the label's ref.
func (l *Log) labelCounts(ctx context.Context) (map[any]int, error) {
	counts := map[any]int{}
	err := l.scanRefs(ctx, func(_ graph.Ref, lkey any) error {
		if lkey != nil {
			counts[lkey]++
		}
		return nil
	})
	return counts, err
}

// scanRefs calls fn with the ref of every quad and the key of its label's
// ref (nil when it has none).
func (l *Log) scanRefs(ctx context.Context, fn func(graph.Ref, any) error) error {
	it := l.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		ref := it.Result()
		l, err := l.qs.QuadDirection(ref, quad.Label)
		if err != nil {
			return err
		}
		var key any
		if l != nil {
			key = l.Key()
		}
		if err := fn(ref, key); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return it.Err()
}

// scan calls fn with every quad of the store.
func (l *Log) scan(ctx context.Context, fn func(quad.Quad) error) error {
	return l.scanBatched(ctx, func(q quad.Quad, _ any) error { return fn(q) })
}

const (
	scanChunk    = 4096    // quads whose node values are looked up together
	scanCacheMax = 1 << 16 // IRIs kept between chunks
)

// scanBatched calls fn with every quad of the store and the key of its
// label's ref (nil when it has none), normalised. Rather than asking Cayley
// for each quad in turn (four node lookups, each in a transaction of its
// own), it takes the quads' refs a chunk at a time, looks up in one batch the
// node values it has not seen lately, and keeps IRIs, the values that recur
// (predicates, types, labels, well-known entities), between chunks;
// literals (sentences, names, offsets) rarely do and are let go.
func (l *Log) scanBatched(ctx context.Context, fn func(quad.Quad, any) error) error {
	return l.scanChunked(ctx, scanChunk, scanCacheMax, fn)
}

// scanChunked is scanBatched with chunk quads per lookup and at most
// cacheMax IRIs kept, which the tests make small.
func (l *Log) scanChunked(ctx context.Context, chunkSize, cacheMax int, fn func(quad.Quad, any) error) error {
	it := l.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	cache := map[any]quad.Value{}
	refs := make([][4]graph.Ref, 0, chunkSize)
	flush := func() error {
		// Emptied before the chunk's lookups are chosen, never after: the
		// chunk counts on finding what it does not look up here.
		if len(cache) > cacheMax-4*len(refs) {
			clear(cache)
		}
		var miss []graph.Ref
		wanted := map[any]bool{}
		for _, r := range refs {
			for _, n := range r {
				if n == nil {
					continue
				}
				if _, ok := cache[n.Key()]; !ok && !wanted[n.Key()] {
					wanted[n.Key()] = true
					miss = append(miss, n)
				}
			}
		}
		vals, err := graph.ValuesOf(ctx, l.qs, miss)
		if err != nil {
			return err
		}
		chunk := make(map[any]quad.Value, len(miss))
		for i, n := range miss {
			chunk[n.Key()] = vals[i]
			if _, ok := vals[i].(quad.IRI); ok {
				cache[n.Key()] = vals[i]
			}
		}
		for _, r := range refs {
			var q quad.Quad
			for d, n := range r {
				if n == nil {
					continue
				}
				v, ok := chunk[n.Key()]
				if !ok {
					v = cache[n.Key()]
				}
				q.Set(quad.Directions[d], v)
			}
			var lkey any
			if r[3] != nil {
				lkey = r[3].Key()
			}
			if err := fn(normalize(q), lkey); err != nil {
				return err
			}
		}
		refs = refs[:0]
		return nil
	}
	for it.Next(ctx) {
		ref := it.Result()
		var r [4]graph.Ref
		for d, dir := range quad.Directions {
			n, err := l.qs.QuadDirection(ref, dir)
			if err != nil {
				return err
			}
			r[d] = n
		}
		refs = append(refs, r)
		if len(refs) == chunkSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err // some backends report a cancelled query without wrapping it
	}
	if err := it.Err(); err != nil {
		return err
	}
	return flush()
}
