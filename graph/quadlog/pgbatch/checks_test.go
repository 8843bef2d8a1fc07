package pgbatch

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/pgtest"
)

// TestChecksOnWhereTheyCouldFail: a transaction whose quads name a node
// it does not upsert keeps the foreign-key checks, which refuse it; one
// whose quads are all covered leaves the session's setting as it found it
// for what Cayley writes after RunTx.
func TestChecksOnWhereTheyCouldFail(t *testing.T) {
	_, db := open(t, unchecked(), database(t, unchecked()))
	w := Writer{SkipChecks: true}
	run := func(nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate) (string, error) {
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if err := w.RunTx(tx, nodes, quads, ignore); err != nil {
			return "", err
		}
		var role string
		if err := tx.QueryRow(`SHOW session_replication_role`).Scan(&role); err != nil {
			t.Fatal(err)
		}
		return role, nil
	}
	ds := graphlog.SplitDeltas(deltas(graph.Add, quads(3)))
	if role, err := run(ds.IncNode, ds.QuadAdd); err != nil || role != "origin" {
		t.Errorf("every node upserted: %v; session_replication_role after RunTx %q, want origin", err, role)
	}
	_, err := run(ds.IncNode[1:], ds.QuadAdd)
	if err == nil || !strings.Contains(err.Error(), "foreign key") {
		t.Errorf("a node left out: %v, want the foreign key's violation", err)
	}
}

// TestCayleysDeletionsChecked: a transaction that adds quads without the
// checks (nodes of their own) and deletes others still has its deletion
// of a node that a quad names refused (here a count made too low by hand,
// which no writer makes).
func TestCayleysDeletionsChecked(t *testing.T) {
	qs, db := open(t, unchecked(), database(t, unchecked()))
	shared := quad.IRI("shared")
	old := []quad.Quad{{Subject: shared, Predicate: quad.IRI("p"), Object: quad.String("a")},
		{Subject: shared, Predicate: quad.IRI("p"), Object: quad.String("b")}}
	if err := qs.ApplyDeltas(deltas(graph.Add, old), ignore); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE nodes SET refs = 1 WHERE value_string = 'shared'`); err != nil {
		t.Fatal(err)
	}
	before := rows(t, db)
	mixed := append(deltas(graph.Delete, old[:1]), deltas(graph.Add, []quad.Quad{{Subject: quad.IRI("new"), Predicate: quad.IRI("q"), Object: quad.String("c")}})...)
	err := qs.ApplyDeltas(mixed, ignore)
	if err == nil || !strings.Contains(err.Error(), "foreign key") {
		t.Errorf("deleting a node a quad names: %v, want the foreign key's violation", err)
	}
	if got := rows(t, db); got != before {
		t.Errorf("a failed transaction changed the tables:\n%s", firstDiff(got, before))
	}
}

// TestCanSkipChecks: the tests' superuser may skip the checks, a role of
// its own may not (and writes all the same, checked), one granted the
// parameter may (PostgreSQL 15 and later).
func TestCanSkipChecks(t *testing.T) {
	base := pgtest.Server(t)
	ctx := context.Background()
	can := func(addr string) bool {
		t.Helper()
		db, err := sql.Open("postgres", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ok, err := CanSkipChecks(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !can(base) {
		t.Errorf("the superuser may not skip the checks")
	}
	plain := pgtest.Role(t, base)
	if can(plain) {
		t.Errorf("a role without privileges may skip the checks")
	}
	if err := graph.InitQuadStore(batched(), plain, nil); err != nil {
		t.Fatal(err)
	}
	qs, db := open(t, batched(), plain)
	if err := qs.ApplyDeltas(deltas(graph.Add, quads(3)), ignore); err != nil {
		t.Fatalf("a role without privileges, checked: %v", err)
	}
	if n := strings.Count(rows(t, db), "\n"); n == 0 {
		t.Errorf("a role without privileges wrote nothing")
	}
	var version int
	if err := sqlQueryRow(base, `SELECT current_setting('server_version_num')::int`, &version); err != nil {
		t.Fatal(err)
	}
	if version < 150000 {
		t.Skipf("server version %d: GRANT SET ON PARAMETER is PostgreSQL 15's", version)
	}
	granted := pgtest.Role(t, base, "GRANT SET ON PARAMETER session_replication_role TO %s")
	if !can(granted) {
		t.Errorf("a role granted SET ON PARAMETER session_replication_role may not skip the checks")
	}
}

func sqlQueryRow(addr, q string, dest any) error {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRow(q).Scan(dest)
}

// TestSharedQuadsAtOnce: two writers without the checks add, at once and
// in opposite orders, the same new quads without a label (with quads of
// their own), which each inserts before it locks its nodes: they must not
// wait on each other in a cycle, and leave what one writing it all would.
func TestSharedQuadsAtOnce(t *testing.T) {
	addr := database(t, unchecked())
	const rounds, shared = 10, 200
	batch := func(w, r int) []graph.Delta {
		var out []quad.Quad
		for i := range shared {
			out = append(out, quad.Quad{Subject: quad.IRI(fmt.Sprintf("s%d-%d", r, i)), Predicate: quad.IRI("p"), Object: quad.Int(i)})
		}
		if w == 1 {
			slices.Reverse(out)
		}
		for i := range 20 {
			out = append(out, quad.Quad{Subject: quad.IRI(fmt.Sprintf("s%d-%d", r, i)), Predicate: quad.IRI("p"),
				Object: quad.String(fmt.Sprintf("own %d", w)), Label: quad.IRI(fmt.Sprintf("w%d", w))})
		}
		return deltas(graph.Add, out)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := make(chan struct{})
	for w := range errs {
		qs, _ := open(t, unchecked(), addr)
		wg.Go(func() {
			<-start
			for r := range rounds {
				if err := qs.ApplyDeltas(batch(w, r), ignore); err != nil {
					errs[w] = fmt.Errorf("writer %d, round %d: %w", w, r, err)
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	ref, refDB := open(t, unchecked(), database(t, unchecked()))
	for r := range rounds {
		for w := range errs {
			if err := ref.ApplyDeltas(batch(w, r), ignore); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, db := open(t, unchecked(), addr)
	if got, want := rows(t, db), rows(t, refDB); got != want {
		t.Errorf("two writers at once left other rows than one writing it all:\n%s", firstDiff(got, want))
	}
}
