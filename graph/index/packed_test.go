package index

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unique"

	"github.com/newsgraph/newsgraph/schema"
)

func sp(start, end int) schema.Span { return schema.Span{Start: start, End: end} }

func TestSpanPacking(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spans [][]schema.Span // one list per entity, packed back to back
	}{
		{"none", [][]schema.Span{nil}},
		{"one", [][]schema.Span{{sp(0, 5)}}},
		{"sorted", [][]schema.Span{{sp(3, 9), sp(120, 127), sp(10188, 10200)}}},
		{"repeated", [][]schema.Span{{sp(7, 9), sp(7, 9)}}},
		{"empty span", [][]schema.Span{{sp(4, 4)}}},
		{"end before start", [][]schema.Span{{sp(9, 3)}}},
		{"negative", [][]schema.Span{{sp(-5, 3), sp(-1, -7)}}},
		{"unsorted", [][]schema.Span{{sp(500, 510), sp(2, 3)}}},
		{"extremes", [][]schema.Span{{sp(math.MinInt, math.MaxInt), sp(math.MaxInt, math.MinInt), sp(0, math.MaxInt)}}},
		{"several entities", [][]schema.Span{{sp(1, 2)}, nil, {sp(3, 4), sp(5, 6)}, nil}},
	} {
		var b []byte
		for _, s := range tc.spans {
			b = appendSpans(b, s)
		}
		r := packedReader{b: b}
		for i, want := range tc.spans {
			if got := r.spans(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: entity %d: got %v, want %v", tc.name, i, got, want)
			}
		}
		if r.at != len(b) {
			t.Errorf("%s: read %d of %d bytes", tc.name, r.at, len(b))
		}
	}
}

func TestRelationPacking(t *testing.T) {
	d := Doc{Entities: []entityRec{{ID: "country/KR"}, {ID: "country/US"}},
		others: []unique.Handle[string]{unique.Make("2025-10-29")}, packed: []byte{0xff},
		text: strings.Repeat("x", 1<<20+300)}
	for i, tc := range []struct {
		s, o, meta      uint64
		held            bool
		lo, hi          int
		start, end      int
		subject, object string
	}{
		{0, 1, 0, true, 0, 0, 0, 0, "country/KR", "country/US"},
		{1, 2, 3, true, 0, 104, 300, 404, "country/US", "2025-10-29"},
		{0, 0, 1 << 20, true, 1 << 20, 1<<20 + 300, 5000, 4000, "country/KR", "country/KR"},
		{2, 1, 0, true, 0, 12, -42, 0, "2025-10-29", "country/US"},
		{0, 1, 0, true, 0, 1, math.MinInt, math.MaxInt, "country/KR", "country/US"},
		{0, 1, 0, true, 0, 1, math.MaxInt, math.MinInt, "country/KR", "country/US"},
		{0, 1, 0, false, 0, 0, 0, 0, "country/KR", "country/US"},
		{1, 0, 7, false, 0, 0, 300, 404, "country/US", "country/KR"},
		{0, 1, 0, false, 0, 0, math.MinInt, math.MaxInt, "country/KR", "country/US"},
		{0, 1, 0, false, 0, 0, math.MaxInt, math.MinInt, "country/KR", "country/US"},
	} {
		at := uint32(len(d.packed))
		// code point offsets: unknown, as the bytes, or past them both ways
		cs, ce := schema.NoOffset, schema.NoOffset
		switch i % 3 {
		case 1:
			cs, ce = tc.start, tc.end
		case 2:
			cs, ce = tc.end, tc.start
		}
		d.packed = appendRelation(d.packed, tc.held, tc.lo, tc.hi, tc.start, tc.end, cs, ce, tc.s, tc.o, tc.meta)
		d.packed = append(d.packed, 0xff) // what follows is not read
		r, next := d.relation(at)
		want := relation{held: tc.held, subject: tc.s, object: tc.o, meta: uint32(tc.meta), lo: tc.lo, hi: tc.hi, start: tc.start, end: tc.end,
			charStart: cs, charEnd: ce}
		if r != want || int(next) != len(d.packed)-1 {
			t.Errorf("%+v: read back %+v, next at %d of %d", tc, r, next, len(d.packed)-1)
		}
		if s, o := d.end(r.subject), d.end(r.object); s != tc.subject || o != tc.object {
			t.Errorf("%+v: ends %s, %s", tc, s, o)
		}
		if ev, held := d.evidence(at); held != tc.held || len(ev.Text) != tc.hi-tc.lo || ev.Start != tc.start || ev.End != tc.end || ev.CharStart != cs || ev.CharEnd != ce {
			t.Errorf("%+v: evidence %d bytes [%d, %d)", tc, len(ev.Text), ev.Start, ev.End)
		}
	}
}

// TestPackRoundTrip checks that packing loses nothing: a record unpacks,
// with its article's text, to its document (%#v tells nil from empty, and
// NaN is itself) but for the text itself, and its entities and relations
// come in order. Without the text, only the sentences that are not spans
// of it are left.
func TestPackRoundTrip(t *testing.T) {
	for _, d := range testDocs(t) {
		p := Pack(&d)
		want := sorted(d)
		want.Text = ""
		if got, w := fmt.Sprintf("%#v", p.Document(d.Text)), fmt.Sprintf("%#v", want); got != w {
			t.Errorf("%s: unpacked %s\nwant %s", d.Article.ID, got, w)
		}
		held := 0
		for i, r := range p.Document("").Relations {
			ev := want.Relations[i].Evidence
			inText := d.Text != "" && ev.End <= len(d.Text) && d.Text[ev.Start:ev.End] == ev.Text
			if r.Evidence.Text != "" {
				held++
			}
			if inText != (r.Evidence.Text == "") && ev.Text != "" {
				t.Errorf("%s: relation %d: sentence %q without the text, want it held %v", d.Article.ID, i, r.Evidence.Text, !inText)
			}
		}
		if d.Text != "" && held > 0 {
			t.Errorf("%s: %d sentences held, though every one is a span of the text", d.Article.ID, held)
		}
		if p.HasText() != (d.Text != "") || p.ID() != d.Article.ID || p.Hash() != d.Article.Hash {
			t.Errorf("%s: record of %q, hash %q, text %v", d.Article.ID, p.ID(), p.Hash(), p.HasText())
		}
		for i := range want.Entities {
			if e := p.entity(want.Entities[i].ID); e != &p.Entities[i] {
				t.Errorf("%s: entity(%q) = %v, want record %d", d.Article.ID, want.Entities[i].ID, e, i)
			}
		}
		if p.entity("nope") != nil {
			t.Errorf("%s: entity(nope) found", d.Article.ID)
		}
	}
}

// sorted is d with its entities and relations in the order a record keeps
// them.
func sorted(d schema.Document) schema.Document {
	d.Entities, d.Relations = slices.Clone(d.Entities), slices.Clone(d.Relations)
	slices.SortStableFunc(d.Entities, func(a, b schema.Entity) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Relations, compareRelations)
	return d
}

// TestIndexBookkeeping stages and takes out articles in random order and
// checks the index against one built from what remains: each entity's
// articles, each statement's assertions and the lists of statements by
// entity, with the places the statements keep in them.
func TestIndexBookkeeping(t *testing.T) {
	byID := map[string]schema.Document{}
	for _, d := range testDocs(t) {
		byID[d.Article.ID] = d
	}
	ids := slices.Sorted(maps.Keys(byID))
	ix := New()
	rng := rand.New(rand.NewPCG(1, 2))
	live := map[string]bool{}
	for round := range 6 {
		touched := map[string]bool{}
		for range len(ids) / 2 {
			id := ids[rng.IntN(len(ids))]
			if live[id] && rng.IntN(2) == 0 {
				ix.stage(id, nil, touched)
				delete(live, id)
			} else {
				d := byID[id]
				ix.stage(id, Pack(&d), touched)
				live[id] = true
			}
		}
		ix.remerge(touched)
		want := New()
		touched = map[string]bool{}
		for _, id := range slices.Sorted(maps.Keys(live)) {
			d := byID[id]
			want.stage(id, Pack(&d), touched)
		}
		want.remerge(touched)
		checkIndex(t, round, ix, want)
	}
}

func checkIndex(t *testing.T, round int, got, want *Index) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(got.ents)), slices.Sorted(maps.Keys(want.ents))) {
		t.Fatalf("round %d: entities differ", round)
	}
	for id, agg := range got.ents {
		if !reflect.DeepEqual(agg.merged, want.ents[id].merged) || !slices.Equal(articlesOfAgg(agg), articlesOfAgg(want.ents[id])) {
			t.Errorf("round %d: entity %s: articles %v, want %v", round, id, articlesOfAgg(agg), articlesOfAgg(want.ents[id]))
		}
	}
	if !slices.EqualFunc(sortedStmtKeys(got.stmts), sortedStmtKeys(want.stmts), func(a, b stmtKey) bool { return a == b }) {
		t.Fatalf("round %d: statements differ", round)
	}
	for k, st := range got.stmts {
		if g, w := edge(st), edge(want.stmts[k]); !reflect.DeepEqual(g, w) || got.byID[st.id] != st {
			t.Errorf("round %d: statement %v: %+v, want %+v", round, k, g, w)
		}
		for i := 1; i < len(st.asrt); i++ {
			if compareAssertions(st.asrt[i-1], st.asrt[i]) > 0 {
				t.Errorf("round %d: statement %v: assertions out of order", round, k)
			}
		}
	}
	if len(got.adj) != len(want.adj) {
		t.Errorf("round %d: %d entities with statements, want %d", round, len(got.adj), len(want.adj))
	}
	for id, l := range got.adj {
		keys := make([]stmtKey, len(l))
		for i, st := range l {
			keys[i] = st.key
			if end := map[bool]int{true: 0, false: 1}[st.key.S == id]; int(st.at[end]) != i {
				t.Errorf("round %d: %s: statement %v is at %d, thinks %d", round, id, st.key, i, st.at[end])
			}
			if got.stmts[st.key] != st {
				t.Errorf("round %d: %s lists statement %v, which is gone", round, id, st.key)
			}
		}
		wantKeys := make([]stmtKey, len(want.adj[id]))
		for i, st := range want.adj[id] {
			wantKeys[i] = st.key
		}
		slices.SortFunc(keys, compareKeys)
		slices.SortFunc(wantKeys, compareKeys)
		if !slices.Equal(keys, wantKeys) {
			t.Errorf("round %d: %s takes part in %v, want %v", round, id, keys, wantKeys)
		}
	}
}

func articlesOfAgg(agg *entityAgg) []string {
	var out []string
	for _, sd := range agg.by {
		out = append(out, sd.Article.id())
	}
	return out
}

func sortedStmtKeys(m map[stmtKey]*stmtAgg) []stmtKey {
	keys := make([]stmtKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareKeys)
	return keys
}

// TestApplyVersions: a change read after a later one of the same article
// is left out, a removal included.
func TestApplyVersions(t *testing.T) {
	d := fixture(t, mou)
	v1, v2 := Pack(&d), Pack(&d)
	ix := New()
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Doc: v2, Version: 2}})
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Doc: v1, Version: 1}})
	if got := ix.Doc("korea-us-mou.txt"); got != v2 {
		t.Errorf("version 1 read after version 2 replaced it")
	}
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Version: 3}})
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Doc: v2, Version: 2}})
	if ix.Doc("korea-us-mou.txt") != nil {
		t.Errorf("version 2 read after its removal (3) brought the article back")
	}
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Doc: v1, Version: 4}})
	if ix.Doc("korea-us-mou.txt") != v1 {
		t.Errorf("version 4 after the removal not applied")
	}
	ix.Apply([]Change{{ID: "korea-us-mou.txt", Doc: v2}}) // no version: applied
	if ix.Doc("korea-us-mou.txt") != v2 {
		t.Errorf("a change without a version not applied")
	}
}

// TestApplyBehind: a read that starts once ApplyBehind has returned sees
// its changes, though they are applied on another goroutine; and an index
// given a batch behind answers as one given it at once.
func TestApplyBehind(t *testing.T) {
	docs := testDocs(t)
	changes := make([]Change, len(docs))
	for i := range docs {
		changes[i] = Change{ID: docs[i].Article.ID, Doc: Pack(&docs[i])}
	}
	ix := New()
	done := ix.ApplyBehind(changes)
	for _, c := range changes {
		if ix.Doc(c.ID) != c.Doc {
			t.Fatalf("article %s: not read after ApplyBehind returned", c.ID)
		}
	}
	<-done
	ctx := context.Background()
	got, err := ix.Stats(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want, err := build(docs).Stats(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("stats after ApplyBehind:\n%+v\nafter Load:\n%+v", got, want)
	}
}
