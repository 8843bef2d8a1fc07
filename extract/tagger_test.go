package extract

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// tagged renders a sentence's labels as "word/LABEL" for the words that
// are not O, the form the tagging tests compare.
func tagged(toks []token, labels []uint8) string {
	var out []string
	for i, t := range toks {
		if labels[i] != 0 {
			out = append(out, t.Text+"/"+labelString(labels[i]))
		}
	}
	return strings.Join(out, " ")
}

func TestTokenAttributes(t *testing.T) {
	f := &nameFeatures{lexicon: map[uint64]uint32{}}
	sc := &tagScratch{}
	for _, c := range []struct {
		word      string
		shape     string
		set, zero uint16
	}{
		{"McDonald", "XxXx", fCap, fAllCaps | fDigit | fLower},
		{"U.S.", "X.X.", fCap | fAllCaps | fPeriod, fDigit},
		{"2019", "d", fDigit, fCap | fLower},
		{"Jung-woo", "Xx-x", fCap | fHyphen, fAllCaps},
		{"W.", "X.", fCap | fInitial | fPeriod, fLower},
		{"said", "x", fLower, fCap},
		{"São", "Xx", fCap, fAllCaps},
		{"Ñandú", "Xx", fCap, fAllCaps},
	} {
		a := f.tokenAttr(c.word, sc)
		if a.shape != hashString(fnvOffset, c.shape) {
			t.Errorf("%s: shape is not %q (got %q)", c.word, c.shape, sc.shape)
		}
		if a.flags&c.set != c.set || a.flags&c.zero != 0 {
			t.Errorf("%s: flags %09b, want %09b set and %09b clear", c.word, a.flags, c.set, c.zero)
		}
		if a.word != hashLower(fnvOffset, c.word) {
			t.Errorf("%s: word hash is not the lower-cased word's", c.word)
		}
	}
}

func TestSurfaceHash(t *testing.T) {
	for _, c := range []struct {
		a, b string
		fold bool
		same bool
	}{
		{"South Korea", "South  Korea", false, true},
		{"South Korea", "South\nKorea", false, true},
		{"Leaders' Meeting", "Leaders’ Meeting", false, true},
		{"science ministry", "Science Ministry", true, true},
		{"US", "us", false, false},
		{"US", "us", true, true},
	} {
		if got := hashSurface(fnvOffset, c.a, c.fold) == hashSurface(fnvOffset, c.b, c.fold); got != c.same {
			t.Errorf("hash(%q) == hash(%q) (fold %v): %v, want %v", c.a, c.b, c.fold, got, c.same)
		}
	}
}

// TestSentenceAttributes checks the gazetteer and capitalised-run features
// on sentences read through the pipeline.
func TestSentenceAttributes(t *testing.T) {
	x := testExtractor(t)
	for _, c := range []struct {
		text string
		word string
		gaz  uint8
		run  uint8 // position in the run: 1 alone, 2 first, 3 inside, 4 last
	}{
		{"Officials of South Korea met in Seoul.", "South", gzCountry | gzBegin, 2},
		{"Officials of South Korea met in Seoul.", "Korea", gzCountry, 4},
		{"Officials of South Korea met in Seoul.", "Seoul", gzLocation | gzBegin, 1},
		{"Korean officials met the Ministry of Science and ICT.", "Korean", gzDemonym | gzBegin, 1},
		{"Korean officials met the Ministry of Science and ICT.", "Ministry", gzMinistry | gzBegin, 2},
		{"Korean officials met the Ministry of Science and ICT.", "of", gzMinistry, 3},
		{"Korean officials met the Ministry of Science and ICT.", "officials", 0, 0},
	} {
		sents := x.models.sentences(c.text, 0, len(c.text))
		sc := &tagScratch{}
		x.names.attributes(c.text, sents[0].Tokens, sc)
		found := false
		for i, tk := range sents[0].Tokens {
			if tk.Text != c.word {
				continue
			}
			found = true
			if a := sc.attrs[i]; a.gaz != c.gaz || a.run/8 != c.run {
				t.Errorf("%q in %q: gazetteer %06b, run %d; want %06b, %d", c.word, c.text, a.gaz, a.run/8, c.gaz, c.run)
			}
		}
		if !found {
			t.Errorf("no token %q in %q", c.word, c.text)
		}
	}
}

func TestSpansAndLegality(t *testing.T) {
	per, loc := classPER, classLOC
	labels := []uint8{0, labelB(per), labelI(per), labelB(loc), 0, labelB(per), labelB(per)}
	probs := []float32{1, 0.8, 0.6, 0.9, 1, 0.5, 0.7}
	got := spans(labels, probs, nil)
	want := []nameSpan{{1, 3, per, 0.7}, {3, 4, loc, 0.9}, {5, 6, per, 0.5}, {6, 7, per, 0.7}}
	if len(got) != len(want) {
		t.Fatalf("spans = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].I != want[i].I || got[i].J != want[i].J || got[i].Class != want[i].Class || got[i].Conf < want[i].Conf-1e-6 || got[i].Conf > want[i].Conf+1e-6 {
			t.Errorf("span %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, c := range []struct {
		prev, l uint8
		ok      bool
	}{
		{0, labelI(per), false}, {labelB(loc), labelI(per), false}, {labelB(per), labelI(per), true},
		{labelI(per), labelI(per), true}, {0, labelB(per), true}, {labelI(loc), 0, true},
	} {
		if legal(c.prev, c.l) != c.ok {
			t.Errorf("legal(%s, %s) = %v", labelString(c.prev), labelString(c.l), !c.ok)
		}
	}
}

// tinyBIO is training data written for the tests, in shared/train/gum's
// format: two documents, one with a paragraph break.
const tinyBIO = "# doc = one\n# newpar\n" +
	"Anna\tNNP\tB-person\t_\nKowalski\tNNP\tI-person\t_\nvisited\tVBD\tO\t_\nGdansk\tNNP\tB-place\tSpaceAfter=No\n.\t.\tO\t_\n\n" +
	"She\tPRP\tO\t_\njoined\tVBD\tO\t_\nthe\tDT\tO\t_\nNorth\tNNP\tB-organization\t_\nSea\tNNP\tI-organization\t_\nInstitute\tNNP\tI-organization\tSpaceAfter=No\n.\t.\tO\t_\n\n" +
	"# newpar\n" +
	"Tomas\tNNP\tB-person\t_\nBerg\tNNP\tI-person\t_\nopened\tVBD\tO\t_\nthe\tDT\tO\t_\nHarbour\tNNP\tB-event\t_\nFestival\tNNP\tI-event\t_\nin\tIN\tO\t_\nBergen\tNNP\tB-place\tSpaceAfter=No\n.\t.\tO\t_\n\n" +
	"# doc = two\n# newpar\n" +
	"Lena\tNNP\tB-person\t_\nHolm\tNNP\tI-person\t_\nleft\tVBD\tO\t_\nOslo\tNNP\tB-place\t_\nfor\tIN\tO\t_\nRiga\tNNP\tB-place\tSpaceAfter=No\n.\t.\tO\t_\n\n"

func TestReadBIO(t *testing.T) {
	docs, err := ReadBIO(strings.NewReader(tinyBIO), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	want := "Anna Kowalski visited Gdansk. She joined the North Sea Institute.\n\nTomas Berg opened the Harbour Festival in Bergen."
	if docs[0].Text != want {
		t.Errorf("text = %q\nwant %q", docs[0].Text, want)
	}
	var names []string
	for _, n := range docs[0].Names {
		names = append(names, docs[0].Text[n.Start:n.End]+"/"+string(n.Type))
	}
	if got := strings.Join(names, ", "); got != "Anna Kowalski/Person, Gdansk/Location, North Sea Institute/Organization, Tomas Berg/Person, Harbour Festival/Event, Bergen/Location" {
		t.Errorf("names = %s", got)
	}
	for _, bad := range []string{"word\tNN\tO\n", "# doc = x\nword\tNN\tB-thing\t_\n", "# doc = x\nword\tNN\n"} {
		if _, err := ReadBIO(strings.NewReader(bad), "bad"); err == nil || !strings.Contains(err.Error(), "bad line") {
			t.Errorf("ReadBIO(%q): error %v, want one naming the input and line", bad, err)
		}
	}
}

func tinyCorpus(t *testing.T) *NameCorpus {
	t.Helper()
	docs, err := ReadBIO(strings.NewReader(tinyBIO), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	c, err := testExtractor(t).NameCorpus(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTrainingIsDeterministic trains twice on the same data, once with one
// worker reading it and once with two, and wants the same bytes; the model
// read back writes the same bytes again and tags what it learned.
func TestTrainingIsDeterministic(t *testing.T) {
	c := tinyCorpus(t)
	var files [2]bytes.Buffer
	var m *NameModel
	for i := range files {
		var err error
		m, err = TrainNameModel(context.Background(), c, c, NameTrainConfig{MaxEpochs: 6, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.WriteTo(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Fatal("two trainings on the same data wrote different models")
	}
	back, err := ReadNameModel(bytes.NewReader(files[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := back.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[0].Bytes(), again.Bytes()) {
		t.Error("a model read back does not write the same bytes")
	}
	if m.Info.DevF1 < 0.99 || back.Info.Epochs != m.Info.Epochs {
		t.Errorf("info %+v, read back %+v: want a model that learned its training data", m.Info, back.Info)
	}
	sc := &tagScratch{}
	s := c.sents[0]
	back.tagAttrs(s.attrs, sc)
	if got, want := labelsString(sc.labels), labelsString(s.gold); got != want {
		t.Errorf("read-back model tags %s, want %s", got, want)
	}
}

func labelsString(ls []uint8) string {
	var out []string
	for _, l := range ls {
		out = append(out, labelString(l))
	}
	return strings.Join(out, " ")
}

func TestReadNameModelRefusesBadInput(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("newsgraph name tagger\n"),
		"truncated": embeddedNames[:len(embeddedNames)/2],
	} {
		if _, err := ReadNameModel(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestEmbeddedModel loads the shipped tagger and tags sentences written for
// the test.
func TestEmbeddedModel(t *testing.T) {
	m, err := embeddedNameModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Info.Features < 1000 || m.temp <= 0 {
		t.Fatalf("embedded model: %+v, temperature %v", m.Info, m.temp)
	}
	x := testExtractor(t)
	for _, c := range []struct{ text, want string }{
		{"John Smith, the mayor, said the council would meet in Nairobi on Tuesday.",
			"John/B-PER Smith/I-PER Nairobi/B-LOC"},
		{"Speaking to reporters, Sarah Jones said she would visit Kenya.",
			"Sarah/B-PER Jones/I-PER Kenya/B-LOC"},
		{"The Olympic Games were held in London.", "Olympic/B-EVT Games/I-EVT London/B-LOC"},
	} {
		toks := x.models.sentences(c.text, 0, len(c.text))[0].Tokens
		sc := &tagScratch{}
		m.tag(x.names, c.text, toks, sc)
		if got := tagged(toks, sc.labels); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// TestNameSources extracts one text with names from the rules, the tagger
// and both: each finds the person and the places, and a place the tagger
// finds is a Country when the gazetteer says so.
func TestNameSources(t *testing.T) {
	text := "Speaking to reporters in Nairobi, Sarah Jones said she would fly to Kenya on Monday.\n"
	for _, src := range []NameSource{NamesRules, NamesModel, NamesBoth} {
		x, err := New(Config{Workers: 1, Names: src})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := x.Extract(context.Background(), schema.Article{ID: "names.txt"}, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		has := map[string]bool{}
		for _, e := range doc.Entities {
			has[string(e.Type)+":"+e.Name] = true
		}
		for _, want := range []string{"Person:Sarah Jones", "Country:Kenya", "Location:Nairobi"} {
			if !has[want] {
				t.Errorf("names from %s: no %s in %v", src, want, has)
			}
		}
	}
	if _, err := New(Config{Names: "neural"}); err == nil || !strings.Contains(err.Error(), "neural") {
		t.Errorf("New with an unknown name source: error %v", err)
	}
}

var (
	internalX    *Extractor
	internalErr  error
	internalOnce sync.Once
)

// testExtractor builds one Extractor for the package's internal tests.
func testExtractor(t *testing.T) *Extractor {
	t.Helper()
	internalOnce.Do(func() { internalX, internalErr = New(Config{Workers: 2}) })
	if internalErr != nil {
		t.Fatal(internalErr)
	}
	return internalX
}
