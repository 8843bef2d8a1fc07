package graph

import (
	"cmp"
	"slices"
	"unique"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
)

// storedDoc is one article as the store holds it: the document decoded from
// the quads labelled with the article's IRI, plus any quads of that label the
// model does not know (from an import), so that removing the article removes
// all of them.
//
// A store holds every article's document in memory, so decoding keeps it
// small: strings that many articles repeat (entity ids, names, aliases,
// titles, rules, dates) are interned with the unique package, which lets
// them go once nothing refers to them, and a sentence that supports several
// relations of an article is held once.
type storedDoc struct {
	doc    schema.Document
	extras []quad.Quad
}

// quads returns every quad the article contributed.
func (sd *storedDoc) quads() quadSet {
	qs := encode(&sd.doc)
	for _, q := range sd.extras {
		qs[quadKey(q)] = q
	}
	return qs
}

// entity returns the article's own record of entity id (doc.Entities is
// sorted by id), or nil.
func (sd *storedDoc) entity(id string) *schema.Entity {
	i, ok := slices.BinarySearchFunc(sd.doc.Entities, id, func(e schema.Entity, id string) int { return cmp.Compare(e.ID, id) })
	if !ok {
		return nil
	}
	return &sd.doc.Entities[i]
}

// intern returns the canonical copy of s.
func intern(s string) string { return unique.Make(s).Value() }

func internAll(ss []string) []string {
	for i, s := range ss {
		ss[i] = intern(s)
	}
	return slices.Clip(ss)
}

type stmtParts struct {
	rel  schema.Relation
	hasS bool
	hasP bool
	hasO bool
}

// decode rebuilds the document of article id from the quads it labels.
// It is the inverse of encode: encode(decode(qs)) plus extras is qs.
func decode(id string, qs quadSet) *storedDoc {
	sd := decodeKnown(id, qs)
	known := encode(&sd.doc)
	for k, q := range qs {
		if _, ok := known[k]; !ok {
			sd.extras = append(sd.extras, q)
		}
	}
	return sd
}

// decodeKnown is decode for quads that encode made, which have no extras.
func decodeKnown(id string, qs quadSet) *storedDoc {
	var d schema.Document
	d.Article.ID = id
	ents := map[string]*schema.Entity{}
	stmts := map[quad.Value]*stmtParts{}
	entity := func(v quad.Value) *schema.Entity {
		eid, _ := iriSuffix(v, entityBase)
		e := ents[eid]
		if e == nil {
			e = &schema.Entity{ID: eid}
			ents[eid] = e
		}
		return e
	}
	for _, q := range qs {
		q = normalize(q)
		if _, ok := iriSuffix(q.Subject, articleBase); ok {
			decodeArticle(&d.Article, q)
		} else if _, ok := iriSuffix(q.Subject, entityBase); ok {
			decodeEntity(entity(q.Subject), q)
		} else if _, ok := iriSuffix(q.Subject, statementBase); ok {
			st := stmts[q.Subject]
			if st == nil {
				st = &stmtParts{}
				stmts[q.Subject] = st
			}
			decodeStatement(st, q)
		}
	}
	d.Entities = make([]schema.Entity, 0, len(ents))
	for _, e := range ents {
		if e.ID == "" || e.Name == "" || !e.Type.Valid() {
			continue
		}
		e.ID, e.Name, e.Type = intern(e.ID), intern(e.Name), schema.EntityType(intern(string(e.Type)))
		slices.Sort(e.Aliases)
		slices.Sort(e.Titles)
		e.Aliases, e.Titles = internAll(e.Aliases), internAll(e.Titles)
		slices.SortFunc(e.Mentions, func(a, b schema.Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
		e.Mentions = slices.Clip(e.Mentions)
		d.Entities = append(d.Entities, *e)
	}
	slices.SortFunc(d.Entities, func(a, b schema.Entity) int { return cmp.Compare(a.ID, b.ID) })
	sentences := map[string]string{}
	d.Relations = make([]schema.Relation, 0, len(stmts))
	for _, st := range stmts {
		if st.hasS && st.hasP && st.hasO {
			r := st.rel
			r.Subject, r.Predicate, r.Object = intern(r.Subject), schema.Predicate(intern(string(r.Predicate))), intern(r.Object)
			r.Rule = intern(r.Rule)
			if t, ok := sentences[r.Evidence.Text]; ok {
				r.Evidence.Text = t
			} else {
				sentences[r.Evidence.Text] = r.Evidence.Text
			}
			d.Relations = append(d.Relations, r)
		}
	}
	slices.SortFunc(d.Relations, compareRelations)
	d.Article.Published = intern(d.Article.Published)
	d.Article.Publisher = intern(d.Article.Publisher)
	d.Article.Author = intern(d.Article.Author)
	return &storedDoc{doc: d}
}

func compareRelations(a, b schema.Relation) int {
	return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Object, b.Object), cmp.Compare(a.Evidence.Start, b.Evidence.Start),
		cmp.Compare(a.Evidence.End, b.Evidence.End))
}

func decodeArticle(a *schema.Article, q quad.Quad) {
	s, _ := literalString(q.Object)
	switch q.Predicate {
	case pSource:
		a.Source = s
	case pURL:
		a.URL = s
	case pHeadline:
		a.Title = s
	case pPublished:
		a.Published = s
	case pAuthor:
		a.Author = s
	case pPublisher:
		a.Publisher = s
	case pHash:
		a.Hash = s
	case pWords:
		a.Words, _ = literalInt(q.Object)
	}
}

func decodeEntity(e *schema.Entity, q quad.Quad) {
	s, _ := literalString(q.Object)
	switch q.Predicate {
	case rdfType:
		if t, ok := iriSuffix(q.Object, typeBase); ok {
			e.Type = schema.EntityType(t)
		}
	case pName:
		e.Name = s
	case pAlias:
		e.Aliases = append(e.Aliases, s)
	case pJobTitle:
		e.Titles = append(e.Titles, s)
	case pConfidence:
		e.Confidence, _ = literalFloat(q.Object)
	case pMentionAt:
		if sp, ok := parseSpan(s); ok {
			e.Mentions = append(e.Mentions, sp)
		}
	}
}

func decodeStatement(st *stmtParts, q quad.Quad) {
	r := &st.rel
	switch q.Predicate {
	case rdfSubject:
		r.Subject, st.hasS = iriSuffix(q.Object, entityBase)
	case rdfPredicate:
		var p string
		p, st.hasP = iriSuffix(q.Object, relBase)
		r.Predicate = schema.Predicate(p)
	case rdfObject:
		if id, ok := iriSuffix(q.Object, entityBase); ok {
			r.Object, st.hasO = id, true
		} else {
			r.Object, st.hasO = literalString(q.Object)
		}
	case pConfidence:
		r.Confidence, _ = literalFloat(q.Object)
	case pRule:
		r.Rule, _ = literalString(q.Object)
	case pEvidence:
		r.Evidence.Text, _ = literalString(q.Object)
	case pStart:
		r.Evidence.Start, _ = literalInt(q.Object)
	case pEnd:
		r.Evidence.End, _ = literalInt(q.Object)
	}
}
