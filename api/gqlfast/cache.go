package api

import (
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// docCache keeps the parsed documents of queries that passed validation,
// by their text: clients send the same few queries with other variables,
// and parsing and validating cost more than executing a lookup. The limits
// (walk) still run on every request, since variables change the cost.
// With each document go the fast executor's plans of its operations.
type docCache struct {
	mu   sync.Mutex
	max  int
	docs map[string]*cachedDoc
}

type cachedDoc struct {
	doc *ast.Document

	mu    sync.Mutex
	plans map[string]planOrFallback // by operation name
}

type planOrFallback struct {
	p   *plan
	err error
}

// plan returns the plan of operation name, made on first use; errFallback
// when the operation needs graphql-go's executor.
func (d *cachedDoc) plan(schema *graphql.Schema, name string) (*plan, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if pf, ok := d.plans[name]; ok {
		return pf.p, pf.err
	}
	p, err := newPlan(schema, d.doc, name)
	if d.plans == nil {
		d.plans = map[string]planOrFallback{}
	}
	d.plans[name] = planOrFallback{p, err}
	return p, err
}

func newDocCache(max int) *docCache {
	return &docCache{max: max, docs: make(map[string]*cachedDoc, max)}
}

func (c *docCache) get(q string) (*cachedDoc, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[q]
	return d, ok
}

func (c *docCache) put(q string, d *cachedDoc) {
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
