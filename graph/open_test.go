package graph

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"parent is a file", Config{DB: filepath.Join(file, "graph.db")}},
		{"not a bbolt file", Config{DB: file}},
		{"read-only missing", Config{DB: filepath.Join(dir, "missing.db"), ReadOnly: true}},
		{"server down", Config{DB: "postgres://postgres:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=2"}},
	} {
		_, err := Open(context.Background(), tc.cfg)
		if err == nil {
			t.Errorf("%s: Open succeeded", tc.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "graph: ") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: error %q", tc.name, err)
		}
		if !strings.Contains(err.Error(), strings.Replace(tc.cfg.DB, "secret", "xxxxx", 1)) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, tc.cfg.DB)
		}
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s := open(t, Config{DB: path})
	ingest(t, s, mou)
	s.Close()
	ro := open(t, Config{DB: path, ReadOnly: true})
	if _, err := ro.Entity(context.Background(), "country/KR"); err != nil {
		t.Errorf("read from read-only store: %v", err)
	}
	if _, err := ro.Ingest(context.Background(), []schema.Document{fixture(t, lisbon)}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("ingest into read-only store: %v", err)
	}
}

// TestCayleyLoadsExport reads the export with Cayley's own N-Quads reader and
// loads it into a plain Cayley store.
func TestCayleyLoadsExport(t *testing.T) {
	s := open(t, Config{})
	ingest(t, s, mou, followup, lisbon)
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, "nquads"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(b.String(), "\n")
	qs := memstore.New()
	qw, err := graph.NewQuadWriter("single", qs, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := graph.NewWriter(qw)
	n, err := quad.Copy(w, nquads.NewReader(&b, false))
	if err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	w.Close()
	st, _ := qs.Stats(context.Background(), true)
	if n != lines || int(st.Quads.Value) != lines {
		t.Errorf("Cayley read %d quads and stored %d of %d lines", n, st.Quads.Value, lines)
	}
}

// TestConcurrentReadsAndWrites is for the race detector.
func TestConcurrentReadsAndWrites(t *testing.T) {
	s := open(t, Config{})
	ctx := context.Background()
	var wg sync.WaitGroup
	for _, name := range []string{mou, followup, lisbon} {
		wg.Add(2)
		go func() {
			defer wg.Done()
			s.Ingest(ctx, []schema.Document{fixture(t, name)})
			s.Export(ctx, io.Discard, "nquads")
		}()
		go func() {
			defer wg.Done()
			for range 20 {
				s.Search(ctx, schema.SearchQuery{Text: "korea"})
				s.Relations(ctx, schema.RelationFilter{}, schema.Page{})
				s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: "country/KR", Depth: 2})
				s.Stats(ctx, 5)
			}
		}()
	}
	wg.Wait()
	if st, _ := s.Stats(ctx, 0); st.Articles != 3 {
		t.Errorf("%d articles after concurrent ingest", st.Articles)
	}
}

// TestTxDeltas loads the same articles in transactions of one article
// each and in the default ones: the stores export the same quads, and a
// negative cap is refused.
func TestTxDeltas(t *testing.T) {
	ctx := context.Background()
	docs := corpusDocs(12)
	export := func(tx int) string {
		s, err := Open(ctx, Config{DB: filepath.Join(t.TempDir(), "graph.db"), TxDeltas: tx})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Ingest(ctx, docs); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := s.Export(ctx, &b, "nquads"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if one, def := export(1), export(0); one != def || def == "" {
		t.Errorf("transactions of one article export %d bytes, the default ones %d: want the same quads", len(one), len(def))
	}
	if _, err := Open(ctx, Config{DB: "memory", TxDeltas: -1}); err == nil || !strings.Contains(err.Error(), "TxDeltas") {
		t.Errorf("TxDeltas -1: error %v, want one naming TxDeltas", err)
	}
}

// TestIngestDocumentsThatShare: two documents of one call that share their
// entities and relations (a copy given another id and text), as a caller
// may build them, go in as two articles; run under the race detector, it
// holds Ingest's work on several cores to reading them only.
func TestIngestDocumentsThatShare(t *testing.T) {
	ctx := context.Background()
	d := corpusDocs(1)[0]
	d2 := d
	d2.Article.ID, d2.Article.Hash = d.Article.ID+"-copy", ""
	d2.Text = d.Text + "\n"
	s := open(t, Config{DB: filepath.Join(t.TempDir(), "graph.db")})
	res, err := s.Ingest(ctx, []schema.Document{d, d2})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != schema.Added {
			t.Errorf("%s: %s, want added", r.Article, r.Status)
		}
	}
}
