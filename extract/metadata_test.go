package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// The lines and articles below are written for these tests in the forms
// wire services and dailies use; none is taken from a real article.

func TestBylineWords(t *testing.T) {
	v, err := loadBylineWords()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []map[string]bool{v.outlet, v.outletHead, v.outletWord, v.role, v.roleHead, v.label, v.author, v.credit} {
		if len(set) == 0 {
			t.Fatal("a kind of byline word is empty")
		}
	}
}

func TestBylines(t *testing.T) {
	tests := []struct {
		line    string
		ok      bool
		bare    bool
		authors []string
		outlet  string
		places  []string
	}{
		{"By Jane Doe", true, false, []string{"Jane Doe"}, "", nil},
		{"BY JANE DOE", true, false, []string{"JANE DOE"}, "", nil},
		{"By: Jane A. Doe Jr.", true, false, []string{"Jane A. Doe Jr."}, "", nil},
		{"By Jane Doe and John Roe", true, false, []string{"Jane Doe", "John Roe"}, "", nil},
		{"BY JANE DOE AND JOHN ROE", true, false, []string{"JANE DOE", "JOHN ROE"}, "", nil},
		{"By Jane Doe, John Roe and Ann Poe", true, false, []string{"Jane Doe", "John Roe", "Ann Poe"}, "", nil},
		{"By Jane Doe, Reuters", true, false, []string{"Jane Doe"}, "Reuters", nil},
		{"By Jane Doe and John Roe, Associated Press", true, false, []string{"Jane Doe", "John Roe"}, "Associated Press", nil},
		{"By Jane Doe | The Coastal Times", true, false, []string{"Jane Doe"}, "The Coastal Times", nil},
		{"By Jane Doe for the Harbour Herald", true, false, []string{"Jane Doe"}, "Harbour Herald", nil},
		{"By Jane Doe in Nairobi", true, false, []string{"Jane Doe"}, "", []string{"Nairobi"}},
		{"By Jane Doe, Staff Reporter", true, false, []string{"Jane Doe"}, "", nil},
		{"By Jane Doe Staff Reporter", true, false, []string{"Jane Doe"}, "", nil},
		{"BY KIM SO-RA [kim.sora@example.com]", true, false, []string{"KIM SO-RA"}, "", nil},
		{"By Jane Doe (jane@example.org) @janedoe", true, false, []string{"Jane Doe"}, "", nil},
		{"Written by Jane Doe", true, false, []string{"Jane Doe"}, "", nil},
		{"Posted by Jane Doe on March 4, 2025 at 10:15 am", true, false, []string{"Jane Doe"}, "", nil},
		{"By Tamim bin Khalid Al Rashed", true, false, []string{"Tamim bin Khalid Al Rashed"}, "", nil},
		{"By María José García Pérez", true, false, []string{"María José García Pérez"}, "", nil},
		{"By Nguyen Thi Mai Anh", true, false, []string{"Nguyen Thi Mai Anh"}, "", nil},
		{"By JANE DOE Associated Press", true, false, []string{"JANE DOE"}, "Associated Press", nil},
		{"Jane DOE / AFP", true, true, []string{"Jane DOE"}, "AFP", nil},
		{"By PTI", true, false, nil, "PTI", nil},
		{"By Special Correspondent", true, false, nil, "", nil},
		{"By Our Staff Reporter", true, false, nil, "", nil},
		{"Jane Doe | Staff Reporter", true, true, []string{"Jane Doe"}, "", nil},
		{"Jane Doe, Senior Correspondent", true, true, []string{"Jane Doe"}, "", nil},
		{"Jane Doe (The Jakarta Post)", true, true, []string{"Jane Doe"}, "The Jakarta Post", nil},
		{"Jane Doe and John Roe", true, true, []string{"Jane Doe", "John Roe"}, "", nil},
		// not bylines
		{"By Monday, officials said the plan would be ready.", false, false, nil, "", nil},
		{"By 2030, the country aims to double its exports.", false, false, nil, "", nil},
		{"By contrast, exports fell.", false, false, nil, "", nil},
		{"Prime Minister Jane Doe and President John Roe said in a statement:", false, true, nil, "", nil},
		{"Kenya and China sign a trade pact", false, true, nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			b, bare, ok := parseByline(tt.line, nil)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, b)
			}
			if !ok {
				return
			}
			if bare != tt.bare {
				t.Errorf("bare = %v, want %v", bare, tt.bare)
			}
			if got := texts(tt.line, b.authors); !slices.Equal(got, tt.authors) {
				t.Errorf("authors = %q, want %q", got, tt.authors)
			}
			if got := tt.line[b.outlet.Start:b.outlet.End]; got != tt.outlet {
				t.Errorf("outlet = %q, want %q", got, tt.outlet)
			}
			if got := texts(tt.line, b.places); !slices.Equal(got, tt.places) {
				t.Errorf("places = %q, want %q", got, tt.places)
			}
		})
	}
}

func texts(s string, spans []bspan) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestCreditLines(t *testing.T) {
	tests := []struct {
		line            string
		ok              bool
		authors, others []string
		places          []string
	}{
		{"Reporting by Jane Doe; Editing by John Roe", true, []string{"Jane Doe"}, []string{"John Roe"}, nil},
		{"(Reporting by Jane Doe in Nairobi and John Roe in Kampala; Additional reporting by Ann Poe; Writing by Tom Vo; Editing by Kim Lee)", true,
			[]string{"Jane Doe", "John Roe", "Ann Poe", "Tom Vo"}, []string{"Kim Lee"}, []string{"Nairobi", "Kampala"}},
		{"Reporting by Jane Doe, editing by John Roe.", true, []string{"Jane Doe"}, []string{"John Roe"}, nil},
		{"Compiled by the news desk", true, nil, nil, nil},
		{"Reporting by experts showed that prices rose.", false, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			b, ok := parseCredits(tt.line)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, b)
			}
			if got := texts(tt.line, b.authors); !slices.Equal(got, tt.authors) {
				t.Errorf("authors = %q, want %q", got, tt.authors)
			}
			if got := texts(tt.line, b.others); !slices.Equal(got, tt.others) {
				t.Errorf("others = %q, want %q", got, tt.others)
			}
			if got := texts(tt.line, b.places); !slices.Equal(got, tt.places) {
				t.Errorf("places = %q, want %q", got, tt.places)
			}
		})
	}
}

func TestDateLines(t *testing.T) {
	const american = "The talks began on March 2 and ended on March 3, 2025."
	tests := []struct {
		line, text string // text: the article, for its way of writing dates
		want       string
		kind       dateKind
	}{
		{"Tue, March 4, 2025 | 10:15 am GMT+7", "", "2025-03-04", plainDate},
		{"March 4, 2025 10:15 AM", "", "2025-03-04", plainDate},
		{"4 March 2025", "", "2025-03-04", plainDate},
		{"Tuesday 4 March 2025 10.15 GMT", "", "2025-03-04", plainDate},
		{"04/03/2025", "", "2025-03-04", plainDate},
		{"03/04/2025", american, "2025-03-04", plainDate},
		{"13/03/2025", american, "2025-03-13", plainDate},
		{"03/13/2025", "", "2025-03-13", plainDate},
		{"04.03.2025, 10:15 Uhr", "", "2025-03-04", plainDate},
		{"04.03.2025 10:15", "", "2025-03-04", plainDate},
		{"2025-03-04T10:15:00+07:00", "", "2025-03-04", plainDate},
		{"2025/03/04 10:15:00", "", "2025-03-04", plainDate},
		{"Published: 4 March 2025, 10:15 IST", "", "2025-03-04", publishedDate},
		{"Posted on March 4, 2025", "", "2025-03-04", publishedDate},
		{"Updated 5 Mar 2025, 08:00 AM", "", "2025-03-05", updatedDate},
		{"Last updated: 05 Mar 2025 | Published: 04 Mar 2025", "", "2025-03-04", publishedDate},
		{"First published on Tue 4 Mar 2025 10.15 GMT", "", "2025-03-04", publishedDate},
		{"Jakarta ● Tue, March 4, 2025 / 10:15 am", "", "2025-03-04", plainDate},
		{"Last Updated : 04 Mar 2025, 10:15 AM IST | Mumbai", "", "2025-03-04", updatedDate},
		// not date lines
		{"On March 4, 2025 talks resumed in Nairobi.", "", "", plainDate},
		{"The plan runs from 2025 to 2030.", "", "", plainDate},
		{"Version 10.15 of the rules took effect.", "", "", plainDate},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d, kind, ok := parseDateLine(tt.line, &dateStyle{text: tt.text})
			got := ""
			if ok {
				got, _ = d.resolve("")
			}
			if got != tt.want {
				t.Fatalf("date = %q (ok %v), want %q", got, ok, tt.want)
			}
			if ok && kind != tt.kind {
				t.Errorf("kind = %v, want %v", kind, tt.kind)
			}
		})
	}
}

func TestDatelines(t *testing.T) {
	tests := []struct {
		line, ref   string
		ok          bool
		places      []string
		agency      string
		date        string
		sure, split bool
		rest        string // the story's first words
	}{
		{"NAIROBI, June 2, 2025 (Xinhua) -- Kenya and China signed a pact.", "", true,
			[]string{"NAIROBI"}, "Xinhua", "2025-06-02", true, true, "Kenya and"},
		{"Riyadh, December 4, 2024, SPA -- The two sides signed a pact.", "", true,
			[]string{"Riyadh"}, "SPA", "2024-12-04", true, true, "The two"},
		{"BEIJING, June 2 (Reuters) - China said on Monday ...", "2025-06-03", true,
			[]string{"BEIJING"}, "Reuters", "2025-06-02", true, true, "China said"},
		{"SEOUL, Dec. 31 (Yonhap) -- South Korea said ...", "2026-01-02", true,
			[]string{"SEOUL"}, "Yonhap", "2025-12-31", true, true, "South Korea"},
		{"HANOI — Vietnam and Laos agreed ...", "", true, []string{"HANOI"}, "", "", true, true, "Vietnam and"},
		{"MANILA, Philippines — The Department said ...", "", true, []string{"MANILA", "Philippines"}, "", "", true, true, "The Department"},
		{"ABUJA (AFP) - Nigeria's government said ...", "", true, []string{"ABUJA"}, "AFP", "", true, true, "Nigeria's government"},
		{"TOKYO (Kyodo) -- Japan will ...", "", true, []string{"TOKYO"}, "Kyodo", "", true, true, "Japan will"},
		{"Berlin (dpa) - Germany will ...", "", true, []string{"Berlin"}, "dpa", "", true, true, "Germany will"},
		{"Madrid, Mar 4 (EFE).- Spain will ...", "2025-03-05", true, []string{"Madrid"}, "EFE", "2025-03-04", true, true, "Spain will"},
		{"New Delhi, Mar 4 (PTI) The government said ...", "2025-03-04", true, []string{"New Delhi"}, "PTI", "2025-03-04", true, true, "The government"},
		{"KUALA LUMPUR, March 4 (Bernama) -- Malaysia ...", "2025-03-04", true, []string{"KUALA LUMPUR"}, "Bernama", "2025-03-04", true, true, "Malaysia"},
		{"WASHINGTON, D.C. (March 4, 2025) – The agency awarded ...", "", true, []string{"WASHINGTON", "D.C."}, "", "2025-03-04", true, true, "The agency"},
		{"DAR ES SALAAM, Tanzania - Officials said ...", "", true, []string{"DAR ES SALAAM", "Tanzania"}, "", "", true, true, "Officials said"},
		{"March 4, 2025 -- The two countries signed ...", "", true, nil, "", "2025-03-04", true, true, "The two"},
		{"RIYADH: The Saudi cabinet approved ...", "", true, []string{"RIYADH"}, "", "", false, true, "The Saudi"},
		{"Dubai: The emirate's ruler said ...", "", true, []string{"Dubai"}, "", "", false, false, "The emirate's"},
		{"Buenos Aires – The minister said ...", "", true, []string{"Buenos Aires"}, "", "", false, false, "The minister"},
		{"NAIROBI, June 2 (Xinhua) --", "2025-06-03", true, []string{"NAIROBI"}, "Xinhua", "2025-06-02", true, true, ""},
		// not datelines
		{"UPDATE: The ministry corrected its figures.", "", false, nil, "", "", false, false, ""},
		{"PRESS RELEASE: Ministers meet in Lima", "", false, nil, "", "", false, false, ""},
		{"Doe (left) and Roe (right) at the signing.", "", false, nil, "", "", false, false, ""},
		{"British International Investment (BII), the UK's development finance institution, will invest.", "", false, nil, "", "", false, false, ""},
		{"On March 4, 2025, the two countries signed a pact.", "", false, nil, "", "", false, false, ""},
		{"Kenya and China signed a pact in Nairobi on Monday.", "", false, nil, "", "", false, false, ""},
		{"PORT-AU-PRINCE officials said ...", "", false, nil, "", "", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			dl, ok := parseDateline(tt.line, nil)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, dl)
			}
			if !ok {
				return
			}
			if got := texts(tt.line, dl.places); !slices.Equal(got, tt.places) {
				t.Errorf("places = %q, want %q", got, tt.places)
			}
			if got := tt.line[dl.agency.Start:dl.agency.End]; got != tt.agency {
				t.Errorf("agency = %q, want %q", got, tt.agency)
			}
			date := ""
			if dl.dated {
				date, _ = dl.date.resolve(tt.ref)
			}
			if date != tt.date {
				t.Errorf("date = %q, want %q", date, tt.date)
			}
			if dl.sure != tt.sure || dl.split != tt.split {
				t.Errorf("sure, split = %v, %v, want %v, %v", dl.sure, dl.split, tt.sure, tt.split)
			}
			if !strings.HasPrefix(tt.line[dl.end:], tt.rest) {
				t.Errorf("story starts at %q, want %q", tt.line[dl.end:], tt.rest)
			}
		})
	}
}

// TestArticleMetadata reads whole short articles in the forms news comes
// in and checks the metadata the guidelines score.
func TestArticleMetadata(t *testing.T) {
	const body = "Kenya and China signed an agreement on Monday to expand trade in farm produce, the ministry said, and officials from both sides will meet again next year to review the plan."
	tests := []struct {
		name, text                        string
		title, published, author, publish string
	}{
		{"wire story with a dateline", "Kenya, China sign farm trade pact\nNAIROBI, June 2, 2025 (Xinhua) -- " + body + "\n",
			"Kenya, China sign farm trade pact", "2025-06-02", "", "Xinhua"},
		{"dateline without a year, dated by the URL", "source: https://news.example.com/2025/06/03/kenya-china\nKenya, China sign farm trade pact\nBEIJING, June 2 (Reuters) - " + body + "\nReporting by Jane Doe in Beijing; Editing by John Roe\n",
			"Kenya, China sign farm trade pact", "2025-06-02", "Jane Doe", "Reuters"},
		{"daily with a byline and a date line", "Kenya, China sign farm trade pact\nBy JANE DOE\nTue, March 4, 2025 | 10:15 am GMT+7\nHANOI — " + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", ""},
		{"byline with its outlet", "Kenya, China sign farm trade pact\nBy Jane Doe and John Roe, Reuters\nMarch 4, 2025 10:15 AM\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", "Reuters"},
		{"names alone over a date", "Kenya, China sign farm trade pact\nJane Doe and John Roe\n04/03/2025\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", ""},
		{"role after a bar", "Kenya, China sign farm trade pact\nJane Doe | Staff Reporter\nPublished: 4 March 2025\nUpdated: 5 March 2025\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", ""},
		{"updated before published", "Kenya, China sign farm trade pact\nUpdated 2025-03-05T08:00:00+03:00\nPosted on March 4, 2025\nWritten by Jane Doe\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", ""},
		{"syndication header", "Kenya, China sign farm trade pact\nSource: Xinhua| 2025-06-02 10:15:00|Editor: Jane Doe\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-06-02", "", "Xinhua"},
		{"agency as the author", "Kenya, China sign farm trade pact\nBy PTI\nNew Delhi, Mar 4 (PTI) " + body + "\nPublished: 4 March 2025\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "", "PTI"},
		{"press release dateline", "Agency awards grant for port study\nLAGOS, NIGERIA (March 4, 2025) – " + body + "\n",
			"Agency awards grant for port study", "2025-03-04", "", ""},
		{"writer, role and date on lines of their own", "Kenya, China sign farm trade pact\nJane Doe\nSenior Reporter\nMarch 4, 2025\n" + body + "\n",
			"Kenya, China sign farm trade pact", "2025-03-04", "Jane Doe", ""},
		{"agency signing off", "Kenya, China sign farm trade pact\nKUALA LUMPUR, March 4 (Bernama) -- " + body + "\n-- BERNAMA\n",
			"Kenya, China sign farm trade pact", "", "", "Bernama"},
		{"agency signing off alone", "Kenya, China sign farm trade pact\nHANOI — " + body + "\n— VNA\n(END)\n",
			"Kenya, China sign farm trade pact", "", "", "VNA"},
		{"headline that reads like names", "Jane Doe Wins Nobel Peace Prize\n4 March 2025\n" + body + "\n",
			"Jane Doe Wins Nobel Peace Prize", "2025-03-04", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := ParseInput("a.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			a := ins[0].Article
			for _, f := range []struct{ field, got, want string }{
				{"title", a.Title, tt.title}, {"published", a.Published, tt.published},
				{"author", a.Author, tt.author}, {"publisher", a.Publisher, tt.publish},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
				}
			}
		})
	}
}

// TestMetadataMentions: what the byline and the dateline name become
// entities, with mentions at the bytes that name them, and the dateline is
// no part of the first sentence.
func TestMetadataMentions(t *testing.T) {
	x, err := New(Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	text := "Philippines, Japan sign coast guard pact\nBy Jane Doe and John Roe, Reuters\n" +
		"MANILA, Philippines, June 2, 2025 (AFP) -- The Philippines and Japan signed an agreement on coast guard training on Monday, the foreign ministry said.\n" +
		"Officials said the first joint exercise would take place next year.\n"
	doc, err := x.Extract(t.Context(), schema.Article{ID: "m.txt"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]schema.EntityType{"Jane Doe": schema.Person, "John Roe": schema.Person, "Reuters": schema.Organization,
		"Manila": schema.Location, "Philippines": schema.Country, "AFP": schema.Organization}
	at := map[string]string{"Manila": "MANILA"}
	for name, typ := range want {
		e, ok := findEntity(doc, typ, name)
		if !ok {
			t.Errorf("no %s %q in %v", typ, name, entityNames(doc))
			continue
		}
		written := name
		if w, ok := at[name]; ok {
			written = w
		}
		found := false
		for _, m := range e.Mentions {
			if text[m.Start:m.End] == written {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %q: no mention at %q", typ, name, written)
		}
	}
	for _, r := range doc.Relations {
		if strings.Contains(r.Evidence.Text, "MANILA") {
			t.Errorf("%s cites the dateline: %q", r.Key(), r.Evidence.Text)
		}
	}
	if doc.Article.Publisher != "Reuters" || doc.Article.Author != "Jane Doe" || doc.Article.Published != "2025-06-02" {
		t.Errorf("article = %+v", doc.Article)
	}
}

func findEntity(doc schema.Document, typ schema.EntityType, name string) (schema.Entity, bool) {
	for _, e := range doc.Entities {
		if e.Type == typ && (e.Name == name || slices.Contains(e.Aliases, name)) {
			return e, true
		}
	}
	return schema.Entity{}, false
}

func entityNames(doc schema.Document) []string {
	var out []string
	for _, e := range doc.Entities {
		out = append(out, string(e.Type)+":"+e.Name)
	}
	return out
}

// FuzzLayout: no text makes the metadata reader panic, and every name it
// states lies inside the text, on its own line's bytes.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"Kenya, China sign pact\nNAIROBI, June 2, 2025 (Xinhua) -- Kenya and China signed a pact.\n",
		"Title here for a test\nBy Jane Doe and John Roe, Reuters\nTue, March 4, 2025 | 10:15 am GMT+7\nHANOI — Text.\n",
		"(Reporting by Jane Doe in Nairobi; Editing by John Roe)",
		"Source: Xinhua| 2025-06-02 10:15:00|Editor: Jane Doe\nBY KIM SO-RA [[x@y.z]]\n04/03/2025\n",
		"WASHINGTON, D.C. (March 4, 2025) – x\nMadrid, Mar 4 (EFE).- y\nNew Delhi, Mar 4 (PTI) z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		in := parseText("f.txt", "f.txt", text)
		prev := 0
		for _, l := range in.lines {
			if l.Start < prev || l.End < l.Start || l.End > len(text) {
				t.Fatalf("line [%d,%d) out of order or bounds", l.Start, l.End)
			}
			prev = l.End
			for _, n := range l.names {
				if n.Start < l.Start || n.End > l.End || n.Start >= n.End {
					t.Fatalf("name %q [%d,%d) outside its line [%d,%d)", n.Name, n.Start, n.End, l.Start, l.End)
				}
			}
		}
	})
}

func TestHasWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want bool
	}{{"", 1, false}, {"one", 1, true}, {"  one  two ", 2, true}, {"one two", 3, false}, {"a\tb\nc", 3, true}} {
		if got := hasWords(tt.s, tt.n); got != tt.want {
			t.Errorf("hasWords(%q, %d) = %v", tt.s, tt.n, got)
		}
	}
}
