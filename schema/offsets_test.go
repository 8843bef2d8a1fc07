package schema

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCharOffsets(t *testing.T) {
	text := "Korea’s “Technology Prosperity Deal” — 한국 AI 🇰🇷 " + strings.Repeat("ü", 70) + " end"
	for off := -1; off <= len(text)+1; off++ {
		want := NoOffset
		if off >= 0 && off <= len(text) {
			want = 0
			for i := 0; i < off; i++ {
				if utf8.RuneStart(text[i]) {
					want++
				}
			}
		}
		if got := CharOffset(text, off); got != want {
			t.Errorf("CharOffset(%d) = %d, want %d", off, got, want)
		}
		if got := newCharIndex(text).at(off); got != want {
			t.Errorf("charIndex.at(%d) = %d, want %d", off, got, want)
		}
		if off >= 0 && off <= len(text) && (off == len(text) || utf8.RuneStart(text[off])) {
			if back := ByteOffset(text, want); back != off {
				t.Errorf("ByteOffset(CharOffset(%d)) = %d", off, back)
			}
		}
	}
	if got := ByteOffset(text, utf8.RuneCountInString(text)+1); got != NoOffset {
		t.Errorf("ByteOffset past the end = %d", got)
	}
	// what a Python text[start:end] takes is the evidence sentence
	start := strings.Index(text, "“Technology")
	end := start + len("“Technology Prosperity Deal”")
	cs, ce := CharOffset(text, start), CharOffset(text, end)
	if got := string([]rune(text)[cs:ce]); got != text[start:end] {
		t.Errorf("runes [%d:%d] = %q, want %q", cs, ce, got, text[start:end])
	}
}

func TestSetText(t *testing.T) {
	text := "Le ministère a signé l’accord."
	d := Document{Article: Article{ID: "a", Hash: TextHash(text)},
		Relations: []Relation{{Evidence: Evidence{Start: 3, End: len(text)}}}}
	if err := d.SetText(text); err != nil {
		t.Fatal(err)
	}
	if ev := d.Relations[0].Evidence; ev.CharStart != 3 || ev.CharEnd != utf8.RuneCountInString(text) {
		t.Errorf("char offsets %d-%d", ev.CharStart, ev.CharEnd)
	}
	if err := d.SetText(text + " changed"); err == nil || !strings.Contains(err.Error(), "hash") {
		t.Errorf("a text that is not the hashed one: %v", err)
	}
	d.Text = ""
	d.FillCharOffsets()
	if ev := d.Relations[0].Evidence; ev.CharStart != NoOffset || ev.CharEnd != NoOffset {
		t.Errorf("no text: char offsets %d-%d, want NoOffset", ev.CharStart, ev.CharEnd)
	}
}
