package quadlog

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Raw is the quads of some documents as additions, made ready for
// WriteRaw.
type Raw struct{ deltas []graph.Delta }

// Len is the number of quads.
func (r Raw) Len() int { return len(r.deltas) }

// RawQuads encodes the quads of docs, which must have passed Validate.
func RawQuads(docs []schema.Document) Raw {
	var r Raw
	var e encoder
	for i := range docs {
		r.deltas = appendDeltas(r.deltas, e.encode(&docs[i]), graph.Add)
	}
	return r
}

// WriteRaw writes quads straight into Cayley, in transactions of the log's
// quad-change cap, with nothing else: no prior versions, no read index,
// no log of changes. It is the store's raw write rate, the bound the
// benchmarks measure Commit against.
func (l *Log) WriteRaw(ctx context.Context, r Raw) error {
	if l.readOnly {
		return fmt.Errorf("graph: write into %s: %w", l.name, ErrReadOnly)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for start := 0; start < len(r.deltas); start += l.tx.max {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+l.tx.max, len(r.deltas))
		if _, err := l.apply(r.deltas[start:end], nil); err != nil {
			return fmt.Errorf("graph: write into %s: %w", l.name, err)
		}
	}
	return nil
}
