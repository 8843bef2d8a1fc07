package graph

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
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
	// below the cap by itself as the graph grows.
	TxDeltas int
	// TextCacheBytes bounds the article texts kept in memory after a read
	// of evidence sentences or a text (0: DefaultTextCacheBytes).
	TextCacheBytes int
}

// DefaultTxDeltas is how many quad changes go into one Cayley transaction
// unless Config.TxDeltas says otherwise.
const DefaultTxDeltas = quadlog.DefaultTxDeltas

// IsFile reports whether DB names an embedded bbolt file (rather than the
// memory store or a database server URL).
func (c Config) IsFile() bool { return quadlog.Config{DB: c.DB}.IsFile() }

// ErrNotFound is wrapped by the errors of reads that name a missing entity or
// article.
var ErrNotFound = index.ErrNotFound

// ErrReadOnly is returned by writes to a store opened with Config.ReadOnly.
var ErrReadOnly = quadlog.ErrReadOnly

// ErrDamaged is wrapped by the error of opening a bbolt file whose pages
// do not hold together.
var ErrDamaged = quadlog.ErrDamaged

// Store is a knowledge graph kept in Cayley: the quads in the log, the
// reads served from the index. Reads are safe for concurrent use; writes
// are serialised.
type Store struct {
	log   *quadlog.Log
	ix    *index.Index
	texts *textCache

	wmu sync.Mutex // serialises writes: a write plans against the index it then changes
	// extras are the quads the model does not read of the articles that
	// have them (imports), which go with the article.
	extras map[string]quadlog.Extras
}

// Open opens, creating it if needed, the store cfg names and loads its
// index from the quads.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	l, err := quadlog.Open(ctx, quadlog.Config{DB: cfg.DB, ReadOnly: cfg.ReadOnly, TxDeltas: cfg.TxDeltas})
	if err != nil {
		return nil, err
	}
	if cfg.TextCacheBytes < 0 {
		l.Close()
		return nil, fmt.Errorf("graph: open %s: TextCacheBytes is %d, want 0 (the default) or more", l.Name(), cfg.TextCacheBytes)
	}
	s := &Store{log: l, ix: index.New(), texts: newTextCache(cmp.Or(cfg.TextCacheBytes, DefaultTextCacheBytes)),
		extras: map[string]quadlog.Extras{}}
	if err := s.load(ctx); err != nil {
		l.Close()
		return nil, err
	}
	return s, nil
}

// load builds the index from every article's quads.
func (s *Store) load(ctx context.Context) error {
	var changes []index.Change
	err := s.log.Articles(ctx, func(d schema.Document, extras quadlog.Extras) error {
		changes = append(changes, index.Change{ID: d.Article.ID, Doc: index.Pack(&d)})
		if extras.Len() > 0 {
			s.extras[d.Article.ID] = extras
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.ix.Load(changes)
	return nil
}

// Close releases the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.log.Close()
}

// Backup writes a consistent copy of a bbolt store to w, taken in one read
// transaction while the store goes on serving and taking writes. It returns
// the bytes written. Other backends are refused: export them, or use the
// database's own tools.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	return s.log.Backup(ctx, w)
}
