package graph

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"sync"
	"time"

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
	// FromQuads makes the index from every quad even when the store keeps
	// a catalog of records: the slow start, which the tests compare with
	// the fast one.
	FromQuads bool
	// CheckForeignKeys has PostgreSQL check every quad written against
	// Cayley's nodes even where they are redundant; by default a role
	// that may set session_replication_role skips those (quadlog.Config).
	CheckForeignKeys bool
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

// Store is a knowledge graph kept in Cayley: the quads and the catalog of
// article records in the log, the reads served from the index made of the
// records. Reads are safe for concurrent use; writes are serialised.
type Store struct {
	log   *quadlog.Log
	ix    *index.Index
	texts *textCache

	wmu sync.Mutex // serialises writes
	// applied is closed once the index holds the last write (ApplyBehind);
	// nil before the first. Guarded by wmu.
	applied <-chan struct{}
	// extras are the quads the model does not read of the articles that
	// have them (imports), for a log without a catalog, which keeps them
	// otherwise.
	extras map[string]quadlog.Extras

	feed  feed  // following the changes of other processes (follow.go)
	start Start // how the index was made
}

// Start says how a store's index was made when it opened.
type Start struct {
	// FromCatalog is true when the index was made from the records the
	// store keeps beside its quads, false when from every quad.
	FromCatalog bool
	// Built is true when the catalog was built, from the quads, as the
	// store opened: a store written by an earlier version.
	Built    bool
	Articles int
	Took     time.Duration
}

// Started says how the store's index was made when it opened.
func (s *Store) Started() Start { return s.start }

// Open opens, creating it if needed, the store cfg names and makes its
// index: from the catalog of article records the store keeps beside its
// quads when it has one, else from the quads (building the catalog, if
// the store is not read-only).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.TextCacheBytes < 0 {
		return nil, fmt.Errorf("graph: open %s: TextCacheBytes is %d, want 0 (the default) or more", Redact(cfg.DB), cfg.TextCacheBytes)
	}
	l, err := quadlog.Open(ctx, quadlog.Config{DB: cfg.DB, ReadOnly: cfg.ReadOnly, TxDeltas: cfg.TxDeltas, Decode: index.DecodeDocument,
		CheckForeignKeys: cfg.CheckForeignKeys})
	if err != nil {
		return nil, err
	}
	s := &Store{log: l, ix: index.New(), texts: newTextCache(cmp.Or(cfg.TextCacheBytes, DefaultTextCacheBytes)),
		extras: map[string]quadlog.Extras{}}
	start := time.Now()
	if err := s.load(ctx, cfg.FromQuads); err != nil {
		l.Close()
		return nil, fmt.Errorf("graph: open %s: %w", l.Name(), err)
	}
	s.start.Articles, s.start.Took = s.ix.Len(), time.Since(start)
	return s, nil
}

// load makes the index, from the catalog if it is whole and of this
// format, else from the quads (building the catalog when it may).
func (s *Store) load(ctx context.Context, fromQuads bool) error {
	if !s.log.HasCatalog() {
		return s.loadQuads(ctx, false)
	}
	format, err := s.log.CatalogFormat(ctx)
	if err != nil {
		return err
	}
	if format != index.RecordFormat && !s.log.ReadOnly() {
		unlock, err := s.log.LockCatalog(ctx)
		if err != nil {
			return err
		}
		defer unlock()
		// another process may have built it while we waited
		if format, err = s.log.CatalogFormat(ctx); err != nil {
			return err
		}
	}
	switch {
	case format == index.RecordFormat && !fromQuads:
		return s.loadCatalog(ctx)
	case format == index.RecordFormat || s.log.ReadOnly():
		return s.loadQuads(ctx, false)
	}
	return s.loadQuads(ctx, true)
}

// loadCatalog makes the index from the records of the catalog.
func (s *Store) loadCatalog(ctx context.Context) error {
	var changes []index.Change
	pos, err := s.log.Entries(ctx, func(e quadlog.Entry) error {
		d, err := index.DecodeRecord(e.Record)
		if err != nil {
			return fmt.Errorf("article %q: %w", e.ID, err)
		}
		changes = append(changes, index.Change{ID: e.ID, Doc: d, Version: e.Version})
		return nil
	})
	if err != nil {
		return err
	}
	s.ix.Load(changes)
	s.feed.pos = pos
	s.start.FromCatalog = true
	return nil
}

// catalogBatch is how many entries a catalog being built gets at once.
const catalogBatch = 512

// loadQuads makes the index from every article's quads and, with build,
// the catalog beside them: how a store written by an earlier version gets
// one.
func (s *Store) loadQuads(ctx context.Context, build bool) error {
	var (
		changes []index.Change
		batch   []quadlog.Entry
	)
	pos, err := s.log.Position(ctx)
	if err != nil {
		return err
	}
	err = s.log.Articles(ctx, func(d schema.Document, extras quadlog.Extras) error {
		kept := quadlog.Stored(&d) // as a write of d would keep it
		rec := index.Pack(&kept)
		changes = append(changes, index.Change{ID: d.Article.ID, Doc: rec})
		if extras.Len() > 0 && !s.log.HasCatalog() {
			s.extras[d.Article.ID] = extras
		}
		if !build {
			return nil
		}
		if batch = append(batch, quadlog.NewEntry(&d, extras, rec.Record())); len(batch) == catalogBatch {
			err := s.log.LoadCatalog(ctx, batch)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil && build {
		if err = s.log.LoadCatalog(ctx, batch); err == nil {
			err = s.log.SetCatalogFormat(ctx, index.RecordFormat)
		}
	}
	if err != nil {
		return err
	}
	s.ix.Load(changes)
	s.start.Built = build
	// Changes committed while the quads were read come again from the
	// feed, and the newer wins (versions).
	s.feed.pos = pos
	return nil
}

// Close releases the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.applied != nil {
		<-s.applied
	}
	return s.log.Close()
}

// Backup writes a consistent copy of a bbolt store to w, taken in one read
// transaction while the store goes on serving and taking writes. It returns
// the bytes written. Other backends are refused: export them, or use the
// database's own tools.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	return s.log.Backup(ctx, w)
}
