package quadlog

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/graph/quadlog/nquadkey"
	"github.com/newsgraph/newsgraph/schema"
)

// The vocabulary of the quad model; doc.go explains how it fits together.
const (
	base          = "https://newsgraph.dev/"
	entityBase    = base + "entity/"
	articleBase   = base + "article/"
	statementBase = base + "statement/"
	evidenceBase  = base + "evidence/"
	relBase       = base + "rel/"
	typeBase      = base + "type/"
	vocabBase     = base + "vocab#"

	rdfNS     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	schemaOrg = "http://schema.org/"
	xsdNS     = "http://www.w3.org/2001/XMLSchema#"
)

var (
	rdfType      = quad.IRI(rdfNS + "type")
	rdfStatement = quad.IRI(rdfNS + "Statement")
	rdfSubject   = quad.IRI(rdfNS + "subject")
	rdfPredicate = quad.IRI(rdfNS + "predicate")
	rdfObject    = quad.IRI(rdfNS + "object")

	pName      = quad.IRI(schemaOrg + "name")
	pAlias     = quad.IRI(schemaOrg + "alternateName")
	pJobTitle  = quad.IRI(schemaOrg + "jobTitle")
	pHeadline  = quad.IRI(schemaOrg + "headline")
	pURL       = quad.IRI(schemaOrg + "url")
	pPublished = quad.IRI(schemaOrg + "datePublished")
	pAuthor    = quad.IRI(schemaOrg + "author")
	pPublisher = quad.IRI(schemaOrg + "publisher")
	pWords     = quad.IRI(schemaOrg + "wordCount")
	pBody      = quad.IRI(schemaOrg + "articleBody")

	pHash       = quad.IRI(vocabBase + "hash")
	pMentions   = quad.IRI(vocabBase + "mentions")
	pMentionAt  = quad.IRI(vocabBase + "mentionAt")
	pConfidence = quad.IRI(vocabBase + "confidence")
	pRule       = quad.IRI(vocabBase + "rule")
	pSupports   = quad.IRI(vocabBase + "supports")
	pArticle    = quad.IRI(vocabBase + "article")
	pSentence   = quad.IRI(vocabBase + "sentence")
	pStart      = quad.IRI(vocabBase + "start")
	pEnd        = quad.IRI(vocabBase + "end")
	pCharStart  = quad.IRI(vocabBase + "charStart")
	pCharEnd    = quad.IRI(vocabBase + "charEnd")

	classArticle  = quad.IRI(typeBase + "Article")
	classEvidence = quad.IRI(typeBase + "Evidence")

	// Written by earlier versions, which named each article's assertion
	// of a relation as a statement node of its own and kept its sentence
	// and the path of the article's file: read, never written.
	pLegacySource   = quad.IRI(vocabBase + "source")
	pLegacyEvidence = quad.IRI(vocabBase + "evidence")
)

func entityIRI(id string) quad.IRI         { return quad.IRI(entityBase + escapePath(id)) }
func articleIRI(id string) quad.IRI        { return quad.IRI(articleBase + url.PathEscape(id)) }
func relIRI(p schema.Predicate) quad.IRI   { return quad.IRI(relBase + string(p)) }
func typeIRI(t schema.EntityType) quad.IRI { return quad.IRI(typeBase + string(t)) }

// escapePath escapes each segment of an entity id so that the IRI is valid
// N-Quads while ids keep their readable "type/slug" shape.
func escapePath(id string) string {
	segs := strings.Split(id, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// statementIRI names a statement, the edge every article that asserts it
// shares: the API's Relation.id after the statement base, so that an id
// read from the API finds the statement in an RDF export and back.
func statementIRI(id string) quad.IRI { return quad.IRI(statementBase + id) }

// evidenceIRI names one article's assertion of a relation: the sentence,
// offsets, confidence and rule with which it supports the statement. The
// offsets are part of the name because an article may state the same
// relation twice. The name hashes the article, subject, predicate, object
// and offsets (in decimal) with a NUL between each: the stores already
// written name the node so, and other bytes would name another node.
func evidenceIRI(article string, r schema.Relation) quad.IRI {
	var buf [256]byte
	b := append(buf[:0], article...)
	for _, f := range [...]string{r.Subject, string(r.Predicate), r.Object} {
		b = append(append(b, 0), f...)
	}
	b = strconv.AppendInt(append(b, 0), int64(r.Evidence.Start), 10)
	b = strconv.AppendInt(append(b, 0), int64(r.Evidence.End), 10)
	sum := sha256.Sum256(b)
	return quad.IRI(evidenceBase + hex.EncodeToString(sum[:16]))
}

// statementPrefix starts every statement id.
const statementPrefix = "st-"

// statementID is the stable id of a merged statement (one edge, all
// articles): schema's, which the API gives too.
func statementID(s string, p schema.Predicate, o string) string { return schema.StatementID(s, p, o) }

// iriSuffix returns what follows prefix in v when v is such an IRI.
func iriSuffix(v quad.Value, prefix string) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), prefix) {
		return "", false
	}
	s, err := url.PathUnescape(string(iri)[len(prefix):])
	if err != nil {
		return "", false
	}
	return s, true
}

// quadSet is a set of quads keyed by their N-Quads form, which is canonical
// for the value kinds the model uses.
type quadSet map[string]quad.Quad

// quadKey is the N-Quads line of q without the final " .", which the
// catalog's extras, the exports' order and the write's difference key by.
func quadKey(q quad.Quad) string { return nquadkey.Of(q) }

// quadList gathers the quads of one document, each once, in the order
// written. The values encode writes are IRIs, strings, ints and floats in
// [0,1] (Validate refuses a NaN confidence), for which two quads are equal
// exactly when their N-Quads lines are, so the list keys them by the quad
// itself rather than by a line built for each; its test holds the two to
// the same set.
type quadList struct {
	quads []quad.Quad
	seen  map[quad.Quad]struct{}
}

func (l *quadList) add(s, p, o quad.Value, label quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
	if _, ok := l.seen[q]; ok {
		return
	}
	l.seen[q] = struct{}{}
	l.quads = append(l.quads, q)
}

// encode turns one validated document into the quads it contributes, each
// once.
func encode(d *schema.Document) []quad.Quad {
	var e encoder
	return e.encode(d)
}

// An encoder encodes documents one after another, with one set of the
// quads seen, cleared between them: a write encodes hundreds of articles,
// and a set made for each would be garbage at once.
type encoder struct{ seen map[quad.Quad]struct{} }

// encode is encode. The nodes it names many times are made quad.Values
// once, since each conversion of an IRI to a quad.Value allocates.
func (e *encoder) encode(d *schema.Document) []quad.Quad {
	most := mostQuads(d)
	if e.seen == nil {
		e.seen = make(map[quad.Quad]struct{}, most)
	}
	defer clear(e.seen)
	qs := &quadList{quads: make([]quad.Quad, 0, most), seen: e.seen}
	a := d.Article
	var art quad.Value = articleIRI(a.ID)
	qs.add(art, rdfType, classArticle, art)
	for _, f := range []struct {
		p quad.IRI
		v string
	}{{pURL, a.URL}, {pHeadline, a.Title}, {pPublished, a.Published},
		{pAuthor, a.Author}, {pPublisher, a.Publisher}, {pHash, a.Hash}, {pBody, d.Text}} {
		if f.v != "" {
			qs.add(art, f.p, quad.String(f.v), art)
		}
	}
	if a.Words != 0 {
		qs.add(art, pWords, quad.Int(a.Words), art)
	}
	for i := range d.Entities {
		encodeEntity(qs, art, &d.Entities[i])
	}
	for _, r := range d.Relations {
		if d.Text == "" { // code point offsets count in a text
			r.Evidence.CharStart, r.Evidence.CharEnd = schema.NoOffset, schema.NoOffset
		}
		encodeRelation(qs, art, a.ID, r)
	}
	return qs.quads
}

// mostQuads is at most how many quads encode makes of d, so that the list
// it fills is made once at its size rather than grown: 9 of the article,
// 4 of an entity besides its names, titles and mentions, 15 of a relation.
func mostQuads(d *schema.Document) int {
	n := 9 + 15*len(d.Relations)
	for i := range d.Entities {
		e := &d.Entities[i]
		n += 4 + len(e.Aliases) + len(e.Titles) + len(e.Mentions)
	}
	return n
}

func encodeEntity(qs *quadList, art quad.Value, e *schema.Entity) {
	var ent quad.Value = entityIRI(e.ID)
	qs.add(art, pMentions, ent, art)
	qs.add(ent, rdfType, typeIRI(e.Type), art)
	qs.add(ent, pName, quad.String(e.Name), art)
	for _, al := range e.Aliases {
		if al != "" && al != e.Name {
			qs.add(ent, pAlias, quad.String(al), art)
		}
	}
	for _, t := range e.Titles {
		if t != "" {
			qs.add(ent, pJobTitle, quad.String(t), art)
		}
	}
	if e.Confidence != 0 {
		qs.add(ent, pConfidence, quad.Float(e.Confidence), art)
	}
	for _, m := range e.Mentions {
		qs.add(ent, pMentionAt, quad.String(strconv.Itoa(m.Start)+"-"+strconv.Itoa(m.End)), art)
	}
}

func encodeRelation(qs *quadList, art quad.Value, article string, r schema.Relation) {
	var subj, rel, obj quad.Value = entityIRI(r.Subject), relIRI(r.Predicate), entityIRI(r.Object)
	if spec, _ := schema.Spec(r.Predicate); spec.ObjectIsDate {
		obj = quad.String(r.Object)
	}
	qs.add(subj, rel, obj, art)
	var st quad.Value = statementIRI(statementID(r.Subject, r.Predicate, r.Object))
	qs.add(st, rdfType, rdfStatement, art)
	qs.add(st, rdfSubject, subj, art)
	qs.add(st, rdfPredicate, rel, art)
	qs.add(st, rdfObject, obj, art)
	var ev quad.Value = evidenceIRI(article, r)
	qs.add(ev, rdfType, classEvidence, art)
	qs.add(ev, pSupports, st, art)
	qs.add(ev, pArticle, art, art)
	qs.add(ev, pConfidence, quad.Float(r.Confidence), art)
	if r.Rule != "" {
		qs.add(ev, pRule, quad.String(r.Rule), art)
	}
	qs.add(ev, pSentence, quad.String(r.Evidence.Text), art)
	qs.add(ev, pStart, quad.Int(r.Evidence.Start), art)
	qs.add(ev, pEnd, quad.Int(r.Evidence.End), art)
	if r.Evidence.CharStart >= 0 && r.Evidence.CharEnd >= 0 {
		qs.add(ev, pCharStart, quad.Int(r.Evidence.CharStart), art)
		qs.add(ev, pCharEnd, quad.Int(r.Evidence.CharEnd), art)
	}
}

// native converts typed literals (as N-Quads readers and some backends
// return them) into the native values the model writes.
// A date (xsd:date, as the exports type them) and an xsd:string are the
// plain strings the model keeps.
func native(v quad.Value) quad.Value {
	if ts, ok := v.(quad.TypedString); ok {
		switch ts.Type.Full() {
		case xsdNS + "date", xsdNS + "string":
			return ts.Value
		case xsdNS + "decimal":
			if f, err := strconv.ParseFloat(string(ts.Value), 64); err == nil {
				return quad.Float(f)
			}
		}
		if nv, err := ts.ParseValue(); err == nil {
			return nv
		}
	}
	return v
}

func normalize(q quad.Quad) quad.Quad {
	q.Object = native(q.Object)
	return q
}

func literalString(v quad.Value) (string, bool) {
	switch v := native(v).(type) {
	case quad.String:
		return string(v), true
	case quad.LangString:
		return string(v.Value), true
	}
	return "", false
}

func literalFloat(v quad.Value) (float64, bool) {
	switch v := native(v).(type) {
	case quad.Float:
		return float64(v), true
	case quad.Int:
		return float64(v), true
	}
	return 0, false
}

func literalInt(v quad.Value) (int, bool) {
	switch v := native(v).(type) {
	case quad.Int:
		return int(v), true
	case quad.Float:
		return int(v), true
	}
	return 0, false
}

func parseSpan(s string) (schema.Span, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return schema.Span{}, false
	}
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	return schema.Span{Start: start, End: end}, err1 == nil && err2 == nil
}

func isDateEdge(p schema.Predicate) bool {
	spec, _ := schema.Spec(p)
	return spec.ObjectIsDate
}
