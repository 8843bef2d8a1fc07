package quadlog

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
)

// Extras are the quads of an article's graph that the model does not read
// (an import may bring them): they go with the article, so that taking it
// out takes out all of them.
type Extras struct{ quads []quad.Quad }

// Len is the number of quads.
func (e Extras) Len() int { return len(e.quads) }

// stmtParts gathers a statement node's triple; in the legacy form (see
// quads.go) the node is one assertion and carries its evidence too.
type stmtParts struct {
	rel  schema.Relation
	hasS bool
	hasP bool
	hasO bool
}

// evParts gathers an evidence node: its assertion of the statement it
// supports.
type evParts struct {
	supports quad.Value
	ev       schema.Evidence
	conf     float64
	rule     string
	hasChars int // charStart and charEnd seen
}

// decode rebuilds the document of article id from the quads it labels,
// and returns the quads it does not read. It is the inverse of encode:
// encode(decode(qs)) plus the extras is qs.
func decode(id string, qs quadSet) (schema.Document, Extras) {
	d := decodeDocument(id, qs)
	known := toSet(encode(&d))
	var extras Extras
	for _, k := range slices.Sorted(maps.Keys(qs)) {
		if _, ok := known[k]; !ok {
			extras.quads = append(extras.quads, qs[k])
		}
	}
	return d, extras
}

// decodeDocument is decode without the extras. Its strings are those of
// the quads.
func decodeDocument(id string, qs quadSet) schema.Document {
	var d schema.Document
	d.Article.ID = id
	ents := map[string]*schema.Entity{}
	stmts := map[quad.Value]*stmtParts{}
	evs := map[quad.Value]*evParts{}
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
			if q.Predicate == pBody {
				d.Text, _ = literalString(q.Object)
				continue
			}
			decodeArticle(&d.Article, q)
		} else if _, ok := iriSuffix(q.Subject, evidenceBase); ok {
			ep := evs[q.Subject]
			if ep == nil {
				ep = &evParts{ev: schema.Evidence{CharStart: schema.NoOffset, CharEnd: schema.NoOffset}}
				evs[q.Subject] = ep
			}
			decodeEvidence(ep, q)
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
		slices.Sort(e.Aliases)
		slices.Sort(e.Titles)
		slices.SortFunc(e.Mentions, func(a, b schema.Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
		d.Entities = append(d.Entities, *e)
	}
	slices.SortFunc(d.Entities, func(a, b schema.Entity) int { return cmp.Compare(a.ID, b.ID) })
	d.Relations = make([]schema.Relation, 0, len(stmts))
	for sv, st := range stmts {
		if !st.hasS || !st.hasP || !st.hasO {
			continue
		}
		if id, _ := iriSuffix(sv, statementBase); !strings.HasPrefix(id, statementPrefix) {
			st.rel.Evidence.CharStart, st.rel.Evidence.CharEnd = schema.NoOffset, schema.NoOffset
			d.Relations = append(d.Relations, st.rel) // legacy: the node is the assertion
		}
	}
	for _, ep := range evs {
		st := stmts[ep.supports]
		if st == nil || !st.hasS || !st.hasP || !st.hasO {
			continue
		}
		if ep.hasChars != 2 || d.Text == "" {
			ep.ev.CharStart, ep.ev.CharEnd = schema.NoOffset, schema.NoOffset
		}
		d.Relations = append(d.Relations, schema.Relation{Subject: st.rel.Subject, Predicate: st.rel.Predicate,
			Object: st.rel.Object, Confidence: ep.conf, Rule: ep.rule, Evidence: ep.ev})
	}
	slices.SortFunc(d.Relations, compareRelations)
	return d
}

func compareRelations(a, b schema.Relation) int {
	return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Object, b.Object), cmp.Compare(a.Evidence.Start, b.Evidence.Start),
		cmp.Compare(a.Evidence.End, b.Evidence.End))
}

func decodeArticle(a *schema.Article, q quad.Quad) {
	s, _ := literalString(q.Object)
	switch q.Predicate {
	case pLegacySource:
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
	case pLegacyEvidence:
		r.Evidence.Text, _ = literalString(q.Object)
	case pStart:
		r.Evidence.Start, _ = literalInt(q.Object)
	case pEnd:
		r.Evidence.End, _ = literalInt(q.Object)
	}
}

func decodeEvidence(ep *evParts, q quad.Quad) {
	switch q.Predicate {
	case pSupports:
		ep.supports = q.Object
	case pConfidence:
		ep.conf, _ = literalFloat(q.Object)
	case pRule:
		ep.rule, _ = literalString(q.Object)
	case pSentence:
		ep.ev.Text, _ = literalString(q.Object)
	case pStart:
		ep.ev.Start, _ = literalInt(q.Object)
	case pEnd:
		ep.ev.End, _ = literalInt(q.Object)
	case pCharStart:
		ep.ev.CharStart, _ = literalInt(q.Object)
		ep.hasChars++
	case pCharEnd:
		ep.ev.CharEnd, _ = literalInt(q.Object)
		ep.hasChars++
	}
}
