// Package nquadkey writes a quad's N-Quads line, without its final " .",
// as the quad library writes it (each value's String), at a fraction of
// the cost: quad's own formatting builds a string per value and joins
// them, and the ingest path keys every quad of every write so. The kinds of
// value newsgraph writes (IRIs, strings, ints, floats) are written here
// byte for byte as quad's value.go writes them, into one string sized
// before it is written; any other kind goes through its String. The
// package's test holds the two to the same bytes.
package nquadkey

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Of is the N-Quads line of q without the final " .": its values' String,
// joined by spaces, the nil label left out.
func Of(q quad.Quad) string {
	vals := [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label}
	var other [4]string // the String of each value of another kind
	n := 0
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			continue
		case quad.IRI:
			n += len(v) + 2
		case quad.String:
			n += len(v) + 2 + escapes(string(v))
		case quad.Int, quad.Float:
			n += maxNumber + 6 + max(len(intType), len(floatType))
		default:
			other[i] = v.String()
			n += len(other[i])
		}
		n++ // the space before it
	}
	var b strings.Builder
	b.Grow(n)
	var num [maxNumber]byte
	for i, v := range vals {
		if v == nil {
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		switch v := v.(type) {
		case quad.IRI:
			b.WriteByte('<')
			b.WriteString(string(v))
			b.WriteByte('>')
		case quad.String:
			b.WriteByte('"')
			writeEscaped(&b, string(v))
			b.WriteByte('"')
		case quad.Int:
			writeTyped(&b, strconv.AppendInt(num[:0], int64(v), 10), intType)
		case quad.Float:
			writeTyped(&b, strconv.AppendFloat(num[:0], float64(v), 'E', -1, 64), floatType)
		default:
			b.WriteString(other[i])
		}
	}
	return b.String()
}

// maxNumber is the longest a quad.Int or a quad.Float writes its number:
// -9223372036854775808, or -1.2345678901234567E-308.
const maxNumber = 24

// The types quad.Int and quad.Float write after their numbers.
var (
	intType   = quad.Int(0).TypedString().Type
	floatType = quad.Float(0).TypedString().Type
)

// escapes is how many bytes of s quad.String escapes: a backslash, a
// double quote, a newline, a carriage return and a tab, each of which
// becomes two bytes.
func escapes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if escaped(s[i]) != "" {
			n++
		}
	}
	return n
}

func escaped(c byte) string {
	switch c {
	case '\\':
		return `\\`
	case '"':
		return `\"`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	return ""
}

// writeEscaped writes s escaped as quad.String escapes it.
func writeEscaped(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if e := escaped(s[i]); e != "" {
			b.WriteString(s[last:i])
			b.WriteString(e)
			last = i + 1
		}
	}
	b.WriteString(s[last:])
}

// writeTyped writes a typed literal: its value, quoted, and its type.
func writeTyped(b *strings.Builder, value []byte, t quad.IRI) {
	b.WriteByte('"')
	b.Write(value)
	b.WriteString(`"^^<`)
	b.WriteString(string(t))
	b.WriteByte('>')
}
