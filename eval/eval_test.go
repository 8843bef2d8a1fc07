package eval

import (
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

func gold() Gold {
	return Gold{
		Article: "a.txt", Published: "2025-10-29", Title: "Korea, U.S. sign MOU", Author: "Kang Kwang-woo",
		Entities: []GoldEntity{
			{Type: schema.Country, Name: "South Korea", Aliases: []string{"Korea"}},
			{Type: schema.Country, Name: "United States", Aliases: []string{"U.S."}},
			{Type: schema.Agreement, Name: "Korea-U.S. Technology Prosperity Deal", Aliases: []string{"MOU"}},
			{Type: schema.Person, Name: "Ha Jung-woo", Titles: []string{"senior presidential secretary"}},
			{Type: schema.Organization, Name: "APEC", Optional: true},
		},
		Relations: []GoldRelation{
			{Subject: "South Korea", Predicate: schema.Signed, Object: "Korea-U.S. Technology Prosperity Deal"},
			{Subject: "United States", Predicate: schema.Signed, Object: "Korea-U.S. Technology Prosperity Deal"},
			{Subject: "Korea-U.S. Technology Prosperity Deal", Predicate: schema.SignedOn, Object: "2025-10-29"},
			{Subject: "Ha Jung-woo", Predicate: schema.Represents, Object: "South Korea", Optional: true},
		},
	}
}

func TestCompare(t *testing.T) {
	doc := schema.Document{
		Article: schema.Article{ID: "a.txt", Published: "2025-10-29", Title: "Korea, U.S. sign MOU", Author: "KANG KWANG-WOO"},
		Entities: []schema.Entity{
			{ID: "country/KR", Type: schema.Country, Name: "Korea"}, // matches by alias
			{ID: "country/US", Type: schema.Country, Name: "US"},    // "US" folds like "U.S."
			{ID: "agreement/deal", Type: schema.Agreement, Name: "Technology Prosperity Deal", Aliases: []string{"Korea-U.S. Technology Prosperity Deal", "MOU"}},
			{ID: "agreement/deal2", Type: schema.Agreement, Name: "Korea-U.S. Technology Prosperity Deal"}, // a duplicate: false positive
			{ID: "person/ha", Type: schema.Person, Name: "Ha Jung-woo", Titles: []string{"the senior presidential secretary for AI"}},
			{ID: "organization/apec", Type: schema.Organization, Name: "APEC"}, // optional: neutral
			{ID: "location/x", Type: schema.Location, Name: "Atlantis"},        // false positive
		},
		Relations: []schema.Relation{
			{Subject: "country/KR", Predicate: schema.Signed, Object: "agreement/deal"},
			{Subject: "agreement/deal", Predicate: schema.SignedOn, Object: "2025-10-29"},
			{Subject: "person/ha", Predicate: schema.Represents, Object: "country/KR"},   // optional: neutral
			{Subject: "country/US", Predicate: schema.Signed, Object: "agreement/deal2"}, // duplicate end: false positive
		},
	}
	s := Compare(doc, gold())
	check := func(name string, got, want Count) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	check("entities", s.Entities, Count{TP: 4, FP: 2, FN: 0})
	check("relations", s.Relations, Count{TP: 2, FP: 1, FN: 1})
	check("titles", s.Titles, Count{TP: 1})
	check("metadata", s.Metadata, Count{TP: 3}) // the gold states no publisher: three fields scored
}

// TestBareKindNeverMatches: an agreement's bare kind word ("MoU", "the
// deal") matches nothing, as a predicted name or as a gold alias.
func TestBareKindNeverMatches(t *testing.T) {
	g := Gold{Article: "b.txt", Entities: []GoldEntity{
		{Type: schema.Agreement, Name: "MoU between KEPCO and Ecopetrol", Aliases: []string{"the MoU", "KEPCO-Ecopetrol MoU"}},
		{Type: schema.Agreement, Name: "Chile-Norway trade deal", Aliases: []string{"the deal"}},
		{Type: schema.Organization, Name: "Union", Aliases: []string{"MoU"}}, // the rule is for agreements only
	}}
	doc := schema.Document{Entities: []schema.Entity{
		{ID: "agreement/mou", Type: schema.Agreement, Name: "MoU"},                                             // bare: extra
		{ID: "agreement/the-deal", Type: schema.Agreement, Name: "deal", Aliases: []string{"the deal"}},        // bare: extra
		{ID: "agreement/kepco", Type: schema.Agreement, Name: "MoU", Aliases: []string{"KEPCO-Ecopetrol MoU"}}, // matches by its other alias
		{ID: "organization/mou", Type: schema.Organization, Name: "MoU"},
	}}
	s := Compare(doc, g)
	if want := (Count{TP: 2, FP: 2, FN: 1}); s.Entities != want {
		t.Errorf("entities = %+v, want %+v (errors %q)", s.Entities, want, s.Errors)
	}
}

func TestCompareCoarse(t *testing.T) {
	doc := schema.Document{Entities: []schema.Entity{
		{ID: "ministry/x", Type: schema.Ministry, Name: "APEC"}, // Ministry and Organization are one coarse class
		{ID: "sector/ai", Type: schema.Sector, Name: "AI"},      // no coarse class: left out
	}}
	g := Gold{Entities: []GoldEntity{{Type: schema.Organization, Name: "APEC"}}}
	if s := CompareCoarse(doc, g); s.Entities != (Count{TP: 1}) {
		t.Errorf("coarse = %+v, want 1 TP", s.Entities)
	}
}

func TestCountScores(t *testing.T) {
	c := Count{TP: 3, FP: 1, FN: 2}
	if p, r := c.P(), c.R(); p != 0.75 || r != 0.6 {
		t.Errorf("P, R = %v, %v", p, r)
	}
	if f := c.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1 = %v", f)
	}
	if (Count{}).F1() != 1 {
		t.Error("nothing to find and nothing found should score 1")
	}
}
