package quadlog

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Write transactions sized to the process's memory limit.
//
// A bbolt write transaction holds every page it dirties until it commits,
// and Cayley's key-value layout scatters a transaction's writes: node values
// and reference counts hash into 65,536 buckets each, so the pages a
// transaction of a given number of quad changes dirties grow with the store
// until it touches most of those buckets, while the in-memory index grows
// too. In Cayley's default index layout, which stores created before
// layout.go keep, the index entries of an entity that many articles mention
// are also rewritten whole, and that cost grows without bound. A fixed
// Config.TxDeltas that suits a small store can exhaust the memory of a large
// one.
//
// When the process has a memory limit (GOMEMLIMIT, debug.SetMemoryLimit, or
// newsgraph's --memory-limit), the store watches the live heap that the
// collector reports while each transaction is written, and sizes the next
// one so that the live heap stays under txTargetShare of the limit, leaving
// the collector room to work: the next cap is what would have fitted the
// last transaction's cost per quad change into the room left. A transaction
// that no collection interrupted (the heap never came near the limit), or
// whose peak stayed well under the target, lets the cap grow back by
// txGrowth, up to Config.TxDeltas. Whole articles still go in one
// transaction each, so the smallest transaction is one article. Without a
// limit, every transaction takes up to Config.TxDeltas changes.
const (
	txTargetShare = 0.75
	txGrowth      = 1.25
	txCalm        = 0.8 // of the target: below it the cap may grow
)

// txSizer holds the quad-change cap of the next write transaction. Writes
// are serialised (Store.wmu), so it needs no lock of its own.
type txSizer struct{ max, cur int }

func newTxSizer(most int) *txSizer { return &txSizer{max: most, cur: most} }

// deltas is how many quad changes the next transaction may take.
func (t *txSizer) deltas() int { return t.cur }

// watch starts observing one transaction; nil when the process has no
// memory limit.
func (t *txSizer) watch() *heapWatch {
	limit := debug.SetMemoryLimit(-1) // reads the limit without changing it
	if limit <= 0 || limit == math.MaxInt64 {
		t.cur = t.max
		return nil
	}
	return watchHeap(limit)
}

// done ends the observation of a transaction of n quad changes and sets
// the cap of the next one.
func (t *txSizer) done(w *heapWatch, n int) {
	if w == nil || n <= 0 {
		return
	}
	base, peak := w.stop()
	t.cur = nextTxCap(t.cur, t.max, n, base, peak, w.limit)
}

// nextTxCap is the cap, at most most, after a transaction of n quad changes
// under the cap cur, during which the live heap went from base to peak (peak 0: no
// collection finished during it) under the memory limit limit.
func nextTxCap(cur, most, n int, base, peak uint64, limit int64) int {
	target := txTargetShare * float64(limit)
	switch {
	case peak == 0 || float64(peak) < txCalm*target:
		return min(most, int(math.Ceil(float64(cur)*txGrowth)))
	case float64(peak) <= target:
		return cur
	case float64(base) >= target:
		// The heap is at the target before any transaction: one
		// article at a time.
		return 1
	}
	perChange := float64(peak-base) / float64(n)
	fit := int((target - float64(base)) / perChange)
	return max(1, min(cur, fit))
}

// heapWatch samples the live heap while a transaction is written.
type heapWatch struct {
	limit int64
	base  uint64
	stopc chan struct{}
	donec chan uint64
}

const heapWatchEvery = 5 * time.Millisecond

var heapMetrics = []string{"/gc/heap/live:bytes", "/gc/cycles/total:gc-cycles"}

func readHeap() (live, cycles uint64) {
	s := []metrics.Sample{{Name: heapMetrics[0]}, {Name: heapMetrics[1]}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// watchHeap starts sampling. The live heap is what the last collection
// kept, so only collections that finish after the start count towards the
// peak; the base is the live heap the last one before it kept.
func watchHeap(limit int64) *heapWatch {
	base, cycles := readHeap()
	w := &heapWatch{limit: limit, base: base, stopc: make(chan struct{}), donec: make(chan uint64, 1)}
	go func() {
		var peak uint64
		t := time.NewTicker(heapWatchEvery)
		defer t.Stop()
		for {
			if live, c := readHeap(); c > cycles {
				peak = max(peak, live)
			}
			select {
			case <-w.stopc:
				if live, c := readHeap(); c > cycles {
					peak = max(peak, live)
				}
				w.donec <- peak
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the sampling and returns the base and the peak live heap (0
// when no collection finished meanwhile).
func (w *heapWatch) stop() (base, peak uint64) {
	close(w.stopc)
	return w.base, <-w.donec
}
