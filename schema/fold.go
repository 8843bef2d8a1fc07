package schema

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold normalises a name the way the guidelines' scoring does: lower case,
// accents removed, periods and apostrophes deleted, every other run of
// characters that are neither letters nor digits made one space, trimmed.
// "U.S." and "US" both fold to "us"; "Leaders’ Meeting" to "leaders meeting".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(string(unicode.ToLower(stripAccent(r))))
		case unicode.Is(unicode.Mn, r):
			// a combining accent of a decomposed letter: drop it
		default:
			space = true
		}
	}
	return b.String()
}

// Slug turns a name into the last segment of an entity id: the folded name
// with spaces made hyphens ("Ha Jung-woo" -> "ha-jung-woo").
func Slug(name string) string {
	return strings.ReplaceAll(Fold(name), " ", "-")
}

// EntityID is the stable id of an entity of type t named name. Countries are
// identified by ISO code, so callers pass the code as name for them
// ("country/KR"); every other type by the slug of its canonical name.
func EntityID(t EntityType, name string) string {
	if t == Country {
		return t.Prefix() + "/" + strings.ToUpper(name)
	}
	return t.Prefix() + "/" + Slug(name)
}

// TypeOfID returns the entity type named by the prefix of id.
func TypeOfID(id string) (EntityType, bool) {
	prefix, _, ok := strings.Cut(id, "/")
	if !ok {
		return "", false
	}
	for _, t := range EntityTypes {
		if t.Prefix() == prefix {
			return t, true
		}
	}
	return "", false
}

// stripAccent maps a precomposed Latin letter with a diacritic onto its base
// letter. Only the Latin-1 Supplement and Latin Extended-A blocks are mapped:
// they cover the names news in English carries; other scripts pass through.
func stripAccent(r rune) rune {
	if r < 0xC0 || r > 0x17F {
		return r
	}
	if m, ok := accentBase[r]; ok {
		return m
	}
	return r
}

var accentBase = buildAccentBase()

func buildAccentBase() map[rune]rune {
	groups := map[rune]string{
		'A': "ÀÁÂÃÄÅĀĂĄ", 'a': "àáâãäåāăą",
		'C': "ÇĆĈĊČ", 'c': "çćĉċč",
		'D': "ĎĐ", 'd': "ďđ",
		'E': "ÈÉÊËĒĔĖĘĚ", 'e': "èéêëēĕėęě",
		'G': "ĜĞĠĢ", 'g': "ĝğġģ",
		'H': "ĤĦ", 'h': "ĥħ",
		'I': "ÌÍÎÏĨĪĬĮİ", 'i': "ìíîïĩīĭįı",
		'J': "Ĵ", 'j': "ĵ",
		'K': "Ķ", 'k': "ķ",
		'L': "ĹĻĽĿŁ", 'l': "ĺļľŀł",
		'N': "ÑŃŅŇ", 'n': "ñńņňŉ",
		'O': "ÒÓÔÕÖØŌŎŐ", 'o': "òóôõöøōŏő",
		'R': "ŔŖŘ", 'r': "ŕŗř",
		'S': "ŚŜŞŠ", 's': "śŝşšſ",
		'T': "ŢŤŦ", 't': "ţťŧ",
		'U': "ÙÚÛÜŨŪŬŮŰŲ", 'u': "ùúûüũūŭůűų",
		'W': "Ŵ", 'w': "ŵ",
		'Y': "ÝŶŸ", 'y': "ýÿŷ",
		'Z': "ŹŻŽ", 'z': "źżž",
	}
	m := make(map[rune]rune, 200)
	for base, letters := range groups {
		for len(letters) > 0 {
			r, n := utf8.DecodeRuneInString(letters)
			m[r] = base
			letters = letters[n:]
		}
	}
	return m
}
