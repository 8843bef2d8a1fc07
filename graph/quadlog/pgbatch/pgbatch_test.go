package pgbatch

import (
	"database/sql"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/pgtest"
)

var registered sync.Map // flavour name -> *sync.Once

// batched registers a Cayley SQL flavour that is PostgreSQL's but for
// RunTx, which is this package's, and returns its name.
func batched() string { return flavour(Writer{}) }

// unchecked is batched, with the foreign-key checks skipped (which the
// tests' server, as a superuser, allows).
func unchecked() string { return flavour(Writer{SkipChecks: true}) }

func flavour(w Writer) string {
	name := fmt.Sprintf("pgbatch-test-%v", w.SkipChecks)
	once, _ := registered.LoadOrStore(name, new(sync.Once))
	once.(*sync.Once).Do(func() {
		csql.Register(name, csql.Registration{
			Driver: "postgres", HashType: `BYTEA`, BytesType: `BYTEA`, HorizonType: `BIGSERIAL`,
			TimeType: `timestamp with time zone`, QueryDialect: postgres.QueryDialect,
			ConditionalIndexes: true, FillFactor: true, Error: postgres.ConvError, RunTx: w.RunTx,
		})
	})
	return name
}

// writers are the flavours each test of the rows runs with.
var writers = []struct {
	name    string
	flavour func() string
}{{"checked", batched}, {"unchecked", unchecked}}

// database creates a database of its own on the test server (package
// pgtest), with Cayley's tables made by flavour, and returns its address.
func database(t *testing.T, flavour string) string {
	t.Helper()
	addr := pgtest.Database(t, pgtest.Server(t))
	if err := graph.InitQuadStore(flavour, addr, nil); err != nil {
		t.Fatal(err)
	}
	return addr
}

// open opens Cayley's SQL store at addr through flavour, and the database
// beside it for reading its tables.
func open(t *testing.T, flavour, addr string) (graph.QuadStore, *sql.DB) {
	t.Helper()
	qs, err := graph.NewQuadStore(flavour, addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qs.Close(); db.Close() })
	return qs, db
}

// values are one of every kind of value Cayley's SQL store keeps, with
// the texts and numbers its columns and PostgreSQL's array literals could
// get wrong: quotes, backslashes, braces, commas, a NUL, "NULL", empty
// strings, non-ASCII, the extremes of the numbers, times in other zones
// and below PostgreSQL's microsecond.
func values(i int) []quad.Value {
	at := time.Date(2025, 10, 29, 12, 30, 0, 123456789, time.FixedZone("IST", 5*3600+1800))
	return []quad.Value{
		quad.String(fmt.Sprintf("a sentence of article %d", i)), quad.String("shared\x00with a NUL"),
		quad.String(`quotes " and \ backslashes, {braces}, commas`), quad.String("NULL"), quad.String(""),
		quad.String("Corée du Sud — 대한민국\n\ttabs"),
		quad.Int(i), quad.Int(math.MinInt64), quad.Int(math.MaxInt64),
		quad.Float(0.85), quad.Float(float64(i) / 3), quad.Float(math.NaN()), quad.Float(math.Inf(1)),
		quad.Float(math.Inf(-1)), quad.Float(math.Copysign(0, -1)), quad.Float(1e300), quad.Float(5e-324),
		quad.Bool(i%2 == 0), quad.Bool(false),
		quad.TypedString{Value: "2025-10-29", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.TypedString{Value: "", Type: "http://example.org/empty"},
		quad.LangString{Value: "Corée", Lang: "fr"}, quad.LangString{Value: `"quoted"`, Lang: "en-GB"},
		quad.BNode(fmt.Sprintf("b%d", i%3)), quad.Time(at.Add(time.Duration(i) * time.Hour)), quad.Time(time.Unix(0, 0).UTC()),
		quad.IRI(fmt.Sprintf("https://newsgraph.dev/entity/country/C%d", i%7)), quad.IRI("https://newsgraph.dev/type/Country"),
	}
}

// quads are a graph of those values, sharing many across articles, with
// quads without a label beside the labelled ones.
func quads(n int) []quad.Quad {
	var out []quad.Quad
	for i := range n {
		art := quad.IRI(fmt.Sprintf("https://newsgraph.dev/article/a%d", i))
		ent := quad.IRI(fmt.Sprintf("https://newsgraph.dev/entity/country/C%d", i%7))
		for j, v := range values(i) {
			p := quad.IRI(fmt.Sprintf("https://newsgraph.dev/vocab#p%d", j))
			out = append(out, quad.Quad{Subject: ent, Predicate: p, Object: v, Label: art})
			if i%5 == 0 {
				out = append(out, quad.Quad{Subject: art, Predicate: p, Object: v}) // no label
			}
		}
	}
	return out
}

func deltas(action graph.Procedure, in []quad.Quad) []graph.Delta {
	ds := make([]graph.Delta, len(in))
	for i, q := range in {
		ds[i] = graph.Delta{Quad: q, Action: action}
	}
	return ds
}

var ignore = graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}

// rows lists the rows of nodes and quads that a write decides (not the
// horizon or the time it ran).
func rows(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT encode(hash, 'hex'), refs, encode(value, 'hex'), value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float::text, value_time FROM nodes ORDER BY hash`,
		`SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			coalesce(encode(label_hash, 'hex'), '-') FROM quads ORDER BY 1, 2, 3, 4`,
	} {
		r, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals)
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	return b.String()
}

// TestSameRows writes the same deltas through Cayley's PostgreSQL flavour
// and through RunTx: additions, the same again (duplicates ignored: both
// count the references anyway), more additions that share nodes,
// deletions, some added back, a replacement in one transaction, more rows
// than one statement takes: the tables must hold the same rows after each,
// and every value must read back through Cayley as it went in.
func TestSameRows(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) { testSameRows(t, w.flavour()) })
	}
}

func testSameRows(t *testing.T, flavour string) {
	theirs, theirDB := open(t, postgres.Type, database(t, postgres.Type))
	ours, ourDB := open(t, flavour, database(t, flavour))
	all := quads(40)
	var many []quad.Quad // past rowsPerStatement in nodes and quads
	for i := range rowsPerStatement + 10 {
		many = append(many, quad.Quad{Subject: quad.IRI(fmt.Sprintf("s%d", i)), Predicate: quad.IRI("p"),
			Object: quad.Int(i), Label: quad.IRI("many")})
	}
	replace := append(deltas(graph.Delete, all[:len(all)/5]), deltas(graph.Add, quads(45)[len(all):])...)
	steps := []struct {
		name   string
		deltas []graph.Delta
	}{
		{"add", deltas(graph.Add, all[:len(all)/2])},
		{"add again", deltas(graph.Add, all[:len(all)/4])},
		{"add the rest", deltas(graph.Add, all[len(all)/2:])},
		{"delete", deltas(graph.Delete, all[len(all)/3:len(all)*2/3])},
		{"add some back", deltas(graph.Add, all[len(all)/3:len(all)/2])},
		{"replace", replace},
		{"many", deltas(graph.Add, many)},
	}
	for _, s := range steps {
		if err := theirs.ApplyDeltas(s.deltas, ignore); err != nil {
			t.Fatalf("%s, Cayley's flavour: %v", s.name, err)
		}
		if err := ours.ApplyDeltas(s.deltas, ignore); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got, want := rows(t, ourDB), rows(t, theirDB); got != want {
			t.Fatalf("after %s: the tables differ:\n%s", s.name, firstDiff(got, want))
		}
	}
	for _, v := range values(3) {
		ref, err := ours.ValueOf(v)
		if err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		got, err := ours.NameOf(ref)
		if err != nil || !valueEqual(got, v) {
			t.Errorf("%#v reads back as %#v (%v)", v, got, err)
		}
	}
}

// valueEqual compares values as Cayley's SQL store keeps them: NaN is
// itself, times are instants to the microsecond.
func valueEqual(got, want quad.Value) bool {
	switch w := want.(type) {
	case quad.Float:
		g, ok := got.(quad.Float)
		return ok && (g == w && math.Signbit(float64(g)) == math.Signbit(float64(w)) || math.IsNaN(float64(g)) && math.IsNaN(float64(w)))
	case quad.Time:
		g, ok := got.(quad.Time)
		return ok && time.Time(g).Equal(time.Time(w).Round(time.Microsecond))
	}
	return got == want
}

// TestDuplicates: without IgnoreDup, a quad that is there already fails
// the transaction as it does through Cayley's flavour, labelled or not,
// and leaves the tables as they were.
func TestDuplicates(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) { testDuplicates(t, w.flavour()) })
	}
}

func testDuplicates(t *testing.T, flavour string) {
	theirs, theirDB := open(t, postgres.Type, database(t, postgres.Type))
	ours, ourDB := open(t, flavour, database(t, flavour))
	all := quads(10)
	for _, qs := range []graph.QuadStore{theirs, ours} {
		if err := qs.ApplyDeltas(deltas(graph.Add, all), graph.IgnoreOpts{}); err != nil {
			t.Fatal(err)
		}
	}
	before := rows(t, ourDB)
	labelled, bare := all[0], all[1]
	if labelled.Label == nil || bare.Label != nil {
		t.Fatalf("the test wants quads(10)[0] with a label and [1] without: %v, %v", labelled, bare)
	}
	for _, q := range []quad.Quad{labelled, bare} {
		dup := deltas(graph.Add, []quad.Quad{{Subject: quad.IRI("new"), Predicate: quad.IRI("p"), Object: quad.IRI("o")}, q})
		errTheirs := theirs.ApplyDeltas(dup, graph.IgnoreOpts{})
		errOurs := ours.ApplyDeltas(dup, graph.IgnoreOpts{})
		if errTheirs == nil || errOurs == nil || errOurs.Error() != errTheirs.Error() {
			t.Errorf("%v again: %v; Cayley's flavour: %v", q, errOurs, errTheirs)
		}
	}
	if got := rows(t, ourDB); got != before {
		t.Errorf("a failed transaction changed the tables:\n%s", firstDiff(got, before))
	}
	if got, want := rows(t, ourDB), rows(t, theirDB); got != want {
		t.Errorf("the tables differ:\n%s", firstDiff(got, want))
	}
}

// TestRefusesWhatCayleyCannotKeep: a value of a type Cayley's SQL store has
// no column for is an error naming it, where Cayley's marshaller panics.
func TestRefusesWhatCayleyCannotKeep(t *testing.T) {
	ds := graphlog.SplitDeltas(deltas(graph.Add, []quad.Quad{{Subject: quad.IRI("s"), Predicate: quad.IRI("p"), Object: other("x")}}))
	err := RunTx(nil, ds.IncNode, ds.QuadAdd, ignore)
	if err == nil || !strings.Contains(err.Error(), "pgbatch.other") {
		t.Errorf("a value of another type: %v", err)
	}
}

type other string

func (o other) String() string      { return string(o) }
func (o other) Native() interface{} { return string(o) }

// TestConcurrentWriters runs two stores on one database, as two ingest
// processes do, each adding and taking out its own articles over and over,
// every article naming the same entities, predicates and values: each
// transaction locks many node rows the other's lock too, some to add
// references (RunTx) and some to take them away (Cayley's deletions),
// which would wait on each other in a cycle if the two took them in
// different orders (PostgreSQL then aborts one: "deadlock detected"). In
// the end the tables hold what one store writing everything would.
func TestConcurrentWriters(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) { testConcurrentWriters(t, w.flavour()) })
	}
}

func testConcurrentWriters(t *testing.T, flavour string) {
	addr := database(t, flavour)
	const writers, rounds, articles = 2, 15, 12
	stores := make([]graph.QuadStore, writers)
	for i := range stores {
		stores[i], _ = open(t, flavour, addr)
	}
	mine := func(w, i int) []quad.Quad { // article i of writer w: shared nodes, its own label
		var out []quad.Quad
		art := quad.IRI(fmt.Sprintf("https://newsgraph.dev/article/w%d-%d", w, i))
		for j, v := range values(i) {
			out = append(out, quad.Quad{Subject: quad.IRI(fmt.Sprintf("https://newsgraph.dev/entity/country/C%d", (i+j)%7)),
				Predicate: quad.IRI(fmt.Sprintf("https://newsgraph.dev/vocab#p%d", j%5)), Object: v, Label: art})
		}
		return out
	}
	var wg sync.WaitGroup
	errs := make([]error, writers)
	start := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			<-start
			for r := range rounds {
				// the articles added in one round are taken out in the next
				var add, del []quad.Quad
				for i := range articles {
					if (i+r)%2 == 0 {
						add = append(add, mine(w, i)...)
					} else if r > 0 {
						del = append(del, mine(w, i)...)
					}
				}
				if err := stores[w].ApplyDeltas(deltas(graph.Delete, del), ignore); err != nil {
					errs[w] = fmt.Errorf("writer %d, round %d, deletions: %w", w, r, err)
					return
				}
				if err := stores[w].ApplyDeltas(deltas(graph.Add, add), ignore); err != nil {
					errs[w] = fmt.Errorf("writer %d, round %d, additions: %w", w, r, err)
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if t.Failed() {
		return
	}
	// the articles the last round added, written by one store alone
	ref, refDB := open(t, flavour, database(t, flavour))
	var last []quad.Quad
	for w := range writers {
		for i := range articles {
			if (i+rounds-1)%2 == 0 {
				last = append(last, mine(w, i)...)
			}
		}
	}
	if err := ref.ApplyDeltas(deltas(graph.Add, last), ignore); err != nil {
		t.Fatal(err)
	}
	_, db := open(t, flavour, addr)
	if got, want := rows(t, db), rows(t, refDB); got != want {
		t.Errorf("two writers at once left other rows than one writing the end state:\n%s", firstDiff(got, want))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("row %d:\n ours   %s\n theirs %s", i, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d rows, theirs %d", len(g), len(w))
}
