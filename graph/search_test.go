package graph

import (
	"strings"
	"testing"
)

func TestLevenshtein(t *testing.T) {
	long := strings.Repeat("ab", 40) // past the stack buffers
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"korea", "korea", 2, 0},
		{"korea", "kores", 2, 1},
		{"korea", "korean", 2, 1},
		{"korea", "kroea", 2, 2},
		{"korea", "japan", 2, 3}, // past the limit: limit+1
		{"seoul", "seo", 1, 2},   // lengths alone rule it out
		{"", "ab", 2, 2},
		{"münchen", "munchen", 1, 1}, // runes, not bytes
		{"東京都", "東京", 1, 1},
		{long, long + "a", 1, 1},
		{long, "b" + long[1:], 1, 1},
		{long + "xx", long, 1, 2},
	} {
		if got := levenshtein(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("levenshtein(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

func TestRunePrefix(t *testing.T) {
	for _, tc := range []struct{ s, q, want string }{
		{"korea republic", "kor", "kor"},
		{"münchen", "mun", "mün"},
		{"ab", "abcd", "ab"},
		{"abc", "", ""},
	} {
		if got := runePrefix(tc.s, tc.q); got != tc.want {
			t.Errorf("runePrefix(%q, %q) = %q, want %q", tc.s, tc.q, got, tc.want)
		}
	}
}

func BenchmarkScoreNameFuzzy(b *testing.B) {
	f := nameForm{text: "Ministry of Trade, Industry and Energy", folded: "ministry of trade industry and energy"}
	f.tails = tails(f.folded)
	b.ReportAllocs()
	for b.Loop() {
		scoreName("industri", f, true)
	}
}
