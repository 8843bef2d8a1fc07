package quadlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

// The catalog: beside the quads, the store keeps one entry per article,
// written in the same transaction as the article's quads (catalog_bolt.go,
// catalog_sql.go; the memstore keeps it in memory):
//
//   - the article's record, the bytes the read index is made from (opaque
//     here: package index makes and reads them), so that an index starts
//     from the records, not from every quad;
//   - a version, one more at each write of the article, so that a reader
//     that sees two changes of one article in either order keeps the later;
//   - the hash and whether the text is kept, which plan a write;
//   - the quads of its graph the model does not read (extras), which go
//     with it.
//
// An article taken out keeps its entry, without a record (a tombstone), so
// that the processes that follow the store's changes see it go. On
// PostgreSQL the entries also carry the transaction that wrote them, by
// which followers read the changes in commit order (Changes).

// Entry is the catalog's entry of one article.
type Entry struct {
	ID      string
	Version int64
	Hash    string
	HasText bool
	Record  []byte // nil: the article was taken out
	extras  Extras
}

// Gone reports whether the entry is a tombstone.
func (e Entry) Gone() bool { return e.Record == nil }

// Decoder turns a record back into the document the article holds, its
// sentences cut from text (the article's text, "" when it has none): the
// log re-encodes the quads of an article it must take out of a store that
// cannot find them by the article's label.
type Decoder func(record []byte, text string) (schema.Document, error)

// catalog is where a backend keeps the entries. put writes entries as
// part of the Cayley transaction that hooks call (see pending).
type catalog interface {
	// lookup returns the entries of the articles ids names that have one.
	lookup(ctx context.Context, ids []string) (map[string]Entry, error)
	// each calls fn with every live entry, in no order, and returns the
	// position of the change feed the entries are as of ("" where there
	// is no feed).
	each(ctx context.Context, fn func(Entry) error) (string, error)
	// meta is the format of the records of a catalog that holds every
	// article, "" for none (the catalog of a store written by an earlier
	// version, or being built); setMeta records it.
	meta(ctx context.Context) (format string, err error)
	setMeta(ctx context.Context, format string) error
	// load writes entries outside any write of quads: those of a store
	// whose catalog is being built.
	load(ctx context.Context, entries []Entry) error
}

// pending is what the next Cayley transaction writes into the catalog,
// and what the hook that writes them found: the version each entry got.
type pending struct {
	entries  []Entry
	versions map[string]int64
}

// encodeExtras writes extras as N-Quads, sorted, the form the catalog
// keeps them in.
func encodeExtras(e Extras) string {
	if len(e.quads) == 0 {
		return ""
	}
	qs := slices.Clone(e.quads)
	slices.SortFunc(qs, func(a, b quad.Quad) int { return strings.Compare(quadKey(a), quadKey(b)) })
	var b strings.Builder
	w := nquads.NewWriter(&b)
	w.WriteQuads(qs)
	w.Close()
	return b.String()
}

func decodeExtras(s string) (Extras, error) {
	var e Extras
	if s == "" {
		return e, nil
	}
	r := nquads.NewReader(strings.NewReader(s), false)
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return e, nil
		} else if err != nil {
			return Extras{}, fmt.Errorf("extras: %w", err)
		}
		e.quads = append(e.quads, normalize(q))
	}
}

// ErrNoCatalog is returned by the catalog's methods on a store that has
// none (CockroachDB).
var ErrNoCatalog = errors.New("graph: the store keeps no catalog of articles")

// NewEntry is the entry of an article that holds d, its extras and its
// record, for LoadCatalog.
func NewEntry(d *schema.Document, extras Extras, record []byte) Entry {
	return Entry{ID: d.Article.ID, Hash: d.Article.Hash, HasText: d.Text != "", Record: record, extras: extras}
}

// Lookup returns the catalog's entries of the articles ids names that
// have one, tombstones included.
func (l *Log) Lookup(ctx context.Context, ids []string) (map[string]Entry, error) {
	if l.cat == nil {
		return nil, ErrNoCatalog
	}
	got, err := l.cat.lookup(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("graph: catalog of %s: %w", l.name, err)
	}
	return got, nil
}

// Entries calls fn with the entry of every article the store holds, and
// returns the position of the change feed from which Changes gives what
// was written since ("" where there is no feed). A record is valid during
// the call only.
func (l *Log) Entries(ctx context.Context, fn func(Entry) error) (string, error) {
	if l.cat == nil {
		return "", ErrNoCatalog
	}
	pos, err := l.cat.each(ctx, fn)
	if err != nil {
		return "", fmt.Errorf("graph: catalog of %s: %w", l.name, err)
	}
	return pos, nil
}

// CatalogFormat is the format of the records of a catalog that holds
// every article, as SetCatalogFormat recorded it; "" when the catalog is
// not whole (a store written by an earlier version) or the store has none.
func (l *Log) CatalogFormat(ctx context.Context) (string, error) {
	if l.cat == nil {
		return "", nil
	}
	f, err := l.cat.meta(ctx)
	if err != nil {
		return "", fmt.Errorf("graph: catalog of %s: %w", l.name, err)
	}
	return f, nil
}

// LoadCatalog writes entries made from the quads into the catalog, each
// one version past the last, and SetCatalogFormat records that the
// catalog is whole: how a store written by an earlier version, or whose
// records are of another format, gets its catalog. The writes of the
// store's quads wait meanwhile, in this process.
func (l *Log) LoadCatalog(ctx context.Context, entries []Entry) error {
	if l.cat == nil {
		return ErrNoCatalog
	}
	if l.readOnly {
		return fmt.Errorf("graph: catalog of %s: %w", l.name, ErrReadOnly)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.cat.load(ctx, entries); err != nil {
		return fmt.Errorf("graph: catalog of %s: %w", l.name, err)
	}
	return nil
}

// SetCatalogFormat records that the catalog holds every article, its
// records in format.
func (l *Log) SetCatalogFormat(ctx context.Context, format string) error {
	if l.cat == nil {
		return ErrNoCatalog
	}
	if err := l.cat.setMeta(ctx, format); err != nil {
		return fmt.Errorf("graph: catalog of %s: %w", l.name, err)
	}
	return nil
}

// LockCatalog keeps other processes from building the catalog at the same
// time, until unlock is called: on PostgreSQL, a session lock on a
// connection of its own; elsewhere one process writes a store.
func (l *Log) LockCatalog(ctx context.Context) (unlock func(), err error) {
	if l.sqlCat == nil {
		return func() {}, nil
	}
	return l.sqlCat.lock(ctx)
}

// ErrNoFeed is returned by Changes on a store whose changes other
// processes cannot follow: every backend but PostgreSQL (a bbolt file
// and a memstore have one writer, the process that holds them).
var ErrNoFeed = errors.New("graph: the store has no feed of changes to follow")

// HasFeed reports whether Changes can follow the store.
func (l *Log) HasFeed() bool { return l.sqlCat != nil }

// Changes returns the changes of the articles committed since position
// from (as Entries or the last Changes gave it), once every transaction
// that began writing before them has ended, and the position to ask from
// next. An article changed twice since from comes once, as it is now.
func (l *Log) Changes(ctx context.Context, from string) ([]Change, string, error) {
	if l.sqlCat == nil {
		return nil, "", ErrNoFeed
	}
	out, next, err := l.sqlCat.changes(ctx, from)
	if err != nil {
		return nil, "", fmt.Errorf("graph: changes of %s: %w", l.name, err)
	}
	return out, next, nil
}

// Sequence is a position of the feed as a number that grows as the feed
// goes on, for metrics that compare processes: on PostgreSQL, the
// transaction id below which every change has been read. It is 0 for ""
// (no feed, or none read yet).
func Sequence(pos string) (uint64, error) {
	if pos == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(pos, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("graph: feed position %q: want a transaction id", pos)
	}
	return n, nil
}

// Position is where the feed of changes stands now: Changes from it gives
// what transactions still running and later ones write ("" where there is
// no feed).
func (l *Log) Position(ctx context.Context) (string, error) {
	if l.sqlCat == nil {
		return "", nil
	}
	var pos string
	err := l.sqlCat.db.QueryRowContext(ctx, `SELECT `+pgFeedBound+`::text`).Scan(&pos)
	if err != nil {
		return "", fmt.Errorf("graph: changes of %s: %w", l.name, err)
	}
	return pos, nil
}
