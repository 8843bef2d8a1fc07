package index

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
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
	f := nameForm{text: "Ministry of Trade, Industry and Energy", folded: "ministry of trade industry and energy", kinds: charKinds("ministry of trade industry and energy")}
	f.tails = tails(f.folded)
	b.ReportAllocs()
	for b.Loop() {
		scoreName("industri", f, true)
	}
}

// TestLevenshteinBound checks the character-kind shortcut against the plain
// table on random short strings over a small alphabet (so that near
// matches are common).
func TestLevenshteinBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		b := make([]rune, 1+rng.IntN(8))
		for i := range b {
			b[i] = []rune("abcdeé1 ")[rng.IntN(8)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, limit := word(), word(), 1+rng.IntN(2)
		want := min(plainLevenshtein([]rune(a), []rune(b)), limit+1)
		if got := levenshtein(a, b, limit); got != want {
			t.Fatalf("levenshtein(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

func plainLevenshtein(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

// BenchmarkFuzzyScan scores one query against the names of a generated
// corpus, the fuzzy pass of a search that found few closer matches.
func BenchmarkFuzzyScan(b *testing.B) {
	gen := corpus.New(corpus.Config{Seed: 1})
	seen := map[string]bool{}
	var forms []nameForm
	for i := range 300 {
		for _, e := range gen.Document(i).Entities {
			if f := schema.Fold(e.Name); !seen[f] {
				seen[f] = true
				forms = append(forms, nameForm{text: e.Name, folded: f, tails: tails(f), kinds: charKinds(f)})
			}
		}
	}
	b.ReportMetric(float64(len(forms)), "names")
	for b.Loop() {
		for _, f := range forms {
			scoreName("kwon seong", f, true)
		}
	}
}
