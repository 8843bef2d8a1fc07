package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The name tagger: an averaged perceptron over BIO labels of four classes
// (person, organization, place, event), decoded greedily left to right
// with the two labels before each token as features, as prose's own
// part-of-speech tagger is. It is trained by `newsgraph train` (train.go);
// its weights ship in model/ and are embedded in the binary.

//go:embed model/names.bin.gz
var embeddedNames []byte

// NameModel is a trained name tagger: a weight per feature hash and label,
// and the temperature that turns scores into probabilities. Build one with
// TrainNameModel or ReadNameModel; it is read-only and safe to share.
type NameModel struct {
	slots []weightSlot // open addressing over feature hashes
	mask  uint64
	w     []float32 // nLabels weights per row
	temp  float32
	Info  NameModelInfo
}

// NameModelInfo says how a model was made.
type NameModelInfo struct {
	Features  int     // features kept
	Epochs    int     // training passes (the best on the tuning data)
	Prune     float64 // features whose weights all stay under this were dropped
	TrainToks int     // tokens trained on
	DevF1     float64 // name F1 on the tuning data, exact spans
}

type weightSlot struct {
	key uint64
	row int32
}

func newNameModel(n int) *NameModel {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &NameModel{slots: make([]weightSlot, size), mask: uint64(size - 1), w: make([]float32, 0, n*nLabels), temp: 1}
}

// set adds a feature's weights; each key once.
func (m *NameModel) set(key uint64, ws *[nLabels]float32) {
	i := key & m.mask
	for m.slots[i].key != 0 {
		i = (i + 1) & m.mask
	}
	m.slots[i] = weightSlot{key: key, row: int32(len(m.w) / nLabels)}
	m.w = append(m.w, ws[:]...)
}

// addTo adds a feature's weights to s; an unknown feature adds nothing.
func (m *NameModel) addTo(s *[nLabels]float32, key uint64) {
	for i := key & m.mask; ; i = (i + 1) & m.mask {
		switch m.slots[i].key {
		case key:
			ws := m.w[int(m.slots[i].row)*nLabels:][:nLabels]
			for l := range s {
				s[l] += ws[l]
			}
			return
		case 0:
			return
		}
	}
}

// nameSpan is a name the tagger found: tokens [I, J) of a sentence.
type nameSpan struct {
	I, J  int
	Class nameClass
	Conf  float32 // mean probability of its labels
}

// tag labels the tokens of one sentence into sc.labels, with the
// probability of each chosen label and of O.
func (m *NameModel) tag(f *nameFeatures, text string, toks []token, sc *tagScratch) {
	f.attributes(text, toks, sc)
	m.tagAttrs(sc.attrs, sc)
}

func (m *NameModel) tagAttrs(attrs []tokAttr, sc *tagScratch) {
	sc.labels, sc.probs, sc.probO = sc.labels[:0], sc.probs[:0], sc.probO[:0]
	var p1, p2 uint8
	for i := range attrs {
		var s [nLabels]float32
		sc.feats = static(attrs, i, sc.feats[:0])
		sc.feats = dynamic(attrs, i, p1, p2, sc.feats)
		for _, h := range sc.feats {
			m.addTo(&s, h)
		}
		best, p, pO := m.decide(&s, p1)
		sc.labels = append(sc.labels, best)
		sc.probs = append(sc.probs, p)
		sc.probO = append(sc.probO, pO)
		p2, p1 = p1, best
	}
}

// decide picks the best label that may follow prev, with its probability
// and O's under a softmax over the legal labels.
func (m *NameModel) decide(s *[nLabels]float32, prev uint8) (best uint8, p, pO float32) {
	top := float32(math.Inf(-1))
	for l := range uint8(nLabels) {
		if legal(prev, l) && s[l] > top {
			best, top = l, s[l]
		}
	}
	var sum float64
	for l := range uint8(nLabels) {
		if legal(prev, l) {
			sum += math.Exp(float64((s[l] - top) / m.temp))
		}
	}
	return best, float32(1 / sum), float32(math.Exp(float64((s[0]-top)/m.temp)) / sum)
}

// spans reads the names out of a sentence's labels.
func spans(labels []uint8, probs []float32, out []nameSpan) []nameSpan {
	for i := 0; i < len(labels); {
		if labels[i] == 0 {
			i++
			continue
		}
		j, sum := i+1, probs[i]
		for j < len(labels) && isInside(labels[j]) && labelClass(labels[j]) == labelClass(labels[i]) {
			sum += probs[j]
			j++
		}
		out = append(out, nameSpan{I: i, J: j, Class: labelClass(labels[i]), Conf: sum / float32(j-i)})
		i = j
	}
	return out
}

// The file format: gzip over a header, then the features in key order,
// each as the delta from the previous key, a mask of its non-zero labels
// and their quantised weights.
const nameModelMagic = "newsgraph name tagger\n"

// WriteTo writes the model in the format ReadNameModel reads. The same
// model always gives the same bytes.
func (m *NameModel) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	keys := m.sortedKeys()
	scale := m.scale()
	var buf []byte
	buf = append(buf, nameModelMagic...)
	for _, v := range []uint64{featureVersion, uint64(nLabels), uint64(m.Info.Epochs), uint64(m.Info.TrainToks), uint64(len(keys))} {
		buf = binary.AppendUvarint(buf, v)
	}
	for _, v := range []float64{float64(scale), float64(m.temp), m.Info.Prune, m.Info.DevF1} {
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
	}
	bw.Write(buf)
	var prev uint64
	for _, k := range keys {
		buf = binary.AppendUvarint(buf[:0], k-prev)
		prev = k
		ws := m.row(k)
		var q [nLabels]int64
		var mask uint64
		for l, v := range ws {
			if q[l] = int64(math.Round(float64(v / scale))); q[l] != 0 {
				mask |= 1 << l
			}
		}
		buf = binary.AppendUvarint(buf, mask)
		for l := range q {
			if q[l] != 0 {
				buf = binary.AppendVarint(buf, q[l])
			}
		}
		bw.Write(buf)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

// quantLevels is the largest quantised weight: 12 bits keep the tagger's
// decisions while the varints stay short.
const quantLevels = 2047

func (m *NameModel) scale() float32 {
	var top float32
	for _, v := range m.w {
		top = max(top, float32(math.Abs(float64(v))))
	}
	if top == 0 {
		return 1
	}
	return top / quantLevels
}

func (m *NameModel) sortedKeys() []uint64 {
	keys := make([]uint64, 0, len(m.w)/nLabels)
	for _, s := range m.slots {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	slices.Sort(keys)
	return keys
}

func (m *NameModel) row(key uint64) []float32 {
	for i := key & m.mask; ; i = (i + 1) & m.mask {
		if m.slots[i].key == key {
			return m.w[int(m.slots[i].row)*nLabels:][:nLabels]
		}
		if m.slots[i].key == 0 {
			return nil
		}
	}
}

// ErrNameModel is returned for a name model file that cannot be read.
var ErrNameModel = errors.New("not a name model of this version")

// ReadNameModel reads a model that WriteTo wrote.
func ReadNameModel(r io.Reader) (*NameModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("extract: name model: %w: %v", ErrNameModel, err)
	}
	br := bufio.NewReader(zr)
	m, err := readNameModel(br)
	if err != nil {
		return nil, fmt.Errorf("extract: name model: %w", err)
	}
	return m, nil
}

func readNameModel(br *bufio.Reader) (*NameModel, error) {
	magic := make([]byte, len(nameModelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != nameModelMagic {
		return nil, ErrNameModel
	}
	var hdr [5]uint64
	for i := range hdr {
		v, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: header: %v", ErrNameModel, err)
		}
		hdr[i] = v
	}
	if hdr[0] != featureVersion || hdr[1] != uint64(nLabels) {
		return nil, fmt.Errorf("%w: features v%d with %d labels, want v%d with %d (run make train)", ErrNameModel, hdr[0], hdr[1], featureVersion, nLabels)
	}
	if hdr[4] > 1<<24 {
		return nil, fmt.Errorf("%w: %d features", ErrNameModel, hdr[4])
	}
	var fl [4]float64
	for i := range fl {
		var b [8]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, fmt.Errorf("%w: header: %v", ErrNameModel, err)
		}
		fl[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
	}
	n := int(hdr[4])
	m := newNameModel(n)
	m.temp = float32(fl[1])
	m.Info = NameModelInfo{Features: n, Epochs: int(hdr[2]), TrainToks: int(hdr[3]), Prune: fl[2], DevF1: fl[3]}
	if !(m.temp > 0) || !(fl[0] > 0) {
		return nil, fmt.Errorf("%w: bad scale or temperature", ErrNameModel)
	}
	var key uint64
	for range n {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNameModel, err)
		}
		mask, err := binary.ReadUvarint(br)
		if err != nil || mask >= 1<<nLabels || d == 0 && key != 0 {
			return nil, fmt.Errorf("%w: corrupt feature", ErrNameModel)
		}
		key += d
		var ws [nLabels]float32
		for l := range ws {
			if mask&(1<<l) == 0 {
				continue
			}
			q, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrNameModel, err)
			}
			ws[l] = float32(q) * float32(fl[0])
		}
		if key == 0 {
			return nil, fmt.Errorf("%w: feature 0", ErrNameModel)
		}
		m.set(key, &ws)
	}
	return m, nil
}

// embeddedNameModel reads the tagger shipped in the binary.
func embeddedNameModel() (*NameModel, error) {
	return ReadNameModel(bytes.NewReader(embeddedNames))
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
