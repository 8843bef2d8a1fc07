package extract

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// TestGazetteerIsStable: the gazetteer is built from the country module's
// map; built again, every name must resolve the same way, or two runs over
// the same article would disagree about a shared name.
func TestGazetteerIsStable(t *testing.T) {
	first, err := newGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		g, err := newGazetteer()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.exact, first.exact) || !reflect.DeepEqual(g.folded, first.folded) {
			t.Fatal("a rebuilt gazetteer resolves some name differently")
		}
	}
}

func TestGazetteerLookups(t *testing.T) {
	g, err := newGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		surface string
		typ     schema.EntityType
		name    string
		country string
	}{
		{"U.S.", schema.Country, "United States", "US"},
		{"Korea", schema.Country, "South Korea", "KR"},
		{"Japanese", schema.Country, "Japan", "JP"},
		{"Argentine Republic", schema.Country, "Argentina", "AR"},
		{"Washington", schema.Location, "Washington", "US"},
		{"Tokyo", schema.Location, "Tokyo", "JP"},
		{"Florida", schema.Location, "Florida", "US"},
		{"State Department", schema.Ministry, "U.S. Department of State", "US"},
		{"EU", schema.Organization, "European Union", ""},
	}
	for _, tt := range tests {
		es := g.lookup(tt.surface)
		if len(es) == 0 {
			t.Errorf("%q: not found", tt.surface)
			continue
		}
		if e := es[0]; e.Type != tt.typ || e.Name != tt.name || e.Country != tt.country {
			t.Errorf("%q = %+v, want %s %q %s", tt.surface, e, tt.typ, tt.name, tt.country)
		}
	}
	if len(g.lookup("us")) != 0 {
		t.Error(`"us" in lower case names a country`)
	}
}
