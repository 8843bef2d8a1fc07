package quadlog

import (
	"bufio"
	"encoding/json"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
)

// The exports type every literal that is not plain text with its full XML
// Schema IRI: integers xsd:integer, confidences xsd:decimal, dates
// (publication and signing) xsd:date. Cayley's own writer gives short
// "xsd:integer" names that RDF tools take for unknown datatypes, so that a
// numeric filter compares nothing. A confidence is a decimal, written with
// the fewest digits that read back as the same float64, so that it equals
// the literal a query writes (FILTER(?c >= 0.7) compares 0.7 with the
// decimal 0.7; as an xsd:double, the binary 0.7 falls short of the decimal
// in exact comparisons such as rdflib's). Import (native) turns them back
// into the values the store keeps, so an export loads back as the same
// graph.
var (
	xsdInteger = quad.IRI(xsdNS + "integer")
	xsdDecimal = quad.IRI(xsdNS + "decimal")
	xsdDouble  = quad.IRI(xsdNS + "double")
	xsdDate    = quad.IRI(xsdNS + "date")
)

// typed gives q's object its datatype.
func typed(q quad.Quad) quad.Quad {
	switch v := q.Object.(type) {
	case quad.Int:
		q.Object = quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsdInteger}
	case quad.Float:
		f := float64(v)
		switch {
		case math.IsNaN(f):
			q.Object = quad.TypedString{Value: "NaN", Type: xsdDouble}
		case math.IsInf(f, 0):
			q.Object = quad.TypedString{Value: quad.String(map[bool]string{true: "INF", false: "-INF"}[f > 0]), Type: xsdDouble}
		default:
			q.Object = quad.TypedString{Value: quad.String(strconv.FormatFloat(f, 'f', -1, 64)), Type: xsdDecimal}
		}
	case quad.String:
		if isDateProperty(q.Predicate) && schema.IsDate(string(v)) {
			q.Object = quad.TypedString{Value: v, Type: xsdDate}
		}
	}
	return q
}

// isDateProperty reports whether p's literal objects are dates: an
// article's publication, a date predicate's edge and its statement's
// object.
func isDateProperty(p quad.Value) bool {
	if p == pPublished || p == rdfObject {
		return true
	}
	name, ok := iriSuffix(p, relBase)
	return ok && isDateEdge(schema.Predicate(name))
}

// The JSON-LD @context: a prefix for each namespace the quads use, a term
// for each property, with the datatype its values take (so that a value
// reads as a plain JSON number, string or id), and a term for each class.
type ldTerm struct {
	iri  string
	kind string // "" text, "@id", or a datatype IRI
}

func ldTerms() map[string]ldTerm {
	terms := map[string]ldTerm{
		"name": {schemaOrg + "name", ""}, "alternateName": {schemaOrg + "alternateName", ""},
		"jobTitle": {schemaOrg + "jobTitle", ""}, "headline": {schemaOrg + "headline", ""},
		"url": {schemaOrg + "url", ""}, "datePublished": {schemaOrg + "datePublished", string(xsdDate)},
		"author": {schemaOrg + "author", ""}, "publisher": {schemaOrg + "publisher", ""},
		"wordCount": {schemaOrg + "wordCount", string(xsdInteger)}, "articleBody": {schemaOrg + "articleBody", ""},
		"hash": {vocabBase + "hash", ""}, "mentions": {vocabBase + "mentions", "@id"},
		"mentionAt": {vocabBase + "mentionAt", ""}, "confidence": {vocabBase + "confidence", string(xsdDecimal)},
		"rule": {vocabBase + "rule", ""}, "supports": {vocabBase + "supports", "@id"},
		"fromArticle": {vocabBase + "article", "@id"}, "sentence": {vocabBase + "sentence", ""},
		"start": {vocabBase + "start", string(xsdInteger)}, "end": {vocabBase + "end", string(xsdInteger)},
		"charStart": {vocabBase + "charStart", string(xsdInteger)}, "charEnd": {vocabBase + "charEnd", string(xsdInteger)},
		"subject": {rdfNS + "subject", "@id"}, "predicate": {rdfNS + "predicate", "@id"}, "object": {rdfNS + "object", "@id"},
	}
	for _, p := range schema.Predicates {
		kind := "@id"
		if p.ObjectIsDate {
			kind = string(xsdDate)
		}
		terms[string(p.Name)] = ldTerm{string(relIRI(p.Name)), kind}
	}
	return terms
}

var ldPrefixes = [][2]string{
	{"entity", entityBase}, {"article", articleBase}, {"statement", statementBase}, {"evidence", evidenceBase},
	{"rel", relBase}, {"type", typeBase}, {"nv", vocabBase}, {"schema", schemaOrg}, {"rdf", rdfNS}, {"xsd", xsdNS},
}

func ldContext(terms map[string]ldTerm) map[string]any {
	ctx := map[string]any{}
	for _, p := range ldPrefixes {
		ctx[p[0]] = p[1]
	}
	for name, t := range terms {
		if t.kind == "" {
			ctx[name] = compactIRI(t.iri)
		} else {
			ctx[name] = map[string]string{"@id": compactIRI(t.iri), "@type": compactIRI(t.kind)}
		}
	}
	for _, t := range schema.EntityTypes {
		ctx[string(t)] = compactIRI(string(typeIRI(t)))
	}
	ctx["Article"] = compactIRI(string(classArticle))
	ctx["Evidence"] = compactIRI(string(classEvidence))
	ctx["Statement"] = compactIRI(string(rdfStatement))
	return ctx
}

// compactIRI writes iri with the longest prefix that starts it.
func compactIRI(iri string) string {
	best := -1
	for i, p := range ldPrefixes {
		if strings.HasPrefix(iri, p[1]) && len(iri) > len(p[1]) && (best < 0 || len(p[1]) > len(ldPrefixes[best][1])) {
			best = i
		}
	}
	if best < 0 {
		return iri
	}
	return ldPrefixes[best][0] + ":" + iri[len(ldPrefixes[best][1]):]
}

// writeJSONLD writes typed, sorted quads as one JSON-LD document: a named
// graph per article, in it a node per subject, its properties under the
// context's terms (or, for a value the term's type does not fit, under the
// property's compact IRI with an explicit value object).
func writeJSONLD(w io.Writer, qs []quad.Quad) error {
	terms := ldTerms()
	byIRI := make(map[string]string, len(terms))
	for name, t := range terms {
		byIRI[t.iri] = name
	}
	type node = map[string]any
	byLabel := map[string][]quad.Quad{}
	labelOf := map[string]quad.Value{}
	for _, q := range qs {
		k := ""
		if q.Label != nil {
			k = q.Label.String()
		}
		byLabel[k] = append(byLabel[k], q)
		labelOf[k] = q.Label
	}
	var top []any
	for _, l := range slices.Sorted(maps.Keys(byLabel)) {
		// sorted by their N-Quads line, a label's quads come by subject
		var nodes []any
		var n node
		var subj quad.Value
		for _, q := range byLabel[l] {
			if n == nil || q.Subject != subj {
				n, subj = node{"@id": ldID(q.Subject)}, q.Subject
				nodes = append(nodes, n)
			}
			key, val := ldProperty(q, terms, byIRI)
			if key == "@type" {
				val = ldTypeName(q.Object)
			}
			n[key] = appendValue(n[key], val)
		}
		if l == "" {
			top = append(top, nodes...)
		} else {
			top = append(top, node{"@id": ldID(labelOf[l]), "@graph": nodes})
		}
	}
	doc := map[string]any{"@context": ldContext(terms), "@graph": top}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil { // maps encode with sorted keys
		return err
	}
	return bw.Flush()
}

// appendValue adds v to a property's values: one value stays a value,
// more become a list.
func appendValue(have, v any) any {
	switch h := have.(type) {
	case nil:
		return v
	case []any:
		return append(h, v)
	default:
		return []any{h, v}
	}
}

func ldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return compactIRI(string(v))
	case quad.BNode:
		return "_:" + string(v)
	}
	return quad.StringOf(v)
}

// ldTypeName is a class by its term when the context has one.
func ldTypeName(v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok {
		return ldID(v)
	}
	switch quad.Value(iri) {
	case classArticle:
		return "Article"
	case classEvidence:
		return "Evidence"
	case rdfStatement:
		return "Statement"
	}
	if t, ok := iriSuffix(iri, typeBase); ok && schema.EntityType(t).Valid() {
		return t
	}
	return ldID(v)
}

// ldProperty picks the key and value of one quad's property: the term
// when the value is of the term's kind, else the compact IRI and a full
// value object.
func ldProperty(q quad.Quad, terms map[string]ldTerm, byIRI map[string]string) (string, any) {
	p := string(q.Predicate.(quad.IRI))
	if q.Predicate == rdfType {
		if _, ok := q.Object.(quad.IRI); ok {
			return "@type", nil
		}
	}
	name, ok := byIRI[p]
	if ok {
		t := terms[name]
		switch o := q.Object.(type) {
		case quad.IRI:
			if t.kind == "@id" {
				return name, ldID(o)
			}
		case quad.String:
			if t.kind == "" {
				return name, string(o)
			}
		case quad.TypedString:
			if string(o.Type) == t.kind {
				return name, ldTypedValue(o)
			}
		}
	}
	return compactIRI(p), ldValueObject(q.Object)
}

// ldTypedValue is a typed literal as the plain JSON its term's type turns
// back into the same literal: an integer as a number, the rest as their
// text.
func ldTypedValue(ts quad.TypedString) any {
	switch ts.Type {
	case xsdInteger:
		if n, err := strconv.ParseInt(string(ts.Value), 10, 64); err == nil {
			return n
		}
	}
	return string(ts.Value) // a decimal stays a string: a JSON number would become a double
}

func ldValueObject(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return map[string]any{"@id": ldID(v)}
	case quad.String:
		return map[string]any{"@value": string(v)}
	case quad.LangString:
		return map[string]any{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]any{"@value": string(v.Value), "@type": compactIRI(string(v.Type))}
	}
	return map[string]any{"@value": quad.StringOf(v)}
}
