package index

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// A page holds at most maxPage items: what the API's largest setting
// (1,000 items after a cursor that skips up to 1,000) may ask for.
const (
	defaultPage = 20
	maxPage     = 2000
)

// Entity returns one entity, merged over every article that mentions it.
func (ix *Index) Entity(ctx context.Context, id string) (schema.Entity, error) {
	if err := ctx.Err(); err != nil {
		return schema.Entity{}, fmt.Errorf("graph: entity %q: %w", id, err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	agg := ix.ents[id]
	if agg == nil {
		return schema.Entity{}, fmt.Errorf("graph: entity %q: %w", id, ErrNotFound)
	}
	return cloneEntity(agg.merged), nil
}

// EntitiesByID returns the entities it knows among ids.
func (ix *Index) EntitiesByID(ctx context.Context, ids []string) (map[string]schema.Entity, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[string]schema.Entity, len(ids))
	for i, id := range ids {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("graph: entities by id: %w", err)
			}
		}
		if agg := ix.ents[id]; agg != nil {
			out[id] = cloneEntity(agg.merged)
		}
	}
	return out, nil
}

// cloneEntity copies the slices so that callers cannot change the index.
func cloneEntity(e schema.Entity) schema.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Titles = slices.Clone(e.Titles)
	e.Mentions = slices.Clone(e.Mentions)
	return e
}

// Entities lists entities in id order.
func (ix *Index) Entities(ctx context.Context, f schema.EntityFilter, p schema.Page) (schema.EntityPage, error) {
	after, err := decodeCursor(p.After)
	if err != nil {
		return schema.EntityPage{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	want := schema.Fold(f.NameContains)
	var ids []string
	for id, agg := range ix.ents {
		if f.Type != "" && agg.merged.Type != f.Type {
			continue
		}
		if want != "" && !nameContains(ix.names.forms[id], want) {
			continue
		}
		if !ix.mentionedIn(agg, f.MentionedIn, f.Since, f.Until) {
			continue
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := ctx.Err(); err != nil {
		return schema.EntityPage{}, fmt.Errorf("graph: entities: %w", err)
	}
	page, info := paginate(ids, after, p.First, func(id string) string { return id })
	out := schema.EntityPage{PageInfo: info}
	for _, id := range page {
		out.Entities = append(out.Entities, cloneEntity(ix.ents[id].merged))
	}
	return out, nil
}

func nameContains(forms []nameForm, want string) bool {
	for _, f := range forms {
		if strings.Contains(f.folded, want) {
			return true
		}
	}
	return false
}

// mentionedIn reports whether an article matching the filter mentions the
// entity.
func (ix *Index) mentionedIn(agg *entityAgg, article, since, until string) bool {
	if article == "" && since == "" && until == "" {
		return true
	}
	for _, sd := range agg.by {
		if article != "" && sd.Article.id() != article {
			continue
		}
		if inRange(sd.Article.published(), since, until) {
			return true
		}
	}
	return false
}

// inRange reports whether date lies within [since, until]; empty bounds are
// open. An undated article is outside any bounded range.
func inRange(date, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if date == "" {
		return false
	}
	return (since == "" || date >= since) && (until == "" || date <= until)
}

// paginate cuts one page out of items sorted by key, after the cursor key.
func paginate[T any](items []T, after string, first int, key func(T) string) ([]T, schema.PageInfo) {
	info := schema.PageInfo{TotalCount: len(items)}
	start := 0
	if after != "" {
		start, _ = slices.BinarySearchFunc(items, after, func(it T, k string) int {
			if key(it) <= k {
				return -1
			}
			return 1
		})
	}
	n := clamp(first, defaultPage, maxPage)
	end := min(start+n, len(items))
	page := items[start:end]
	if len(page) > 0 {
		info.EndCursor = encodeCursor(key(page[len(page)-1]))
	}
	info.HasNextPage = end < len(items)
	return page, info
}

// Cursors are opaque to clients: the sort key of the last item, encoded.
func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

func decodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", fmt.Errorf("graph: bad cursor %q: %w", c, err)
	}
	return string(b), nil
}

// Article returns the metadata of one article.
func (ix *Index) Article(ctx context.Context, id string) (schema.Article, error) {
	if err := ctx.Err(); err != nil {
		return schema.Article{}, fmt.Errorf("graph: article %q: %w", id, err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sd := ix.docs[id]
	if sd == nil {
		return schema.Article{}, fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	return sd.Article.article(), nil
}

// Articles lists articles, newest published first, then by id.
func (ix *Index) Articles(ctx context.Context, f schema.ArticleFilter, p schema.Page) (schema.ArticlePage, error) {
	after, err := decodeCursor(p.After)
	if err != nil {
		return schema.ArticlePage{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var arts []schema.Article
	for _, sd := range ix.docs {
		a := sd.Article.article()
		if !inRange(a.Published, f.Since, f.Until) {
			continue
		}
		if f.Mentions != "" && sd.entity(f.Mentions) == nil {
			continue
		}
		arts = append(arts, a)
	}
	if err := ctx.Err(); err != nil {
		return schema.ArticlePage{}, fmt.Errorf("graph: articles: %w", err)
	}
	slices.SortFunc(arts, func(a, b schema.Article) int { return cmp.Compare(articleKey(a), articleKey(b)) })
	page, info := paginate(arts, after, p.First, articleKey)
	return schema.ArticlePage{Articles: page, PageInfo: info}, nil
}

// articleKey sorts newest first: the date is complemented digit by digit so
// that a plain string order is the wanted one; undated articles go last.
func articleKey(a schema.Article) string {
	d := []byte(a.Published)
	if len(d) == 0 {
		d = []byte("~")
	}
	for i, c := range d {
		if c >= '0' && c <= '9' {
			d[i] = '9' - c + '0'
		}
	}
	return string(d) + "\x00" + a.ID
}

// ArticleEntities returns the entities an article mentions (of type t, or
// all when t is empty), merged, with the article's own mention spans.
func (ix *Index) ArticleEntities(ctx context.Context, article string, t schema.EntityType) ([]schema.Entity, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: article %q: %w", article, err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sd := ix.docs[article]
	if sd == nil {
		return nil, fmt.Errorf("graph: article %q: %w", article, ErrNotFound)
	}
	var out []schema.Entity
	rd := packedReader{b: sd.packed}
	for _, own := range sd.Entities {
		mentions := rd.spans() // read for every entity: the spans lie in order
		e := cloneEntity(ix.ents[own.ID].merged)
		if t != "" && e.Type != t {
			continue
		}
		e.Mentions = mentions
		out = append(out, e)
	}
	return out, nil
}

// Degrees returns the number of statements each known entity takes part in.
func (ix *Index) Degrees(ctx context.Context, ids []string) (map[string]int, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: degrees: %w", err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[string]int, len(ids))
	for _, id := range ids {
		if _, ok := ix.ents[id]; ok {
			out[id] = ix.degree(id)
		}
	}
	return out, nil
}

// Stats counts articles, entities and statements, by type and predicate,
// and lists the top best-connected entities.
func (ix *Index) Stats(ctx context.Context, top int) (schema.Stats, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	st := schema.Stats{
		Articles:    len(ix.docs),
		Entities:    len(ix.ents),
		Relations:   len(ix.stmts),
		ByType:      map[schema.EntityType]int{},
		ByPredicate: map[schema.Predicate]int{},
	}
	for _, agg := range ix.ents {
		st.ByType[agg.merged.Type]++
	}
	for k := range ix.stmts {
		st.ByPredicate[k.P]++
	}
	if err := ctx.Err(); err != nil {
		return schema.Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	for id, agg := range ix.ents {
		st.TopEntities = append(st.TopEntities, schema.EntityCount{Entity: agg.merged, Degree: ix.degree(id)})
	}
	slices.SortFunc(st.TopEntities, func(a, b schema.EntityCount) int {
		return cmp.Or(cmp.Compare(b.Degree, a.Degree), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	st.TopEntities = st.TopEntities[:min(max(top, 0), len(st.TopEntities))]
	for i := range st.TopEntities {
		st.TopEntities[i].Entity = cloneEntity(st.TopEntities[i].Entity)
	}
	return st, nil
}
