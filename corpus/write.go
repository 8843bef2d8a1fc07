package corpus

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// fact is a relation stated by the sentence at [start, end) of the article.
type fact struct {
	rel        relSpec
	start, end int
}

// written is an article's text with everything the generator knows about
// it in absolute byte offsets.
type written struct {
	text     string
	title    string
	mentions []span
	titles   []keyTitle
	facts    []fact
}

// write lays the article out in the seed's form: "date YYYY-MM-DD
// headline", a Published line, paragraphs one to a line, a byline.
func (d *draft) write() *written {
	var b strings.Builder
	w := &written{}
	head := d.render((&deck{d: d, left: map[string][]*template{}}).next("head"))
	w.title = head.text
	published := "Published: " + d.pub.Format("2 Jan. 2006, 15:04")
	byline := "BY " + strings.ToUpper(d.author.full)
	withLine := "with the " + d.outlet
	overhead := len(strings.Fields(published+" "+byline+" "+withLine)) + 2 + head.words
	paras := d.paragraphs(overhead)

	b.WriteString("date " + d.pub.Format("2006-01-02") + " ")
	w.put(&b, head)
	b.WriteString("\n" + published + "\n")
	for _, p := range paras {
		for i, s := range p {
			if i > 0 {
				b.WriteByte(' ')
			}
			w.put(&b, s)
		}
		b.WriteByte('\n')
	}
	b.WriteString("BY ")
	w.mentions = append(w.mentions, span{key: "AUTHOR", start: b.Len(), end: b.Len() + len(byline) - 3})
	b.WriteString(byline[3:] + "\nwith the ")
	w.mentions = append(w.mentions, span{key: "OUTLET", start: b.Len(), end: b.Len() + len(d.outlet)})
	b.WriteString(d.outlet + "\n")
	w.text = b.String()
	return w
}

// put appends s at the end of b, moving its spans to article offsets.
func (w *written) put(b *strings.Builder, s sentence) {
	at := b.Len()
	for _, m := range s.mentions {
		m.start += at
		m.end += at
		w.mentions = append(w.mentions, m)
	}
	w.titles = append(w.titles, s.titles...)
	for _, r := range s.rels {
		w.facts = append(w.facts, fact{rel: r, start: at, end: at + len(s.text)})
	}
	b.WriteString(s.text)
}

// document is the ground truth of the written article, with its text:
// entities in order
// of first mention, merged by id (a capital that is also the host city is
// one Location), and the relations its sentences state.
func (d *draft) document(w *written) schema.Document {
	doc := schema.Document{Article: schema.Article{
		ID: d.name, Title: w.title, Published: d.pub.Format("2006-01-02"), Author: d.author.full,
		Publisher: d.outlet, Hash: sha256Hex(w.text), Words: len(strings.Fields(w.text)),
	}, Text: w.text}
	at := map[string]int{}
	for _, m := range w.mentions {
		e := d.ents[m.key]
		i, ok := at[e.id]
		if !ok {
			i = len(doc.Entities)
			at[e.id] = i
			doc.Entities = append(doc.Entities, schema.Entity{ID: e.id, Type: e.typ, Name: e.name, Confidence: 1})
		}
		ent := &doc.Entities[i]
		ent.Mentions = append(ent.Mentions, schema.Span{Start: m.start, End: m.end})
		if !m.noAlias {
			ent.Aliases = addName(ent.Name, ent.Aliases, w.text[m.start:m.end])
		}
	}
	for _, t := range w.titles {
		if i, ok := at[d.ents[t.key].id]; ok {
			doc.Entities[i].Titles = addName("", doc.Entities[i].Titles, t.title)
		}
	}
	seen := map[string]bool{}
	for _, f := range w.facts {
		r, ok := d.relation(f, at, w.text)
		if ok && !seen[r.Key()] {
			seen[r.Key()] = true
			doc.Relations = append(doc.Relations, r)
		}
	}
	return doc
}

// relation resolves a fact's ends to entity ids. An end the article never
// names (a template's relation to an entity it only implies) drops the fact.
func (d *draft) relation(f fact, at map[string]int, text string) (schema.Relation, bool) {
	subj := d.ents[f.rel.subj].id
	if _, ok := at[subj]; !ok {
		return schema.Relation{}, false
	}
	obj := d.sign.Format("2006-01-02")
	if f.rel.obj != signDate {
		obj = d.ents[f.rel.obj].id
		if _, ok := at[obj]; !ok {
			return schema.Relation{}, false
		}
	}
	return schema.Relation{Subject: subj, Predicate: f.rel.pred, Object: obj, Confidence: 1, Rule: "corpus",
		Evidence: schema.Evidence{Text: text[f.start:f.end], Start: f.start, End: f.end}}, true
}

// addName adds s to names unless it folds like name or one already there.
func addName(name string, names []string, s string) []string {
	f := schema.Fold(s)
	if f == schema.Fold(name) {
		return names
	}
	for _, n := range names {
		if schema.Fold(n) == f {
			return names
		}
	}
	return append(names, s)
}
