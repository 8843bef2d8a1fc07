package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/lib/pq"
	"github.com/newsgraph/newsgraph/graph/pgtest"
	"github.com/newsgraph/newsgraph/schema"
)

// backend opens fresh stores of one kind for the conformance table.
type backend struct {
	name       string
	persistent bool
	config     func(t *testing.T) Config
}

var memoryBackend = backend{name: "memory", config: func(t *testing.T) Config { return Config{DB: "memory"} }}

var boltBackend = backend{name: "bbolt", persistent: true, config: func(t *testing.T) Config {
	return Config{DB: filepath.Join(t.TempDir(), "sub", "graph.db")}
}}

var postgresBackend = backend{name: "postgres", persistent: true, config: freshPostgres}

const postgresEnv = "NEWSGRAPH_TEST_POSTGRES"

// freshPostgres creates a database of its own for one test on the server
// NEWSGRAPH_TEST_POSTGRES points at, and drops it afterwards.
func freshPostgres(t *testing.T) Config {
	t.Helper()
	return Config{DB: pgtest.Database(t, pgtest.Server(t))}
}

func open(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%q): %v", cfg.DB, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture reads testdata/<name>.json.
func fixture(t testing.TB, name string) schema.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d schema.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

const (
	mou      = "korea-us-mou"
	followup = "korea-us-followup"
	lisbon   = "lisbon-web-summit"
	invalid  = "invalid-predicate"
)

func ingest(t *testing.T, s *Store, names ...string) []schema.IngestResult {
	t.Helper()
	var docs []schema.Document
	for _, n := range names {
		docs = append(docs, fixture(t, n))
	}
	res, err := s.Ingest(context.Background(), docs)
	if err != nil {
		t.Fatalf("Ingest(%v): %v", names, err)
	}
	return res
}

func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, "nquads"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func statuses(res []schema.IngestResult) string {
	var out []string
	for _, r := range res {
		out = append(out, string(r.Status))
	}
	return strings.Join(out, " ")
}

// havePostgres reports whether the tests have a PostgreSQL server: under
// make test (NEWSGRAPH_TEST_REQUIRE) a missing one fails the test, under a
// plain go test it skips it (pgtest.Server).
func havePostgres(t *testing.T) bool {
	t.Helper()
	return pgtest.Server(t) != ""
}
