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

// TestSigningVerbs: the sign verbs of verbs.tsv, less the uses that say
// nothing was signed.
func TestSigningVerbs(t *testing.T) {
	g, err := newGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]int{
		"Chile and Peru inked a deal.":                      1,
		"The two sides signed the accord and sealed a pact": 2,
		"The signing ceremony was held in Lima.":            0,
		"No agreement was signed.":                          0,
		"The ministers will sign a pact next year.":         0,
		"They agreed to start talks on a framework.":        0,
		"The grants were conferred at a ceremony.":          1,
		"Officials signed as witnesses to the grant.":       0,
	}
	for txt, want := range tests {
		if got := len(g.signingVerbs(txt)); got != want {
			t.Errorf("%q: %d signing verbs, want %d", txt, got, want)
		}
	}
}

// TestWordsRE: a lexicon's forms match as whole words, several-word forms
// across any space, in any case.
func TestWordsRE(t *testing.T) {
	re := wordsRE([]string{"met with", "met", "hosted"}, "")
	for txt, want := range map[string]string{
		"Ana MET  WITH Li": "MET  WITH", "hosted by": "hosted", "the metric": "", "unhosted": "",
	} {
		if got := re.FindString(txt); got != want {
			t.Errorf("%q: found %q, want %q", txt, got, want)
		}
	}
}
