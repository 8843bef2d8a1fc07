package index

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// nameIndex keeps the folded names and aliases of every entity, because
// Cayley has no text index and name search is the hottest read. Search
// scans every name, so besides the per-entity forms it keeps them all in
// one table laid out back to back (recs in entity-id order, the folded
// text of all of them in one string), rebuilt after each batch of changes:
// a scan then reads memory in order instead of chasing a pointer per name.
type nameIndex struct {
	forms map[string][]nameForm // entity id -> its names, the canonical one first
	dirty bool
	recs  []nameRec
	tails []string // the tails of every rec, recs[i].tails indexing into it
	ids   []string // entity ids, recs[i].ent indexing into it
}

type nameForm struct {
	text, folded string
	tails        []string // the name from its second, third, ... word on
	kinds        uint32   // charKinds(folded)
}

// nameRec is one name of one entity in the table.
type nameRec struct {
	text, folded string // folded lies in the table's one string
	tlo, thi     int32  // tails[tlo:thi]
	ent          int32
	kinds        uint32
	alias        bool
}

func newNameIndex() *nameIndex { return &nameIndex{forms: map[string][]nameForm{}} }

func (n *nameIndex) add(e schema.Entity) {
	var fs []nameForm
	for _, t := range append([]string{e.Name}, e.Aliases...) {
		f := schema.Fold(t)
		if f != "" {
			fs = append(fs, nameForm{text: t, folded: f, tails: tails(f), kinds: charKinds(f)})
		}
	}
	n.forms[e.ID] = fs
	n.dirty = true
}

func (n *nameIndex) remove(id string) {
	delete(n.forms, id)
	n.dirty = true
}

// rebuild lays the table out again after changes.
func (n *nameIndex) rebuild() {
	if !n.dirty {
		return
	}
	n.dirty = false
	n.ids = slices.Sorted(maps.Keys(n.forms))
	size, count, ntails := 0, 0, 0
	for _, fs := range n.forms {
		for _, f := range fs {
			size += len(f.folded)
			ntails += len(f.tails)
		}
		count += len(fs)
	}
	var b strings.Builder
	b.Grow(size)
	for _, id := range n.ids {
		for _, f := range n.forms[id] {
			b.WriteString(f.folded)
		}
	}
	text := b.String()
	n.recs = make([]nameRec, 0, count)
	n.tails = make([]string, 0, ntails)
	off := 0
	for e, id := range n.ids {
		for i, f := range n.forms[id] {
			folded := text[off : off+len(f.folded)]
			r := nameRec{text: f.text, folded: folded, tlo: int32(len(n.tails)), ent: int32(e), kinds: f.kinds, alias: i > 0}
			for _, t := range f.tails {
				n.tails = append(n.tails, folded[len(folded)-len(t):])
			}
			r.thi = int32(len(n.tails))
			n.recs = append(n.recs, r)
			off += len(f.folded)
		}
	}
}

// tails lists "b c" and "c" for "a b c": word-prefix matching then needs no
// allocation per query.
func tails(folded string) []string {
	var out []string
	for i := 0; i < len(folded); i++ {
		if folded[i] == ' ' {
			out = append(out, folded[i+1:])
		}
	}
	return out
}

const (
	defaultSearchLimit = 10
	maxSearchLimit     = 1000
	// MaxSearchOffset bounds how deep into the ranking a page may start.
	MaxSearchOffset = 1000
	// fuzzyBelow: typo matches (within a small edit distance) count only
	// when fewer names than this match otherwise. It does not depend on
	// the page asked for, so that every page of a query counts the same
	// total.
	fuzzyBelow = defaultSearchLimit
)

// Search finds entities by name or alias: exact, then prefix, then word
// prefix, then substring, then, when those find fewer than ten, within a
// small edit distance; ties go to the better connected entity, then to the
// id. It returns the page q asks for and the number of matches in all.
func (ix *Index) Search(ctx context.Context, q schema.SearchQuery) (schema.SearchPage, error) {
	want := schema.Fold(q.Text)
	if want == "" {
		return schema.SearchPage{}, nil
	}
	if q.Offset < 0 || q.Offset > MaxSearchOffset {
		return schema.SearchPage{}, fmt.Errorf("graph: search %q: offset %d outside 0 to %d", q.Text, q.Offset, MaxSearchOffset)
	}
	limit := clamp(q.Limit, defaultSearchLimit, maxSearchLimit)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	// Exact, prefix, word-prefix and substring matches first; the costly
	// fuzzy pass runs only when they are few, since a fuzzy score (at most
	// 0.45) never outranks them.
	top := topHits{limit: q.Offset + limit}
	if err := ix.searchPass(ctx, q, want, false, &top); err != nil {
		return schema.SearchPage{}, err
	}
	if top.matched < fuzzyBelow && maxEdits(want) > 0 {
		top = topHits{limit: q.Offset + limit}
		if err := ix.searchPass(ctx, q, want, true, &top); err != nil {
			return schema.SearchPage{}, err
		}
	}
	page := schema.SearchPage{Total: top.matched}
	for _, h := range top.hits[min(q.Offset, len(top.hits)):] {
		page.Hits = append(page.Hits, schema.SearchHit{Entity: cloneEntity(ix.ents[h.id].merged), Score: h.score, Matched: h.matched})
	}
	return page, nil
}

// searchPass scores every entity's names against want; fuzzy adds matches
// within a small edit distance. The caller holds the read lock.
func (ix *Index) searchPass(ctx context.Context, q schema.SearchQuery, want string, fuzzy bool, top *topHits) error {
	names := ix.names
	for i := 0; i < len(names.recs); {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("graph: search %q: %w", q.Text, err)
			}
		}
		ent := names.recs[i].ent
		best, matched := 0.0, ""
		for ; i < len(names.recs) && names.recs[i].ent == ent; i++ {
			r := &names.recs[i]
			sc := scoreName(want, nameForm{folded: r.folded, tails: names.tails[r.tlo:r.thi], kinds: r.kinds}, fuzzy)
			if r.alias {
				sc *= 0.95 // an alias is a little weaker than the name
			}
			if sc > best {
				best, matched = sc, r.text
			}
		}
		id := names.ids[ent]
		if best == 0 {
			continue
		}
		if len(q.Types) > 0 && !slices.Contains(q.Types, ix.ents[id].merged.Type) {
			continue
		}
		top.offer(hit{id: id, score: best, matched: matched}, ix)
	}
	return nil
}

// topHits keeps the best limit hits in rank order as they come: by score,
// then the better connected entity, then the id. A query of a few letters
// matches thousands of names, of which a page is shown.
type topHits struct {
	limit   int
	matched int // hits offered
	hits    []hit
}

type hit struct {
	id, matched string
	score       float64
	degree      int
}

func (t *topHits) offer(h hit, ix *Index) {
	t.matched++
	if len(t.hits) == t.limit && h.score < t.hits[len(t.hits)-1].score {
		return // cannot enter: no need for its degree
	}
	h.degree = ix.degree(h.id)
	i, _ := slices.BinarySearchFunc(t.hits, h, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.degree, a.degree), cmp.Compare(a.id, b.id))
	})
	if i == t.limit {
		return
	}
	if len(t.hits) == t.limit {
		t.hits = t.hits[:len(t.hits)-1]
	}
	t.hits = slices.Insert(t.hits, i, h)
}

func scoreName(q string, f nameForm, fuzzy bool) float64 {
	ratio := float64(len(q)) / float64(max(len(f.folded), 1))
	switch {
	case f.folded == q:
		return 1
	case strings.HasPrefix(f.folded, q):
		return 0.8 + 0.1*ratio
	case wordPrefix(q, f.tails):
		return 0.6 + 0.1*ratio
	case strings.Contains(f.folded, q):
		return 0.5 + 0.1*ratio
	}
	if !fuzzy {
		return 0
	}
	edits := maxEdits(q)
	if edits == 0 {
		return 0
	}
	// The name, its start and each of its words hold no kind of character
	// the whole name lacks: too many kinds missing rules all three out.
	if bits.OnesCount32(charKinds(q)&^f.kinds) > edits {
		return 0
	}
	if d := levenshtein(q, f.folded, edits); d <= edits {
		return 0.45 - 0.1*float64(d)
	}
	if len(f.folded) > len(q) {
		if d := levenshtein(q, runePrefix(f.folded, q), edits); d <= edits {
			return 0.35 - 0.1*float64(d)
		}
	}
	for w := range strings.FieldsSeq(f.folded) {
		if d := levenshtein(q, w, edits); d <= edits {
			return 0.3 - 0.1*float64(d)
		}
	}
	return 0
}

// runePrefix is the start of s as long, in runes, as q.
func runePrefix(s, q string) string {
	n := utf8.RuneCountInString(q)
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// wordPrefix reports whether q starts at a word boundary of the name.
func wordPrefix(q string, tails []string) bool {
	for _, t := range tails {
		if strings.HasPrefix(t, q) {
			return true
		}
	}
	return false
}

// maxEdits is the edit distance a query of that length tolerates.
func maxEdits(q string) int {
	switch n := len([]rune(q)); {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// levenshtein is the edit distance of a and b, in runes, or limit+1 once
// it must exceed limit. It is the hot loop of fuzzy search, run against
// every name, so it allocates nothing for names of up to 64 runes and
// gives up as soon as the lengths alone, or a row, rule a match out.
func levenshtein(a, b string, limit int) int {
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if d := na - nb; d > limit || -d > limit {
		return limit + 1
	}
	// Every kind of character one side has and the other lacks costs an
	// edit: a bound that rules out most names without the table.
	ma, mb := charKinds(a), charKinds(b)
	if bits.OnesCount32(ma&^mb) > limit || bits.OnesCount32(mb&^ma) > limit {
		return limit + 1
	}
	var abuf, bbuf [64]rune
	var pbuf, cbuf [65]int
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	prev, cur := pbuf[:0], cbuf[:0]
	if nb >= len(pbuf) {
		prev, cur = make([]int, 0, nb+1), make([]int, 0, nb+1)
	}
	prev, cur = prev[:nb+1], cur[:nb+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= na; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= nb; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[nb], limit+1)
}

// charKinds is the set of kinds of character in s: one bit per letter a-z,
// one for digits, the rest of the runes spread over the remaining five.
func charKinds(s string) uint32 {
	var m uint32
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << 26
		default:
			m |= 1 << (27 + uint32(r)%5)
		}
	}
	return m
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func clamp(n, def, most int) int {
	if n <= 0 {
		return def
	}
	return min(n, most)
}
