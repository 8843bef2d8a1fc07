package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/newsgraph/newsgraph/schema"
)

// A record is a Doc as bytes: what the store keeps beside each article's
// quads (its catalog), so that an index starts from the records rather
// than from every quad, and what other processes read from the feed of
// changes. It holds what Pack keeps of a document, in the document's
// terms, not the in-memory layout, so that the layout may change without
// the format:
//
//	format byte (recordFormat)
//	flags uvarint (1: the store keeps the article's text)
//	article: id, source, url, title, published, author, publisher, hash; words
//	entities: count; each id, type, name, confidence (8 bytes, the float's
//	  bits), aliases and titles (a count, then each), mentions (a count, then
//	  each start as the step from the last start, and length, as varints)
//	others: count; each (the relation ends that are not entities)
//	relations: count; each subject and object (the place of an entity, or
//	  the entities' count plus the place in others), predicate, rule,
//	  confidence (8 bytes), start, end, charStart, charEnd (varints), and a
//	  byte: 1 with the sentence after it when the record holds it, 0 when
//	  it is the span of the article's text
//
// Strings are a uvarint length and the bytes. A record names no version of
// the article: the store keeps that beside it.

// RecordFormat names the format of the records Record writes. A store
// whose catalog records another (an older) format builds its catalog again
// from the quads.
const RecordFormat = "newsgraph-record-1"

const recordFormat = 1

// Record returns the record of d.
func (d *Doc) Record() []byte {
	b := make([]byte, 0, 256+len(d.packed)+len(d.text)+64*len(d.Entities))
	b = append(b, recordFormat)
	var flags uint64
	if d.Article.hasText {
		flags |= 1
	}
	b = binary.AppendUvarint(b, flags)
	a := d.Article.article()
	for _, s := range []string{a.ID, a.Source, a.URL, a.Title, a.Published, a.Author, a.Publisher, a.Hash} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(a.Words))
	b = binary.AppendUvarint(b, uint64(len(d.Entities)))
	rd := packedReader{b: d.packed}
	for i := range d.Entities {
		e := &d.Entities[i]
		b = appendString(b, e.ID)
		b = appendString(b, string(e.typ()))
		b = appendString(b, e.name())
		b = binary.LittleEndian.AppendUint64(b, e.head.Value().conf)
		for _, names := range [][]string{values(d.aliases(i)), values(d.titles(i))} {
			b = binary.AppendUvarint(b, uint64(len(names)))
			for _, n := range names {
				b = appendString(b, n)
			}
		}
		b = appendSpans(b, rd.spans())
	}
	b = binary.AppendUvarint(b, uint64(len(d.others)))
	for _, o := range d.others {
		b = appendString(b, o.Value())
	}
	b = binary.AppendUvarint(b, uint64(d.nrels))
	d.eachRelation(func(_ uint32, r relation) {
		m := d.metas[r.meta].Value()
		b = binary.AppendUvarint(b, r.subject)
		b = binary.AppendUvarint(b, r.object)
		b = appendString(b, string(m.predicate))
		b = appendString(b, m.rule)
		b = binary.LittleEndian.AppendUint64(b, m.conf)
		for _, v := range []int{r.start, r.end, r.charStart, r.charEnd} {
			b = binary.AppendVarint(b, int64(v))
		}
		if r.held {
			b = append(b, 1)
			b = appendString(b, d.text[r.lo:r.hi])
		} else {
			b = append(b, 0)
		}
	})
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrRecord is wrapped by the errors of records that cannot be read.
var ErrRecord = errors.New("graph: bad record")

// DecodeRecord reads a record back into a Doc; it keeps none of b.
func DecodeRecord(b []byte) (*Doc, error) {
	d, hasText, held, err := decodeDocument(b)
	if err != nil {
		return nil, err
	}
	if !sortedDocument(&d) {
		return nil, fmt.Errorf("%w of article %q: entities or relations out of order", ErrRecord, d.Article.ID)
	}
	return pack(&d, hasText, func(i int, _ schema.Evidence) bool { return !held[i] }), nil
}

// DecodeDocument reads a record back into the document it was made from,
// the sentences that are spans of the article's text cut from text (the
// article's text, "" to leave them empty). The document's Text is not
// set.
func DecodeDocument(b []byte, text string) (schema.Document, error) {
	d, _, held, err := decodeDocument(b)
	if err != nil {
		return schema.Document{}, err
	}
	for i := range d.Relations {
		ev := &d.Relations[i].Evidence
		if !held[i] && 0 <= ev.Start && ev.Start <= ev.End && ev.End <= len(text) {
			ev.Text = text[ev.Start:ev.End]
		}
	}
	return d, nil
}

func sortedDocument(d *schema.Document) bool {
	for i := 1; i < len(d.Entities); i++ {
		if compareEntities(d.Entities[i-1], d.Entities[i]) > 0 {
			return false
		}
	}
	for i := 1; i < len(d.Relations); i++ {
		if compareRelations(d.Relations[i-1], d.Relations[i]) > 0 {
			return false
		}
	}
	return true
}

// recordReader reads a record, remembering the first thing wrong.
type recordReader struct {
	b   []byte
	err error
}

func (r *recordReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrRecord, what)
	}
	r.b = nil
}

func (r *recordReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("truncated number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *recordReader) varint() int {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("truncated number")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a count of items of at least one byte each.
func (r *recordReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("count past the end")
		return 0
	}
	return int(n)
}

func (r *recordReader) string() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *recordReader) float() float64 {
	if len(r.b) < 8 {
		r.fail("truncated number")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return math.Float64frombits(v)
}

func (r *recordReader) byte() byte {
	if len(r.b) < 1 {
		r.fail("truncated")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// decodeDocument reads a record into a document, whether the store keeps
// the article's text, and which relations' sentences the record holds.
func decodeDocument(b []byte) (schema.Document, bool, []bool, error) {
	r := &recordReader{b: b}
	if f := r.byte(); f != recordFormat && r.err == nil {
		return schema.Document{}, false, nil, fmt.Errorf("%w: format %d, want %d", ErrRecord, f, recordFormat)
	}
	var d schema.Document
	hasText := r.uvarint()&1 != 0
	a := &d.Article
	for _, s := range []*string{&a.ID, &a.Source, &a.URL, &a.Title, &a.Published, &a.Author, &a.Publisher, &a.Hash} {
		*s = r.string()
	}
	a.Words = int(r.uvarint())
	d.Entities = make([]schema.Entity, r.count())
	for i := range d.Entities {
		e := &d.Entities[i]
		e.ID, e.Type, e.Name = r.string(), schema.EntityType(r.string()), r.string()
		e.Confidence = r.float()
		for _, names := range []*[]string{&e.Aliases, &e.Titles} {
			if n := r.count(); n > 0 {
				*names = make([]string, n)
				for j := range *names {
					(*names)[j] = r.string()
				}
			}
		}
		if n := r.count(); n > 0 {
			e.Mentions = make([]schema.Span, n)
			prev := 0
			for j := range e.Mentions {
				start := prev + r.varint()
				e.Mentions[j] = schema.Span{Start: start, End: start + r.varint()}
				prev = start
			}
		}
	}
	others := make([]string, r.count())
	for i := range others {
		others[i] = r.string()
	}
	end := func(code uint64) string {
		switch {
		case code < uint64(len(d.Entities)):
			return d.Entities[code].ID
		case code-uint64(len(d.Entities)) < uint64(len(others)):
			return others[code-uint64(len(d.Entities))]
		}
		r.fail("a relation end out of range")
		return ""
	}
	d.Relations = make([]schema.Relation, r.count())
	held := make([]bool, len(d.Relations))
	for i := range d.Relations {
		rel := &d.Relations[i]
		rel.Subject, rel.Object = end(r.uvarint()), end(r.uvarint())
		rel.Predicate, rel.Rule = schema.Predicate(r.string()), r.string()
		rel.Confidence = r.float()
		ev := &rel.Evidence
		ev.Start, ev.End, ev.CharStart, ev.CharEnd = r.varint(), r.varint(), r.varint(), r.varint()
		if held[i] = r.byte() == 1; held[i] {
			ev.Text = r.string()
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("bytes past the end")
	}
	if r.err != nil {
		return schema.Document{}, false, nil, r.err
	}
	return d, hasText, held, nil
}
