package api

import (
	"fmt"
	"testing"

	"github.com/graphql-go/graphql/language/ast"
)

// TestDocCacheBounded: the cache never holds more than its size, and the
// document just put is always there.
func TestDocCacheBounded(t *testing.T) {
	c := newDocCache(3)
	for i := range 10 {
		q := fmt.Sprintf("{ q%d }", i)
		d := &cachedDoc{doc: &ast.Document{}}
		c.put(q, d)
		if got, ok := c.get(q); !ok || got != d {
			t.Fatalf("put %q, then get = %v, %v", q, got, ok)
		}
		if n := len(c.docs); n > 3 {
			t.Fatalf("after %d puts the cache holds %d documents, want at most 3", i+1, n)
		}
	}
	if _, ok := c.get("{ never }"); ok {
		t.Error("get of a query never put succeeded")
	}
}
