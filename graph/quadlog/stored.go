package quadlog

import (
	"cmp"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// Stored returns d as the store keeps it: what decoding the quads encode
// writes for d gives back, computed from d alone, so that a write goes one
// way (document to quads, document to the read index) with no decoding of
// quads. The file path (Source) is not kept; aliases other than the name,
// titles and mentions are kept once each, sorted; entities by id;
// relations in (subject, predicate, object, start, end) order, one per
// evidence node (encode names an evidence node by those and the article);
// code point offsets only with a text. d must have passed Validate.
// TestStoredIsDecoded holds it to the quads' round trip.
func Stored(d *schema.Document) schema.Document {
	out := schema.Document{Article: d.Article, Text: d.Text}
	out.Article.Source = ""
	out.Entities = make([]schema.Entity, len(d.Entities))
	for i, e := range d.Entities {
		out.Entities[i] = storedEntity(e)
	}
	slices.SortFunc(out.Entities, func(a, b schema.Entity) int { return cmp.Compare(a.ID, b.ID) })
	out.Relations = make([]schema.Relation, 0, len(d.Relations))
	for _, r := range d.Relations {
		if d.Text == "" || r.Evidence.CharStart < 0 || r.Evidence.CharEnd < 0 {
			r.Evidence.CharStart, r.Evidence.CharEnd = schema.NoOffset, schema.NoOffset
		}
		r.Evidence.Article, r.Evidence.Published, r.Evidence.Confidence, r.Evidence.Rule = "", "", 0, ""
		out.Relations = append(out.Relations, r)
	}
	slices.SortStableFunc(out.Relations, compareRelations)
	// Relations with one evidence node between them share its quads: the
	// first one's stand (a validated document from the extractor has none
	// such).
	out.Relations = slices.CompactFunc(out.Relations, func(a, b schema.Relation) bool { return compareRelations(a, b) == 0 })
	return out
}

func storedEntity(e schema.Entity) schema.Entity {
	out := schema.Entity{ID: e.ID, Type: e.Type, Name: e.Name, Confidence: e.Confidence}
	for _, a := range e.Aliases {
		if a != "" && a != e.Name {
			out.Aliases = append(out.Aliases, a)
		}
	}
	for _, t := range e.Titles {
		if t != "" {
			out.Titles = append(out.Titles, t)
		}
	}
	out.Aliases, out.Titles = sortedSet(out.Aliases), sortedSet(out.Titles)
	if len(e.Mentions) > 0 {
		out.Mentions = slices.Clone(e.Mentions)
		slices.SortFunc(out.Mentions, func(a, b schema.Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
		out.Mentions = slices.Compact(out.Mentions)
	}
	return out
}

// sortedSet sorts s and drops repeats; nil stays nil, as decoding leaves
// an entity without aliases.
func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
