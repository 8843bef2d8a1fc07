package corpus

import (
	"embed"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

//go:embed data/*.tsv
var dataFS embed.FS

type country struct {
	Code, Name, Short string
	The               bool // "the United States"
	Demonym           string
	Capital, City     string
	Culture, Leader   string
	US                bool // ministries named "U.S. Department of X"
}

// adjective is how a title names the country: "Japanese Foreign Minister",
// but "U.S. Secretary of State".
func (c *country) adjective() string {
	if c.US {
		return c.Short
	}
	return c.Demonym
}

type culture struct {
	familyFirst   bool
	given, family []string
}

type portfolio struct {
	Key, Ministry, USMinistry string
	Title, USTitle            string
	Vice, USVice              string
	Sectors                   []string
}

type multilateral struct{ Name, City string }

// sector is one sector of schema.Sectors with the surface forms that read
// well on their own in a sentence.
type sector struct {
	Name  string
	Forms []string
}

type kindNeedle struct{ needle, kind string }

// library is everything the generator knows, parsed once from data/.
type library struct {
	countries  []country
	cultures   map[string]culture
	culture    []string // culture names, in file order, for deterministic draws
	portfolios []portfolio
	events     []multilateral
	words      map[string][]string
	kinds      []kindNeedle
	sectors    []sector
	templates  map[string][]*template
}

// loadLibrary parses the embedded files. They are part of the binary, so an
// error is a programmer error; New panics on it and the tests catch it.
func loadLibrary() (*library, error) {
	lib := &library{cultures: map[string]culture{}, words: map[string][]string{}, templates: map[string][]*template{}}
	steps := []struct {
		file   string
		fields int
		parse  func([]string) error
	}{
		{"countries.tsv", 10, lib.addCountry},
		{"names.tsv", 4, lib.addCulture},
		{"portfolios.tsv", 8, lib.addPortfolio},
		{"events.tsv", 2, func(f []string) error { lib.events = append(lib.events, multilateral{f[0], f[1]}); return nil }},
		{"words.tsv", 2, func(f []string) error { lib.words[f[0]] = strings.Split(f[1], "|"); return nil }},
		{"templates.tsv", 3, lib.addTemplate},
	}
	for _, s := range steps {
		if err := eachRecord(s.file, s.fields, s.parse); err != nil {
			return nil, err
		}
	}
	for _, kv := range lib.words["kind"] {
		needle, kind, _ := strings.Cut(kv, "=")
		lib.kinds = append(lib.kinds, kindNeedle{needle, kind})
	}
	lib.sectors = readableSectors(lib.words["skipsector"])
	return lib, lib.check()
}

func eachRecord(file string, fields int, parse func([]string) error) error {
	b, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return fmt.Errorf("corpus: %s line %d: %d fields, want %d", file, n+1, len(f), fields)
		}
		if err := parse(f); err != nil {
			return fmt.Errorf("corpus: %s line %d: %w", file, n+1, err)
		}
	}
	return nil
}

func (lib *library) addCountry(f []string) error {
	lib.countries = append(lib.countries, country{
		Code: f[0], Name: f[1], Short: f[2], The: f[3] == "y", Demonym: f[4],
		Capital: f[5], City: f[6], Culture: f[7], Leader: f[8], US: f[9] == "us",
	})
	return nil
}

func (lib *library) addCulture(f []string) error {
	if f[1] != "given" && f[1] != "family" {
		return fmt.Errorf("name order %q, want given or family", f[1])
	}
	lib.culture = append(lib.culture, f[0])
	lib.cultures[f[0]] = culture{familyFirst: f[1] == "family", given: strings.Split(f[2], "|"), family: strings.Split(f[3], "|")}
	return nil
}

func (lib *library) addPortfolio(f []string) error {
	p := portfolio{Key: f[0], Ministry: f[1], USMinistry: f[2], Title: f[3], USTitle: f[4], Vice: f[5], USVice: f[6],
		Sectors: strings.Split(f[7], "|")}
	for _, s := range p.Sectors {
		if !schema.IsSector(s) {
			return fmt.Errorf("portfolio %s: %q is not a sector of the ontology", p.Key, s)
		}
	}
	lib.portfolios = append(lib.portfolios, p)
	return nil
}

// readableSectors keeps, for each sector of the ontology, the surface forms
// not in skip: "bio" or "cyber" alone make odd sentences.
func readableSectors(skip []string) []sector {
	bad := map[string]bool{}
	for _, s := range skip {
		bad[s] = true
	}
	var out []sector
	for _, d := range schema.Sectors() {
		s := sector{Name: d.Name}
		for _, f := range d.Surface {
			if !bad[f] {
				s.Forms = append(s.Forms, f)
			}
		}
		if len(s.Forms) == 0 {
			s.Forms = []string{strings.ToLower(d.Name)}
		}
		out = append(out, s)
	}
	return out
}

// check catches data that would make the generator fail later.
func (lib *library) check() error {
	for _, c := range lib.countries {
		if _, ok := lib.cultures[c.Culture]; !ok {
			return fmt.Errorf("corpus: country %s: unknown name culture %q", c.Code, c.Culture)
		}
	}
	for _, k := range []string{"event", "agreement", "kind", "venue", "company1", "company2", "company3",
		"bank", "university", "executive", "analyst", "outlet"} {
		if len(lib.words[k]) == 0 {
			return fmt.Errorf("corpus: words.tsv has no %q row", k)
		}
	}
	for _, k := range []string{"head", "lead", "fact", "quote", "filler"} {
		if len(lib.templates[k]) == 0 {
			return fmt.Errorf("corpus: templates.tsv has no %q templates", k)
		}
	}
	return nil
}
