package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
)

// BenchmarkStart times what a replica does before it serves: opening a
// store that holds a generated graph of NEWSGRAPH_START articles (2,000
// unless set) and making its index, from the catalog of records (how
// every store of this version starts) and from every quad (Config.
// FromQuads, how a store without a catalog starts), on bbolt and, with
// NEWSGRAPH_TEST_POSTGRES, on PostgreSQL. It reports the seconds to
// ready, the articles per second and the live heap per article after the
// open (the index, and what the store keeps open). The graph is built
// the first time and kept, keyed by size and seed (bbolt in os.TempDir(),
// PostgreSQL as database ng_start_<n>_seed<seed>), so that later runs
// time opens only:
//
//	NEWSGRAPH_START=10000 go test -run '^$' -bench '^BenchmarkStart$' -count 3 -timeout 2h ./graph/
//
// Each open is read-only, as a replica's may be; a writer's open takes
// the same path.
func BenchmarkStart(b *testing.B) {
	n := envSize(b, "NEWSGRAPH_START", 2000)
	b.Run("bbolt", func(b *testing.B) {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("newsgraph-start-%d-seed%d.db", n, scaleSeed))
		building := func() string {
			tmp := path + ".building"
			if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
				b.Fatal(err)
			}
			return tmp
		}
		db := keptGraph(b, path, building, func(from string) error { return os.Rename(from, path) }, n)
		benchOpens(b, db, n)
	})
	b.Run("postgres", func(b *testing.B) {
		base := os.Getenv(postgresEnv)
		if base == "" {
			b.Skipf("%s is not set; start a server with .ci/postgres.sh", postgresEnv)
		}
		name := fmt.Sprintf("ng_start_%d_seed%d", n, scaleSeed)
		db := keptGraph(b, databaseURL(b, base, name), func() string { return freshDatabaseNamed(b, base, name+"_building") },
			func(string) error { return renameDatabase(base, name+"_building", name) }, n)
		benchOpens(b, db, n)
	})
}

// benchOpens times opens of db from the catalog and from the quads.
func benchOpens(b *testing.B, db string, n int) {
	for _, c := range []struct {
		name      string
		fromQuads bool
	}{{"catalog", false}, {"quads", true}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var took time.Duration
			var heap int64
			for range b.N {
				base := liveHeap()
				start := time.Now()
				s, err := Open(ctx, Config{DB: db, ReadOnly: true, FromQuads: c.fromQuads})
				if err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				if st := s.Started(); st.FromCatalog == c.fromQuads || st.Articles != n {
					s.Close()
					b.Fatalf("opened %s: %+v, want %d articles from the %s", Redact(db), st, n, c.name)
				}
				heap += liveHeap() - base
				runtime.KeepAlive(s)
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
			per := took.Seconds() / float64(b.N)
			b.ReportMetric(per, "start-s")
			b.ReportMetric(float64(n)/per, "articles/s")
			b.ReportMetric(float64(heap)/float64(b.N)/float64(n), "heap-B/article")
		})
	}
}

// liveHeap is the heap the last of two collections kept.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// keptGraph returns db when it holds the n articles of the corpus (its
// last one as the generator makes it now) and a whole catalog; else it
// loads them into the store building() names, makes it db with done, and
// returns db.
func keptGraph(b *testing.B, db string, building func() string, done func(string) error, n int) string {
	ctx := context.Background()
	gen := corpus.New(corpus.Config{Seed: scaleSeed})
	if s, err := Open(ctx, Config{DB: db, ReadOnly: true}); err == nil {
		last := gen.Document(n - 1).Article
		got, err := s.Article(ctx, last.ID)
		whole := s.Started().FromCatalog && s.Started().Articles == n && err == nil && got.Hash == last.Hash
		s.Close()
		if whole {
			return db
		}
	}
	tmp := building()
	s, err := Open(ctx, Config{DB: tmp})
	if err != nil {
		b.Fatal(err)
	}
	progress("building a graph of %d articles in %s", n, Redact(tmp))
	loadCorpus(b, s, gen, 0, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if err := done(tmp); err != nil {
		b.Fatalf("keep %s as %s: %v", Redact(tmp), Redact(db), err)
	}
	return db
}

// databaseURL is base with its database name replaced by name.
func databaseURL(b *testing.B, base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		b.Fatalf("%s: %v", Redact(base), err)
	}
	u.Path = "/" + name
	return u.String()
}

// freshDatabaseNamed creates the database name on the server at base,
// dropping one that is there, and returns its URL.
func freshDatabaseNamed(b *testing.B, base, name string) string {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		b.Fatalf("open %s: %v", Redact(base), err)
	}
	defer admin.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name} {
		if _, err := admin.Exec(q); err != nil {
			b.Fatalf("%s on %s: %v", q, Redact(base), err)
		}
	}
	return databaseURL(b, base, name)
}

// renameDatabase makes database from the one called to, replacing it.
func renameDatabase(base, from, to string) error {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return err
	}
	defer admin.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + to + " WITH (FORCE)", "ALTER DATABASE " + from + " RENAME TO " + to} {
		if _, err := admin.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
