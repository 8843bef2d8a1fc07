package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// TestDescribedThingsStayInTheirArticle ingests two articles that each
// report an untitled MoU signed at a "signing ceremony": the graph holds
// two agreements and two ceremonies, one of each per article, while the
// country both name stays one node.
func TestDescribedThingsStayInTheirArticle(t *testing.T) {
	dir := t.TempDir()
	articles := map[string]string{
		"ports.txt": "date 2025-03-04 Korea, Chile sign ports MoU\n\n" +
			"South Korea and Chile signed a memorandum of understanding on Tuesday. " +
			"The signing ceremony took place in Santiago.\n",
		"grid.txt": "date 2025-06-11 Korea, Kenya sign power grid MoU\n\n" +
			"South Korea and Kenya signed a memorandum of understanding on Wednesday. " +
			"The signing ceremony was held in Nairobi.\n",
	}
	for name, text := range articles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "graph.db")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"ingest", "-q", "--db", db, dir}, &out, &errb); code != 0 {
		t.Fatalf("ingest exited %d: %s%s", code, out.String(), errb.String())
	}
	store, err := graph.Open(context.Background(), graph.Config{DB: db, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	count := func(typ schema.EntityType, name string) []string {
		t.Helper()
		page, err := store.Entities(context.Background(), schema.EntityFilter{Type: typ, NameContains: name}, schema.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range page.Entities {
			ids = append(ids, e.ID)
		}
		return ids
	}
	if ids := count(schema.Agreement, ""); len(ids) != 2 {
		t.Errorf("agreements = %q, want one per article", ids)
	}
	if ids := count(schema.Event, "signing ceremony"); len(ids) != 2 {
		t.Errorf("signing ceremonies = %q, want one per article", ids)
	}
	if ids := count(schema.Country, "South Korea"); len(ids) != 1 {
		t.Errorf("South Korea = %q, want one node", ids)
	}
}
