package api

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/gqlorder"
	"github.com/newsgraph/newsgraph/schema"
)

// The GraphQL schema is generated from package schema: the EntityType and
// Predicate enums come from schema.EntityTypes and schema.Predicates, and
// every entity type gets an object implementing the Entity interface. The
// typed fields below (Person.memberOf...) are views of one predicate in one
// direction; adding one is a line in typedFields.

// typedField is an entity field that follows one predicate.
type typedField struct {
	name   string
	pred   schema.Predicate
	dir    schema.Direction
	target schema.EntityType // "" for any entity type
	single bool              // the first match, not a list
	doc    string
}

var typedFields = map[schema.EntityType][]typedField{
	schema.Person: {
		{name: "memberOf", pred: schema.MemberOf, dir: schema.Out, doc: "Ministries and organizations the person works in or speaks for."},
		{name: "represents", pred: schema.Represents, dir: schema.Out, target: schema.Country, doc: "Countries the person is an official or envoy of."},
	},
	schema.Ministry: {
		{name: "partOf", pred: schema.PartOf, dir: schema.Out, doc: "The country or larger body the ministry belongs to."},
		{name: "members", pred: schema.MemberOf, dir: schema.In, target: schema.Person, doc: "People who work in or speak for the ministry."},
	},
	schema.Country: {
		{name: "agreements", pred: schema.Signed, dir: schema.Out, target: schema.Agreement, doc: "Agreements the country signed."},
		{name: "ministries", pred: schema.PartOf, dir: schema.In, target: schema.Ministry, doc: "Government bodies of the country."},
	},
	schema.Agreement: {
		{name: "signatories", pred: schema.Signed, dir: schema.In, doc: "Parties that signed the agreement."},
		{name: "sectors", pred: schema.CoversSector, dir: schema.Out, target: schema.Sector, doc: "Sectors the agreement covers."},
		{name: "signedAt", pred: schema.SignedAt, dir: schema.Out, doc: "Locations or events where it was signed."},
	},
	schema.Sector: {
		{name: "agreements", pred: schema.CoversSector, dir: schema.In, target: schema.Agreement, doc: "Agreements covering the sector."},
	},
	schema.Event: {
		{name: "attendees", pred: schema.Attended, dir: schema.In, doc: "People, countries and organizations that took part."},
		{name: "location", pred: schema.LocatedIn, dir: schema.Out, single: true, doc: "Where the event took place."},
	},
}

// builder holds the types while the schema is made, so that fields can
// refer to types defined later (through FieldsThunk).
type builder struct {
	s         *Server
	entity    *graphql.Interface
	objects   map[schema.EntityType]*graphql.Object
	typeEnum  *graphql.Enum
	predEnum  *graphql.Enum
	dirEnum   *graphql.Enum
	pageInfo  *graphql.Object
	node      *graphql.Interface
	evidence  *graphql.Object
	relation  *graphql.Object
	article   *graphql.Object
	conns     map[string]*graphql.Object
	subgraph  *graphql.Object
	extraObjs []graphql.Type
}

func (s *Server) buildSchema() (graphql.Schema, error) {
	b := &builder{s: s, objects: map[schema.EntityType]*graphql.Object{}, conns: map[string]*graphql.Object{}}
	b.enums()
	b.pageInfo = graphql.NewObject(graphql.ObjectConfig{Name: "PageInfo", Description: "Where a page ends and whether more follow.",
		Fields: graphql.Fields{
			"hasNextPage": &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether items follow this page."},
			"endCursor":   &graphql.Field{Type: graphql.String, Description: "Pass as after to get the next page; null for an empty page."},
		}})
	b.node = b.nodeInterface()
	b.entity = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Entity",
		Description: "A thing the news speaks of: one object type per entity type of the ontology.",
		Fields:      graphql.FieldsThunk(func() graphql.Fields { return b.entityFields() }),
		ResolveType: b.resolveEntityType,
	})
	b.evidence = b.evidenceType()
	b.relation = b.relationType()
	b.article = b.articleType()
	for _, t := range schema.EntityTypes {
		b.objects[t] = b.entityObject(t)
		b.extraObjs = append(b.extraObjs, b.objects[t])
	}
	b.subgraph = b.subgraphType()
	sch, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:    b.queryType(),
		Mutation: b.mutationType(),
		Types:    b.extraObjs,
	})
	if err != nil {
		return sch, err
	}
	s.wrapResolvers(&sch)
	gqlorder.Sort(&sch)
	return sch, nil
}

func (b *builder) enums() {
	types := graphql.EnumValueConfigMap{}
	for _, t := range schema.EntityTypes {
		types[string(t)] = &graphql.EnumValueConfig{Value: t, Description: schema.TypeDoc(t)}
	}
	b.typeEnum = graphql.NewEnum(graphql.EnumConfig{Name: "EntityType", Values: types,
		Description: "The ontology's entity types."})
	preds := graphql.EnumValueConfigMap{}
	for _, p := range schema.Predicates {
		preds[string(p.Name)] = &graphql.EnumValueConfig{Value: p.Name, Description: p.Doc}
	}
	b.predEnum = graphql.NewEnum(graphql.EnumConfig{Name: "Predicate", Values: preds,
		Description: "The ontology's relation predicates."})
	b.dirEnum = graphql.NewEnum(graphql.EnumConfig{Name: "Direction", Description: "Which end of a relation an entity is.", Values: graphql.EnumValueConfigMap{
		"OUT":  &graphql.EnumValueConfig{Value: schema.Out, Description: "relations whose subject is the entity"},
		"IN":   &graphql.EnumValueConfig{Value: schema.In, Description: "relations whose object is the entity"},
		"BOTH": &graphql.EnumValueConfig{Value: schema.Both, Description: "either"},
	}})
}

func (b *builder) resolveEntityType(p graphql.ResolveTypeParams) *graphql.Object {
	if e, ok := held[schema.Entity](p.Value); ok {
		return b.objects[e.Type]
	}
	return nil
}

// pageArgs are the Relay arguments of every connection field.
func (b *builder) pageArgs(first int) graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"first": &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: first,
			Description: fmt.Sprintf("How many items to return, at most %d.", b.s.limits.MaxFirst)},
		"after": &graphql.ArgumentConfig{Type: graphql.String,
			Description: "Return the items after this cursor: a pageInfo.endCursor or an edge's cursor, unchanged."},
	}
}

func withArgs(a graphql.FieldConfigArgument, more graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	for k, v := range more {
		a[k] = v
	}
	return a
}

func (b *builder) entityFields() graphql.Fields {
	r := b.s
	return graphql.Fields{
		"id": &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Resolve: entityProp(func(e *schema.Entity) interface{} { return &e.ID }),
			Description: "The entity's id: its type and a slug (person/ha-jung-woo), or a country's ISO code (country/KR)."},
		"name": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: entityProp(func(e *schema.Entity) interface{} { return &e.Name }),
			Description: "The name most articles give it."},
		"type": &graphql.Field{Type: graphql.NewNonNull(b.typeEnum), Resolve: entityProp(func(e *schema.Entity) interface{} { return e.Type }),
			Description: "Its entity type."},
		"aliases": &graphql.Field{Type: nonNullList(graphql.String), Resolve: entityProp(func(e *schema.Entity) interface{} { return nonNilStrings(e.Aliases) }),
			Description: "Its other names and spellings, sorted."},
		"degree": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: r.resolveDegree,
			Description: "How many statements the entity takes part in."},
		"articles": &graphql.Field{Type: graphql.NewNonNull(b.connection("Article", b.article)), Args: b.pageArgs(10),
			Resolve: r.resolveEntityArticles, Description: "Articles that mention the entity, newest first."},
		"relations": &graphql.Field{Type: graphql.NewNonNull(b.connection("Relation", b.relation)), Resolve: r.resolveEntityRelations,
			Description: "The relations the entity takes part in, by subject, predicate and object.",
			Args: withArgs(b.pageArgs(20), graphql.FieldConfigArgument{
				"predicates":    &graphql.ArgumentConfig{Type: graphql.NewList(graphql.NewNonNull(b.predEnum)), Description: "Only these predicates."},
				"direction":     &graphql.ArgumentConfig{Type: b.dirEnum, DefaultValue: schema.Both, Description: "Which end the entity is."},
				"minConfidence": &graphql.ArgumentConfig{Type: graphql.Float, Description: "Only relations asserted with at least this confidence (0 to 1)."},
			})},
	}
}

func (b *builder) entityObject(t schema.EntityType) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        string(t),
		Interfaces:  []*graphql.Interface{b.entity, b.node},
		Description: fmt.Sprintf("An entity of type %s.", t),
		IsTypeOf: func(p graphql.IsTypeOfParams) bool {
			e, ok := held[schema.Entity](p.Value)
			return ok && e.Type == t
		},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			fs := b.entityFields()
			for _, tf := range typedFields[t] {
				fs[tf.name] = b.typedFieldDef(tf)
			}
			b.extraFields(t, fs)
			return fs
		}),
	})
}

// extraFields adds the fields that are properties rather than relations.
func (b *builder) extraFields(t schema.EntityType, fs graphql.Fields) {
	switch t {
	case schema.Person:
		fs["titles"] = &graphql.Field{Type: nonNullList(graphql.String), Description: "Role words as written.",
			Resolve: entityProp(func(e *schema.Entity) interface{} { return nonNilStrings(e.Titles) })}
	case schema.Country:
		fs["isoCode"] = &graphql.Field{Type: graphql.String, Description: "ISO 3166-1 alpha-2 code.",
			Resolve: entityProp(func(e *schema.Entity) interface{} { return isoCode(e.ID) })}
	case schema.Agreement:
		fs["signedOn"] = &graphql.Field{Type: graphql.String, Description: "Signing date, YYYY-MM-DD.",
			Resolve: b.s.resolveSignedOn}
	}
}

func (b *builder) typedFieldDef(tf typedField) *graphql.Field {
	var target graphql.Output = b.entity
	if tf.target != "" {
		target = graphql.Output(b.objects[tf.target])
	}
	if tf.single {
		return &graphql.Field{Type: target, Description: tf.doc, Resolve: b.s.resolveTyped(tf)}
	}
	return &graphql.Field{Type: nonNullList(target), Description: tf.doc, Resolve: b.s.resolveTyped(tf)}
}

func (b *builder) evidenceType() *graphql.Object {
	ev := func(get func(e schema.Evidence) interface{}) graphql.FieldResolveFn { return evidenceProp(get) }
	return graphql.NewObject(graphql.ObjectConfig{Name: "Evidence",
		Description: "A sentence of an article that supports a relation, with where it lies in the article's text " +
			"(Article.text): start and end count bytes of the UTF-8 text, charStart and charEnd code points, " +
			"the index a Python str or a JavaScript Array.from(text) takes.",
		Fields: graphql.Fields{
			"article": &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Resolve: ev(func(e schema.Evidence) interface{} { return text(e.Article) }),
				Description: "The id of the article the sentence is in (article(id:), node(id:))."},
			"published": &graphql.Field{Type: graphql.String, Resolve: ev(func(e schema.Evidence) interface{} { return nilIfEmpty(e.Published) }),
				Description: "The article's publication date, YYYY-MM-DD."},
			"text": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: ev(func(e schema.Evidence) interface{} { return text(e.Text) }),
				Description: "The sentence."},
			"start": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: ev(func(e schema.Evidence) interface{} { return e.Start }),
				Description: "Byte offset in the article's UTF-8 text where the sentence starts."},
			"end": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: ev(func(e schema.Evidence) interface{} { return e.End }),
				Description: "Byte offset where it ends (exclusive)."},
			"charStart": &graphql.Field{Type: graphql.Int, Resolve: ev(func(e schema.Evidence) interface{} { return offsetOrNull(e.CharStart) }),
				Description: "Code point offset in the article's text where the sentence starts: text[charStart:charEnd] in Python. " +
					"Null for an article stored without its text (by an earlier version)."},
			"charEnd": &graphql.Field{Type: graphql.Int, Resolve: ev(func(e schema.Evidence) interface{} { return offsetOrNull(e.CharEnd) }),
				Description: "Code point offset where it ends (exclusive); null as charStart."},
			"confidence": &graphql.Field{Type: graphql.NewNonNull(graphql.Float), Resolve: ev(func(e schema.Evidence) interface{} { return e.Confidence }),
				Description: "How sure the extractor was of this article's assertion, 0 to 1."},
			"rule": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: ev(func(e schema.Evidence) interface{} { return text(e.Rule) }),
				Description: "The extraction rule that made this assertion."},
		}})
}

func (b *builder) relationType() *graphql.Object {
	r := b.s
	return graphql.NewObject(graphql.ObjectConfig{Name: "Relation",
		Description: "One statement, subject predicate object, with the evidence of every article that asserts it. " +
			"Its id is the statement's in every export.",
		Interfaces: []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Resolve: stmtProp(func(s *schema.Statement) interface{} { return &s.ID }),
					Description: "The statement's id, st- and a hash of the triple: the same in the RDF exports " +
						"(https://newsgraph.dev/statement/<id>) and the edge id of GraphML, GEXF, Cytoscape and CSV."},
				"subject": &graphql.Field{Type: graphql.NewNonNull(b.entity), Resolve: r.resolveSubject, Description: "The entity the statement is about."},
				"predicate": &graphql.Field{Type: graphql.NewNonNull(b.predEnum), Resolve: stmtProp(func(s *schema.Statement) interface{} { return s.Predicate }),
					Description: "What the statement says of the subject."},
				"object": &graphql.Field{Type: b.entity, Resolve: r.resolveObject,
					Description: "The object entity; null for date predicates, whose value holds the date."},
				"value": &graphql.Field{Type: graphql.String, Resolve: stmtProp(dateValue),
					Description: "The date (YYYY-MM-DD) of date predicates such as signedOn."},
				"confidence": &graphql.Field{Type: graphql.NewNonNull(graphql.Float), Resolve: stmtProp(func(s *schema.Statement) interface{} { return s.Confidence }),
					Description: "The highest confidence any article's assertion has, 0 to 1."},
				"rule": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: stmtProp(func(s *schema.Statement) interface{} { return &s.Rule }),
					Description: "The rule of that most confident assertion."},
				"evidenceCount": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How many article sentences support it.",
					Resolve: stmtProp(func(s *schema.Statement) interface{} { return max(s.EvidenceCount, len(s.Evidence)) })},
				"evidence": &graphql.Field{Type: nonNullList(b.evidence), Resolve: r.resolveEvidence,
					Description: "The sentences that support it, by article then offset: the first of them (evidenceCount says how many there are).",
					Args: graphql.FieldConfigArgument{"first": &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: 10,
						Description: fmt.Sprintf("How many sentences, at most %d.", b.s.limits.MaxFirst)}}},
			}
		})})
}

func (b *builder) articleType() *graphql.Object {
	r := b.s
	str := func(doc string, get func(a schema.Article) string) *graphql.Field {
		return &graphql.Field{Type: graphql.String, Description: doc,
			Resolve: articleProp(func(a schema.Article) interface{} { return nilIfEmpty(get(a)) })}
	}
	return graphql.NewObject(graphql.ObjectConfig{Name: "Article", Description: "A news article the graph was built from.",
		Interfaces: []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			fs := graphql.Fields{
				"id": &graphql.Field{Type: graphql.NewNonNull(graphql.ID), Resolve: articleProp(func(a schema.Article) interface{} { return text(a.ID) }),
					Description: "The article's id: its file's base name, or the id its JSON Lines record gave."},
				"title":     str("Its headline.", func(a schema.Article) string { return a.Title }),
				"published": str("Its publication date, YYYY-MM-DD.", func(a schema.Article) string { return a.Published }),
				"author":    str("Who wrote it.", func(a schema.Article) string { return a.Author }),
				"publisher": str("Who published it.", func(a schema.Article) string { return a.Publisher }),
				"url":       str("Where it was published, when known.", func(a schema.Article) string { return a.URL }),
				"source": &graphql.Field{Type: graphql.String, DeprecationReason: "It gave the path of the file on the machine that ingested it; use url.",
					Description: "Always null.", Resolve: func(graphql.ResolveParams) (interface{}, error) { return nil, nil }},
				"words": &graphql.Field{Type: graphql.Int, Description: "How many words its text has.",
					Resolve: articleProp(func(a schema.Article) interface{} { return a.Words })},
				"entities": &graphql.Field{Type: nonNullList(b.entity), Resolve: r.resolveArticleEntities,
					Description: "The entities it mentions.",
					Args:        graphql.FieldConfigArgument{"type": &graphql.ArgumentConfig{Type: b.typeEnum, Description: "Only entities of this type."}}},
				"relations": &graphql.Field{Type: graphql.NewNonNull(b.connection("Relation", b.relation)),
					Description: "The relations it asserts, with its own evidence only.",
					Args:        b.pageArgs(50), Resolve: r.resolveArticleRelations},
			}
			b.articleTextFields(fs)
			return fs
		})})
}

// connection returns the Relay connection type of nodes, made once per name.
func (b *builder) connection(name string, node graphql.Output) *graphql.Object {
	if c, ok := b.conns[name]; ok {
		return c
	}
	edge := graphql.NewObject(graphql.ObjectConfig{Name: name + "Edge", Description: "A " + name + " and its cursor.",
		Fields: graphql.Fields{
			"cursor": &graphql.Field{Type: graphql.NewNonNull(graphql.String), Resolve: edgeCursor,
				Description: "Pass as after to continue after this item."},
			"node": &graphql.Field{Type: graphql.NewNonNull(node), Resolve: edgeNode, Description: "The item."},
		}})
	c := graphql.NewObject(graphql.ObjectConfig{Name: name + "Connection", Description: "One page of " + name + " items.",
		Fields: graphql.Fields{
			"totalCount": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: connProp(func(c conn) interface{} { return c.total }),
				Description: "How many items there are in all."},
			"pageInfo": &graphql.Field{Type: graphql.NewNonNull(b.pageInfo), Resolve: connProp(func(c conn) interface{} { return c.pageInfo() }),
				Description: "Where this page ends."},
			"edges": &graphql.Field{Type: nonNullList(edge), Resolve: connProp(func(c conn) interface{} { return c.edges() }),
				Description: "The items with their cursors."},
			"nodes": &graphql.Field{Type: nonNullList(node), Resolve: connProp(func(c conn) interface{} { return c.nodes }),
				Description: "The items."},
		}})
	b.conns[name] = c
	return c
}

func (b *builder) subgraphType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{Name: "Subgraph",
		Description: "Nodes and the edges between them, for visualisation clients.",
		Fields: graphql.Fields{
			"nodes": &graphql.Field{Type: nonNullList(b.entity), Resolve: subgraphProp(func(g schema.Subgraph) interface{} { return entityList(g.Nodes) }),
				Description: "The entities, nearest first."},
			"edges": &graphql.Field{Type: nonNullList(b.relation), Resolve: subgraphProp(func(g schema.Subgraph) interface{} { return stmtList(g.Edges) }),
				Description: "The relations among them."},
			"truncated": &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean), Resolve: subgraphProp(func(g schema.Subgraph) interface{} { return g.Truncated }),
				Description: "Whether a limit left entities out."},
		}})
}

func nonNullList(t graphql.Output) graphql.Output {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}
