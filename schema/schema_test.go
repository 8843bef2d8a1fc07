package schema

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	// the folding rule of the guidelines' scoring
	tests := map[string]string{
		"U.S.":               "us",
		"US":                 "us",
		"Leaders’ Meeting":   "leaders meeting",
		"Brasília":           "brasilia",
		"Korea-U.S. summit":  "korea us summit",
		"  Rösti  ":          "rosti",
		"François-Phillippe": "francois phillippe",
		"Xi Jinping's":       "xi jinpings",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntityID(t *testing.T) {
	if got := EntityID(Country, "kr"); got != "country/KR" {
		t.Errorf("country id = %q", got)
	}
	if got := EntityID(Person, "Ha Jung-woo"); got != "person/ha-jung-woo" {
		t.Errorf("person id = %q", got)
	}
	if typ, ok := TypeOfID("agreement/x"); !ok || typ != Agreement {
		t.Errorf("TypeOfID = %v, %v", typ, ok)
	}
}

func TestPredicatesAllow(t *testing.T) {
	tests := []struct {
		p    Predicate
		s, o EntityType
		want bool
	}{
		{Signed, Country, Agreement, true},
		{Signed, Agreement, Country, false},
		{PartOf, Ministry, Country, true},
		{PartOf, Event, Event, true},
		{PartOf, Event, Country, false},
		{SignedOn, Agreement, "", true},
		{Represents, Person, Country, true},
		{Attended, Location, Event, false},
	}
	for _, tt := range tests {
		spec, ok := Spec(tt.p)
		if !ok {
			t.Fatalf("no spec for %s", tt.p)
		}
		if got := spec.Allows(tt.s, tt.o); got != tt.want {
			t.Errorf("%s %s->%s = %v, want %v", tt.p, tt.s, tt.o, got, tt.want)
		}
	}
	if len(Predicates) != 10 || len(EntityTypes) != 8 {
		t.Errorf("ontology has %d predicates and %d types, want 10 and 8", len(Predicates), len(EntityTypes))
	}
}

func TestSectors(t *testing.T) {
	defs := Sectors()
	if len(defs) != 22 {
		t.Fatalf("%d sectors, want the guidelines' 22", len(defs))
	}
	for _, d := range defs {
		if len(d.Surface) == 0 {
			t.Errorf("sector %s has no surface forms", d.Name)
		}
	}
	if _, err := parseSectors("Broken line without tab\n"); err == nil {
		t.Error("a malformed line parsed")
	}
}

func TestValidate(t *testing.T) {
	ok := Document{
		Article: Article{ID: "a"},
		Entities: []Entity{
			{ID: "country/KR", Type: Country, Name: "South Korea", Mentions: []Span{{0, 5}}},
			{ID: "agreement/x", Type: Agreement, Name: "X"},
		},
		Relations: []Relation{
			{Subject: "country/KR", Predicate: Signed, Object: "agreement/x", Confidence: 0.9, Evidence: Evidence{Start: 0, End: 5}},
			{Subject: "agreement/x", Predicate: SignedOn, Object: "2025-10-29", Confidence: 0.8},
		},
	}
	if err := ok.Validate(10); err != nil {
		t.Fatalf("valid document refused: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(*Document)
		want   string
	}{
		{"unknown type", func(d *Document) { d.Entities[0].Type = "Planet" }, "unknown type"},
		{"duplicate id", func(d *Document) { d.Entities[1].ID = "country/KR" }, "appears twice"},
		{"dangling object", func(d *Document) { d.Relations[0].Object = "agreement/none" }, "not an entity"},
		{"wrong direction", func(d *Document) { d.Relations[0].Subject, d.Relations[0].Object = "agreement/x", "country/KR" }, "does not allow"},
		{"bad date", func(d *Document) { d.Relations[1].Object = "29 Oct 2025" }, "not a YYYY-MM-DD"},
		{"span outside", func(d *Document) { d.Entities[0].Mentions[0].End = 50 }, "outside"},
		{"confidence", func(d *Document) { d.Relations[0].Confidence = 1.5 }, "confidence"},
		{"confidence NaN", func(d *Document) { d.Relations[0].Confidence = math.NaN() }, "confidence"},
		{"entity confidence", func(d *Document) { d.Entities[1].Confidence = -0.5 }, "confidence"},
		{"entity confidence NaN", func(d *Document) { d.Entities[0].Confidence = math.NaN() }, "confidence"},
	}
	for _, tt := range tests {
		d := ok
		d.Entities = append([]Entity(nil), ok.Entities...)
		d.Entities[0].Mentions = append([]Span(nil), ok.Entities[0].Mentions...)
		d.Relations = append([]Relation(nil), ok.Relations...)
		tt.mutate(&d)
		err := d.Validate(10)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestBareKind(t *testing.T) {
	tests := map[string]bool{
		"agreement":                        true,
		"the deal":                         true,
		"MoU":                              true,
		"M.O.U.":                           true,
		"Memorandum of Understanding":      true,
		"memoranda of understanding":       true,
		"a treaty":                         true,
		"this pact":                        true,
		"new accord":                       true,
		"the Joint Statement":              true,
		"exchange of notes":                true,
		"the Union":                        true,
		"Falepili Union":                   false,
		"MoU between KEPCO and Ecopetrol":  false,
		"Chile-Norway trade deal":          false,
		"the hydrogen supply agreement":    false,
		"trade agreement":                  false,
		"the the deal":                     false, // one determiner is dropped, as the guidelines say
		"":                                 false,
		"Korea-U.S. Technology Prosperity": false,
	}
	for in, want := range tests {
		if got := BareKind(in); got != want {
			t.Errorf("BareKind(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestScopedEntityID(t *testing.T) {
	tests := []struct {
		typ                 EntityType
		name, article, want string
	}{
		{Event, "signing ceremony", "korea-us-mou.txt", "event/signing-ceremony/korea-us-mou.txt"},
		{Agreement, "MoU between KEPCO and Ecopetrol", "Wire Story 12.html", "agreement/mou-between-kepco-and-ecopetrol/wire-story-12.html"},
		{Event, "bilateral meeting", "feed/2025/06:abc", "event/bilateral-meeting/feed-2025-06-abc"},
	}
	for _, tt := range tests {
		if got := ScopedEntityID(tt.typ, tt.name, tt.article); got != tt.want {
			t.Errorf("ScopedEntityID(%s, %q, %q) = %q, want %q", tt.typ, tt.name, tt.article, got, tt.want)
		}
	}
	if typ, ok := TypeOfID(ScopedEntityID(Event, "visit", "a.txt")); !ok || typ != Event {
		t.Errorf("TypeOfID of a scoped id = %v, %v", typ, ok)
	}
}

func TestCountryEntityID(t *testing.T) {
	if got, want := CountryEntityID(Ministry, "Ministry of Economy", "PE"), "ministry/ministry-of-economy/pe"; got != want {
		t.Errorf("CountryEntityID = %q, want %q", got, want)
	}
}

// TestArticleShard: the share of an article is FNV-1a of its id modulo n,
// the same in every version, since processes of two versions may share
// one load (the figures are from an independent FNV-1a); and the shares
// of many ids come out near even.
func TestArticleShard(t *testing.T) {
	for _, tc := range []struct {
		id         string
		n2, n3, n7 int
	}{
		{"korea-us-mou.txt", 0, 1, 6},
		{"article-0001.txt", 1, 1, 1},
		{"feed.jsonl#12", 1, 0, 6},
		{"", 1, 2, 2},
	} {
		got := []int{ArticleShard(tc.id, 2), ArticleShard(tc.id, 3), ArticleShard(tc.id, 7)}
		if want := []int{tc.n2, tc.n3, tc.n7}; !slices.Equal(got, want) {
			t.Errorf("ArticleShard(%q, 2, 3, 7) = %v, want %v", tc.id, got, want)
		}
	}
	if ArticleShard("x", 1) != 0 || ArticleShard("x", 0) != 0 {
		t.Errorf("one share or none: every article is share 0")
	}
	counts := make([]int, 3)
	for i := range 3000 {
		counts[ArticleShard(fmt.Sprintf("article-%04d.txt", i), 3)]++
	}
	for s, c := range counts {
		if c < 900 || c > 1100 {
			t.Errorf("share %d of 3 has %d of 3000 articles: %v", s, c, counts)
		}
	}
}
