package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// TestTextCache keeps texts up to its size, the most recent first, and
// gives a text for the version asked only.
func TestTextCache(t *testing.T) {
	c := newTextCache(200)
	c.put("a", "ha", strings.Repeat("a", 40))
	c.put("b", "hb", strings.Repeat("b", 50))
	c.put("c", "hc", strings.Repeat("c", 50))
	if _, ok := c.get("a", "ha"); !ok {
		t.Fatal("a is not kept")
	}
	c.put("d", "hd", strings.Repeat("d", 50))
	c.put("e", "he", strings.Repeat("e", 30)) // 220 bytes: b, the least recent, goes
	if _, ok := c.get("b", "hb"); ok {
		t.Errorf("b is kept past the size")
	}
	if _, ok := c.get("a", "ha"); !ok {
		t.Errorf("a, read last, went before b")
	}
	if _, ok := c.get("a", "other"); ok {
		t.Errorf("a text given for another version")
	}
	if got, ok := c.get("a", ""); !ok || len(got) != 40 {
		t.Errorf("any version of a: %d bytes, %v", len(got), ok)
	}
	c.put("big", "h", strings.Repeat("x", 51)) // over a quarter of the size: not kept
	if _, ok := c.get("big", "h"); ok {
		t.Errorf("a text of more than a quarter of the cache is kept")
	}
	c.drop("a")
	if _, ok := c.get("a", ""); ok || c.size != 130 {
		t.Errorf("after drop: a kept %v, %d bytes held, want 130", ok, c.size)
	}
}

// TestEvidenceTextAfterReplace: a sentence read after its article changed
// comes from the version the read saw, or not at all; never from the new
// text at the old offsets.
func TestEvidenceTextAfterReplace(t *testing.T) {
	ctx := context.Background()
	s := open(t, Config{DB: "memory"})
	d := textDoc(t)
	if _, err := s.Ingest(ctx, []schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	page, _ := s.Relations(ctx, schema.RelationFilter{}, schema.Page{})
	evs := page.Relations[0].Evidence
	if err := s.EvidenceText(ctx, evs); err != nil || evs[0].Text == "" {
		t.Fatalf("EvidenceText = %q, %v", evs[0].Text, err)
	}
	stale := page.Relations[0].Evidence
	stale[0].Text = ""
	d2 := d
	d2.Text = "Edited: " + d.Text
	d2.Article.Hash = schema.TextHash(d2.Text)
	d2.Relations = nil
	if _, err := s.Ingest(ctx, []schema.Document{d2}); err != nil {
		t.Fatal(err)
	}
	if err := s.EvidenceText(ctx, stale); err != nil || stale[0].Text != "" {
		t.Errorf("the sentence of a relation the new version drops: %q, %v; want none", stale[0].Text, err)
	}
}
