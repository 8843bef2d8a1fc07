package gqlfast

import (
	"fmt"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
)

func parse(t *testing.T, q string) *Doc {
	t.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: q})
	if err != nil {
		t.Fatal(err)
	}
	return NewDoc(q, doc)
}

// TestCacheBoundedInBytes: the cache never counts more than its budget,
// the document just put is there, the least recently used go first, and a
// document larger than the whole budget is not kept.
func TestCacheBoundedInBytes(t *testing.T) {
	const max = 64 << 10
	c := NewCache(max)
	var docs []*Doc
	for i := range 20 {
		d := parse(t, fmt.Sprintf("{ q%d %s }", i, strings.Repeat("a ", 60)))
		docs = append(docs, d)
		c.Put(d)
		if got, ok := c.Get(d.query); !ok || got != d {
			t.Fatalf("put %d, then get = %v, %v", i, got, ok)
		}
		c.Get(docs[0].query) // the first is used all along
		if b := c.Bytes(); b > max {
			t.Fatalf("after %d puts the cache counts %d bytes, over its %d", i+1, b, max)
		}
	}
	if _, ok := c.Get(docs[0].query); !ok {
		t.Error("the document used all along was evicted")
	}
	if _, ok := c.Get(docs[1].query); ok {
		t.Error("the least recently used document is still there")
	}
	big := parse(t, "{ "+strings.Repeat("a ", max/48)+"}")
	c.Put(big)
	if _, ok := c.Get(big.query); ok {
		t.Error("a document over the whole budget was kept")
	}
}

// TestPlansCharged: a document's plans count against the budget, and only
// its own operations are planned.
func TestPlansCharged(t *testing.T) {
	sch, err := graphql.NewSchema(graphql.SchemaConfig{Query: graphql.NewObject(graphql.ObjectConfig{
		Name: "Query", Fields: graphql.Fields{"a": &graphql.Field{Type: graphql.Int}, "b": &graphql.Field{Type: graphql.Int}}})})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache(1 << 20)
	d := parse(t, "query A { a b } query B { a }")
	c.Put(d)
	before := c.Bytes()
	for _, name := range []string{"A", "B", "A", "nope", "", strings.Repeat("x", 1000)} {
		p, err := d.Plan(&sch, name)
		if (name == "A" || name == "B") != (err == nil && p != nil) {
			t.Errorf("Plan(%.10q) = %v, %v", name, p, err)
		}
	}
	if len(d.plans) != 2 {
		t.Errorf("%d plans kept, want the document's 2", len(d.plans))
	}
	if c.Bytes() != before+2*planBytes {
		t.Errorf("cache counts %d bytes after two plans, want %d", c.Bytes(), before+2*planBytes)
	}
}
