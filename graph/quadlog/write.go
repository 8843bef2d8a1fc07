package quadlog

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
	"golang.org/x/sync/errgroup"
)

// DefaultTxDeltas is how many quad changes go into one Cayley transaction
// unless Config.TxDeltas says otherwise. A transaction holds whole articles
// only, so a crash leaves each article fully present or absent.
const DefaultTxDeltas = 100000

// Write is one change to one article: the document it holds next (nil
// takes it out), with its record for the catalog.
type Write struct {
	ID     string
	Doc    *schema.Document // validated, with its text when it has one
	Extras Extras           // quads of its graph the model does not read, from an import
	Record []byte           // the catalog's record of Doc (see Entry); nil with Doc nil
	// Prior is what the article held before, given by the caller of a log
	// that has no catalog (HasCatalog); a log with one reads it there.
	Prior *Prior
}

// Prior is what an article held before a write: its document, with its
// text and every sentence, and its extras.
type Prior struct {
	Doc    schema.Document
	Extras Extras
}

// Result is what Commit did with one write.
type Result struct {
	Unchanged bool  // the article already held exactly these quads
	Replaced  bool  // the article held other quads before
	Quads     int   // quads added
	Version   int64 // the catalog's version of the article after the write; 0 without a catalog
	Err       error // nil when the write is committed
}

// HasCatalog reports whether the store keeps the catalog of articles
// (every backend but CockroachDB).
func (l *Log) HasCatalog() bool { return l.cat != nil }

// change is what one write does to one article.
type change struct {
	result   int // index into the results
	id       string
	del, add []quad.Quad // the quads taken out, and those put in
	prior    bool        // the article held something: a tombstone goes with the deletions
	entry    *Entry      // the catalog's entry after the write; nil when the article goes
}

// size is how many quad changes c makes.
func (c change) size() int { return len(c.del) + len(c.add) }

// batch gathers the changes of many articles for one transaction.
type batch struct {
	changes    []change
	ids        map[string]bool
	ndel, nadd int
}

func (b *batch) add(c change) {
	if b.ids == nil {
		b.ids = map[string]bool{}
	}
	b.changes = append(b.changes, c)
	b.ids[c.id] = true
	b.ndel += len(c.del)
	b.nadd += len(c.add)
}

// size is how many quad changes b makes.
func (b *batch) size() int { return b.ndel + b.nadd }

// appendDeltas appends to ds the deltas that do a to each of qs.
func appendDeltas(ds []graph.Delta, qs []quad.Quad, a graph.Procedure) []graph.Delta {
	for _, q := range qs {
		ds = append(ds, graph.Delta{Quad: q, Action: a})
	}
	return ds
}

// Commit writes each article all or nothing, with its catalog entry in the
// same transactions. Many articles share a transaction (up to the log's
// quad-change cap); a changed article is taken out whole and written
// whole. Writes of the same article are applied in order. The results say
// what became of each write; a failure of one article leaves the others in.
func (l *Log) Commit(ctx context.Context, writes []Write) []Result {
	results := make([]Result, len(writes))
	if l.readOnly {
		for i, w := range writes {
			results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, ErrReadOnly)
		}
		return results
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, err := l.entries(ctx, writes)
	if err != nil {
		for i, w := range writes {
			results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, err)
		}
		return results
	}
	var quads [][]quad.Quad // the quads of writes[i-i%encodeWindow:]
	var b batch
	for i, w := range writes {
		if i%encodeWindow == 0 {
			quads = encodeAll(writes[i:min(i+encodeWindow, len(writes))])
		}
		if err := ctx.Err(); err != nil {
			results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, err)
			continue
		}
		if again := b.ids[w.ID]; again || b.size() >= l.tx.deltas() {
			l.commit(&b, results)
			if again { // planned against what the earlier write left
				if err := l.refresh(ctx, entries, w.ID); err != nil {
					results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, err)
					continue
				}
			}
		}
		c, err := l.plan(ctx, w, quads[i%encodeWindow], entries[w.ID])
		if err != nil {
			results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, err)
			continue
		}
		c.result = i
		results[i] = Result{Quads: len(c.add), Unchanged: c.size() == 0, Replaced: c.prior && w.Doc != nil,
			Version: entries[w.ID].Version}
		if c.size() > 0 {
			b.add(c)
		}
	}
	l.commit(&b, results)
	return results
}

// entries reads the catalog's entries of the articles writes name.
func (l *Log) entries(ctx context.Context, writes []Write) (map[string]Entry, error) {
	if l.cat == nil {
		return map[string]Entry{}, nil
	}
	ids := make([]string, 0, len(writes))
	for _, w := range writes {
		ids = append(ids, w.ID)
	}
	return l.cat.lookup(ctx, ids)
}

func (l *Log) refresh(ctx context.Context, entries map[string]Entry, id string) error {
	if l.cat == nil {
		return nil
	}
	got, err := l.cat.lookup(ctx, []string{id})
	if err != nil {
		return err
	}
	if e, ok := got[id]; ok {
		entries[id] = e
	} else {
		delete(entries, id)
	}
	return nil
}

// encodeWindow is how many writes Commit encodes at once, on every core:
// encoding needs nothing of the store, while planning reads the catalog in
// order. A window, not the whole call, so that the quads of writes not yet
// planned stay few.
const encodeWindow = 64

// encodeAll encodes the documents of writes on every core, each worker
// with an encoder of its own.
func encodeAll(writes []Write) [][]quad.Quad {
	out := make([][]quad.Quad, len(writes))
	n := runtime.GOMAXPROCS(0)
	encoders := make(chan *encoder, n)
	for range n {
		encoders <- &encoder{}
	}
	var g errgroup.Group
	g.SetLimit(n)
	for i, w := range writes {
		if w.Doc != nil {
			g.Go(func() error {
				e := <-encoders
				out[i] = e.encode(w.Doc)
				encoders <- e
				return nil
			})
		}
	}
	g.Wait()
	return out
}

// plan works out the deltas of one write, whose document encodes to next,
// against what the article holds now: its entry in the catalog (a
// tombstone or none: nothing) or, in a log without one, the prior the
// write gives. The caller holds mu.
func (l *Log) plan(ctx context.Context, w Write, next []quad.Quad, old Entry) (change, error) {
	var prev quadSet
	switch {
	case w.Prior != nil:
		prev = toSet(encode(&w.Prior.Doc))
		for _, q := range w.Prior.Extras.quads {
			prev[quadKey(q)] = q
		}
	case old.ID != "" && !old.Gone():
		var err error
		if prev, err = l.priorQuads(ctx, old); err != nil {
			return change{}, err
		}
	}
	c := change{id: w.ID, prior: len(prev) > 0}
	if len(prev) == 0 && w.Extras.Len() == 0 {
		c.add = next // a new article: nothing to compare
	} else {
		set := toSet(next)
		for _, q := range w.Extras.quads {
			set[quadKey(q)] = q
		}
		c.del, c.add = diff(prev, set)
		if c.size() > 0 && len(prev) > 0 && len(set) > 0 {
			// A changed article is taken out whole and written whole:
			// commit puts deletions and additions in two transactions,
			// and writing only the difference would leave, after a crash
			// between them, the quads the two versions share — a third
			// version that no article ever was.
			c.del, c.add = slices.Collect(maps.Values(prev)), slices.Collect(maps.Values(set))
		}
	}
	if w.Doc != nil {
		c.entry = &Entry{ID: w.ID, Hash: w.Doc.Article.Hash, HasText: w.Doc.Text != "", Record: w.Record, extras: w.Extras}
		if c.entry.Record == nil {
			c.entry.Record = []byte{}
		}
	}
	return c, nil
}

// diff is the quads to take out and to put in that turn prev into next.
func diff(prev, next quadSet) (del, add []quad.Quad) {
	for k, q := range prev {
		if _, ok := next[k]; !ok {
			del = append(del, q)
		}
	}
	for k, q := range next {
		if _, ok := prev[k]; !ok {
			add = append(add, q)
		}
	}
	return del, add
}

// commit writes a batch: first every deletion in one transaction, with a
// tombstone in the catalog for each article that held something, then
// every addition in another, with the articles' new entries. Cayley's
// key-value stores (bbolt) net node reference counts over a transaction
// and lose the nodes of added quads whose count drops overall, so removals
// and additions never share one. A crash between the two leaves a
// replaced article absent, and so says its entry, never half there. If a
// transaction fails, each article is retried alone so that one bad
// article cannot sink the others. The caller holds mu.
func (l *Log) commit(b *batch, results []Result) {
	defer func() { *b = batch{} }()
	if len(b.changes) == 0 {
		return
	}
	// the batch's deletions and additions go in one slice each, made at
	// its size
	dels, adds := make([]graph.Delta, 0, b.ndel), make([]graph.Delta, 0, b.nadd)
	var gone, kept []Entry
	for _, c := range b.changes {
		dels, adds = appendDeltas(dels, c.del, graph.Delete), appendDeltas(adds, c.add, graph.Add)
		gone, kept = c.catalog(gone, kept)
	}
	w := l.tx.watch()
	vd, err := l.apply(dels, gone)
	var va map[string]int64
	if err == nil {
		va, err = l.apply(adds, kept)
	}
	l.tx.done(w, b.size())
	if err == nil {
		for _, c := range b.changes {
			results[c.result].Version = max(vd[c.id], va[c.id])
		}
		return
	}
	for _, c := range b.changes {
		v, err := l.applyOne(c)
		if err != nil {
			results[c.result] = Result{Err: fmt.Errorf("graph: article %q: %w", c.id, err)}
			continue
		}
		results[c.result].Version = v
	}
}

// catalog adds the change's tombstone (when the article held something)
// to gone and its new entry (when it holds something next) to kept.
func (c change) catalog(gone, kept []Entry) ([]Entry, []Entry) {
	if c.prior {
		gone = append(gone, Entry{ID: c.id})
	}
	if c.entry != nil {
		kept = append(kept, *c.entry)
	}
	return gone, kept
}

// applyOne writes one article's change and returns its entry's version;
// if its additions fail after its deletions went in, the deletions are
// undone (its entry stays a tombstone: the article is absent).
func (l *Log) applyOne(c change) (int64, error) {
	dels, adds := appendDeltas(nil, c.del, graph.Delete), appendDeltas(nil, c.add, graph.Add)
	gone, kept := c.catalog(nil, nil)
	vd, err := l.apply(dels, gone)
	if err != nil {
		return 0, err
	}
	va, err := l.apply(adds, kept)
	if err != nil {
		_, uerr := l.apply(appendDeltas(nil, c.del, graph.Add), nil)
		return 0, errors.Join(err, uerr)
	}
	return max(vd[c.id], va[c.id]), nil
}

// apply writes deltas and entries in one transaction and returns the
// entries' versions. The caller holds mu.
func (l *Log) apply(ds []graph.Delta, entries []Entry) (map[string]int64, error) {
	if len(ds) == 0 && (len(entries) == 0 || l.cat == nil) {
		return nil, nil
	}
	p := &pending{entries: entries, versions: make(map[string]int64, len(entries))}
	if l.cat == nil {
		p.entries = nil
	}
	switch {
	case l.boltCat != nil:
		l.boltCat.next = p
		defer func() { l.boltCat.next = nil }()
	case l.sqlCat != nil:
		l.sqlCat.next = p
		defer func() { l.sqlCat.next = nil }()
	}
	if err := l.qs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return nil, err
	}
	if l.memCat != nil {
		l.memCat.commit(p)
	}
	return p.versions, nil
}
