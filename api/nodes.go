package api

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// The reads for clients and notebooks: node(id:), which finds anything by
// the id the API or an export gives it; search as a connection; an
// article's text, a window of it and its mentions.

// iriBase starts the IRIs the RDF exports name things by; node(id:)
// accepts them beside the API's ids.
const iriBase = "https://newsgraph.dev/"

func (b *builder) nodeInterface() *graphql.Interface {
	return graphql.NewInterface(graphql.InterfaceConfig{
		Name: "Node",
		Description: "Anything with an id that node(id:) finds: an entity, a relation (statement) or an article. " +
			"The ids are those of the exports too: an RDF export names each by an IRI that ends with it.",
		Fields: graphql.Fields{
			"id": &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Description: "The id, unique across entities, relations and articles."},
		},
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			if e, ok := held[schema.Entity](p.Value); ok {
				return b.objects[e.Type]
			}
			if _, ok := held[schema.Statement](p.Value); ok {
				return b.relation
			}
			if _, ok := p.Value.(schema.Article); ok {
				return b.article
			}
			return nil
		},
	})
}

// resolveNode looks id up as an entity, then a statement, then an article.
// Entity ids start with their type ("country/KR") and statement ids are
// "st-" and 20 hex digits; an IRI from an export says which it is.
func (s *Server) resolveNode(p graphql.ResolveParams) (interface{}, error) {
	id, _ := p.Args["id"].(string)
	kind := ""
	if rest, ok := strings.CutPrefix(id, iriBase); ok {
		kind, id, _ = strings.Cut(rest, "/")
		if un, err := url.PathUnescape(id); err == nil {
			id = un
		}
	}
	if kind == "" || kind == "entity" {
		if _, ok := schema.TypeOfID(id); ok {
			e, err := s.store.Entity(p.Context, id)
			if err == nil {
				loaderFrom(p.Context, s.store).primeOne(&e)
				return &e, nil
			}
			if !s.notFound(err) {
				return nil, fmt.Errorf("api: node %q: %w", id, err)
			}
		}
	}
	if (kind == "" || kind == "statement") && schema.IsStatementID(id) {
		sts, err := s.store.Statements(p.Context, []string{id})
		if err != nil {
			return nil, fmt.Errorf("api: node %q: %w", id, err)
		}
		if st, ok := sts[id]; ok {
			return &st, nil
		}
	}
	if kind == "" || kind == "article" {
		a, err := s.store.Article(p.Context, id)
		if err == nil {
			return a, nil
		}
		if !s.notFound(err) {
			return nil, fmt.Errorf("api: node %q: %w", id, err)
		}
	}
	return nil, nil
}

// searchConnection is search's result: the hits of one page and the
// number of matches in all.
func (b *builder) searchConnection() *graphql.Object {
	hit := b.searchHit()
	edge := graphql.NewObject(graphql.ObjectConfig{Name: "SearchHitEdge", Description: "A search hit and its cursor.",
		Fields: graphql.Fields{
			"cursor": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: edgeCursor,
				Description: "Pass as after to continue after this hit."},
			"node": &graphql.Field{Type: graphql.NewNonNull(hit), Resolve: edgeNode, Description: "The hit."},
		}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "SearchConnection",
		Description: "One page of search hits, best first.",
		Fields: graphql.Fields{
			"totalCount": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: connProp(func(c conn) interface{} { return c.total }),
				Description: "How many entities match in all."},
			"pageInfo": &graphql.Field{Type: graphql.NewNonNull(b.pageInfo), Resolve: connProp(func(c conn) interface{} { return c.pageInfo() }),
				Description: "Where this page ends."},
			"edges": &graphql.Field{Type: nonNullList(edge), Resolve: connProp(func(c conn) interface{} { return c.edges() }),
				Description: "The hits with their cursors."},
			"nodes": &graphql.Field{Type: nonNullList(hit), Resolve: connProp(func(c conn) interface{} { return c.nodes }),
				Description: "The hits."},
		}})
}

// resolveSearch pages through the ranking by offset: a search cursor is
// the rank after which the next page starts.
func (s *Server) resolveSearch(p graphql.ResolveParams) (interface{}, error) {
	q := schema.SearchQuery{Types: entityTypes(p.Args["types"])}
	q.Text, _ = p.Args["query"].(string)
	if strings.TrimSpace(q.Text) == "" {
		return nil, fmt.Errorf("api: search: query must not be empty")
	}
	var err error
	if q.Limit, err = s.firstArg(p.Args, "first"); err != nil {
		return nil, err
	}
	if after, ok := p.Args["after"].(string); ok && after != "" {
		_, skip, err := decodeCursor(after, maxSearchRank)
		if err != nil {
			return nil, err
		}
		q.Offset = skip
	}
	page := schema.SearchPage{}
	if q.Limit > 0 {
		if page, err = s.store.Search(p.Context, q); err != nil {
			return nil, fmt.Errorf("api: search %q: %w", q.Text, err)
		}
	}
	l := loaderFrom(p.Context, s.store)
	c := conn{nodes: make([]interface{}, len(page.Hits)), cursors: make([]string, len(page.Hits)), total: page.Total}
	for i := range page.Hits {
		l.primeOne(&page.Hits[i].Entity)
		c.nodes[i] = page.Hits[i]
		c.cursors[i] = encodeCursor("", q.Offset+i+1)
	}
	c.next = q.Offset+len(page.Hits) < page.Total
	if n := len(page.Hits); n > 0 {
		c.end = c.cursors[n-1]
	}
	return c, nil
}

// maxSearchRank bounds how deep search pages go (the store's bound).
const maxSearchRank = 1000

// Article text: the whole, a window, the mentions.

// maxWindowContext bounds a window's context on either side.
const maxWindowContext = 10000

func (b *builder) textWindow() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "TextWindow",
		Description: "A stretch of an article's text, with where it lies in the article.",
		Fields: graphql.Fields{
			"text": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "The stretch of text.",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) { return text(p.Source.(window).text), nil }},
			"charStart": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Its first character's offset in the article, in code points.",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(window).charStart, nil }},
			"charEnd": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Where it ends in the article, in code points (exclusive).",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(window).charEnd, nil }},
			"start": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Its first byte's offset in the article's UTF-8 text.",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(window).start, nil }},
			"end": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Where it ends in the UTF-8 text, in bytes (exclusive).",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(window).end, nil }},
		}})
}

type window struct {
	text                           string
	start, end, charStart, charEnd int
}

func (b *builder) mentionType() *graphql.Object {
	get := func(f func(m mention) interface{}) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (interface{}, error) { return f(p.Source.(mention)), nil }
	}
	return graphql.NewObject(graphql.ObjectConfig{Name: "Mention",
		Description: "A place in an article's text that names an entity.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"entity": &graphql.Field{Type: graphql.NewNonNull(b.entity), Description: "The entity named.",
					Resolve: get(func(m mention) interface{} { return m.entity })},
				"text": &graphql.Field{Type: graphql.String, Description: "The words that name it; null when the article's text is not stored.",
					Resolve: get(func(m mention) interface{} { return nilIfEmpty(m.text) })},
				"start": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Byte offset in the UTF-8 text where it starts.",
					Resolve: get(func(m mention) interface{} { return m.start })},
				"end": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Byte offset where it ends (exclusive).",
					Resolve: get(func(m mention) interface{} { return m.end })},
				"charStart": &graphql.Field{Type: graphql.Int, Description: "Code point offset where it starts; null when the article's text is not stored.",
					Resolve: get(func(m mention) interface{} { return offsetOrNull(m.charStart) })},
				"charEnd": &graphql.Field{Type: graphql.Int, Description: "Code point offset where it ends (exclusive); null when the article's text is not stored.",
					Resolve: get(func(m mention) interface{} { return offsetOrNull(m.charEnd) })},
			}
		})})
}

type mention struct {
	entity                         *schema.Entity
	text                           string
	start, end, charStart, charEnd int
}

func offsetOrNull(n int) interface{} {
	if n < 0 {
		return nil
	}
	return n
}

// articleTextFields are Article's fields that read its text.
func (b *builder) articleTextFields(fs graphql.Fields) {
	r := b.s
	fs["text"] = &graphql.Field{Type: graphql.String, Resolve: r.resolveArticleText,
		Description: "The article's text, which every offset refers to; null for an article stored without it (by an earlier version)."}
	fs["window"] = &graphql.Field{Type: b.textWindow(), Resolve: r.resolveWindow,
		Description: "The text around a span given in code points (an evidence's charStart and charEnd), " +
			"with context characters on either side; null when the text is not stored.",
		Args: graphql.FieldConfigArgument{
			"charStart": {Type: graphql.NewNonNull(graphql.Int), Description: "Code point offset where the span starts."},
			"charEnd":   {Type: graphql.NewNonNull(graphql.Int), Description: "Code point offset where it ends (exclusive)."},
			"context": {Type: graphql.Int, DefaultValue: 200,
				Description: fmt.Sprintf("Characters of context on either side, at most %d.", maxWindowContext)},
		}}
	fs["mentions"] = &graphql.Field{Type: nonNullList(b.mentionType()), Resolve: r.resolveMentions,
		Description: "Every place the text names an entity, in text order."}
}

func (s *Server) articleText(p graphql.ResolveParams) (string, bool, error) {
	a, _ := p.Source.(schema.Article)
	t, ok, err := s.store.ArticleText(p.Context, a.ID)
	if err != nil {
		return "", false, fmt.Errorf("api: text of article %q: %w", a.ID, err)
	}
	return t, ok, nil
}

func (s *Server) resolveArticleText(p graphql.ResolveParams) (interface{}, error) {
	t, ok, err := s.articleText(p)
	if err != nil || !ok {
		return nil, err
	}
	return &t, nil
}

func (s *Server) resolveWindow(p graphql.ResolveParams) (interface{}, error) {
	cs, _ := p.Args["charStart"].(int)
	ce, _ := p.Args["charEnd"].(int)
	ctx, _ := p.Args["context"].(int)
	if cs < 0 || ce < cs || ctx < 0 || ctx > maxWindowContext {
		return nil, fmt.Errorf("api: window: want 0 <= charStart <= charEnd and context 0 to %d, got %d, %d, %d", maxWindowContext, cs, ce, ctx)
	}
	t, ok, err := s.articleText(p)
	if err != nil || !ok {
		return nil, err
	}
	runes := []rune(t)
	if ce > len(runes) {
		return nil, fmt.Errorf("api: window: charEnd %d is past the text's %d characters", ce, len(runes))
	}
	w := window{charStart: max(cs-ctx, 0), charEnd: min(ce+ctx, len(runes))}
	w.start = schema.ByteOffset(t, w.charStart)
	w.end = schema.ByteOffset(t, w.charEnd)
	w.text = t[w.start:w.end]
	return w, nil
}

func (s *Server) resolveMentions(p graphql.ResolveParams) (interface{}, error) {
	a, _ := p.Source.(schema.Article)
	es, err := s.store.ArticleEntities(p.Context, a.ID, "")
	if err != nil {
		return nil, fmt.Errorf("api: mentions of article %q: %w", a.ID, err)
	}
	t, ok, err := s.articleText(p)
	if err != nil {
		return nil, err
	}
	loaderFrom(p.Context, s.store).prime(es)
	var ms []mention
	for i := range es {
		for _, sp := range es[i].Mentions {
			m := mention{entity: &es[i], start: sp.Start, end: sp.End, charStart: schema.NoOffset, charEnd: schema.NoOffset}
			if ok && sp.Start >= 0 && sp.End <= len(t) && sp.Start <= sp.End {
				m.text = t[sp.Start:sp.End]
				m.charStart, m.charEnd = schema.CharOffset(t, sp.Start), schema.CharOffset(t, sp.End)
			}
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end < ms[j].end
	})
	out := make([]interface{}, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out, nil
}
