package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"
)

// StatementID is the id of the statement subject predicate object: one id
// for the edge every article that asserts it shares, the same in the API
// (Relation.id), the store and every export (the statement's IRI ends
// with it; the node-and-edge formats name the edge by it).
func StatementID(subject string, p Predicate, object string) string {
	h := sha256.Sum256([]byte(subject + "\x00" + string(p) + "\x00" + object))
	return "st-" + hex.EncodeToString(h[:])[:20]
}

// IsStatementID reports whether id has the form StatementID gives.
func IsStatementID(id string) bool {
	if len(id) != 23 || id[:3] != "st-" {
		return false
	}
	_, err := hex.DecodeString(id[3:])
	return err == nil
}

// TextHash is the hex SHA-256 of an article's text, its Article.Hash.
func TextHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// CharOffset converts a byte offset into text into a code point offset: the
// number of code points before it. An offset inside a multi-byte character
// counts that character as before it; an offset outside the text is
// NoOffset.
func CharOffset(text string, byteOff int) int {
	if byteOff < 0 || byteOff > len(text) {
		return NoOffset
	}
	return runeStarts(text[:byteOff])
}

// runeStarts counts the bytes of s that start a UTF-8 sequence: its code
// points when s is valid, and a character cut short counted once.
func runeStarts(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if utf8.RuneStart(s[i]) {
			n++
		}
	}
	return n
}

// ByteOffset is CharOffset's inverse: the byte offset of code point
// charOff in text, or NoOffset when the text is shorter.
func ByteOffset(text string, charOff int) int {
	if charOff < 0 {
		return NoOffset
	}
	n := 0
	for i := range text {
		if n == charOff {
			return i
		}
		n++
	}
	if n == charOff {
		return len(text)
	}
	return NoOffset
}

// SetText gives d its article text: it checks that the text is the one the
// article's hash names (when it has one) and fills the code point offsets
// of every relation's evidence. Without a text (text == "") the offsets are
// NoOffset.
func (d *Document) SetText(text string) error {
	if text != "" && d.Article.Hash != "" && TextHash(text) != d.Article.Hash {
		return fmt.Errorf("schema: article %s: the text is not the one its hash %.12s names", d.Article.ID, d.Article.Hash)
	}
	d.Text = text
	d.FillCharOffsets()
	return nil
}

// FillCharOffsets sets the code point offsets of every relation's evidence
// from d.Text, or to NoOffset when d has no text. Counting runs once over
// the text whatever the number of relations.
func (d *Document) FillCharOffsets() {
	if d.Text == "" {
		for i := range d.Relations {
			d.Relations[i].Evidence.CharStart, d.Relations[i].Evidence.CharEnd = NoOffset, NoOffset
		}
		return
	}
	idx := newCharIndex(d.Text)
	for i := range d.Relations {
		ev := &d.Relations[i].Evidence
		ev.CharStart, ev.CharEnd = idx.at(ev.Start), idx.at(ev.End)
	}
}

// charIndex answers CharOffset for many offsets of one text: the code point
// count at every 64th byte, and a count of the bytes since.
type charIndex struct {
	text   string
	counts []int
}

const charStride = 64

func newCharIndex(text string) charIndex {
	ci := charIndex{text: text, counts: make([]int, 0, len(text)/charStride+1)}
	n := 0
	for i := 0; i < len(text); i++ {
		if i%charStride == 0 {
			ci.counts = append(ci.counts, n)
		}
		if utf8.RuneStart(text[i]) {
			n++
		}
	}
	return ci
}

func (ci charIndex) at(byteOff int) int {
	if byteOff < 0 || byteOff > len(ci.text) {
		return NoOffset
	}
	b := byteOff / charStride * charStride
	if b == len(ci.text) { // byteOff is the end, on a stride boundary
		b -= charStride
	}
	return ci.counts[b/charStride] + runeStarts(ci.text[b:byteOff])
}
