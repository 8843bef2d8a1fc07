package api

import (
	"sync"

	"github.com/graphql-go/graphql/language/ast"
)

// docCache keeps the parsed documents of queries that passed validation,
// by their text: clients send the same few queries with other variables,
// and parsing and validating cost more than executing a lookup. The limits
// (walk) still run on every request, since variables change the cost.
type docCache struct {
	mu   sync.Mutex
	max  int
	docs map[string]*ast.Document
}

func newDocCache(max int) *docCache {
	return &docCache{max: max, docs: make(map[string]*ast.Document, max)}
}

func (c *docCache) get(q string) (*ast.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[q]
	return d, ok
}

func (c *docCache) put(q string, d *ast.Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.docs) >= c.max {
		for k := range c.docs { // evict one at random: cheap, and enough for a bounded cache
			delete(c.docs, k)
			break
		}
	}
	c.docs[q] = d
}
