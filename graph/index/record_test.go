package index

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// TestRecordRoundTrip: a record reads back into the same record and
// document, with and without the article's text.
func TestRecordRoundTrip(t *testing.T) {
	for _, d := range testDocs(t) {
		p := Pack(&d)
		rec := p.Record()
		back, err := DecodeRecord(rec)
		if err != nil {
			t.Fatalf("%s: %v", d.Article.ID, err)
		}
		if again := back.Record(); !bytes.Equal(again, rec) {
			t.Errorf("%s: the record read back writes %d other bytes", d.Article.ID, len(again))
		}
		for _, text := range []string{d.Text, ""} {
			if got, want := fmt.Sprintf("%#v", back.Document(text)), fmt.Sprintf("%#v", p.Document(text)); got != want {
				t.Errorf("%s: read back as\n%s\nwant\n%s", d.Article.ID, got, want)
			}
			doc, err := DecodeDocument(rec, text)
			if got, want := fmt.Sprintf("%#v", doc), fmt.Sprintf("%#v", p.Document(text)); err != nil || got != want {
				t.Errorf("%s: DecodeDocument = %s, %v\nwant %s", d.Article.ID, got, err, want)
			}
		}
		if back.HasText() != p.HasText() || back.Hash() != p.Hash() || back.ID() != p.ID() {
			t.Errorf("%s: read back as %q %q %v", d.Article.ID, back.ID(), back.Hash(), back.HasText())
		}
	}
}

// TestRecordDamaged: every cut of a record, and a record with a byte
// changed, is refused with ErrRecord or read as some document, never a
// panic.
func TestRecordDamaged(t *testing.T) {
	rec := Pack(&testDocs(t)[0]).Record()
	for n := range len(rec) {
		if _, err := DecodeRecord(rec[:n]); !errors.Is(err, ErrRecord) {
			t.Fatalf("a record cut at %d of %d bytes: %v, want ErrRecord", n, len(rec), err)
		}
	}
	for i := range rec {
		bad := bytes.Clone(rec)
		bad[i] ^= 0xff
		DecodeRecord(bad) // must not panic
	}
	if _, err := DecodeRecord(append(bytes.Clone(rec), 0)); !errors.Is(err, ErrRecord) {
		t.Errorf("a record with a byte past its end: %v", err)
	}
}

func FuzzRecord(f *testing.F) {
	for _, d := range []schema.Document{fixture(f, mou), fixture(f, lisbon), oddDoc(), corpusDocs(1, 0, 1)[0]} {
		f.Add(Pack(&d).Record())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeRecord(b)
		if err != nil {
			return
		}
		// what reads back writes back the same
		if again, err := DecodeRecord(d.Record()); err != nil || !bytes.Equal(again.Record(), d.Record()) {
			t.Errorf("a record read back does not write back the same: %v", err)
		}
	})
}
