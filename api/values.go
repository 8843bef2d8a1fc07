package api

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// Paging, argument decoding and the small accessors the schema's fields use.

// pageReq is a decoded page request. The store hands out one opaque cursor
// per page; an edge's cursor is that of its page plus how many items of the
// page to skip, so that every edge can be resumed from.
type pageReq struct {
	first int
	skip  int
	page  schema.Page // what the store is asked: First is first+skip
}

func (s *Server) parsePage(args map[string]interface{}) (pageReq, error) {
	first, err := s.firstArg(args, "first")
	if err != nil {
		return pageReq{}, err
	}
	pr := pageReq{first: first}
	if after, ok := args["after"].(string); ok && after != "" {
		if pr.page.After, pr.skip, err = decodeCursor(after, s.limits.MaxFirst); err != nil {
			return pageReq{}, err
		}
	}
	pr.page.First = first + pr.skip
	return pr, nil
}

func (s *Server) firstArg(args map[string]interface{}, name string) (int, error) {
	n, ok := args[name].(int)
	if !ok {
		return 0, fmt.Errorf("api: %s must be an integer", name)
	}
	if n < 0 || n > s.limits.MaxFirst {
		return 0, fmt.Errorf("api: %s must be between 0 and %d, got %d", name, s.limits.MaxFirst, n)
	}
	return n, nil
}

func encodeCursor(storeCursor string, skip int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(skip) + ":" + storeCursor))
}

func decodeCursor(c string, maxSkip int) (string, int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		skipText, storeCursor, ok := strings.Cut(string(raw), ":")
		skip, err2 := strconv.Atoi(skipText)
		if ok && err2 == nil && skip >= 0 && skip <= maxSkip {
			return storeCursor, skip, nil
		}
	}
	return "", 0, fmt.Errorf("api: invalid cursor %q: pass an endCursor or edge cursor unchanged", c)
}

// conn is the source of a Relay connection.
type conn struct {
	nodes   []interface{}
	cursors []string
	total   int
	next    bool
	end     string
}

func (pr pageReq) conn(items []interface{}, info schema.PageInfo) conn {
	if pr.skip < len(items) {
		items = items[pr.skip:]
	} else {
		items = nil
	}
	hasMore, truncated := info.HasNextPage, false
	if len(items) > pr.first { // a store that gave more than asked
		items, hasMore, truncated = items[:pr.first], true, true
	}
	c := conn{nodes: items, total: info.TotalCount, next: hasMore, cursors: make([]string, len(items))}
	if c.nodes == nil {
		c.nodes = []interface{}{}
	}
	for i := range items {
		c.cursors[i] = encodeCursor(pr.page.After, pr.skip+i+1)
	}
	// The store was asked for first+skip items, so our last item is the
	// last of its page and its EndCursor resumes right after it.
	switch {
	case len(items) == 0:
	case info.EndCursor != "" && !truncated:
		c.end = encodeCursor(info.EndCursor, 0)
	default:
		c.end = c.cursors[len(items)-1]
	}
	return c
}

func (c conn) pageInfo() map[string]interface{} {
	pi := map[string]interface{}{"hasNextPage": c.next, "endCursor": nil}
	if c.end != "" {
		pi["endCursor"] = c.end
	}
	return pi
}

type edge struct {
	cursor string
	node   interface{}
}

func (c conn) edges() []interface{} {
	out := make([]interface{}, len(c.nodes))
	for i, n := range c.nodes {
		out[i] = edge{c.cursors[i], n}
	}
	return out
}

func edgeCursor(p graphql.ResolveParams) (interface{}, error) {
	return text(p.Source.(edge).cursor), nil
}

func edgeNode(p graphql.ResolveParams) (interface{}, error) { return p.Source.(edge).node, nil }

func connProp(get func(conn) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) { return get(p.Source.(conn)), nil }
}

// Entities and statements travel between resolvers as pointers: an
// interface holding a pointer costs no allocation, one holding the struct
// costs a copy on the heap for every list item and every edge end.

// held returns the T that v (a resolver's source, or a value to type)
// holds, by pointer, which the fields it gives may point into, or by value,
// copied; and whether it holds one. Holding none, it gives a zero T.
func held[T any](v interface{}) (*T, bool) {
	switch x := v.(type) {
	case *T:
		if x != nil {
			return x, true
		}
	case T:
		return &x, true
	}
	return new(T), false
}

// entityOf and stmtOf are the entity and the statement a resolver's source
// holds.
func entityOf(p graphql.ResolveParams) *schema.Entity {
	e, _ := held[schema.Entity](p.Source)
	return e
}

func stmtOf(p graphql.ResolveParams) *schema.Statement {
	s, _ := held[schema.Statement](p.Source)
	return s
}

// entityProp resolves a field from the source entity; a string field can
// return a pointer into it, which costs no allocation.
func entityProp(get func(*schema.Entity) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		return get(entityOf(p)), nil
	}
}

func stmtProp(get func(*schema.Statement) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		return get(stmtOf(p)), nil
	}
}

func evidenceProp(get func(schema.Evidence) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		e, _ := p.Source.(schema.Evidence)
		return get(e), nil
	}
}

func articleProp(get func(schema.Article) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		a, _ := p.Source.(schema.Article)
		return get(a), nil
	}
}

func hitProp(get func(schema.SearchHit) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		h, _ := p.Source.(schema.SearchHit)
		return get(h), nil
	}
}

func subgraphProp(get func(schema.Subgraph) interface{}) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		g, _ := p.Source.(schema.Subgraph)
		return get(g), nil
	}
}

func entityList(es []schema.Entity) []interface{} {
	out := make([]interface{}, len(es))
	for i := range es {
		out[i] = &es[i]
	}
	return out
}

func stmtList(sts []schema.Statement) []interface{} {
	out := make([]interface{}, len(sts))
	for i := range sts {
		out[i] = &sts[i]
	}
	return out
}

func evidenceList(evs []schema.Evidence) []interface{} {
	out := make([]interface{}, len(evs))
	for i, ev := range evs {
		out[i] = ev
	}
	return out
}

func isDatePredicate(p schema.Predicate) bool {
	spec, ok := schema.Spec(p)
	return ok && spec.ObjectIsDate
}

func dateValue(st *schema.Statement) interface{} {
	if isDatePredicate(st.Predicate) {
		return st.Object
	}
	return nil
}

func isoCode(id string) interface{} {
	if code, ok := strings.CutPrefix(id, schema.Country.Prefix()+"/"); ok {
		return code
	}
	return nil
}

func nilIfEmpty(s string) interface{} {
	if s == "" {
		return nil
	}
	return text(s)
}

// text hands a string to graphql-go's String and ID scalars, whose
// Serialize copies a *string's value but formats a string with
// fmt.Sprintf("%v"): for the ids and names that are most of a response's
// leaves, that formatting cost more than the pointer. Only for fields of
// those two types; an enum's Serialize wants the value itself.
func text(s string) *string { return &s }

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func entityTypes(v interface{}) []schema.EntityType {
	list, _ := v.([]interface{})
	var out []schema.EntityType
	for _, x := range list {
		if t, ok := x.(schema.EntityType); ok {
			out = append(out, t)
		}
	}
	return out
}

func predicates(v interface{}) []schema.Predicate {
	list, _ := v.([]interface{})
	var out []schema.Predicate
	for _, x := range list {
		if p, ok := x.(schema.Predicate); ok {
			out = append(out, p)
		}
	}
	return out
}

// dateRange reads since and until from a where argument and checks them.
func dateRange(w map[string]interface{}) (since, until string, err error) {
	since, _ = w["since"].(string)
	until, _ = w["until"].(string)
	for _, d := range []string{since, until} {
		if d != "" && !schema.IsDate(d) {
			return "", "", fmt.Errorf("api: %q is not a YYYY-MM-DD date", d)
		}
	}
	return since, until, nil
}
