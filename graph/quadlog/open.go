package quadlog

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
	// process memory limit (GOMEMLIMIT, debug.SetMemoryLimit) the log goes
	// below the cap by itself as the graph grows; see txsize.go.
	TxDeltas int
	// Decode turns an article's record back into its document, so that a
	// store that cannot find an article's quads by its label (PostgreSQL)
	// can take them out: see Decoder.
	Decode Decoder
	// CayleyWriter writes PostgreSQL's nodes and quads through Cayley's
	// own flavour, a statement per row, rather than package pgbatch: the
	// baseline the benchmarks measure the batches against.
	CayleyWriter bool
	// CheckForeignKeys has PostgreSQL check every quad written against
	// Cayley's nodes, as Cayley's flavour does. By default the checks are
	// skipped where the transaction writes every node its quads name
	// (package pgbatch), which needs a role that may set
	// session_replication_role (a superuser, or from PostgreSQL 15 GRANT
	// SET ON PARAMETER); under any other role they stay on, and Open logs
	// so.
	CheckForeignKeys bool
}

// ErrReadOnly is returned by writes to a log opened with Config.ReadOnly.
var ErrReadOnly = errors.New("graph: store is read-only")

// Log is the graph's quads in Cayley. Its methods are safe for concurrent
// use; writes are serialised.
type Log struct {
	qs       graph.QuadStore
	bolt     *bbolt.DB // under qs, for Backup; nil for the other backends
	name     string    // what Open was given, for error messages
	memory   bool      // Cayley's memstore, which cannot be read while it is written
	readOnly bool

	tx *txSizer // the quad-change cap of the next write transaction

	mu sync.Mutex // serialises writes (and every read, for memstore)

	// cat keeps the articles' entries (catalog.go); nil where the store
	// has none (CockroachDB). mem, bolt and sql are the same catalog, by
	// backend.
	cat     catalog
	memCat  *memCatalog
	boltCat *boltCatalog
	sqlCat  *sqlCatalog
	decode  Decoder

	// articleDir is the direction in which Cayley finds an article's own
	// quads by an index rather than a scan: by label in this package's
	// bbolt layout (layout.go), by subject elsewhere.
	articleDir quad.Direction
}

// Open opens, creating it if needed, the store cfg names.
func Open(ctx context.Context, cfg Config) (*Log, error) {
	if cfg.TxDeltas < 0 {
		return nil, fmt.Errorf("graph: open %s: TxDeltas is %d, want 0 (the default) or more", redact(cfg.DB), cfg.TxDeltas)
	}
	l := &Log{readOnly: cfg.ReadOnly, tx: newTxSizer(cmp.Or(cfg.TxDeltas, DefaultTxDeltas)), decode: cfg.Decode}
	if err := l.open(cfg); err != nil {
		return nil, err
	}
	return l, nil
}

// Name is the store's name for messages, its password masked.
func (l *Log) Name() string { return l.name }

// ReadOnly reports whether the log refuses writes.
func (l *Log) ReadOnly() bool { return l.readOnly }

// IsFile reports whether DB names an embedded bbolt file (rather than the
// memory store or a database server URL).
func (c Config) IsFile() bool {
	return c.DB != "" && c.DB != "memory" && !isServerURL(c.DB)
}

func isServerURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") || strings.HasPrefix(db, "cockroach://")
}

// open opens the store cfg names and its catalog.
func (l *Log) open(cfg Config) error {
	db := cfg.DB
	switch {
	case db == "" || db == "memory":
		qs, err := graph.NewQuadStore("memstore", "", nil)
		if err != nil {
			return fmt.Errorf("graph: open memory store: %w", err)
		}
		l.qs, l.name, l.memory, l.articleDir = qs, "memory", true, quad.Label
		l.memCat = newMemCatalog()
		l.cat = l.memCat
		return nil
	case isServerURL(db):
		l.name, l.articleDir = redact(db), quad.Subject
		typ, addr, err := sqlAddr(db)
		if err != nil {
			return err
		}
		if err := l.openSQL(typ, addr, cfg); err != nil {
			return fmt.Errorf("graph: open %s: %w", redact(db), err)
		}
		return nil
	default:
		l.name = db
		l.boltCat = &boltCatalog{}
		qs, bdb, dir, err := openBoltDB(db, cfg.ReadOnly, boltIndexes, l.boltCat)
		if errors.Is(err, ErrDamaged) {
			return damaged(db, err)
		}
		if err != nil {
			return fmt.Errorf("graph: open %s: %w", db, err)
		}
		l.qs, l.bolt, l.articleDir = qs, bdb, dir
		l.boltCat.db = bdb
		l.cat = l.boltCat
		return nil
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

// openSQL opens the store, creating its tables first if it has none.
// We look before creating because Cayley logs an error when asked to
// create tables that exist. A PostgreSQL store has a catalog; a
// CockroachDB one has none in this version (see the package doc).
func (l *Log) openSQL(typ, addr string, cfg Config) error {
	readOnly := cfg.ReadOnly
	if typ == "postgres" {
		db, err := sql.Open("postgres", addr)
		if err != nil {
			return err
		}
		l.sqlCat = &sqlCatalog{db: db}
		qs, err := openPostgres(addr, cfg, l.sqlCat)
		if err != nil {
			db.Close()
			return err
		}
		l.qs, l.cat = qs, l.sqlCat
		return nil
	}
	pgFlavourMu.Lock() // Cayley's registry of flavours is a plain map
	defer pgFlavourMu.Unlock()
	if !readOnly {
		exists, err := sqlInitialised(addr)
		if err != nil {
			return err
		}
		if !exists {
			if err := graph.InitQuadStore(typ, addr, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
				return err
			}
		}
	}
	qs, err := graph.NewQuadStore(typ, addr, nil)
	if err != nil {
		return err
	}
	l.qs = qs
	return nil
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
	qs, _, _, err := openBoltDB(path, readOnly, indexes, &boltCatalog{})
	return qs, err
}

// openBoltDB is openBoltLayout, which also returns the bbolt database
// under the quad store and the direction in which the store's layout finds
// an article's quads (see Log.articleDir); Cayley's write transactions
// also write cat's pending entries. An existing file is checked for
// damage first (damage.go), since bbolt panics on a damaged page.
func openBoltDB(path string, readOnly bool, indexes []kv.QuadIndex, cat *boltCatalog) (graph.QuadStore, *bbolt.DB, quad.Direction, error) {
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
	qs, err := kv.New(hookedKV{KV: db, c: cat}, boltOptions)
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
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.qs.Close()
	if l.sqlCat != nil {
		err = errors.Join(err, l.sqlCat.db.Close())
	}
	if err != nil {
		return fmt.Errorf("graph: close %s: %w", l.name, err)
	}
	return nil
}
