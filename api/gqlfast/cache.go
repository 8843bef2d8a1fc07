package gqlfast

import (
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Cache keeps the parsed documents of queries that passed validation, by
// their text: clients send the same few queries with other variables, and
// parsing and validating cost more than executing a lookup. With each
// document go the plans of its operations, made on first use.
//
// The cache is bounded in bytes, not in entries: a client chooses the size
// of its documents (up to the body limit) and the names of its operations,
// so a count of entries bounds nothing. What a document holds is estimated
// (docBytes, planBytes, fieldBytes) rather than measured, and the estimates
// lean high; the least recently used documents go first.
type Cache struct {
	mu    sync.Mutex
	max   int64
	bytes int64
	lru   list.List // of *Doc, the most recently used in front
	docs  map[string]*list.Element
}

// Estimates of what a cached document holds, from the heap measured after
// parsing documents of every shape the limits allow (a query byte costs at
// most some 42 bytes of AST, long string literals far less) and from the
// sizes of the plan's structures.
const (
	docBytesPerQueryByte = 48
	docOverhead          = 4 << 10
	planBytes            = 1 << 10 // a plan and its entry
	fieldBytes           = 512     // one collected field, its arguments and its place in the lists
)

// NewCache returns a cache that holds at most maxBytes (estimated).
func NewCache(maxBytes int64) *Cache {
	return &Cache{max: maxBytes, docs: map[string]*list.Element{}}
}

// Doc is a parsed, validated document and the plans of its operations.
type Doc struct {
	AST *ast.Document

	query string
	ops   map[string]*ast.OperationDefinition // by name; "" when there is one operation

	cache atomic.Pointer[Cache] // set while the document is cached
	elem  *list.Element         // under cache.mu
	bytes int64                 // what the cache counts for it, under cache.mu

	mu    sync.Mutex
	plans map[*ast.OperationDefinition]planOrFallback
}

type planOrFallback struct {
	p   *Plan
	err error
}

// NewDoc wraps the document parsed from query.
func NewDoc(query string, doc *ast.Document) *Doc {
	d := &Doc{AST: doc, query: query, ops: map[string]*ast.OperationDefinition{}}
	var all []*ast.OperationDefinition
	for _, def := range doc.Definitions {
		if op, ok := def.(*ast.OperationDefinition); ok {
			all = append(all, op)
			if op.Name != nil {
				d.ops[op.Name.Value] = op
			}
		}
	}
	if len(all) == 1 {
		d.ops[""] = all[0]
	}
	return d
}

// Plan returns the plan of the operation called name ("" for a document's
// only operation), made on first use; ErrFallback when the operation needs
// graphql-go's executor, or when there is no such operation (graphql-go's
// executor says so). Only operations the document holds are planned and
// kept, so a client that sends one document with many operation names
// costs nothing more.
func (d *Doc) Plan(schema *graphql.Schema, name string) (*Plan, error) {
	op := d.ops[name]
	if op == nil {
		return nil, ErrFallback
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if pf, ok := d.plans[op]; ok {
		return pf.p, pf.err
	}
	p, err := newPlan(schema, d, op)
	if d.plans == nil {
		d.plans = map[*ast.OperationDefinition]planOrFallback{}
	}
	d.plans[op] = planOrFallback{p, err}
	d.charge(planBytes)
	return p, err
}

// charge counts n more bytes held by d, when d is cached.
func (d *Doc) charge(n int64) {
	if c := d.cache.Load(); c != nil {
		c.charge(d, n)
	}
}

// Get returns the document cached for query text q.
func (c *Cache) Get(q string) (*Doc, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[q]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*Doc), true
}

// Put caches d under its query text, evicting the least recently used
// documents to make room. A document larger than the whole budget is not
// kept.
func (c *Cache) Put(d *Doc) {
	size := docBytes(d.query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if d.cache.Load() != nil || size > c.max {
		return
	}
	if old, ok := c.docs[d.query]; ok {
		c.remove(old)
	}
	d.cache.Store(c)
	d.bytes = size
	d.elem = c.lru.PushFront(d)
	c.docs[d.query] = d.elem
	c.bytes += size
	c.evict(d)
}

// Bytes is what the cached documents hold, estimated.
func (c *Cache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len is how many documents are cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.docs)
}

func docBytes(q string) int64 {
	return int64(len(q))*docBytesPerQueryByte + docOverhead
}

// charge adds n bytes to d's count, and evicts others (d last) while the
// cache is over its budget. A document evicted meanwhile is no longer
// counted: its plans go with it.
func (c *Cache) charge(d *Doc, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d.cache.Load() != c {
		return
	}
	d.bytes += n
	c.bytes += n
	c.evict(d)
}

// evict removes least recently used documents until the cache is within
// its budget, keep last of all. Called with c.mu held.
func (c *Cache) evict(keep *Doc) {
	for c.bytes > c.max {
		e := c.lru.Back()
		if e == nil {
			return
		}
		if e.Value.(*Doc) == keep {
			if e = e.Prev(); e == nil {
				e = c.lru.Back()
			}
		}
		c.remove(e)
	}
}

// remove drops one entry. Called with c.mu held.
func (c *Cache) remove(e *list.Element) {
	d := e.Value.(*Doc)
	c.lru.Remove(e)
	delete(c.docs, d.query)
	c.bytes -= d.bytes
	d.cache.Store(nil)
	d.elem, d.bytes = nil, 0
}
