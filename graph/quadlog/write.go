package quadlog

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// DefaultTxDeltas is how many quad changes go into one Cayley transaction
// unless Config.TxDeltas says otherwise. A transaction holds whole articles
// only, so a crash leaves each article fully present or absent.
const DefaultTxDeltas = 100000

// Write is one change to one article: the document it holds next (nil
// takes it out) and what it held before.
type Write struct {
	ID     string
	Doc    *schema.Document // validated, with its text when it has one
	Extras Extras           // quads of its graph the model does not read, from an import
	Prior  *Prior           // nil: the article is new
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
	Quads     int   // quads added
	Err       error // nil when the write is committed
}

// change is what one write does to one article.
type change struct {
	result int // index into the results
	id     string
	deltas []graph.Delta
}

// batch gathers the changes of many articles for one transaction.
type batch struct {
	changes []change
	ids     map[string]bool
	n       int
}

func (b *batch) add(c change) {
	if b.ids == nil {
		b.ids = map[string]bool{}
	}
	b.changes = append(b.changes, c)
	b.ids[c.id] = true
	b.n += len(c.deltas)
}

// Commit writes each article all or nothing. Many articles share a
// transaction (up to the log's quad-change cap); a changed article is taken
// out whole and written whole. Writes of the same article are applied in
// order. The results say what became of each write; a failure of one
// article leaves the others in.
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
	var b batch
	for i, w := range writes {
		if err := ctx.Err(); err != nil {
			results[i].Err = fmt.Errorf("graph: article %q: %w", w.ID, err)
			continue
		}
		if b.ids[w.ID] || b.n >= l.tx.deltas() {
			l.commit(&b, results)
		}
		c := l.plan(w)
		c.result = i
		results[i] = Result{Quads: countAdds(c.deltas), Unchanged: len(c.deltas) == 0}
		if len(c.deltas) > 0 {
			b.add(c)
		}
	}
	l.commit(&b, results)
	return results
}

func countAdds(ds []graph.Delta) int {
	n := 0
	for _, d := range ds {
		if d.Action == graph.Add {
			n++
		}
	}
	return n
}

// plan works out the deltas of one write. The caller holds mu.
func (l *Log) plan(w Write) change {
	var next, prev quadSet
	if w.Doc != nil {
		next = encode(w.Doc)
		for _, q := range w.Extras.quads {
			next[quadKey(q)] = q
		}
	}
	if w.Prior != nil {
		prev = l.priorQuads(w.Prior)
	}
	c := change{id: w.ID, deltas: diff(prev, next)}
	if len(c.deltas) > 0 && len(prev) > 0 && len(next) > 0 {
		// A changed article is taken out whole and written whole: commit
		// puts deletions and additions in two transactions, and writing
		// only the difference would leave, after a crash between them, the
		// quads the two versions share — a third version that no article
		// ever was.
		c.deltas = replacement(prev, next)
	}
	return c
}

// replacement deletes every quad of prev and adds every quad of next.
func replacement(prev, next quadSet) []graph.Delta {
	ds := make([]graph.Delta, 0, len(prev)+len(next))
	for _, q := range prev {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Delete})
	}
	for _, q := range next {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Add})
	}
	return ds
}

// diff lists the deletions then the additions that turn prev into next.
func diff(prev, next quadSet) []graph.Delta {
	ds := make([]graph.Delta, 0, len(next))
	for k, q := range prev {
		if _, ok := next[k]; !ok {
			ds = append(ds, graph.Delta{Quad: q, Action: graph.Delete})
		}
	}
	for k, q := range next {
		if _, ok := prev[k]; !ok {
			ds = append(ds, graph.Delta{Quad: q, Action: graph.Add})
		}
	}
	return ds
}

// commit writes a batch: first every deletion in one transaction, then
// every addition in another. Cayley's key-value stores (bbolt) net node
// reference counts over a transaction and lose the nodes of added quads whose
// count drops overall, so removals and additions never share one. A crash
// between the two leaves a replaced article absent, never half there. If a
// transaction fails, each article is retried alone so that one bad article
// cannot sink the others. The caller holds mu.
func (l *Log) commit(b *batch, results []Result) {
	defer func() { *b = batch{} }()
	if len(b.changes) == 0 {
		return
	}
	var dels, adds []graph.Delta
	for _, c := range b.changes {
		d, a := split(c.deltas)
		dels, adds = append(dels, d...), append(adds, a...)
	}
	w := l.tx.watch()
	ok := l.apply(dels) == nil && l.apply(adds) == nil
	l.tx.done(w, b.n)
	if ok {
		return
	}
	for _, c := range b.changes {
		if err := l.applyOne(c.deltas); err != nil {
			results[c.result] = Result{Err: fmt.Errorf("graph: article %q: %w", c.id, err)}
		}
	}
}

func split(ds []graph.Delta) (dels, adds []graph.Delta) {
	for i, d := range ds {
		if d.Action == graph.Add {
			return ds[:i], ds[i:]
		}
	}
	return ds, nil
}

// applyOne writes one article's change; if its additions fail after its
// deletions went in, the deletions are undone.
func (l *Log) applyOne(ds []graph.Delta) error {
	dels, adds := split(ds)
	if err := l.apply(dels); err != nil {
		return err
	}
	if err := l.apply(adds); err != nil {
		undo := make([]graph.Delta, len(dels))
		for i, d := range dels {
			undo[i] = graph.Delta{Quad: d.Quad, Action: graph.Add}
		}
		return errors.Join(err, l.apply(undo))
	}
	return nil
}

func (l *Log) apply(ds []graph.Delta) error {
	if len(ds) == 0 {
		return nil
	}
	return l.qs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}
