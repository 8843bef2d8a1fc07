package graph

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"go.etcd.io/bbolt"
)

// Config says which store to open.
type Config struct {
	// DB names the store: "memory" (or "") for an in-process memstore; a
	// postgres:// or postgresql:// URL for PostgreSQL; cockroach:// (or a URL
	// with ?backend=cockroach) for CockroachDB; anything else is a bbolt file
	// path (parent dirs created).
	DB       string
	ReadOnly bool
	// TxDeltas caps the quad changes that go into one Cayley transaction
	// (which holds whole articles only); 0 means DefaultTxDeltas. A smaller
	// cap holds less memory while a load runs and loads more slowly. Under a
	// process memory limit (GOMEMLIMIT, debug.SetMemoryLimit) the store goes
	// below the cap by itself as the graph grows; see txsize.go.
	TxDeltas int
}

// ErrNotFound is wrapped by the errors of reads that name a missing entity or
// article.
var ErrNotFound = errors.New("graph: not found")

// ErrReadOnly is returned by writes to a store opened with Config.ReadOnly.
var ErrReadOnly = errors.New("graph: store is read-only")

// Store is a knowledge graph kept in Cayley. Reads are safe for concurrent
// use; writes are serialised.
type Store struct {
	qs       graph.QuadStore
	bolt     *bbolt.DB // under qs, for Backup; nil for the other backends
	name     string    // what Open was given, for error messages
	readOnly bool

	tx *txSizer // the quad-change cap of the next write transaction

	wmu sync.Mutex   // serialises writes (and Cayley scans, for memstore)
	mu  sync.RWMutex // guards idx
	idx *index

	// articleDir is the direction in which Cayley finds an article's own
	// quads by an index rather than a scan: by label in this package's
	// bbolt layout (layout.go), by subject elsewhere.
	articleDir quad.Direction
}

// Open opens, creating it if needed, the store cfg names and loads its
// in-memory index from the quads.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.TxDeltas < 0 {
		return nil, fmt.Errorf("graph: open %s: TxDeltas is %d, want 0 (the default) or more", redact(cfg.DB), cfg.TxDeltas)
	}
	qs, bdb, name, dir, err := openQuadStore(cfg)
	if err != nil {
		return nil, err
	}
	s := &Store{qs: qs, bolt: bdb, name: name, readOnly: cfg.ReadOnly, idx: newIndex(), tx: newTxSizer(cmp.Or(cfg.TxDeltas, DefaultTxDeltas)),
		articleDir: dir}
	if err := s.load(ctx); err != nil {
		qs.Close()
		return nil, err
	}
	return s, nil
}

// IsFile reports whether DB names an embedded bbolt file (rather than the
// memory store or a database server URL).
func (c Config) IsFile() bool {
	return c.DB != "" && c.DB != "memory" && !isServerURL(c.DB)
}

func isServerURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") || strings.HasPrefix(db, "cockroach://")
}

func openQuadStore(cfg Config) (graph.QuadStore, *bbolt.DB, string, quad.Direction, error) {
	db := cfg.DB
	switch {
	case db == "" || db == "memory":
		qs, err := graph.NewQuadStore("memstore", "", nil)
		if err != nil {
			return nil, nil, "memory", quad.Subject, fmt.Errorf("graph: open memory store: %w", err)
		}
		return qs, nil, "memory", quad.Subject, nil
	case isServerURL(db):
		typ, addr, err := sqlAddr(db)
		if err != nil {
			return nil, nil, redact(db), quad.Subject, err
		}
		qs, err := openSQL(typ, addr, cfg.ReadOnly)
		if err != nil {
			return nil, nil, redact(db), quad.Subject, fmt.Errorf("graph: open %s: %w", redact(db), err)
		}
		return qs, nil, redact(db), quad.Subject, nil
	default:
		qs, bdb, dir, err := openBoltDB(db, cfg.ReadOnly, boltIndexes)
		if errors.Is(err, ErrDamaged) {
			return nil, nil, db, dir, damaged(db, err)
		}
		if err != nil {
			return nil, nil, db, dir, fmt.Errorf("graph: open %s: %w", db, err)
		}
		return qs, bdb, db, dir, nil
	}
}

// sqlAddr picks the Cayley SQL flavour for a URL and returns the address
// lib/pq accepts: cockroach:// becomes postgres:// and the backend parameter,
// ours, is removed.
func sqlAddr(db string) (typ, addr string, err error) {
	u, err := url.Parse(db)
	if err != nil {
		return "", "", fmt.Errorf("graph: open %s: bad URL: %w", redact(db), err)
	}
	typ = "postgres"
	if u.Scheme == "cockroach" {
		typ, u.Scheme = "cockroach", "postgres"
	}
	q := u.Query()
	if b := q.Get("backend"); b != "" {
		if b != "cockroach" && b != "postgres" {
			return "", "", fmt.Errorf("graph: open %s: unknown backend %q", redact(db), b)
		}
		typ = b
		q.Del("backend")
		u.RawQuery = q.Encode()
	}
	return typ, u.String(), nil
}

// openSQL opens the store, creating its tables first if it has none. We
// look before creating because Cayley logs an error when asked to create
// tables that exist.
func openSQL(typ, addr string, readOnly bool) (graph.QuadStore, error) {
	if !readOnly {
		exists, err := sqlInitialised(addr)
		if err != nil {
			return nil, err
		}
		if !exists {
			if err := graph.InitQuadStore(typ, addr, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
				return nil, err
			}
		}
	}
	return graph.NewQuadStore(typ, addr, nil)
}

func sqlInitialised(addr string) (bool, error) {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return false, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var exists bool
	err = db.QueryRowContext(ctx, "SELECT to_regclass('quads') IS NOT NULL").Scan(&exists)
	return exists, err
}

// openBolt opens Cayley's key-value quad store over a single bbolt file.
// Cayley's own "bbolt" registration wants a directory; we open the file
// through the same hidalgo driver so that the store is one file. A store
// it creates gets newsgraph's layout (layout.go).
func openBolt(path string, readOnly bool) (graph.QuadStore, error) {
	return openBoltLayout(path, readOnly, boltIndexes)
}

// openBoltLayout is openBolt creating a missing store with the given
// indexes (nil: Cayley's default, as stores made before layout.go have).
func openBoltLayout(path string, readOnly bool, indexes []kv.QuadIndex) (graph.QuadStore, error) {
	qs, _, _, err := openBoltDB(path, readOnly, indexes)
	return qs, err
}

// openBoltDB is openBoltLayout, which also returns the bbolt database
// under the quad store and the direction in which the store's layout finds
// an article's quads (see Store.articleDir). An existing file is checked
// for damage first (damage.go), since bbolt panics on a damaged page.
func openBoltDB(path string, readOnly bool, indexes []kv.QuadIndex) (graph.QuadStore, *bbolt.DB, quad.Direction, error) {
	if err := checkBoltFile(path); err != nil {
		return nil, nil, quad.Subject, err
	}
	if !readOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, nil, quad.Subject, err
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, nil, quad.Subject, err
	}
	bdb, err := bbolt.Open(path, 0o644, &bbolt.Options{
		Timeout:  2 * time.Second,
		ReadOnly: readOnly,
		// The free list is rebuilt from the pages at open instead of being
		// written at every commit (which, on a large store, costs a write of
		// every free page id per transaction), and kept as a map, whose
		// allocation does not scan the whole list. A crash loses nothing
		// either way: the free list is derived from the page tree.
		NoFreelistSync: true,
		FreelistType:   bbolt.FreelistMapType,
	})
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, nil, quad.Subject, fmt.Errorf("locked by another process: %w", err)
	} else if err != nil {
		return nil, nil, quad.Subject, err
	}
	db := hbolt.New(bdb)
	if !readOnly {
		if err := initBolt(db, indexes); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			db.Close()
			return nil, nil, quad.Subject, err
		}
	}
	qs, err := kv.New(db, boltOptions)
	if err != nil {
		db.Close()
		return nil, nil, quad.Subject, err
	}
	return qs, bdb, articleDirection(db), nil
}

// redact hides the password of a database URL in messages.
func redact(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Close releases the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("graph: close %s: %w", s.name, err)
	}
	return nil
}

// load builds the index from every quad in the store, one article at a
// time. A first pass counts each label's quads from the quad records alone
// (no node lookups); the second decodes an article as soon as its last quad
// has gone past and lets its quads go. The key-value stores keep an
// article's quads together, so only a few articles are ever held at once,
// instead of every quad of the store.
func (s *Store) load(ctx context.Context) error {
	remaining, err := s.labelCounts(ctx)
	if err != nil {
		return fmt.Errorf("graph: load %s: %w", s.name, err)
	}
	pending := map[string][]quad.Quad{}
	touched := map[string]bool{}
	err = s.scanBatched(ctx, func(q quad.Quad, lkey any) error {
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
			s.idx.stage(id, decode(id, toSet(pending[id])), touched)
			delete(pending, id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("graph: load %s: %w", s.name, err)
	}
	for id, qs := range pending { // a store written while we read: take what is there
		s.idx.stage(id, decode(id, toSet(qs)), touched)
	}
	s.idx.remerge(touched)
	s.idx.trim()
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
func (s *Store) labelCounts(ctx context.Context) (map[any]int, error) {
	counts := map[any]int{}
	err := s.scanRefs(ctx, func(_ graph.Ref, lkey any) error {
		if lkey != nil {
			counts[lkey]++
		}
		return nil
	})
	return counts, err
}

// scanRefs calls fn with the ref of every quad and the key of its label's
// ref (nil when it has none).
func (s *Store) scanRefs(ctx context.Context, fn func(graph.Ref, any) error) error {
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		ref := it.Result()
		l, err := s.qs.QuadDirection(ref, quad.Label)
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
func (s *Store) scan(ctx context.Context, fn func(quad.Quad) error) error {
	return s.scanBatched(ctx, func(q quad.Quad, _ any) error { return fn(q) })
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
func (s *Store) scanBatched(ctx context.Context, fn func(quad.Quad, any) error) error {
	return s.scanChunked(ctx, scanChunk, scanCacheMax, fn)
}

// scanChunked is scanBatched with chunk quads per lookup and at most
// cacheMax IRIs kept, which the tests make small.
func (s *Store) scanChunked(ctx context.Context, chunkSize, cacheMax int, fn func(quad.Quad, any) error) error {
	it := s.qs.QuadsAllIterator().Iterate()
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
		vals, err := graph.ValuesOf(ctx, s.qs, miss)
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
			n, err := s.qs.QuadDirection(ref, dir)
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
