// Package pgbatch writes a Cayley SQL transaction's nodes and quads into
// PostgreSQL in a few statements, where Cayley's PostgreSQL flavour sends
// one statement per node and one per quad.
//
// Cayley's SQL store asks its flavour to write a transaction's new nodes
// and quads (Registration.RunTx, in the transaction it opened) and does the
// deletions itself. Its PostgreSQL flavour executes one prepared INSERT per
// node (an upsert that adds to the node's reference count) and one per
// quad: a round trip to the server for each, some 500 for an article.
// RunTx here writes the same rows with one INSERT ... SELECT FROM
// unnest(arrays) for the nodes and one for the quads (per 10,000 rows):
// the same upserts, the same conflicts ignored or reported, only fewer
// round trips. It is a Cayley flavour's RunTx and nothing more: Cayley
// opens, commits and rolls back the transaction, and reads what it wrote.
//
// Locks: an upsert locks its node's row until the transaction ends, and
// Cayley's deletions (after RunTx) lock the rows whose counts they lower,
// in the order of the nodes' hashes. The nodes here are written in that
// same order, whatever their kind of value, so that two processes writing
// one database take the rows they share in one order and never wait on
// each other in a cycle (TestConcurrentWriters). That holds for
// transactions that only add or only remove, as package quadlog writes
// them: one that does both locks in two passes (RunTx's additions, then
// Cayley's removals), and two such can still deadlock, through Cayley's
// own flavour as through this one.
//
// Foreign keys: Cayley's tables have quads reference nodes (subject_hash
// and the others REFERENCES nodes (hash), not deferrable), and the server
// checks each quad inserted against nodes, which costs about as much as
// the insert itself. What the checks keep true is that every quad
// committed has its nodes. Writer.SkipChecks has the quads of a
// transaction inserted without them (session_replication_role = replica,
// for those statements only) when the transaction keeps that true by
// itself: every node the quads name is among the nodes it upserts, with
// the count raised. No other transaction sees the quads before the
// commit; from its upsert to the commit the node's row is locked by this
// one, so no other deletes it, and a row another deleted before is
// inserted again by the upsert, with this transaction's references
// counted. Cayley's own deletions, later in the transaction, run with the
// checks on: a node whose count reaches zero while a quad still names it
// fails the transaction as before. Where a quad names a node not upserted
// here (Cayley nets a node's count over a transaction that also deletes,
// and may leave it out), that transaction keeps the checks. The setting
// needs a superuser or, from PostgreSQL 15, GRANT SET ON PARAMETER
// session_replication_role (CanSkipChecks tells).
//
// TestSameRows holds RunTx to Cayley's flavour: the same deltas written
// both ways leave the same rows in nodes and quads.
package pgbatch

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// rowsPerStatement bounds the arrays of one statement.
const rowsPerStatement = 10000

// The kinds of value, as csql.NodeValues numbers them, by the columns of
// nodes they fill (csql.ValueType.Columns).
const (
	kindIRI    = 1 // value_string, iri
	kindBNode  = 2 // value_string, bnode
	kindString = 3 // value_string
	kindTyped  = 4 // value_string, datatype
	kindLang   = 5 // value_string, language
	kindInt    = 6 // value_int
	kindBool   = 7 // value_bool
	kindFloat  = 8 // value_float
	kindTime   = 9 // value_time
)

// insertNodes writes the nodes in the order of the arrays, each row's
// kind of value choosing the columns it fills (the others stay NULL, as
// Cayley's statement for that kind leaves them). The arrays carry no
// NULLs, so that lib/pq's typed arrays encode them; a kind's unused slots
// hold zero values that the CASEs drop.
const insertNodes = `INSERT INTO nodes (refs, hash, value_string, datatype, language, iri, bnode,
	value_int, value_bool, value_float, value_time)
SELECT t.refs, t.hash,
	CASE WHEN t.kind BETWEEN 1 AND 5 THEN t.str END,
	CASE WHEN t.kind = 4 THEN t.aux END,
	CASE WHEN t.kind = 5 THEN t.aux END,
	CASE WHEN t.kind = 1 THEN true END,
	CASE WHEN t.kind = 2 THEN true END,
	CASE WHEN t.kind = 6 THEN t.num END,
	CASE WHEN t.kind = 7 THEN t.flag END,
	CASE WHEN t.kind = 8 THEN t.flt END,
	CASE WHEN t.kind = 9 THEN t.aux::timestamptz END
FROM unnest($1::int8[], $2::int8[], $3::bytea[], $4::text[], $5::text[], $6::int8[], $7::bool[], $8::float8[])
	WITH ORDINALITY AS t(kind, refs, hash, str, aux, num, flag, flt, ord)
ORDER BY t.ord
ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`

// insertQuads and insertTriples write quads with a label and without one;
// the caller adds the ending (a conflict ignored, or not).
const (
	insertQuads = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)`
	insertTriples = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, NULL, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[]) AS t(s, p, o)`
)

// RunTx is Writer{}.RunTx: every quad checked against nodes.
func RunTx(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts graph.IgnoreOpts) error {
	return Writer{}.RunTx(tx, nodes, quads, opts)
}

// Writer writes a transaction's nodes and quads.
type Writer struct {
	// SkipChecks inserts quads without the server's foreign-key checks
	// where the transaction keeps its quads' nodes by itself (see the
	// package doc). The role must be
	// allowed to set session_replication_role (CanSkipChecks), or every
	// transaction that adds quads fails.
	SkipChecks bool
}

// The statements that turn the foreign-key checks off and on again, for
// the rest of the transaction; DEFAULT is the session's own setting.
const (
	checksOff = `SET LOCAL session_replication_role = replica`
	checksOn  = `SET LOCAL session_replication_role = DEFAULT`
)

// RunTx writes nodes and quads in tx as Cayley's PostgreSQL flavour does
// (postgres.RunTxPostgres), in a few statements. Cayley gives it the nodes
// sorted by hash (graphlog.SplitDeltas), the order they are written in.
func (w Writer) RunTx(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts graph.IgnoreOpts) error {
	var b nodeBatch
	for _, n := range nodes {
		if err := b.add(n); err != nil {
			return err
		}
	}
	for _, d := range quads {
		if d.Del {
			return errors.New("pgbatch: a quad deletion, which Cayley's SQL store makes itself")
		}
	}
	end := ""
	if opts.IgnoreDup {
		end = " ON CONFLICT DO NOTHING"
	}
	if !w.SkipChecks || len(quads) == 0 || !covered(nodes, quads) {
		if err := b.write(tx); err != nil {
			return err
		}
		return writeQuads(tx, quads, end)
	}
	// Unchecked, the quads go in first, in the order of their hashes, and
	// the nodes after: the rows of the nodes that writers share (the
	// predicates, the types, the common entities) are then locked from
	// their upsert to the commit only, not through the insert of the quads,
	// the longest statement, which two writers then run at once. A quad
	// waits on another transaction only for the same quad, and two
	// transactions take the quads they share in one order, as the nodes.
	quads = slices.Clone(quads)
	slices.SortFunc(quads, func(a, b graphlog.QuadUpdate) int {
		for _, d := range quad.Directions {
			x, y := a.Quad.Get(d), b.Quad.Get(d)
			if c := bytes.Compare(x[:], y[:]); c != 0 {
				return c
			}
		}
		return 0
	})
	if _, err := tx.Exec(checksOff); err != nil {
		return fmt.Errorf("pgbatch: skip the foreign-key checks: %w", err)
	}
	if err := writeQuads(tx, quads, end); err != nil {
		return err
	}
	if _, err := tx.Exec(checksOn); err != nil {
		return fmt.Errorf("pgbatch: check foreign keys again: %w", err)
	}
	return b.write(tx)
}

// writeQuads inserts the quads with a label, then those without, end
// closing each statement.
func writeQuads(tx *sql.Tx, quads []graphlog.QuadUpdate, end string) error {
	var labelled, bare quadBatch
	for _, d := range quads {
		if d.Quad.Get(quad.Label).Valid() {
			labelled.add(d)
		} else {
			bare.add(d)
		}
	}
	if err := labelled.write(tx, insertQuads+end, true); err != nil {
		return err
	}
	return bare.write(tx, insertTriples+end, false)
}

// covered reports whether every node the quads name is among nodes with
// its count raised: the condition on which the quads go in unchecked.
func covered(nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate) bool {
	raised := make(map[refs.ValueHash]struct{}, len(nodes))
	for _, n := range nodes {
		if n.RefInc > 0 {
			raised[n.Hash] = struct{}{}
		}
	}
	for _, q := range quads {
		for _, d := range quad.Directions {
			if h := q.Quad.Get(d); h.Valid() {
				if _, ok := raised[h]; !ok {
					return false
				}
			}
		}
	}
	return true
}

// CanSkipChecks reports whether the role db connects as may set
// session_replication_role, which Writer.SkipChecks needs: false, without
// an error, where the server refuses it for want of privileges.
func CanSkipChecks(ctx context.Context, db *sql.DB) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, checksOff)
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
		return false, nil
	}
	return err == nil, err
}

// nodeBatch holds the nodes as the columns of insertNodes.
type nodeBatch struct {
	kinds, refs pq.Int64Array
	hashes      pq.ByteaArray
	strs, auxes pq.StringArray
	nums        pq.Int64Array
	flags       pq.BoolArray
	flts        pq.Float64Array
}

// add appends n, with the columns csql.NodeValues gives its value.
func (b *nodeBatch) add(n graphlog.NodeUpdate) error {
	if n.RefInc < 0 {
		return fmt.Errorf("pgbatch: node %v: a reference count lowered, which Cayley's SQL store does itself", n.Val)
	}
	switch n.Val.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.TypedString, quad.LangString, quad.Int, quad.Bool, quad.Float, quad.Time:
	default:
		// Cayley would marshal it as a raw value, which its marshaller
		// refuses with a panic.
		return fmt.Errorf("pgbatch: node %v: a value of type %T, which Cayley's SQL store cannot keep", n.Val, n.Val)
	}
	kind, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
	if err != nil {
		return fmt.Errorf("pgbatch: node %v: %w", n.Val, err)
	}
	var (
		str, aux string
		num      int64
		flag     bool
		flt      float64
	)
	switch v := values[1]; kind {
	case kindIRI, kindBNode, kindString:
		str = v.(string)
	case kindTyped, kindLang:
		str, aux = v.(string), values[2].(string)
	case kindInt:
		num = v.(int64)
	case kindBool:
		flag = v.(bool)
	case kindFloat:
		flt = v.(float64)
	case kindTime:
		// the text lib/pq sends for a time.Time parameter, as Cayley's does
		aux = string(pq.FormatTimestamp(v.(time.Time)))
	default:
		return fmt.Errorf("pgbatch: node %v: kind of value %d, which this package does not know", n.Val, kind)
	}
	b.kinds = append(b.kinds, int64(kind))
	b.refs = append(b.refs, int64(n.RefInc))
	b.hashes = append(b.hashes, values[0].([]byte))
	b.strs, b.auxes = append(b.strs, str), append(b.auxes, aux)
	b.nums, b.flags, b.flts = append(b.nums, num), append(b.flags, flag), append(b.flts, flt)
	return nil
}

func (b *nodeBatch) write(tx *sql.Tx) error {
	for start := 0; start < len(b.kinds); start += rowsPerStatement {
		end := min(start+rowsPerStatement, len(b.kinds))
		_, err := tx.Exec(insertNodes, b.kinds[start:end], b.refs[start:end], b.hashes[start:end],
			b.strs[start:end], b.auxes[start:end], b.nums[start:end], b.flags[start:end], b.flts[start:end])
		if err != nil {
			return fmt.Errorf("pgbatch: insert nodes: %w", postgres.ConvError(err))
		}
	}
	return nil
}

// quadBatch holds quads as arrays of their directions' hashes.
type quadBatch struct{ s, p, o, l pq.ByteaArray }

func (b *quadBatch) add(q graphlog.QuadUpdate) {
	h := func(d quad.Direction) []byte {
		return csql.NodeHash{ValueHash: q.Quad.Get(d)}.SQLValue().([]byte)
	}
	b.s, b.p, b.o = append(b.s, h(quad.Subject)), append(b.p, h(quad.Predicate)), append(b.o, h(quad.Object))
	if q.Quad.Get(quad.Label).Valid() {
		b.l = append(b.l, h(quad.Label))
	}
}

func (b *quadBatch) write(tx *sql.Tx, query string, labelled bool) error {
	for start := 0; start < len(b.s); start += rowsPerStatement {
		end := min(start+rowsPerStatement, len(b.s))
		args := []any{b.s[start:end], b.p[start:end], b.o[start:end]}
		if labelled {
			args = append(args, b.l[start:end])
		}
		if _, err := tx.Exec(query, args...); err != nil {
			return insertError(err)
		}
	}
	return nil
}

// insertError reports a quad that is there already as Cayley's flavour
// does (without IgnoreDup), and any other failure as its own.
func insertError(err error) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &graph.DeltaError{Err: graph.ErrQuadExists}
	}
	return fmt.Errorf("pgbatch: insert quads: %w", postgres.ConvError(err))
}
