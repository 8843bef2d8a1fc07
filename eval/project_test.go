package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

func TestProjectNames(t *testing.T) {
	text := "Korea and the U.S. signed the Korea-U.S. Technology Prosperity Deal at the APEC summit. " +
		"Ha Jung-woo said korea would gain; Ha added that Korean firms and APECS members agreed."
	var got []string
	for _, s := range ProjectNames(text, gold()) {
		got = append(got, text[s.Start:s.End]+"/"+string(s.Type))
	}
	// Longest first: the Deal's title hides the countries inside it; lower
	// case "korea", "Ha" alone (no alias) and "APEC" inside "APECS" are no names.
	want := "Korea/Country, U.S./Country, APEC/Organization, Ha Jung-woo/Person"
	if strings.Join(got, ", ") != want {
		t.Errorf("ProjectNames = %s\nwant %s", strings.Join(got, ", "), want)
	}
}

func TestProjectNamesApostrophes(t *testing.T) {
	g := Gold{Entities: []GoldEntity{{Type: schema.Event, Name: "APEC Economic Leaders' Meeting"}}}
	text := "They met at the APEC Economic Leaders’ Meeting."
	spans := ProjectNames(text, g)
	if len(spans) != 1 || text[spans[0].Start:spans[0].End] != "APEC Economic Leaders’ Meeting" {
		t.Errorf("ProjectNames = %v", spans)
	}
}

func TestPublisherGroup(t *testing.T) {
	for in, want := range map[string]string{
		"U.S. Department of State (reprint)":                                     "U.S. Department of State",
		"U.S. Department of State media note (agenparl.eu reprint)":              "U.S. Department of State",
		"NASA news release (reprint)":                                            "NASA",
		"UK government press release (reprint)":                                  "UK government",
		"UK Foreign and Commonwealth Office news story (Mirage News reprint)":    "UK Foreign and Commonwealth Office",
		"UK Foreign Office joint statement (wired-gov.net reprint)":              "UK Foreign Office",
		"Agência Brasil (English edition)":                                       "Agência Brasil",
		"U.S. Trade and Development Agency press release (UNT web archive copy)": "U.S. Trade and Development Agency",
		"Korea JoongAng Daily":                                                   "Korea JoongAng Daily",
	} {
		if got := PublisherGroup(in); got != want {
			t.Errorf("PublisherGroup(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "SOURCES.md")
	table := "# Sources\n\n| article | original publisher | licence |\n|---|---|---|\n" +
		"| a.txt | Ministry of Things press release (reprint) | public domain |\n" +
		"| b.txt | Ministry of Things | public domain |\n| c.txt | Daily Paper | CC BY |\n"
	if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSources(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got["a.txt"] != "Ministry of Things" || got["b.txt"] != got["a.txt"] || got["c.txt"] != "Daily Paper" {
		t.Errorf("ReadSources = %v", got)
	}
	if err := os.WriteFile(path, []byte("no table here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSources(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadSources without a table: error %v, want one naming the file", err)
	}
}
