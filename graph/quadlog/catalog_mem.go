package quadlog

import (
	"context"
	"maps"
	"sync"
)

// memCatalog is the catalog of a memstore, which lives as long as the
// process: a map, written once Cayley has taken a transaction's quads.
type memCatalog struct {
	mu      sync.Mutex
	entries map[string]Entry
	format  string
}

func newMemCatalog() *memCatalog { return &memCatalog{entries: map[string]Entry{}} }

func (c *memCatalog) lookup(_ context.Context, ids []string) (map[string]Entry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]Entry, len(ids))
	for _, id := range ids {
		if e, ok := c.entries[id]; ok {
			out[id] = e
		}
	}
	return out, nil
}

func (c *memCatalog) each(ctx context.Context, fn func(Entry) error) (string, error) {
	c.mu.Lock()
	entries := maps.Clone(c.entries)
	c.mu.Unlock()
	for _, e := range entries {
		if e.Gone() {
			continue
		}
		if err := fn(e); err != nil {
			return "", err
		}
	}
	return "", ctx.Err()
}

func (c *memCatalog) meta(context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.format, nil
}

func (c *memCatalog) setMeta(_ context.Context, format string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.format = format
	return nil
}

func (c *memCatalog) load(_ context.Context, entries []Entry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range entries {
		e.Version = c.entries[e.ID].Version + 1
		c.entries[e.ID] = e
	}
	return nil
}

// commit writes the entries of a transaction Cayley has taken, each one
// version past the last.
func (c *memCatalog) commit(p *pending) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range p.entries {
		e.Version = c.entries[e.ID].Version + 1
		c.entries[e.ID] = e
		p.versions[e.ID] = e.Version
	}
}
