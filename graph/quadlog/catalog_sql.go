package quadlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
	"github.com/newsgraph/newsgraph/graph/quadlog/pgbatch"
)

// On PostgreSQL the catalog is a table beside Cayley's nodes and quads,
// written in Cayley's transaction: each store opened registers a Cayley
// SQL flavour of its own, PostgreSQL's in every respect but its RunTx,
// which writes the transaction's nodes and quads (package pgbatch: the
// rows Cayley's flavour writes, in a few statements rather than one per
// row) and then its catalog entries. The entries keep the transaction
// that last wrote them (txid), by which other processes follow the
// changes in the order they commit.
//
// Following by transaction id: a change is read once every transaction
// that began writing before it has ended, so that no later read finds an
// earlier change. A follower asks for the entries written by transactions
// below the oldest one still running (pgFeedBound), above the point
// its last read reached: those transactions are all over, so the set is
// complete, and the next read starts where this one stopped. The price is
// that a long write transaction holds back what every later one wrote
// until it ends; writes here come in transactions of a bounded size.
//
// Transaction ids are the server's, shared by its databases, and the
// oldest transaction running may be another database's: a load into
// another database, or a session left in a transaction there, would hold
// back the feed of this one for as long as it runs. So the bound is the
// oldest transaction the snapshot has as running that is not known to
// belong to another database (pgFeedBound); one that writes the catalog
// is connected to this database, and one whose database cannot be told
// (it ended meanwhile, or is a prepared transaction) counts as this
// database's, which at worst holds the feed back until the next read.
// Transactions past the snapshot's xmax have not ended before it either:
// the bound is at most xmax.
const pgCatalogSchema = `
CREATE TABLE IF NOT EXISTS newsgraph_articles (
	id TEXT PRIMARY KEY,
	version BIGINT NOT NULL,
	txid xid8 NOT NULL,
	changed TIMESTAMPTZ NOT NULL,
	hash TEXT NOT NULL,
	has_text BOOLEAN NOT NULL,
	record BYTEA,
	extras TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS newsgraph_articles_txid ON newsgraph_articles (txid, id);
CREATE TABLE IF NOT EXISTS newsgraph_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

// pgFeedBound is the feed's position as of the statement's snapshot (see
// above): every transaction below it that could write the catalog has
// ended, and what it wrote is visible to the statement.
const pgFeedBound = `(SELECT COALESCE((SELECT min(r.x) FROM pg_snapshot_xip(pg_current_snapshot()) AS r(x)
	WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity p
		WHERE p.backend_xid::text = (r.x::text::numeric % 4294967296)::text AND p.datname IS DISTINCT FROM current_database())),
	pg_snapshot_xmax(pg_current_snapshot())))`

// pgUpsert writes entries, one version past the last; a tombstone keeps
// its row with no record.
const pgUpsert = `
INSERT INTO newsgraph_articles AS a (id, version, txid, changed, hash, has_text, record, extras)
SELECT t.id, 1, pg_current_xact_id(), clock_timestamp(), t.hash, t.has_text, CASE WHEN t.gone THEN NULL ELSE t.record END, t.extras
FROM unnest($1::text[], $2::text[], $3::bool[], $4::bool[], $5::bytea[], $6::text[]) AS t(id, hash, has_text, gone, record, extras)
ON CONFLICT (id) DO UPDATE SET version = a.version + 1, txid = EXCLUDED.txid, changed = EXCLUDED.changed,
	hash = EXCLUDED.hash, has_text = EXCLUDED.has_text, record = EXCLUDED.record, extras = EXCLUDED.extras
RETURNING id, version`

type sqlCatalog struct {
	db   *sql.DB // the catalog's own connections; writes go in Cayley's transaction
	next *pending
	// skipChecks: the quads are written without foreign-key checks where
	// the transaction writes their nodes (pgbatch.Writer)
	skipChecks bool
}

// pgFlavours counts the flavours registered, which each need a name of
// their own. Cayley's registries are plain maps: registering and opening
// stores is serialised here.
var (
	pgFlavourMu sync.Mutex
	pgFlavours  int
)

// openPostgres opens Cayley's SQL store over PostgreSQL through a flavour
// whose transactions also write c's pending entries, creating Cayley's
// tables and the catalog's when they are missing.
func openPostgres(addr string, cfg Config, c *sqlCatalog) (graph.QuadStore, error) {
	if !cfg.ReadOnly && !cfg.CayleyWriter && !cfg.CheckForeignKeys {
		ok, err := c.canSkipChecks(addr)
		if err != nil {
			return nil, err
		}
		c.skipChecks = ok
	}
	writer := pgbatch.Writer{SkipChecks: c.skipChecks}
	pgFlavourMu.Lock()
	defer pgFlavourMu.Unlock()
	pgFlavours++
	name := "newsgraph-postgres-" + strconv.Itoa(pgFlavours)
	csql.Register(name, csql.Registration{
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: func(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts graph.IgnoreOpts) error {
			write := writer.RunTx
			if cfg.CayleyWriter {
				write = postgres.RunTxPostgres
			}
			if err := write(tx, nodes, quads, opts); err != nil {
				return err
			}
			return c.write(tx)
		},
	})
	if !cfg.ReadOnly {
		if err := c.create(name, addr); err != nil {
			return nil, err
		}
	}
	return graph.NewQuadStore(name, addr, nil)
}

// canSkipChecks asks the server whether the store's role may write quads
// without the foreign-key checks, and logs it when it may not.
func (c *sqlCatalog) canSkipChecks(addr string) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ok, err := pgbatch.CanSkipChecks(ctx, c.db)
	if err != nil {
		return false, fmt.Errorf("ask whether the role may set session_replication_role: %w", err)
	}
	if !ok {
		slog.Info("graph: session_replication_role not set (the role may not): PostgreSQL checks Cayley's foreign keys on every quad written; "+
			"a superuser role, or GRANT SET ON PARAMETER session_replication_role, lets the store skip the checks its transactions make redundant",
			slog.String("store", redact(addr)))
	}
	return ok, nil
}

// createLockKey names the advisory lock held while the tables are made.
const createLockKey = 0x6e67696e6974 // "nginit"

// create makes Cayley's tables and the catalog's where they are missing,
// under an advisory lock: processes that open one empty database at once
// (newsgraph ingest --shard) would otherwise both create the tables, and
// one fail on the other's ("duplicate key value violates unique
// constraint pg_type_typname_nsp_index"), which IF NOT EXISTS does not
// prevent.
func (c *sqlCatalog) create(flavour, addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, createLockKey); err != nil {
		return fmt.Errorf("lock the tables to create them: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, createLockKey)
	exists, err := sqlInitialised(addr)
	if err != nil {
		return err
	}
	if !exists {
		if err := graph.InitQuadStore(flavour, addr, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, pgCatalogSchema); err != nil {
		return fmt.Errorf("create the catalog: %w", err)
	}
	return nil
}

// write writes the pending entries in Cayley's transaction tx.
func (c *sqlCatalog) write(tx *sql.Tx) error {
	p := c.next
	if p == nil || len(p.entries) == 0 {
		return nil
	}
	n := len(p.entries)
	ids, hashes, extras := make([]string, n), make([]string, n), make([]string, n)
	hasText, gone, records := make([]bool, n), make([]bool, n), make(pq.ByteaArray, n)
	for i, e := range p.entries {
		ids[i], hashes[i], hasText[i], gone[i], records[i], extras[i] = e.ID, e.Hash, e.HasText, e.Gone(), e.Record, encodeExtras(e.extras)
	}
	rows, err := tx.Query(pgUpsert, pq.Array(ids), pq.Array(hashes), pq.Array(hasText), pq.Array(gone), records, pq.Array(extras))
	if err != nil {
		return fmt.Errorf("write the catalog: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		p.versions[id] = v
	}
	return rows.Err()
}

const pgEntryColumns = `a.id, a.version, a.hash, a.has_text, a.record, a.extras`

func scanEntry(rows *sql.Rows, more ...any) (Entry, error) {
	var (
		e      Entry
		extras string
	)
	if err := rows.Scan(append([]any{&e.ID, &e.Version, &e.Hash, &e.HasText, &e.Record, &extras}, more...)...); err != nil {
		return Entry{}, err
	}
	var err error
	if e.extras, err = decodeExtras(extras); err != nil {
		return Entry{}, fmt.Errorf("graph: catalog entry of article %q: %w", e.ID, err)
	}
	return e, nil
}

// missingTable reports whether err says the catalog's tables are not
// there: a store no writer of this version has opened.
func missingTable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "42P01"
}

func (c *sqlCatalog) lookup(ctx context.Context, ids []string) (map[string]Entry, error) {
	out := make(map[string]Entry, len(ids))
	rows, err := c.db.QueryContext(ctx, `SELECT `+pgEntryColumns+` FROM newsgraph_articles a WHERE a.id = ANY($1)`, pq.Array(ids))
	if missingTable(err) {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, rows.Err()
}

// each reads every live entry and the feed's position, in one statement:
// one snapshot of the table. An entry a transaction still running writes
// is not there; the feed gives it from that position.
func (c *sqlCatalog) each(ctx context.Context, fn func(Entry) error) (string, error) {
	rows, err := c.db.QueryContext(ctx, `WITH s AS (SELECT `+pgFeedBound+`::text AS x)
SELECT s.x, `+pgEntryColumns+` FROM s LEFT JOIN newsgraph_articles a ON a.record IS NOT NULL`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	pos := ""
	for rows.Next() {
		var (
			x  string
			id sql.NullString
		)
		// the one row of an empty table has the position and no entry
		var e Entry
		var extras sql.NullString
		var version sql.NullInt64
		var hash sql.NullString
		var hasText sql.NullBool
		if err := rows.Scan(&x, &id, &version, &hash, &hasText, &e.Record, &extras); err != nil {
			return "", err
		}
		pos = x
		if !id.Valid {
			continue
		}
		e.ID, e.Version, e.Hash, e.HasText = id.String, version.Int64, hash.String, hasText.Bool
		if e.extras, err = decodeExtras(extras.String); err != nil {
			return "", fmt.Errorf("graph: catalog entry of article %q: %w", e.ID, err)
		}
		if err := fn(e); err != nil {
			return "", err
		}
	}
	return pos, rows.Err()
}

func (c *sqlCatalog) meta(ctx context.Context) (string, error) {
	var format string
	err := c.db.QueryRowContext(ctx, `SELECT value FROM newsgraph_meta WHERE key = 'catalog'`).Scan(&format)
	if errors.Is(err, sql.ErrNoRows) || missingTable(err) {
		return "", nil
	}
	return format, err
}

func (c *sqlCatalog) setMeta(ctx context.Context, format string) error {
	_, err := c.db.ExecContext(ctx, `INSERT INTO newsgraph_meta (key, value) VALUES ('catalog', $1)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, format)
	return err
}

// load writes the entries of a catalog being built from the quads, one
// version past the last of each article.
func (c *sqlCatalog) load(ctx context.Context, entries []Entry) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p := &pending{entries: entries, versions: map[string]int64{}}
	saved := c.next
	c.next = p
	err = c.write(tx)
	c.next = saved
	if err != nil {
		return err
	}
	return tx.Commit()
}

// catalogLockKey names the advisory lock of a catalog being built.
const catalogLockKey = 0x6e67636174 // "ngcat"

func (c *sqlCatalog) lock(ctx context.Context) (func(), error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, catalogLockKey); err != nil {
		conn.Close()
		return nil, fmt.Errorf("graph: lock the catalog: %w", err)
	}
	return func() {
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, catalogLockKey)
		conn.Close()
	}, nil
}

// feedPage is how many entries one query of the feed reads.
const feedPage = 2000

// changes reads the entries written by the transactions that ended
// between from and the oldest one still running, in commit order as far
// as it matters (one article's entries come in the order of their
// versions), and the position to read from next. Each comes with how long
// ago its transaction wrote it, on the database's clock.
func (c *sqlCatalog) changes(ctx context.Context, from string) ([]Change, string, error) {
	if from == "" {
		from = "0"
	}
	var (
		out   []Change
		until string
	)
	first := true
	last := Change{}
	for {
		var rows *sql.Rows
		var err error
		if first {
			rows, err = c.db.QueryContext(ctx, `WITH s AS (SELECT `+pgFeedBound+` AS x, clock_timestamp() AS now)
SELECT s.x::text, `+pgEntryColumns+`, a.txid::text, extract(epoch FROM s.now - a.changed)
FROM s LEFT JOIN newsgraph_articles a ON a.txid >= $1::xid8 AND a.txid < s.x
ORDER BY a.txid, a.id LIMIT $2`, from, feedPage)
		} else {
			rows, err = c.db.QueryContext(ctx, `SELECT $3::text, `+pgEntryColumns+`, a.txid::text, extract(epoch FROM clock_timestamp() - a.changed)
FROM newsgraph_articles a WHERE (a.txid, a.id) > ($1::xid8, $2) AND a.txid < $3::xid8
ORDER BY a.txid, a.id LIMIT $4`, last.txid, last.ID, until, feedPage)
		}
		if err != nil {
			return nil, "", err
		}
		n, err := c.scanChanges(rows, &out, &until)
		if err != nil {
			return nil, "", err
		}
		if n < feedPage {
			return out, until, nil
		}
		first, last = false, out[len(out)-1]
	}
}

// Change is an entry read from the feed of changes: what one article holds
// after a write, and how long ago the write committed.
type Change struct {
	Entry
	Age  time.Duration
	txid string
}

func (c *sqlCatalog) scanChanges(rows *sql.Rows, out *[]Change, until *string) (int, error) {
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			x, id, hash, extras, txid sql.NullString
			version                   sql.NullInt64
			hasText                   sql.NullBool
			age                       sql.NullFloat64
			ch                        Change
		)
		if err := rows.Scan(&x, &id, &version, &hash, &hasText, &ch.Record, &extras, &txid, &age); err != nil {
			return 0, err
		}
		*until = x.String
		if !id.Valid {
			continue // no change: the row gives the position
		}
		n++
		ch.ID, ch.Version, ch.Hash, ch.HasText, ch.txid = id.String, version.Int64, hash.String, hasText.Bool, txid.String
		ch.Age = time.Duration(age.Float64 * float64(time.Second))
		var err error
		if ch.extras, err = decodeExtras(extras.String); err != nil {
			return 0, fmt.Errorf("graph: catalog entry of article %q: %w", ch.ID, err)
		}
		*out = append(*out, ch)
	}
	return n, rows.Err()
}
