package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
	"go.etcd.io/bbolt"
)

// reads runs a battery of the reads the API serves and exports the graph
// in every format: what a store answers, as one string to compare.
func reads(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	put := func(what string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		j, _ := json.Marshal(v)
		fmt.Fprintf(&b, "%s: %s\n", what, j)
	}
	st, err := s.Stats(ctx, 20)
	put("stats", st, err)
	ents, err := s.Entities(ctx, schema.EntityFilter{}, schema.Page{First: 2000})
	put("entities", ents, err)
	arts, err := s.Articles(ctx, schema.ArticleFilter{}, schema.Page{First: 2000})
	put("articles", arts, err)
	rels, err := s.Relations(ctx, schema.RelationFilter{}, schema.Page{First: 2000})
	if err == nil {
		for i := range rels.Relations {
			err = s.EvidenceText(ctx, rels.Relations[i].Evidence)
		}
	}
	put("relations", rels, err)
	for _, q := range []string{"korea", "minist", "agreement", "kratsois", "tuvalu"} {
		page, err := s.Search(ctx, schema.SearchQuery{Text: q, Limit: 50})
		put("search "+q, page, err)
	}
	for i, e := range ents.Entities {
		if i%7 != 0 {
			continue
		}
		sg, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: e.ID, Depth: 2, Limit: 100})
		put("neighborhood "+e.ID, sg, err)
		ae, err := s.ArticleEntities(ctx, arts.Articles[i%len(arts.Articles)].ID, "")
		put("article entities", ae, err)
	}
	for _, f := range ExportFormats {
		var out bytes.Buffer
		if err := s.Export(ctx, &out, f); err != nil {
			t.Fatalf("export %s: %v", f, err)
		}
		fmt.Fprintf(&b, "export %s: %d bytes %x\n", f, out.Len(), schema.TextHash(out.String())[:16])
	}
	return b.String()
}

// history writes a store's worth of changes: articles added, replaced,
// deleted, imported with quads the model does not read, a legacy article.
func history(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	ingest(t, s, mou, followup, lisbon)
	docs := corpusDocs(40)
	if _, err := s.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, []schema.Document{changed(t), textDoc(t)}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"korea-us-followup.txt", docs[3].Article.ID} {
		if err := s.DeleteArticle(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	extra := `<https://newsgraph.dev/article/imported.txt> <http://schema.org/headline> "Imported" <https://newsgraph.dev/article/imported.txt> .
<https://newsgraph.dev/article/imported.txt> <https://example.org/unknown> "kept as it is" <https://newsgraph.dev/article/imported.txt> .
`
	if err := s.Import(ctx, strings.NewReader(legacyQuads+extra)); err != nil {
		t.Fatal(err)
	}
}

// TestStartFromCatalog: a store opened from its catalog of records
// answers every read and export as one that made its index from every
// quad, on each backend that persists.
func TestStartFromCatalog(t *testing.T) {
	for _, b := range []backend{boltBackend, postgresBackend} {
		t.Run(b.name, func(t *testing.T) {
			if b.name == "postgres" && !havePostgres(t) {
				return
			}
			cfg := b.config(t)
			s := open(t, cfg)
			history(t, s)
			live := reads(t, s)
			s.Close()

			fast := open(t, cfg)
			if st := fast.Started(); !st.FromCatalog || st.Built || st.Articles != fast.ix.Len() {
				t.Errorf("reopened: %+v, want the index from the catalog", st)
			}
			got := reads(t, fast)
			fast.Close()
			slow := open(t, Config{DB: cfg.DB, FromQuads: true, ReadOnly: true})
			if st := slow.Started(); st.FromCatalog {
				t.Errorf("opened FromQuads: %+v", st)
			}
			want := reads(t, slow)
			if got != want {
				t.Errorf("from the catalog the store answers otherwise than from the quads:\n%s", lineDiff(got, want))
			}
			if got != live {
				t.Errorf("reopened, the store answers otherwise than before:\n%s", lineDiff(got, live))
			}
		})
	}
}

// TestCatalogBuilt: a bbolt store written by an earlier version, without
// a catalog, gets one when it is opened for writing, read-only opens make
// their index from the quads, and the answers are the same.
func TestCatalogBuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := open(t, Config{DB: path})
	history(t, s)
	want := reads(t, s)
	s.Close()
	dropCatalog(t, path)

	ro := open(t, Config{DB: path, ReadOnly: true})
	if st := ro.Started(); st.FromCatalog || st.Built {
		t.Errorf("read-only open of a store without a catalog: %+v", st)
	}
	if got := reads(t, ro); got != want {
		t.Errorf("read-only, from the quads:\n%s", lineDiff(got, want))
	}
	ro.Close()
	s = open(t, Config{DB: path})
	if st := s.Started(); st.FromCatalog || !st.Built {
		t.Errorf("first open for writing: %+v, want the catalog built", st)
	}
	s.Close()
	s = open(t, Config{DB: path})
	if st := s.Started(); !st.FromCatalog {
		t.Errorf("second open: %+v, want the index from the catalog", st)
	}
	if got := reads(t, s); got != want {
		t.Errorf("from the catalog built:\n%s", lineDiff(got, want))
	}
	// and it goes on taking writes
	if err := s.DeleteArticle(context.Background(), "korea-us-mou.txt"); err != nil {
		t.Fatal(err)
	}
}

// dropCatalog takes the catalog out of a bbolt store, as a store of an
// earlier version is.
func dropCatalog(t *testing.T, path string) {
	t.Helper()
	db, err := bbolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, b := range []string{"newsgraph.articles", "newsgraph.meta"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return fmt.Errorf("bucket %s: %w", b, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
