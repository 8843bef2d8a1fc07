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
	lim := r.limits
	return graphql.NewObject(graphql.ObjectConfig{Name: "Query", Description: "The reads of the knowledge graph.", Fields: graphql.Fields{
		"node": &graphql.Field{Type: b.node, Resolve: r.resolveNode,
			Description: "The entity, relation or article with that id (or the IRI an RDF export gives it), or null.",
			Args:        graphql.FieldConfigArgument{"id": {Type: id, Description: "An id, or an https://newsgraph.dev/ IRI."}}},
		"entity": &graphql.Field{Type: b.entity, Description: "The entity with that id, or null.",
			Args: graphql.FieldConfigArgument{"id": {Type: id, Description: "An entity id such as country/KR."}}, Resolve: r.resolveEntity},
		"entities": &graphql.Field{Type: graphql.NewNonNull(b.connection("Entity", b.entity)), Resolve: r.resolveEntities,
			Description: "Entities in id order.",
			Args: withArgs(b.pageArgs(20), graphql.FieldConfigArgument{
				"type": {Type: b.typeEnum, Description: "Only entities of this type."}, "where": {Type: b.entityWhere(), Description: "More filters."}})},
		"search": &graphql.Field{Type: graphql.NewNonNull(b.searchConnection()), Resolve: r.resolveSearch,
			Description: "Entities whose name or an alias matches, best first: whole name, then prefix, word and substring " +
				"matches, then, when those are fewer than ten, names within a small edit distance. " +
				"Case, accents and punctuation do not count.",
			Args: withArgs(b.pageArgs(10), graphql.FieldConfigArgument{"query": {Type: graphql.NewNonNull(graphql.String), Description: "The words to look for."},
				"types": {Type: types, Description: "Only entities of these types."}})},
		"relations": &graphql.Field{Type: graphql.NewNonNull(b.connection("Relation", b.relation)), Resolve: r.resolveRelations,
			Description: "Relations by subject, predicate and object.",
			Args:        withArgs(b.pageArgs(20), graphql.FieldConfigArgument{"where": {Type: b.relationWhere(), Description: "Filters."}})},
		"neighborhood": &graphql.Field{Type: graphql.NewNonNull(b.subgraph), Resolve: r.resolveNeighborhood,
			Description: fmt.Sprintf("The subgraph within depth (at most %d) hops of id, with at most limit (%d) nodes.", lim.MaxHops, lim.MaxNodes),
			Args: graphql.FieldConfigArgument{"id": {Type: id, Description: "The entity at the centre."},
				"depth":      {Type: graphql.Int, DefaultValue: 1, Description: fmt.Sprintf("Hops from the centre, 1 to %d.", lim.MaxHops)},
				"predicates": {Type: preds, Description: "Follow only these predicates."},
				"types":      {Type: types, Description: "Keep only entities of these types (the centre always)."},
				"limit":      {Type: graphql.Int, DefaultValue: 100, Description: fmt.Sprintf("At most this many entities, nearest first, 1 to %d.", lim.MaxNodes)}}},
		"path": &graphql.Field{Type: graphql.NewNonNull(b.subgraph), Resolve: r.resolvePath,
			Description: "A shortest path between two entities; empty when none within maxDepth.",
			Args: graphql.FieldConfigArgument{"from": {Type: id, Description: "The entity it starts at."}, "to": {Type: id, Description: "The entity it ends at."},
				"maxDepth": {Type: graphql.Int, DefaultValue: 4, Description: fmt.Sprintf("The longest path to look for, in hops, 1 to %d.", lim.MaxPathDepth)}}},
		"article": &graphql.Field{Type: b.article, Description: "The article with that id, or null.",
			Args: graphql.FieldConfigArgument{"id": {Type: id, Description: "An article id."}}, Resolve: r.resolveArticle},
		"articles": &graphql.Field{Type: graphql.NewNonNull(b.connection("Article", b.article)), Resolve: r.resolveArticles,
			Description: "Articles, newest first.",
			Args:        withArgs(b.pageArgs(20), graphql.FieldConfigArgument{"where": {Type: b.articleWhere(), Description: "Filters."}})},
		"stats": &graphql.Field{Type: graphql.NewNonNull(b.statsType()), Resolve: r.resolveStats,
			Description: "Counts of the whole graph.",
			Args: graphql.FieldConfigArgument{"top": {Type: graphql.Int, DefaultValue: 10,
				Description: fmt.Sprintf("How many of the best connected entities to list, at most %d.", lim.MaxFirst)}}},
		"timeline": &graphql.Field{Type: nonNullList(b.timelineEntry()), Resolve: r.resolveTimeline,
			Description: "The entity's dated relations, oldest first.",
			Args:        graphql.FieldConfigArgument{"entity": {Type: id, Description: "The entity's id."}}},
	}})
}

func (b *builder) entityWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "EntityWhere", Description: "Filters of an entity listing; all must hold.",
		Fields: graphql.InputObjectConfigFieldMap{
			"nameContains": {Type: graphql.String, Description: "Words the name or an alias contains (case and accents do not count)."},
			"mentionedIn":  {Type: graphql.ID, Description: "An article id."},
			"since":        {Type: graphql.String, Description: "YYYY-MM-DD, inclusive: mentioned in an article published then or later."},
			"until":        {Type: graphql.String, Description: "YYYY-MM-DD, inclusive."},
		}})
}

func (b *builder) relationWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "RelationWhere", Description: "Filters of a relation listing; all must hold.",
		Fields: graphql.InputObjectConfigFieldMap{
			"predicate":     {Type: b.predEnum, Description: "Only this predicate."},
			"subject":       {Type: graphql.ID, Description: "Only relations of this subject."},
			"object":        {Type: graphql.ID, Description: "Only relations with this object (an entity id, or a date)."},
			"article":       {Type: graphql.ID, Description: "Only relations this article asserts, with its evidence only."},
			"since":         {Type: graphql.String, Description: "YYYY-MM-DD, inclusive: asserted by an article published then or later."},
			"until":         {Type: graphql.String, Description: "YYYY-MM-DD, inclusive."},
			"minConfidence": {Type: graphql.Float, Description: "Only relations asserted with at least this confidence (0 to 1)."},
		}})
}

func (b *builder) articleWhere() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: "ArticleWhere", Description: "Filters of an article listing; all must hold.",
		Fields: graphql.InputObjectConfigFieldMap{
			"since":    {Type: graphql.String, Description: "YYYY-MM-DD, inclusive: published then or later."},
			"until":    {Type: graphql.String, Description: "YYYY-MM-DD, inclusive."},
			"mentions": {Type: graphql.ID, Description: "An entity id the article mentions."},
		}})
}

func (b *builder) searchHit() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "SearchHit", Description: "An entity that matches a search.", Fields: graphql.Fields{
		"entity": &graphql.Field{Type: graphql.NewNonNull(b.entity), Description: "The entity.",
			Resolve: hitProp(func(h schema.SearchHit) interface{} { return h.Entity })},
		"score": &graphql.Field{Type: graphql.NewNonNull(graphql.Float), Description: "How well it matches, 0 to 1: 1 for the whole name.",
			Resolve: hitProp(func(h schema.SearchHit) interface{} { return h.Score })},
		"matched": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "The name or alias that matched.", Resolve: hitProp(func(h schema.SearchHit) interface{} { return text(h.Matched) })},
	}})
}

func (b *builder) statsType() *graphql.Object {
	count := func(name, what string, key graphql.Output) *graphql.Object {
		return graphql.NewObject(graphql.ObjectConfig{Name: name, Description: "How many " + what + " there are of one kind.", Fields: graphql.Fields{
			"key":   &graphql.Field{Type: graphql.NewNonNull(key), Description: "The kind."},
			"count": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How many."},
		}})
	}
	top := graphql.NewObject(graphql.ObjectConfig{Name: "EntityDegree", Description: "An entity and how connected it is.", Fields: graphql.Fields{
		"entity": &graphql.Field{Type: graphql.NewNonNull(b.entity), Description: "The entity."},
		"degree": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How many relations it takes part in."},
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "Stats", Description: "Counts of the whole graph.", Fields: graphql.Fields{
		"articles":    &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Articles stored."},
		"entities":    &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Entities, each counted once however many articles mention it."},
		"relations":   &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "Relations (statements), each counted once however many articles assert it."},
		"byType":      &graphql.Field{Type: nonNullList(count("TypeCount", "entities", b.typeEnum)), Description: "Entities by type."},
		"byPredicate": &graphql.Field{Type: nonNullList(count("PredicateCount", "relations", b.predEnum)), Description: "Relations by predicate."},
		"topEntities": &graphql.Field{Type: nonNullList(top), Description: "The best connected entities, most connected first."},
	}})
}

func (b *builder) timelineEntry() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "TimelineEntry", Description: "A dated relation of an entity.", Fields: graphql.Fields{
		"date": &graphql.Field{Type: graphql.NewNonNull(graphql.String),
			Description: "The relation's own date (signedOn) or else the earliest article date asserting it."},
		"relation": &graphql.Field{Type: graphql.NewNonNull(b.relation), Description: "The relation."},
	}})
}

func (b *builder) mutationType() *graphql.Object {
	r := b.s
	input := graphql.NewInputObject(graphql.InputObjectConfig{Name: "IngestArticleInput", Description: "An article to extract and store.",
		Fields: graphql.InputObjectConfigFieldMap{
			"text":      {Type: graphql.NewNonNull(graphql.String), Description: "The article's text; the offsets of what is found in it count in it."},
			"title":     {Type: graphql.String, Description: "Its headline; read from the text when not given."},
			"published": {Type: graphql.String, Description: "Its publication date, YYYY-MM-DD; read from the text when not given."},
			"source":    {Type: graphql.String, Description: "Not stored (a file path would leave the machine); give url."},
			"id":        {Type: graphql.ID, Description: "Defaults to a hash of the text."},
			"url":       {Type: graphql.String, Description: "Where it was published."},
			"author":    {Type: graphql.String, Description: "Who wrote it."},
			"publisher": {Type: graphql.String, Description: "Who published it."},
		}})
	payload := graphql.NewObject(graphql.ObjectConfig{Name: "IngestArticlePayload", Description: "What ingestArticle did.", Fields: graphql.Fields{
		"article":   &graphql.Field{Type: graphql.NewNonNull(b.article), Description: "The article."},
		"status":    &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "new, unchanged or replaced"},
		"quads":     &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How many quads the store added."},
		"entities":  &graphql.Field{Type: nonNullList(b.entity), Description: "The entities found in it, as this article alone gives them."},
		"relations": &graphql.Field{Type: nonNullList(b.relation), Description: "The relations found in it, with this article's evidence."},
	}})
	deleted := graphql.NewObject(graphql.ObjectConfig{Name: "DeleteArticlePayload", Description: "What deleteArticle did.", Fields: graphql.Fields{
		"id":      &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Description: "The article's id."},
		"deleted": &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether it was there to delete."},
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Description: "The writes; they need the server's bearer token.", Fields: graphql.Fields{
		"ingestArticle": &graphql.Field{Type: graphql.NewNonNull(payload), Resolve: r.resolveIngest,
			Description: "Extract and store one article. Needs the bearer token.",
			Args:        graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(input), Description: "The article."}}},
		"deleteArticle": &graphql.Field{Type: graphql.NewNonNull(deleted), Resolve: r.resolveDelete,
			Description: "Remove an article and what only it asserted. Needs the bearer token.",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The article's id."}}},
	}})
}
