package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"unique"

	"github.com/newsgraph/newsgraph/schema"
)

// Doc is one article's document as the index holds it. Every article
// of the store is held in memory, so it keeps a decoded schema.Document in
// less than half the space, and the reads convert what they return:
//
//   - Strings that many articles repeat (entity names, aliases, titles,
//     dates, authors) are interned and held by unique.Handle, which is half
//     a string header and keeps the interning alive: a string taken from
//     Handle.Value alone lets the canonical copy go at the next collection,
//     and the next article to intern it makes a copy of its own. Entity ids
//     are the index's own copy once the article is staged.
//   - The attributes that take a few values (an entity's name, type and
//     confidence; a relation's predicate, rule and confidence) are
//     interned together.
//   - An evidence sentence that is the span of the article's text its
//     offsets name (every sentence the extractor gives) is not held: the
//     store keeps the text, and FillSentences reads it when a sentence is
//     asked for. The others (an article stored without its text, by an
//     earlier version) are one string, each distinct sentence once.
//   - Mention spans and relations are varints in one byte slice. A relation
//     is addressed by its offset there, which the index's assertions keep,
//     and names its ends by their place among the article's entities.
//
// Nothing is rounded: Pack(d).Document(d.Text) is d but for the file
// path, so the reads and the quads an article contributed are what the
// schema.Document gave. Entities is named as in schema.Document; the
// benchmarks pick entities from it.
type Doc struct {
	// The fields the reads of evidence use come first, close together.
	text string // the held evidence sentences, back to back
	// packed holds, for each entity in turn, its mention spans (see
	// appendSpans), then the relations in compareRelations order (see
	// appendRelation), nrels of them from offset rels.
	packed   []byte
	Article  articleRec
	Entities []entityRec             // sorted by ID
	names    []unique.Handle[string] // the aliases, then the titles, of each entity in turn
	// others are the relation ends that are not entities of the article
	// (dates, or an entity an import left out), metas the distinct
	// predicate, rule and confidence of its relations.
	others      []unique.Handle[string]
	metas       []unique.Handle[relationMeta]
	rels, nrels uint32
	version     int64 // the store's version of the article, once applied
}

// articleRec is an article's metadata: the strings of its own (id, source,
// URL, title, hash) back to back in one, the ones articles share interned.
//
// The article's text is not held: the store keeps it in Cayley, where the
// reads that want it look it up (Store.ArticleText), and hasText says that
// it is there.
type articleRec struct {
	strs              string
	date              unique.Handle[string]
	ends              [4]uint32 // where the id, source, URL and title end in strs
	words             int
	author, publisher unique.Handle[string]
	hasText           bool
}

func packArticle(a schema.Article, hasText bool) articleRec {
	var b strings.Builder
	b.Grow(len(a.ID) + len(a.Source) + len(a.URL) + len(a.Title) + len(a.Hash))
	r := articleRec{words: a.Words, date: unique.Make(a.Published), author: unique.Make(a.Author), publisher: unique.Make(a.Publisher),
		hasText: hasText}
	for i, s := range []string{a.ID, a.Source, a.URL, a.Title} {
		b.WriteString(s)
		r.ends[i] = uint32(b.Len())
	}
	b.WriteString(a.Hash)
	r.strs = b.String()
	return r
}

// ID is the article's id, Hash the hash of its text, and HasText says
// whether the store holds its text.
func (d *Doc) ID() string    { return d.Article.id() }
func (d *Doc) Hash() string  { return d.Article.hash() }
func (d *Doc) HasText() bool { return d.Article.hasText }

func (a *articleRec) id() string        { return a.strs[:a.ends[0]] }
func (a *articleRec) published() string { return a.date.Value() }
func (a *articleRec) hash() string      { return a.strs[a.ends[3]:] }

func (a *articleRec) article() schema.Article {
	return schema.Article{ID: a.id(), Source: a.strs[a.ends[0]:a.ends[1]], URL: a.strs[a.ends[1]:a.ends[2]],
		Title: a.strs[a.ends[2]:a.ends[3]], Published: a.date.Value(), Author: a.author.Value(),
		Publisher: a.publisher.Value(), Hash: a.hash(), Words: a.words}
}

// entityRec is one article's record of an entity. Its mentions are not
// addressed: the reads that want them (ArticleEntities, the quads of the
// article) walk every entity of the article in order (see packedReader).
type entityRec struct {
	ID       string // the index's copy once staged (see index.stage)
	head     unique.Handle[entityHead]
	aliasEnd uint32 // its aliases are names[titleEnd of the entity before:aliasEnd]
	titleEnd uint32 // its titles names[aliasEnd:titleEnd]
}

// entityHead is what an entity record shares with the records of most
// other articles that name the entity: its name, type and confidence,
// interned together, so that a record holds one handle for the three (an
// article's record holds one per entity it names, a kilobyte in all).
// A confidence is kept as its bits, so that -0 and NaN read back as
// decoded (unique compares with ==, for which -0 is 0 and NaN is no value
// at all).
type entityHead struct {
	name string
	typ  schema.EntityType
	conf uint64
}

func (e *entityRec) name() string { return e.head.Value().name }

func (e *entityRec) typ() schema.EntityType { return e.head.Value().typ }

func (e *entityRec) confidence() float64 { return math.Float64frombits(e.head.Value().conf) }

type relationMeta struct {
	predicate schema.Predicate
	rule      string
	conf      uint64 // bits, as in entityHead
}

func (m relationMeta) confidence() float64 { return math.Float64frombits(m.conf) }

// relation is one relation as packed: its sentence (text[lo:hi] when
// held, else the span [start, end) of the article's text) with its
// offsets in the article, the codes of its ends (see end) and its meta (an
// index into metas).
type relation struct {
	held               bool
	lo, hi             int
	start, end         int
	charStart, charEnd int
	subject, object    uint64
	meta               uint32
}

// entity returns the article's own record of entity id, or nil.
func (d *Doc) entity(id string) *entityRec {
	if i, ok := d.entityIndex(id); ok {
		return &d.Entities[i]
	}
	return nil
}

func (d *Doc) entityIndex(id string) (int, bool) {
	return slices.BinarySearchFunc(d.Entities, id, func(e entityRec, id string) int { return cmp.Compare(e.ID, id) })
}

// aliases and titles return the names of the entity at i.
func (d *Doc) aliases(i int) []unique.Handle[string] {
	return d.names[d.namesStart(i):d.Entities[i].aliasEnd]
}

func (d *Doc) titles(i int) []unique.Handle[string] {
	return d.names[d.Entities[i].aliasEnd:d.Entities[i].titleEnd]
}

func (d *Doc) namesStart(i int) uint32 {
	if i == 0 {
		return 0
	}
	return d.Entities[i-1].titleEnd
}

// relation reads the relation packed at offset at, and returns where the
// next one starts.
func (d *Doc) relation(at uint32) (relation, uint32) {
	rd := packedReader{b: d.packed, at: int(at)}
	var r relation
	r.held, r.lo, r.hi, r.start, r.end, r.charStart, r.charEnd = rd.evidence()
	r.subject, r.object, r.meta = rd.uvarint(), rd.uvarint(), uint32(rd.uvarint())
	return r, uint32(rd.at)
}

// evidence returns the evidence of the relation packed at offset at,
// without its article, and whether its sentence is held; a sentence of the
// article's text is left empty (see FillSentences). It reads only the
// start of the entry: the reads of evidence go through thousands of
// assertions for a well-known statement.
func (d *Doc) evidence(at uint32) (schema.Evidence, bool) {
	rd := packedReader{b: d.packed, at: int(at)}
	held, lo, hi, start, end, cs, ce := rd.evidence()
	ev := schema.Evidence{Start: start, End: end, CharStart: cs, CharEnd: ce}
	if held {
		ev.Text = d.text[lo:hi]
	}
	return ev, held
}

// end names a relation end by its code (see appendRelation).
func (d *Doc) end(code uint64) string {
	if code < uint64(len(d.Entities)) {
		return d.Entities[code].ID
	}
	return d.others[code-uint64(len(d.Entities))].Value()
}

// eachRelation calls fn with every relation in order and its offset.
func (d *Doc) eachRelation(fn func(at uint32, r relation)) {
	at := d.rels
	for range d.nrels {
		r, next := d.relation(at)
		fn(at, r)
		at = next
	}
}

// key is the statement r makes.
func (d *Doc) key(r relation) stmtKey {
	return stmtKey{S: d.end(r.subject), P: d.metas[r.meta].Value().predicate, O: d.end(r.object)}
}

// Pack makes the record of a document, as the store keeps it (see
// quadlog.Stored): its entities by id, its relations in
// compareRelations order; Pack sorts copies of them if they are not.
// Offsets into names and packed are 32-bit: an article would need billions
// of names or mentions to overflow them.
func Pack(d *schema.Document) *Doc {
	if !slices.IsSortedFunc(d.Entities, compareEntities) || !slices.IsSortedFunc(d.Relations, compareRelations) {
		s := *d
		s.Entities, s.Relations = slices.Clone(d.Entities), slices.Clone(d.Relations)
		slices.SortStableFunc(s.Entities, compareEntities)
		slices.SortStableFunc(s.Relations, compareRelations)
		d = &s
	}
	text := d.Text
	return pack(d, text != "", func(_ int, ev schema.Evidence) bool {
		return text != "" && 0 <= ev.Start && ev.Start <= ev.End && ev.End <= len(text) && text[ev.Start:ev.End] == ev.Text
	})
}

// pack packs d, sorted, whose relation i's sentence is the span of the
// article's text when inText says so.
func pack(d *schema.Document, hasText bool, inText func(i int, ev schema.Evidence) bool) *Doc {
	p := &Doc{Article: packArticle(d.Article, hasText), Entities: make([]entityRec, len(d.Entities))}
	nnames := 0
	for _, e := range d.Entities {
		nnames += len(e.Aliases) + len(e.Titles)
	}
	if nnames > 0 {
		p.names = make([]unique.Handle[string], 0, nnames)
	}
	for i, e := range d.Entities {
		for _, s := range e.Aliases {
			p.names = append(p.names, unique.Make(s))
		}
		aliasEnd := len(p.names)
		for _, s := range e.Titles {
			p.names = append(p.names, unique.Make(s))
		}
		p.Entities[i] = entityRec{ID: e.ID,
			head:     unique.Make(entityHead{name: e.Name, typ: e.Type, conf: math.Float64bits(e.Confidence)}),
			aliasEnd: uint32(aliasEnd), titleEnd: uint32(len(p.names))}
		p.packed = appendSpans(p.packed, e.Mentions)
	}
	p.packRelations(d.Relations, inText)
	// Growing by append leaves up to half the slice unused, and every article
	// is kept: keep an exact copy.
	p.packed = bytes.Clone(p.packed)
	return p
}

// packRelations packs rels after the mention spans, with the sentences
// that are not spans of the article's text, each once, in text.
func (p *Doc) packRelations(rels []schema.Relation, inText func(i int, ev schema.Evidence) bool) {
	ends := make(map[string]uint64, len(p.Entities))
	for i, e := range p.Entities {
		ends[e.ID] = uint64(i)
	}
	code := func(id string) uint64 {
		c, ok := ends[id]
		if !ok {
			c = uint64(len(p.Entities) + len(p.others))
			ends[id] = c
			p.others = append(p.others, unique.Make(id))
		}
		return c
	}
	metas := map[relationMeta]uint64{}
	sentences := map[string]int{} // held sentence -> offset in text, -1 until written
	size := 0
	for i, r := range rels {
		if _, ok := sentences[r.Evidence.Text]; !ok && !inText(i, r.Evidence) {
			sentences[r.Evidence.Text] = -1
			size += len(r.Evidence.Text)
		}
	}
	var text strings.Builder
	text.Grow(size)
	p.rels, p.nrels = uint32(len(p.packed)), uint32(len(rels))
	for i, r := range rels {
		m := relationMeta{predicate: r.Predicate, rule: r.Rule, conf: math.Float64bits(r.Confidence)}
		mi, ok := metas[m]
		if !ok {
			mi = uint64(len(p.metas))
			metas[m] = mi
			p.metas = append(p.metas, unique.Make(m))
		}
		ev := r.Evidence
		held, lo := !inText(i, ev), 0
		if held {
			lo = sentences[ev.Text]
			if lo < 0 {
				lo = text.Len()
				sentences[ev.Text] = lo
				text.WriteString(ev.Text)
			}
		}
		p.packed = appendRelation(p.packed, held, lo, lo+len(ev.Text), ev.Start, ev.End, ev.CharStart, ev.CharEnd,
			code(r.Subject), code(r.Object), mi)
	}
	p.text = text.String()
	p.others, p.metas = slices.Clip(p.others), slices.Clip(p.metas)
}

// Document unpacks the document. The sentences that are spans of the
// article's text are read from text, the article's text: with "", they are
// left empty.
func (d *Doc) Document(text string) schema.Document {
	out := schema.Document{
		Article:   d.Article.article(),
		Entities:  make([]schema.Entity, len(d.Entities)),
		Relations: make([]schema.Relation, 0, d.nrels),
	}
	rd := packedReader{b: d.packed}
	for i := range d.Entities {
		e := &d.Entities[i]
		out.Entities[i] = schema.Entity{ID: e.ID, Type: e.typ(), Name: e.name(), Confidence: e.confidence(),
			Aliases: values(d.aliases(i)), Titles: values(d.titles(i)), Mentions: rd.spans()}
	}
	d.eachRelation(func(_ uint32, r relation) {
		m := d.metas[r.meta].Value()
		ev := schema.Evidence{Start: r.start, End: r.end, CharStart: r.charStart, CharEnd: r.charEnd}
		switch {
		case r.held:
			ev.Text = d.text[r.lo:r.hi]
		case r.start <= r.end && r.end <= len(text):
			ev.Text = text[r.start:r.end]
		}
		out.Relations = append(out.Relations, schema.Relation{Subject: d.end(r.subject), Predicate: m.predicate, Object: d.end(r.object),
			Confidence: m.confidence(), Rule: m.rule, Evidence: ev})
	})
	return out
}

// values returns the strings of hs, nil for none (as decoding leaves an
// entity without aliases).
func values(hs []unique.Handle[string]) []string {
	if len(hs) == 0 {
		return nil
	}
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Value()
	}
	return out
}

// appendSpans packs an entity's mention spans: their count, then for each
// its start as the step from the previous start, and its length, as
// varints. Mentions are short and sorted, so most take two or three bytes
// instead of sixteen. The arithmetic wraps both ways, so any int survives.
func appendSpans(b []byte, spans []schema.Span) []byte {
	b = binary.AppendUvarint(b, uint64(len(spans)))
	prev := 0
	for _, s := range spans {
		b = binary.AppendVarint(b, int64(s.Start-prev))
		b = binary.AppendVarint(b, int64(s.End-s.Start))
		prev = s.Start
	}
	return b
}

// packedReader reads back, in order, what appendSpans and appendRelation
// packed.
type packedReader struct {
	b  []byte
	at int
}

// spans returns the spans of the next entity, nil for none.
func (r *packedReader) spans() []schema.Span {
	n := r.uvarint()
	if n == 0 {
		return nil
	}
	out := make([]schema.Span, n)
	prev := 0
	for i := range out {
		start := prev + int(r.varint())
		out[i] = schema.Span{Start: start, End: start + int(r.varint())}
		prev = start
	}
	return out
}

func (r *packedReader) uvarint() uint64 {
	if b := r.b[r.at]; b < 0x80 { // most values are small: skip the loop
		r.at++
		return uint64(b)
	}
	v, n := binary.Uvarint(r.b[r.at:])
	r.at += n
	return v
}

// varint undoes the zig-zag of binary.AppendVarint.
func (r *packedReader) varint() int64 {
	u := r.uvarint()
	if u&1 != 0 {
		return ^int64(u >> 1)
	}
	return int64(u >> 1)
}

// evidence reads what appendRelation packs first.
func (r *packedReader) evidence() (held bool, lo, hi, start, end, charStart, charEnd int) {
	if v := r.uvarint(); v > 0 {
		held, lo = true, int(v-1)
		hi = lo + int(r.uvarint())
	}
	start = int(r.varint())
	end = start + (hi - lo) + int(r.varint())
	charStart = int(r.varint())
	charEnd = charStart + int(r.varint())
	return held, lo, hi, start, end, charStart, charEnd
}

// appendRelation packs one relation: where its sentence lies in the
// document's text ([lo, hi)) when it is held, as lo+1 and the length, or
// 0 when the sentence is the article text's span; its offsets in the
// article (the start, and the end as its distance from start beyond the
// held sentence's length, which is nothing when the offsets are the
// sentence's own); the code point offsets (the start, and the length);
// then the codes of its ends (the place of an entity of the article in
// Entities, or len(Entities) plus the place in others) and its meta, as
// varints. The evidence comes first, so that reading it stops there.
func appendRelation(b []byte, held bool, lo, hi, start, end, charStart, charEnd int, subject, object, meta uint64) []byte {
	if held {
		b = binary.AppendUvarint(b, uint64(lo)+1)
		b = binary.AppendUvarint(b, uint64(hi-lo))
	} else {
		b = append(b, 0)
		lo, hi = 0, 0
	}
	b = binary.AppendVarint(b, int64(start))
	b = binary.AppendVarint(b, int64(end-start-(hi-lo)))
	b = binary.AppendVarint(b, int64(charStart))
	b = binary.AppendVarint(b, int64(charEnd-charStart))
	for _, v := range []uint64{subject, object, meta} {
		b = binary.AppendUvarint(b, v)
	}
	return b
}

func compareEntities(a, b schema.Entity) int { return cmp.Compare(a.ID, b.ID) }

// compareRelations orders an article's relations: by statement, then by
// the evidence's offsets.
func compareRelations(a, b schema.Relation) int {
	return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Object, b.Object), cmp.Compare(a.Evidence.Start, b.Evidence.Start),
		cmp.Compare(a.Evidence.End, b.Evidence.End))
}
