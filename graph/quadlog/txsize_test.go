package quadlog

import (
	"context"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestNextTxCap(t *testing.T) {
	const (
		most  = 100000
		limit = 1000 << 20 // target 750 MiB, calm below 600 MiB
		mib   = 1 << 20
	)
	for _, tc := range []struct {
		name       string
		cur, n     int
		base, peak uint64
		want       int
	}{
		{"no collection during the transaction: grow", 40000, 40100, 300 * mib, 0, 50000},
		{"growth stops at the configured cap", 90000, 90200, 300 * mib, 0, most},
		{"calm peak: grow", 40000, 40100, 300 * mib, 500 * mib, 50000},
		{"peak between calm and target: hold", 40000, 40100, 300 * mib, 700 * mib, 40000},
		// 600 MiB over 60,000 changes is 10 KiB a change; 450 MiB of room
		// fits 45,000 of them.
		{"over the target: what fits the room", 60000, 60000, 300 * mib, 900 * mib, 45000},
		{"over the target: never above the current cap", 20000, 60000, 300 * mib, 900 * mib, 20000},
		{"no room left: one article at a time", 60000, 60000, 760 * mib, 800 * mib, 1},
		{"a tiny fit is still one article", 60000, 60000, 749 * mib, 100000 * mib, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nextTxCap(tc.cur, most, tc.n, tc.base, tc.peak, limit); got != tc.want {
				t.Errorf("nextTxCap(cur %d, n %d, base %d MiB, peak %d MiB) = %d, want %d",
					tc.cur, tc.n, tc.base/mib, tc.peak/mib, got, tc.want)
			}
		})
	}
}

// TestTxSizeFollowsMemoryLimit loads articles under a memory limit the
// transactions cannot fit: the cap must shrink, the quads must be those of
// a load without a limit, and taking the limit away restores the cap.
func TestTxSizeFollowsMemoryLimit(t *testing.T) {
	ctx := context.Background()
	all := corpusDocs(41)
	docs, last := all[:40], all[40]
	load := func(limited bool) (string, *Log) {
		s, err := Open(ctx, Config{DB: filepath.Join(t.TempDir(), "graph.db")})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if limited {
			runtime.GC()
			live, _ := readHeap()
			// A limit whose target is the live heap plus 2 MiB: less than
			// the 40 articles' transaction holds.
			prev := debug.SetMemoryLimit(int64(float64(live+2<<20) / txTargetShare))
			defer debug.SetMemoryLimit(prev)
		}
		for i := 0; i < len(docs); i += 10 {
			var writes []Write
			for j := i; j < i+10; j++ {
				writes = append(writes, put(&docs[j]))
			}
			commit(t, s, writes...)
		}
		return dump(t, s), s
	}
	free, _ := load(false)
	limited, s := load(true)
	if c := s.tx.deltas(); c >= DefaultTxDeltas {
		t.Errorf("under a memory limit the transaction cap stayed %d, want it below %d", c, DefaultTxDeltas)
	}
	if limited != free || free == "" {
		t.Errorf("the load under a memory limit exports %d bytes, without one %d: want the same quads", len(limited), len(free))
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64)) // none, even under GOMEMLIMIT
	commit(t, s, put(&last))
	if c := s.tx.deltas(); c != DefaultTxDeltas {
		t.Errorf("with the limit gone the transaction cap is %d, want %d", c, DefaultTxDeltas)
	}
}
