package schema

import (
	"hash/fnv"
	"strings"
)

// bareKinds are the folded words that say what kind of agreement a thing is
// without saying which one (the guidelines' "Names and identity of what the
// text does not name"). Such a word is never an agreement's canonical name
// and never matches in scoring.
// The list is the guidelines' own, word for word, since the scoring
// applies it.
var bareKinds = setOf(
	"agreement", "agreements", "deal", "deals", "mou", "mous",
	"memorandum", "memoranda", "memorandums",
	"memorandum of understanding", "memoranda of understanding", "memorandums of understanding",
	"treaty", "treaties", "pact", "pacts", "accord", "accords",
	"joint statement", "declaration", "framework", "partnership", "contract",
	"notes", "exchange of notes", "union", "protocol", "arrangement",
)

// kindDeterminers may open a bare kind word without naming anything ("the
// deal", "this MoU", "new agreement"); the guidelines drop one.
var kindDeterminers = setOf("the", "a", "an", "this", "that", "new")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// BareKind reports whether name, as an agreement's name, only says what
// kind of agreement it is: "the MoU", "Memorandum of Understanding", "new
// deal". Such names are aliases at most, never canonical names, and the
// scoring ignores them on both sides.
func BareKind(name string) bool {
	f := Fold(name)
	if first, rest, ok := strings.Cut(f, " "); ok && kindDeterminers[first] {
		f = rest
	}
	return bareKinds[f]
}

// ScopedEntityID is the id of a thing named only by description (an
// untitled agreement, a "signing ceremony"): such a thing belongs to the
// article that describes it, so its id carries the article's id after the
// slug of its name ("event/signing-ceremony/korea-us-mou.txt"). Two
// articles' signing ceremonies are two entities.
func ScopedEntityID(t EntityType, name, article string) string {
	return EntityID(t, name) + "/" + articleSlug(article)
}

// CountryEntityID is the id of a body whose name many countries share
// ("Ministry of Economy", "Foreign Ministry"), when the article says whose
// it is: the country's code, lower case, after the slug of its name
// ("ministry/ministry-of-economy/pe"). Peru's and Chile's ministries of
// economy are two entities.
func CountryEntityID(t EntityType, name, country string) string {
	return EntityID(t, name) + "/" + strings.ToLower(country)
}

// articleSlug keeps an article id readable in an entity id: lower case,
// letters, digits, '.', '_' and '-' kept, every other run made one '-'.
// Distinct ids of one corpus stay distinct in practice; the ids are file
// names or feed ids, which differ in the characters kept.
func articleSlug(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// ArticleShard is the shard, of n, that article id belongs to: a stable
// hash of the id (FNV-1a), so that n processes that each take their share
// of the input (newsgraph ingest --shard i/n) split it whole, each article
// to one of them, on every machine and run.
func ArticleShard(id string, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}
