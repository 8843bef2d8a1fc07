package graph

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq"
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

var pgSeq atomic.Int64

// freshPostgres creates a database of its own for one test on the server
// NEWSGRAPH_TEST_POSTGRES points at, and drops it afterwards.
func freshPostgres(t *testing.T) Config {
	t.Helper()
	havePostgres(t)
	base := os.Getenv(postgresEnv)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("ng_%d_%d", time.Now().UnixNano(), pgSeq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database on %s: %v", base, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return Config{DB: u.String()}
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
// plain go test it skips it.
func havePostgres(t *testing.T) bool {
	t.Helper()
	if os.Getenv(postgresEnv) != "" {
		return true
	}
	how := fmt.Sprintf("run `make test`, which starts one with .ci/postgres.sh, or "+
		"`export %s=$(.ci/postgres.sh start /tmp/pg-graph)` first", postgresEnv)
	if os.Getenv("NEWSGRAPH_TEST_REQUIRE") != "" {
		t.Fatalf("%s is not set, though make test starts PostgreSQL: %s", postgresEnv, how)
	}
	t.Skipf("%s is not set: no PostgreSQL server for this test; %s", postgresEnv, how)
	return false
}
