package api

import (
	"context"
	"fmt"
	"sort"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// Resolvers take schema types as sources (schema.Entity, schema.Statement,
// schema.Article...) and reach the store through the request's loader when
// a value may be asked for by many siblings.

func (s *Server) resolveEntity(p graphql.ResolveParams) (interface{}, error) {
	id, _ := p.Args["id"].(string)
	e, err := s.store.Entity(p.Context, id)
	if s.notFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("api: entity %q: %w", id, err)
	}
	loaderFrom(p.Context, s.store).primeOne(&e)
	return &e, nil
}

func (s *Server) resolveEntities(p graphql.ResolveParams) (interface{}, error) {
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	f := schema.EntityFilter{}
	if t, ok := p.Args["type"].(schema.EntityType); ok {
		f.Type = t
	}
	if w, ok := p.Args["where"].(map[string]interface{}); ok {
		f.NameContains, _ = w["nameContains"].(string)
		f.MentionedIn, _ = w["mentionedIn"].(string)
		if f.Since, f.Until, err = dateRange(w); err != nil {
			return nil, err
		}
	}
	page, err := s.store.Entities(p.Context, f, pr.page)
	if err != nil {
		return nil, fmt.Errorf("api: entities: %w", err)
	}
	loaderFrom(p.Context, s.store).prime(page.Entities)
	return pr.conn(entityList(page.Entities), page.PageInfo), nil
}

func (s *Server) resolveRelations(p graphql.ResolveParams) (interface{}, error) {
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	f := schema.RelationFilter{}
	if w, ok := p.Args["where"].(map[string]interface{}); ok {
		if pred, ok := w["predicate"].(schema.Predicate); ok {
			f.Predicates = []schema.Predicate{pred}
		}
		f.Subject, _ = w["subject"].(string)
		f.Object, _ = w["object"].(string)
		f.Article, _ = w["article"].(string)
		f.MinConfidence, _ = w["minConfidence"].(float64)
		if f.Since, f.Until, err = dateRange(w); err != nil {
			return nil, err
		}
	}
	return s.relationConn(p.Context, f, pr)
}

func (s *Server) relationConn(ctx context.Context, f schema.RelationFilter, pr pageReq) (interface{}, error) {
	page, err := s.store.Relations(ctx, f, pr.page)
	if err != nil {
		return nil, fmt.Errorf("api: relations: %w", err)
	}
	return pr.conn(stmtList(page.Relations), page.PageInfo), nil
}

func (s *Server) resolveEntityRelations(p graphql.ResolveParams) (interface{}, error) {
	e := entityOf(p)
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	f := schema.RelationFilter{Entity: e.ID, Direction: schema.Both, Predicates: predicates(p.Args["predicates"])}
	if d, ok := p.Args["direction"].(schema.Direction); ok {
		f.Direction = d
	}
	f.MinConfidence, _ = p.Args["minConfidence"].(float64)
	return s.relationConn(p.Context, f, pr)
}

func (s *Server) resolveEntityArticles(p graphql.ResolveParams) (interface{}, error) {
	e := entityOf(p)
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	return s.articleConn(p.Context, schema.ArticleFilter{Mentions: e.ID}, pr)
}

func (s *Server) articleConn(ctx context.Context, f schema.ArticleFilter, pr pageReq) (interface{}, error) {
	page, err := s.store.Articles(ctx, f, pr.page)
	if err != nil {
		return nil, fmt.Errorf("api: articles: %w", err)
	}
	items := make([]interface{}, len(page.Articles))
	for i, a := range page.Articles {
		items[i] = a
	}
	return pr.conn(items, page.PageInfo), nil
}

func (s *Server) resolveDegree(p graphql.ResolveParams) (interface{}, error) {
	e := entityOf(p)
	return loaderFrom(p.Context, s.store).degree(p.Context, e.ID), nil
}

func (s *Server) resolveSubject(p graphql.ResolveParams) (interface{}, error) {
	st := stmtOf(p)
	return loaderFrom(p.Context, s.store).entityNow(p.Context, st.Subject), nil
}

func (s *Server) resolveObject(p graphql.ResolveParams) (interface{}, error) {
	st := stmtOf(p)
	if isDatePredicate(st.Predicate) {
		return nil, nil
	}
	return loaderFrom(p.Context, s.store).entityNow(p.Context, st.Object), nil
}

// resolveTyped follows one predicate from the source entity: the relations
// come through the loader (one round trip for all siblings), the entities
// at their other ends too.
func (s *Server) resolveTyped(tf typedField) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		e := entityOf(p)
		l := loaderFrom(p.Context, s.store)
		load := l.relations(p.Context, relKey{id: e.ID, dir: tf.dir, pred: tf.pred})
		return func() (interface{}, error) {
			sts, err := load()
			if err != nil {
				return nil, err
			}
			ids := otherEnds(e.ID, tf, sts)
			if tf.single {
				if len(ids) == 0 {
					return nil, nil
				}
				return l.loadEntity(p.Context, ids[0])
			}
			out := make([]interface{}, len(ids))
			for i, id := range ids {
				out[i] = l.entity(p.Context, id)
			}
			return out, nil
		}, nil
	}
}

// otherEnds lists, once each and in order, the ids at the far end of sts
// from id whose type is tf.target (any type when unset).
func otherEnds(id string, tf typedField, sts []schema.Statement) []string {
	seen := map[string]bool{}
	var ids []string
	for _, st := range sts {
		other := st.Object
		if tf.dir == schema.In || (tf.dir == schema.Both && st.Object == id) {
			other = st.Subject
		}
		t, ok := schema.TypeOfID(other)
		if !ok || seen[other] || (tf.target != "" && t != tf.target) {
			continue
		}
		seen[other] = true
		ids = append(ids, other)
	}
	return ids
}

func (s *Server) resolveSignedOn(p graphql.ResolveParams) (interface{}, error) {
	e := entityOf(p)
	load := loaderFrom(p.Context, s.store).relations(p.Context, relKey{id: e.ID, dir: schema.Out, pred: schema.SignedOn})
	return func() (interface{}, error) {
		sts, err := load()
		if err != nil || len(sts) == 0 {
			return nil, err
		}
		dates := make([]string, 0, len(sts))
		for _, st := range sts {
			dates = append(dates, st.Object)
		}
		sort.Strings(dates)
		return dates[0], nil
	}, nil
}

func (s *Server) resolveArticle(p graphql.ResolveParams) (interface{}, error) {
	id, _ := p.Args["id"].(string)
	a, err := s.store.Article(p.Context, id)
	if s.notFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("api: article %q: %w", id, err)
	}
	return a, nil
}

func (s *Server) resolveArticles(p graphql.ResolveParams) (interface{}, error) {
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	f := schema.ArticleFilter{}
	if w, ok := p.Args["where"].(map[string]interface{}); ok {
		f.Mentions, _ = w["mentions"].(string)
		if f.Since, f.Until, err = dateRange(w); err != nil {
			return nil, err
		}
	}
	return s.articleConn(p.Context, f, pr)
}

func (s *Server) resolveArticleEntities(p graphql.ResolveParams) (interface{}, error) {
	a, _ := p.Source.(schema.Article)
	t, _ := p.Args["type"].(schema.EntityType)
	es, err := s.store.ArticleEntities(p.Context, a.ID, t)
	if err != nil {
		return nil, fmt.Errorf("api: entities of article %q: %w", a.ID, err)
	}
	loaderFrom(p.Context, s.store).prime(es)
	return entityList(es), nil
}

func (s *Server) resolveArticleRelations(p graphql.ResolveParams) (interface{}, error) {
	a, _ := p.Source.(schema.Article)
	pr, err := s.parsePage(p.Args)
	if err != nil {
		return nil, err
	}
	return s.relationConn(p.Context, schema.RelationFilter{Article: a.ID}, pr)
}
