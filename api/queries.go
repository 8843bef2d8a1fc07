package api

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// The root types: queries, mutations and the result types only they use.

func (b *builder) queryType() *graphql.Object {
	r := b.s
	id := graphql.NewNonNull(graphql.ID)
	types := graphql.NewList(graphql.NewNonNull(b.typeEnum))
	preds := graphql.NewList(graphql.NewNonNull(b.predEnum))
	return graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
		"entity": &graphql.Field{Type: b.entity, Description: "The entity with that id, or null.",
			Args: graphql.FieldConfigArgument{"id": {Type: id}}, Resolve: r.resolveEntity},
		"entities": &graphql.Field{Type: graphql.NewNonNull(b.connection("Entity", b.entity)), Resolve: r.resolveEntities,
			Args: withArgs(pageArgs(20), graphql.FieldConfigArgument{
				"type": {Type: b.typeEnum}, "where": {Type: b.entityWhere()}})},
		"search": &graphql.Field{Type: nonNullList(b.searchHit()), Resolve: r.resolveSearch,
			Description: "Entities whose name or an alias matches, best first.",
			Args: graphql.FieldConfigArgument{"query": {Type: graphql.NewNonNull(graphql.String)},
				"types": {Type: types}, "first": {Type: graphql.Int, DefaultValue: 10}}},
		"relations": &graphql.Field{Type: graphql.NewNonNull(b.connection("Relation", b.relation)), Resolve: r.resolveRelations,
			Args: withArgs(pageArgs(20), graphql.FieldConfigArgument{"where": {Type: b.relationWhere()}})},
		"neighborhood": &graphql.Field{Type: graphql.NewNonNull(b.subgraph), Resolve: r.resolveNeighborhood,
			Description: fmt.Sprintf("The subgraph within depth (at most %d) hops of id, with at most limit (%d) nodes.", maxDepthHops, maxNodes),
			Args: graphql.FieldConfigArgument{"id": {Type: id}, "depth": {Type: graphql.Int, DefaultValue: 1},
				"predicates": {Type: preds}, "types": {Type: types}, "limit": {Type: graphql.Int, DefaultValue: 100}}},
		"path": &graphql.Field{Type: graphql.NewNonNull(b.subgraph), Resolve: r.resolvePath,
			Description: "A shortest path between two entities; empty when none within maxDepth.",
			Args: graphql.FieldConfigArgument{"from": {Type: id}, "to": {Type: id},
				"maxDepth": {Type: graphql.Int, DefaultValue: 4}}},
		"article": &graphql.Field{Type: b.article, Args: graphql.FieldConfigArgument{"id": {Type: id}}, Resolve: r.resolveArticle},
		"articles": &graphql.Field{Type: graphql.NewNonNull(b.connection("Article", b.article)), Resolve: r.resolveArticles,
			Args: withArgs(pageArgs(20), graphql.FieldConfigArgument{"where": {Type: b.articleWhere()}})},
		"stats": &graphql.Field{Type: graphql.NewNonNull(b.statsType()), Resolve: r.resolveStats,
			Args: graphql.FieldConfigArgument{"top": {Type: graphql.Int, DefaultValue: 10}}},
		"timeline": &graphql.Field{Type: nonNullList(b.timelineEntry()), Resolve: r.resolveTimeline,
			Description: "The entity's dated relations, oldest first.",
			Args:        graphql.FieldConfigArgument{"entity": {Type: id}}},
	}})
}

func (b *builder) entityWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "EntityWhere", Fields: graphql.InputObjectConfigFieldMap{
		"nameContains": {Type: graphql.String},
		"mentionedIn":  {Type: graphql.ID, Description: "An article id."},
		"since":        {Type: graphql.String, Description: "YYYY-MM-DD, inclusive: mentioned in an article published then or later."},
		"until":        {Type: graphql.String, Description: "YYYY-MM-DD, inclusive."},
	}})
}

func (b *builder) relationWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "RelationWhere", Fields: graphql.InputObjectConfigFieldMap{
		"predicate":     {Type: b.predEnum},
		"subject":       {Type: graphql.ID},
		"object":        {Type: graphql.ID},
		"article":       {Type: graphql.ID},
		"since":         {Type: graphql.String},
		"until":         {Type: graphql.String},
		"minConfidence": {Type: graphql.Float},
	}})
}

func (b *builder) articleWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "ArticleWhere", Fields: graphql.InputObjectConfigFieldMap{
		"since":    {Type: graphql.String},
		"until":    {Type: graphql.String},
		"mentions": {Type: graphql.ID, Description: "An entity id the article mentions."},
	}})
}

func (b *builder) searchHit() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "SearchHit", Fields: graphql.Fields{
		"entity":  &graphql.Field{Type: graphql.NewNonNull(b.entity), Resolve: hitProp(func(h schema.SearchHit) interface{} { return h.Entity })},
		"score":   &graphql.Field{Type: graphql.NewNonNull(graphql.Float), Resolve: hitProp(func(h schema.SearchHit) interface{} { return h.Score })},
		"matched": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "The name or alias that matched.", Resolve: hitProp(func(h schema.SearchHit) interface{} { return text(h.Matched) })},
	}})
}

func (b *builder) statsType() *graphql.Object {
	count := func(name string, key graphql.Output) *graphql.Object {
		return graphql.NewObject(graphql.ObjectConfig{Name: name, Fields: graphql.Fields{
			"key":   &graphql.Field{Type: graphql.NewNonNull(key)},
			"count": &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
		}})
	}
	top := graphql.NewObject(graphql.ObjectConfig{Name: "EntityDegree", Fields: graphql.Fields{
		"entity": &graphql.Field{Type: graphql.NewNonNull(b.entity)},
		"degree": &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "Stats", Fields: graphql.Fields{
		"articles":    &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
		"entities":    &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
		"relations":   &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
		"byType":      &graphql.Field{Type: nonNullList(count("TypeCount", b.typeEnum))},
		"byPredicate": &graphql.Field{Type: nonNullList(count("PredicateCount", b.predEnum))},
		"topEntities": &graphql.Field{Type: nonNullList(top)},
	}})
}

func (b *builder) timelineEntry() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "TimelineEntry", Fields: graphql.Fields{
		"date": &graphql.Field{Type: graphql.NewNonNull(graphql.String),
			Description: "The relation's own date (signedOn) or else the earliest article date asserting it."},
		"relation": &graphql.Field{Type: graphql.NewNonNull(b.relation)},
	}})
}

func (b *builder) mutationType() *graphql.Object {
	r := b.s
	input := graphql.NewInputObject(graphql.InputObjectConfig{Name: "IngestArticleInput", Fields: graphql.InputObjectConfigFieldMap{
		"text":      {Type: graphql.NewNonNull(graphql.String)},
		"title":     {Type: graphql.String},
		"published": {Type: graphql.String, Description: "YYYY-MM-DD"},
		"source":    {Type: graphql.String},
		"id":        {Type: graphql.ID, Description: "Defaults to a hash of the text."},
		"url":       {Type: graphql.String},
		"author":    {Type: graphql.String},
		"publisher": {Type: graphql.String},
	}})
	payload := graphql.NewObject(graphql.ObjectConfig{Name: "IngestArticlePayload", Fields: graphql.Fields{
		"article":   &graphql.Field{Type: graphql.NewNonNull(b.article)},
		"status":    &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "new, unchanged or replaced"},
		"quads":     &graphql.Field{Type: graphql.NewNonNull(graphql.Int)},
		"entities":  &graphql.Field{Type: nonNullList(b.entity)},
		"relations": &graphql.Field{Type: nonNullList(b.relation)},
	}})
	deleted := graphql.NewObject(graphql.ObjectConfig{Name: "DeleteArticlePayload", Fields: graphql.Fields{
		"id":      &graphql.Field{Type: graphql.NewNonNull(graphql.ID)},
		"deleted": &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean)},
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Fields: graphql.Fields{
		"ingestArticle": &graphql.Field{Type: graphql.NewNonNull(payload), Resolve: r.resolveIngest,
			Description: "Extract and store one article. Needs the bearer token.",
			Args:        graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(input)}}},
		"deleteArticle": &graphql.Field{Type: graphql.NewNonNull(deleted), Resolve: r.resolveDelete,
			Description: "Remove an article and what only it asserted. Needs the bearer token.",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}}},
	}})
}
