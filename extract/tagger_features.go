package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// The name tagger's features. Every feature is a 64-bit hash of a template
// and its values, looked up in one table of weights: no string is built per
// token. Changing a template, or the meaning of one, changes what the
// shipped weights mean: bump featureVersion and run `make train`.
const featureVersion = 1

// nameClass is a coarse class of name, as GUM annotates them.
type nameClass uint8

const (
	classNone nameClass = iota
	classPER
	classORG
	classLOC
	classEVT
	nNameClasses
)

var classNames = [nNameClasses]string{"O", "PER", "ORG", "LOC", "EVT"}

// BIO labels: 0 is O; class c is begun by 2c-1 and continued by 2c.
const nLabels = 2*int(nNameClasses) - 1

func labelB(c nameClass) uint8     { return uint8(2*c - 1) }
func labelI(c nameClass) uint8     { return uint8(2 * c) }
func labelClass(l uint8) nameClass { return nameClass((l + 1) / 2) }
func isInside(l uint8) bool        { return l > 0 && l%2 == 0 }

// legal: an I label only continues a name of its own class.
func legal(prev, l uint8) bool { return !isInside(l) || prev != 0 && labelClass(prev) == labelClass(l) }

func labelString(l uint8) string {
	switch {
	case l == 0:
		return "O"
	case isInside(l):
		return "I-" + classNames[labelClass(l)]
	}
	return "B-" + classNames[labelClass(l)]
}

// classOf maps an entity type onto the tagger's classes: the coarse classes
// of GUM (person, organization, place, event).
func classOf(t schema.EntityType) nameClass {
	switch t {
	case schema.Person:
		return classPER
	case schema.Organization, schema.Ministry:
		return classORG
	case schema.Location, schema.Country:
		return classLOC
	case schema.Event:
		return classEVT
	}
	return classNone
}

// Feature templates. The numbers are part of the hashes: never reuse one.
const (
	tBias uint64 = iota + 1
	tWord
	tWordPrev
	tWordNext
	tWordPrev2
	tWordNext2
	tBigramPrev
	tBigramNext
	tShape
	tShapePrev
	tShapeNext
	tShapeTri
	tTag
	tTagPrev
	tTagNext
	tTagBigramPrev
	tTagBigramNext
	tPrefix2
	tPrefix3
	tSuffix2
	tSuffix3
	tSuffix4
	tFlags
	tCapPosition
	tLex
	tLexPrev
	tLexNext
	tGaz
	tGazPrev
	tGazNext
	tRun
	tRunLast
	tRunFirst
	tPrevLabel
	tPrevLabels
	tPrevLabelWord
	tPrevLabelShape
	tPrevLabelTag
	tWordPrevShape
	tRunBefore
	tRunAfter
	tRunBeforeLex
	tRunAfterLex
	tLexWindow
)

// Token flags.
const (
	fCap uint16 = 1 << iota
	fAllCaps
	fDigit
	fHyphen
	fPeriod
	fInitial
	fFirst
	fAfterOpen
	fLower
)

// Lexicon bits: what the gazetteer's word lists say of a single word.
const (
	lxTitleHead uint32 = 1 << iota
	lxTitleMod
	lxHonorific
	lxDomain
	lxHeadMinistry
	lxHeadAgreement
	lxHeadEvent
	lxHeadLocation
	lxHeadOrganization
	lxConnector
	lxParticle
	lxCalendar
	lxSpeech
	lxDemonym

	lxHeads = lxHeadMinistry | lxHeadAgreement | lxHeadEvent | lxHeadLocation | lxHeadOrganization
)

// Gazetteer bits: the types of the longest gazetteer name a token is in.
const (
	gzCountry uint8 = 1 << iota
	gzDemonym
	gzLocation
	gzOrganization
	gzMinistry
	gzBegin // the token begins the name
)

// tokAttr is what the features need of one token, computed once per sentence.
type tokAttr struct {
	word, shape, tag             uint64 // hashes of the lower-cased word, its shape, its PTB tag
	pre2, pre3, suf2, suf3, suf4 uint64 // hashes of its affixes
	flags                        uint16
	lex                          uint32
	gaz                          uint8
	run                          uint8 // position in its capitalised run (1 alone, 2 first, 3 inside, 4 last) * 8 + length (to 7)
	runFirst, runLast            uint32
	before, after                uint64 // hashes of the words just outside its run (0 outside runs)
	beforeLex, afterLex          uint32
}

// boundary attributes stand for the tokens before and after a sentence.
var (
	attrStart = tokAttr{word: hashString(fnvOffset, "<s>"), shape: hashString(fnvOffset, "<s>"), tag: hashString(fnvOffset, "<s>")}
	attrEnd   = tokAttr{word: hashString(fnvOffset, "</s>"), shape: hashString(fnvOffset, "</s>"), tag: hashString(fnvOffset, "</s>")}
)

// nameFeatures turns sentences into feature hashes. It holds the gazetteer
// as hashed tables so that a lookup allocates nothing. It is read-only
// after construction and shared by all workers.
type nameFeatures struct {
	lexicon     map[uint64]uint32 // hash of a lower-case word -> lexicon bits
	gazExact    map[uint64]uint8  // hash of a case-sensitive surface -> gazetteer bits
	gazFolded   map[uint64]uint8  // hash of a lower-case surface -> gazetteer bits
	maxGazBytes int
	maxGazToks  int
}

func newNameFeatures(g *gazetteer) *nameFeatures {
	f := &nameFeatures{lexicon: map[uint64]uint32{}, gazExact: map[uint64]uint8{}, gazFolded: map[uint64]uint8{}}
	word := func(w string, bit uint32) {
		if !strings.Contains(w, " ") {
			f.lexicon[hashLower(fnvOffset, w)] |= bit
		}
	}
	for _, set := range []struct {
		words map[string]bool
		bit   uint32
	}{{g.titleHead, lxTitleHead}, {g.titleMod, lxTitleMod}, {g.honorific, lxHonorific}, {g.domain, lxDomain}, {connectors, lxConnector}, {nameParticles, lxConnector}} {
		for w := range set.words {
			word(w, set.bit)
		}
	}
	headBit := map[schema.EntityType]uint32{schema.Ministry: lxHeadMinistry, schema.Agreement: lxHeadAgreement,
		schema.Event: lxHeadEvent, schema.Location: lxHeadLocation, schema.Organization: lxHeadOrganization}
	for w, t := range g.heads {
		word(w, headBit[t])
	}
	for w := range nameParticles {
		word(w, lxParticle)
	}
	word("abu", lxParticle) // "Abu Dhabi", "Abu Bakar": a particle to the tagger only

	for _, w := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
		"march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		word(w, lxCalendar)
	}
	for _, w := range []string{"said", "says", "told", "added", "stated", "noted", "explained", "announced", "according", "asked", "wrote", "urged"} {
		word(w, lxSpeech)
	}
	for d := range g.demonym {
		word(d, lxDemonym)
	}
	for s, es := range g.exact {
		f.addGaz(f.gazExact, hashSurface(fnvOffset, s, false), s, es)
	}
	for s, es := range g.folded {
		f.addGaz(f.gazFolded, hashSurface(fnvOffset, s, true), s, es)
	}
	return f
}

func (f *nameFeatures) addGaz(table map[uint64]uint8, h uint64, s string, es []gazEntry) {
	var bits uint8
	for _, e := range es {
		switch {
		case e.Type == schema.Country && e.Demonym:
			bits |= gzDemonym
		case e.Type == schema.Country:
			bits |= gzCountry
		case e.Type == schema.Location:
			bits |= gzLocation
		case e.Type == schema.Organization:
			bits |= gzOrganization
		case e.Type == schema.Ministry:
			bits |= gzMinistry
		}
	}
	if bits == 0 {
		return
	}
	table[h] |= bits
	f.maxGazBytes = max(f.maxGazBytes, len(s))
	f.maxGazToks = max(f.maxGazToks, 2*len(strings.Fields(s))+2)
}

// tagScratch holds one worker's buffers, reused from sentence to sentence.
type tagScratch struct {
	attrs  []tokAttr
	feats  []uint64
	lower  []byte
	shape  []byte
	labels []uint8
	probs  []float32 // probability of the chosen label
	probO  []float32 // probability of O
	scores [][nLabels]float32
}

// attributes fills sc.attrs for one sentence.
func (f *nameFeatures) attributes(text string, toks []token, sc *tagScratch) {
	sc.attrs = sc.attrs[:0]
	for i, t := range toks {
		a := f.tokenAttr(t.Text, sc)
		a.tag = hashString(fnvOffset, t.Tag)
		if i == 0 {
			a.flags |= fFirst
		} else if isOpenPunct(toks[i-1].Text) {
			a.flags |= fAfterOpen
		}
		sc.attrs = append(sc.attrs, a)
	}
	f.gazetteerAttrs(text, toks, sc.attrs)
	runAttrs(toks, sc.attrs)
}

func (f *nameFeatures) tokenAttr(w string, sc *tagScratch) tokAttr {
	var a tokAttr
	sc.lower = sc.lower[:0]
	sc.shape = sc.shape[:0]
	var last byte
	for i, r := range w {
		sc.lower = utf8.AppendRune(sc.lower, unicode.ToLower(r))
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			if i == 0 {
				a.flags |= fCap
			}
		case unicode.IsLower(r):
			c = 'x'
			if i == 0 {
				a.flags |= fLower
			}
		case unicode.IsDigit(r):
			c, a.flags = 'd', a.flags|fDigit
		case r == '-':
			c, a.flags = '-', a.flags|fHyphen
		case r == '.':
			c, a.flags = '.', a.flags|fPeriod
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = 'o'
		}
		if c != last && len(sc.shape) < 8 {
			sc.shape = append(sc.shape, c)
		}
		last = c
	}
	if len(w) > 1 && isAllCaps(w) {
		a.flags |= fAllCaps
	}
	if len(w) == 2 && w[1] == '.' && a.flags&fCap != 0 {
		a.flags |= fInitial
	}
	lw := sc.lower
	a.word = hashBytes(fnvOffset, lw)
	a.shape = hashBytes(fnvOffset, sc.shape)
	a.pre2 = hashBytes(fnvOffset, lw[:runePrefix(lw, 2)])
	a.pre3 = hashBytes(fnvOffset, lw[:runePrefix(lw, 3)])
	a.suf2 = hashBytes(fnvOffset, lw[runeSuffix(lw, 2):])
	a.suf3 = hashBytes(fnvOffset, lw[runeSuffix(lw, 3):])
	a.suf4 = hashBytes(fnvOffset, lw[runeSuffix(lw, 4):])
	a.lex = f.lexicon[hashBytes(fnvOffset, trimPeriod(lw))]
	if lx, ok := f.lexicon[a.word]; ok {
		a.lex |= lx
	}
	return a
}

func trimPeriod(b []byte) []byte {
	if n := len(b); n > 1 && b[n-1] == '.' {
		return b[:n-1]
	}
	return b
}

// runePrefix is the byte length of the first n runes of b.
func runePrefix(b []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// runeSuffix is where the last n runes of b begin.
func runeSuffix(b []byte, n int) int {
	i := len(b)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRune(b[:i])
		i -= size
	}
	return i
}

// gazetteerAttrs marks the longest gazetteer names of the sentence, left
// to right, as splitUnknown reads them; names start at a capital or digit.
func (f *nameFeatures) gazetteerAttrs(text string, toks []token, attrs []tokAttr) {
	for i := 0; i < len(toks); {
		if attrs[i].flags&(fCap|fDigit) == 0 {
			i++
			continue
		}
		best, bits := 0, uint8(0)
		exact, folded := surfaceHasher{h: fnvOffset}, surfaceHasher{h: fnvOffset, fold: true}
		from := toks[i].Start
		for k := i; k < len(toks) && k-i < f.maxGazToks && toks[k].End-toks[i].Start <= f.maxGazBytes; k++ {
			exact.add(text[from:toks[k].End])
			folded.add(text[from:toks[k].End])
			from = toks[k].End
			if b, ok := f.gazExact[exact.h]; ok {
				best, bits = k-i+1, b
			} else if b, ok := f.gazFolded[folded.h]; ok {
				best, bits = k-i+1, b
			}
		}
		if best == 0 {
			i++
			continue
		}
		attrs[i].gaz = bits | gzBegin
		for k := i + 1; k < i+best; k++ {
			attrs[k].gaz = bits
		}
		i += best
	}
}

// runAttrs marks each token's place in the capitalised runs the chunker
// reads, with the lexicon bits of the run's first and last words.
func runAttrs(toks []token, attrs []tokAttr) {
	for _, c := range chunks(toks) {
		n := min(c.J-c.I, 7)
		first, last := attrs[c.I].lex&(lxHeads|lxTitleHead|lxHonorific), attrs[c.J-1].lex&(lxHeads|lxTitleHead|lxDemonym)
		before, after := &attrStart, &attrEnd
		if c.I > 0 {
			before = &attrs[c.I-1]
		}
		if c.J < len(attrs) {
			after = &attrs[c.J]
		}
		for k := c.I; k < c.J; k++ {
			attrs[k].before, attrs[k].after = before.word, after.word
			attrs[k].beforeLex, attrs[k].afterLex = before.lex, after.lex
			pos := uint8(3)
			switch {
			case c.J-c.I == 1:
				pos = 1
			case k == c.I:
				pos = 2
			case k == c.J-1:
				pos = 4
			}
			attrs[k].run = pos*8 + uint8(n)
			attrs[k].runFirst, attrs[k].runLast = first, last
		}
	}
}

// static appends the features of token i that do not depend on the labels
// before it.
func static(attrs []tokAttr, i int, out []uint64) []uint64 {
	at := func(k int) *tokAttr {
		switch {
		case k < 0:
			return &attrStart
		case k >= len(attrs):
			return &attrEnd
		}
		return &attrs[k]
	}
	a, p, n := at(i), at(i-1), at(i+1)
	p2, n2 := at(i-2), at(i+2)
	out = append(out,
		feat(tBias, 0),
		feat(tWord, a.word), feat(tWordPrev, p.word), feat(tWordNext, n.word),
		feat(tWordPrev2, p2.word), feat(tWordNext2, n2.word),
		feat2(tBigramPrev, p.word, a.word), feat2(tBigramNext, a.word, n.word),
		feat(tShape, a.shape), feat2(tShapePrev, p.shape, a.shape), feat2(tShapeNext, a.shape, n.shape),
		feat2(tShapeTri, feat2(0, p.shape, a.shape), n.shape),
		feat(tTag, a.tag), feat(tTagPrev, p.tag), feat(tTagNext, n.tag),
		feat2(tTagBigramPrev, p.tag, a.tag), feat2(tTagBigramNext, a.tag, n.tag),
		feat(tPrefix2, a.pre2), feat(tPrefix3, a.pre3),
		feat(tSuffix2, a.suf2), feat(tSuffix3, a.suf3), feat(tSuffix4, a.suf4),
		feat(tFlags, uint64(a.flags)),
		feat(tCapPosition, uint64(a.flags&(fCap|fFirst|fAfterOpen|fAllCaps))),
		feat2(tWordPrevShape, p.word, a.shape),
		feat(tRun, uint64(a.run)),
		feat2(tRunLast, uint64(a.run/8), uint64(a.runLast)),
		feat2(tRunFirst, uint64(a.run/8), uint64(a.runFirst)),
		feat(tGazPrev, uint64(p.gaz)), feat(tGazNext, uint64(n.gaz)),
	)
	for _, l := range [...]struct {
		tmpl uint64
		lex  uint32
	}{{tLex, a.lex}, {tLexPrev, p.lex}, {tLexNext, n.lex}} {
		for b := l.lex; b != 0; b &= b - 1 {
			out = append(out, feat(l.tmpl, uint64(b&-b)))
		}
	}
	if a.run != 0 {
		out = append(out, feat(tRunBefore, a.before), feat(tRunAfter, a.after))
		for b := a.beforeLex; b != 0; b &= b - 1 {
			out = append(out, feat(tRunBeforeLex, uint64(b&-b)))
		}
		for b := a.afterLex; b != 0; b &= b - 1 {
			out = append(out, feat(tRunAfterLex, uint64(b&-b)))
		}
	}
	var window uint32
	for k := max(0, i-3); k < min(len(attrs), i+4); k++ {
		if k != i {
			window |= attrs[k].lex & (lxTitleHead | lxHonorific | lxSpeech)
		}
	}
	for b := window; b != 0; b &= b - 1 {
		out = append(out, feat(tLexWindow, uint64(b&-b)))
	}
	if a.gaz != 0 {
		begin := uint64(a.gaz & gzBegin)
		for b := a.gaz &^ gzBegin; b != 0; b &= b - 1 {
			out = append(out, feat(tGaz, uint64(b&-b)|begin))
		}
	}
	return out
}

// dynamic appends the features of token i that depend on the two labels
// before it, as decoding left to right has chosen them.
func dynamic(attrs []tokAttr, i int, p1, p2 uint8, out []uint64) []uint64 {
	a := &attrs[i]
	return append(out,
		feat(tPrevLabel, uint64(p1)),
		feat(tPrevLabels, uint64(p2)<<8|uint64(p1)),
		feat2(tPrevLabelWord, uint64(p1), a.word),
		feat2(tPrevLabelShape, uint64(p1), a.shape),
		feat2(tPrevLabelTag, uint64(p1), a.tag),
	)
}

// Hashing: FNV-1a over bytes, then a mixer over template and values.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// hashLower hashes s lower-cased, as hashBytes hashes a lowered copy.
func hashLower(h uint64, s string) uint64 {
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		h = hashBytes(h, utf8.AppendRune(buf[:0], unicode.ToLower(r)))
	}
	return h
}

// surfaceHasher hashes text as the gazetteer normalises it (normSurface):
// runs of white space as one space, typographic apostrophes as ASCII;
// folded, also lower-cased. Text is added piece by piece.
type surfaceHasher struct {
	h     uint64
	fold  bool
	space bool
}

func (s *surfaceHasher) add(text string) {
	var buf [utf8.UTFMax]byte
	for _, r := range text {
		if unicode.IsSpace(r) {
			s.space = true
			continue
		}
		if s.space {
			s.h = (s.h ^ ' ') * fnvPrime
			s.space = false
		}
		if r == '’' {
			r = '\''
		}
		if s.fold {
			r = unicode.ToLower(r)
		}
		if r < utf8.RuneSelf {
			s.h = (s.h ^ uint64(r)) * fnvPrime
			continue
		}
		s.h = hashBytes(s.h, utf8.AppendRune(buf[:0], r))
	}
}

func hashSurface(h uint64, s string, fold bool) uint64 {
	sh := surfaceHasher{h: h, fold: fold}
	sh.add(s)
	return sh.h
}

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// feat is the hash of a template and a value; never 0, which marks an
// empty slot of the weight table.
func feat(tmpl, v uint64) uint64 { return mix(v^tmpl*0x9e3779b97f4a7c15) | 1 }

func feat2(tmpl, a, b uint64) uint64 { return feat(tmpl, mix(a)^b*fnvPrime) }
