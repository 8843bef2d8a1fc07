package graph

import (
	"container/list"
	"context"
	"fmt"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// Article texts, and the evidence sentences cut from them, are read from
// the store when a reader asks for them, not held by the index: they are
// most of an article's bytes. The texts read last are kept, up to a size,
// for the reads that come back to the same articles (the evidence of a
// well-known statement, an article being read).

// DefaultTextCacheBytes is the size of the texts kept unless
// Config.TextCacheBytes says otherwise.
const DefaultTextCacheBytes = 32 << 20

// textCache keeps the texts read last, up to max bytes, each with the hash
// of the version it belongs to.
type textCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // of *cachedText, the most recently used first
	byID  map[string]*list.Element
}

type cachedText struct {
	id, hash, text string
}

func newTextCache(max int) *textCache {
	return &textCache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

// get returns the text of article id if it is kept for the version hash
// ("" takes the one kept).
func (c *textCache) get(id, hash string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byID[id]
	if e == nil {
		return "", false
	}
	t := e.Value.(*cachedText)
	if hash != "" && t.hash != hash {
		return "", false
	}
	c.order.MoveToFront(e)
	return t.text, true
}

func (c *textCache) put(id, hash, text string) {
	if len(text) > c.max/4 { // one text does not push out a quarter of the others
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(id)
	c.byID[id] = c.order.PushFront(&cachedText{id: id, hash: hash, text: text})
	c.size += len(text)
	for c.size > c.max {
		c.dropLocked(c.order.Back().Value.(*cachedText).id)
	}
}

// drop forgets the text of an article that changed.
func (c *textCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(id)
}

func (c *textCache) dropLocked(id string) {
	if e := c.byID[id]; e != nil {
		c.size -= len(e.Value.(*cachedText).text)
		c.order.Remove(e)
		delete(c.byID, id)
	}
}

// storeTexts reads texts for the index (index.Texts): from the cache, or
// the store, one article at a time.
type storeTexts struct{ s *Store }

func (t storeTexts) ArticleTexts(ctx context.Context, want map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(want))
	for id, hash := range want {
		text, ok, err := t.s.text(ctx, id, hash)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = text
		}
	}
	return out, nil
}

// text reads the text of article id, the version whose text has the hash
// hash ("" for any), from the cache or the store.
func (s *Store) text(ctx context.Context, id, hash string) (string, bool, error) {
	if text, ok := s.texts.get(id, hash); ok {
		return text, true, nil
	}
	text, ok, err := s.log.Text(ctx, id)
	if err != nil || !ok {
		return "", false, err
	}
	if hash != "" && schema.TextHash(text) != hash {
		return "", false, nil // changed since the read that asks
	}
	s.texts.put(id, hash, text)
	return text, true, nil
}

// EvidenceText fills in the sentence of every evidence that Relations,
// Statements or an export left empty (the index keeps the sentences that
// are spans of the article's text in the store, not in memory), reading
// the texts of their articles in one batch. Evidence whose article no
// longer asserts it is left empty.
func (s *Store) EvidenceText(ctx context.Context, evs []schema.Evidence) error {
	return s.ix.FillSentences(ctx, evs, storeTexts{s})
}

// ArticleText returns the text of an article, which every offset of its
// evidence refers to. An article stored without its text (by a version
// before texts were kept) has none: ok is false.
func (s *Store) ArticleText(ctx context.Context, id string) (text string, ok bool, err error) {
	d := s.ix.Doc(id)
	if d == nil {
		return "", false, fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	if !d.HasText() {
		return "", false, nil
	}
	return s.text(ctx, id, d.Hash())
}
