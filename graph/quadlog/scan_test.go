package quadlog

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestScanSmallCache scans a store with chunks and a cache of IRIs far
// smaller than a store's, so that the cache is emptied between nearly
// every chunk: every quad must still come back whole, the same as with
// the sizes Open uses.
func TestScanSmallCache(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{DB: filepath.Join(t.TempDir(), "graph.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteRaw(ctx, RawQuads(corpusDocs(40))); err != nil {
		t.Fatal(err)
	}
	scan := func(chunk, cacheMax int) []string {
		var out []string
		err := s.scanChunked(ctx, chunk, cacheMax, func(q quad.Quad, _ any) error {
			if q.Subject == nil || q.Predicate == nil || q.Object == nil || q.Label == nil {
				t.Fatalf("chunk %d, cache %d: quad with a missing part: %v", chunk, cacheMax, q)
			}
			out = append(out, q.String())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	want := scan(scanChunk, scanCacheMax)
	for _, c := range []struct{ chunk, cache int }{{7, 20}, {13, 40}, {64, 100}, {1, 3}} {
		if got := scan(c.chunk, c.cache); !slices.Equal(got, want) {
			t.Errorf("chunk %d, cache %d: %d quads differ from the %d of a plain scan", c.chunk, c.cache, len(got), len(want))
		}
	}
}
