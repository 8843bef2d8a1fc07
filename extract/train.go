package extract

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// LabeledText is text with its names marked, to train the name tagger on.
type LabeledText struct {
	ID   string
	Text string
	// Article: Text is a whole article, read as extraction reads it
	// (header, byline and boilerplate lines and a title-cased headline left
	// out). Otherwise Text is paragraphs separated by blank lines, all read.
	Article bool
	Names   []LabeledName
}

// LabeledName is one name: bytes [Start, End) of the text, and its type:
// Person, Organization, Location or Event (a Ministry counts as an
// Organization, a Country as a Location).
type LabeledName struct {
	Start, End int
	Type       schema.EntityType
}

// NameCorpus is labelled text read the way extraction reads it: the
// pipeline's sentences, tokens and prose tags, each token's label and
// features. Build it once and train on parts of it (cross-validation).
type NameCorpus struct {
	sents []corpusSent
	feats []uint64 // the static features of every token, sentence by sentence
}

type corpusSent struct {
	doc   string
	attrs []tokAttr
	gold  []uint8
	offs  []int32 // token i's features are feats[offs[i]:offs[i+1]]
}

// Tokens is the number of tokens in the corpus.
func (c *NameCorpus) Tokens() int {
	n := 0
	for _, s := range c.sents {
		n += len(s.gold)
	}
	return n
}

// Filter returns the part of the corpus whose texts keep accepts by id;
// it shares the corpus's memory.
func (c *NameCorpus) Filter(keep func(id string) bool) *NameCorpus {
	out := &NameCorpus{feats: c.feats}
	for _, s := range c.sents {
		if keep(s.doc) {
			out.sents = append(out.sents, s)
		}
	}
	return out
}

// Join returns a corpus of c's sentences then o's.
func (c *NameCorpus) Join(o *NameCorpus) *NameCorpus {
	out := &NameCorpus{}
	out.add(c)
	out.add(o)
	return out
}

// add appends part's sentences, with their features, to c.
func (c *NameCorpus) add(part *NameCorpus) {
	for _, s := range part.sents {
		base := int32(len(c.feats))
		c.feats = append(c.feats, part.feats[s.offs[0]:s.offs[len(s.offs)-1]]...)
		offs := make([]int32, len(s.offs))
		for i, o := range s.offs {
			offs[i] = o - s.offs[0] + base
		}
		s.offs = offs
		c.sents = append(c.sents, s)
	}
}

// NameCorpus reads labelled texts through the pipeline's own sentence
// splitter, tokenizer and tagger (on the configured number of workers; the
// result does not depend on it) and labels each token that lies wholly
// inside a name.
func (x *Extractor) NameCorpus(ctx context.Context, texts []LabeledText) (*NameCorpus, error) {
	parts := make([]*NameCorpus, len(texts))
	errs := make([]error, len(texts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range x.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				parts[i], errs[i] = x.labelText(texts[i])
			}
		}()
	}
	for i := range texts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := &NameCorpus{}
	for i, p := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out.add(p)
	}
	return out, nil
}

func (x *Extractor) labelText(lt LabeledText) (*NameCorpus, error) {
	names := append([]LabeledName(nil), lt.Names...)
	sort.Slice(names, func(a, b int) bool { return names[a].Start < names[b].Start })
	for i, n := range names {
		if n.Start < 0 || n.End > len(lt.Text) || n.Start >= n.End || i > 0 && n.Start < names[i-1].End {
			return nil, fmt.Errorf("extract: training text %s: name [%d, %d) is out of range or overlaps another", lt.ID, n.Start, n.End)
		}
		if classOf(n.Type) == classNone {
			return nil, fmt.Errorf("extract: training text %s: name %q has type %q, want Person, Organization, Location or Event", lt.ID, lt.Text[n.Start:n.End], n.Type)
		}
	}
	c := &NameCorpus{}
	sc := &tagScratch{}
	x.trainingSentences(lt, func(s sentence) {
		x.names.attributes(lt.Text, s.Tokens, sc)
		cs := corpusSent{doc: lt.ID, attrs: append([]tokAttr(nil), sc.attrs...), gold: goldLabels(s.Tokens, names),
			offs: make([]int32, 0, len(s.Tokens)+1)}
		for i := range s.Tokens {
			cs.offs = append(cs.offs, int32(len(c.feats)))
			c.feats = static(cs.attrs, i, c.feats)
		}
		cs.offs = append(cs.offs, int32(len(c.feats)))
		c.sents = append(c.sents, cs)
	})
	return c, nil
}

// trainingSentences calls fn for each sentence the extractor would read in
// the text: for an article, the body and title lines, less a title-cased
// headline (the tagger does not read those); otherwise every paragraph.
func (x *Extractor) trainingSentences(lt LabeledText, fn func(sentence)) {
	if !lt.Article {
		start := 0
		for start < len(lt.Text) {
			end := strings.Index(lt.Text[start:], "\n\n")
			if end < 0 {
				end = len(lt.Text)
			} else {
				end += start
			}
			for _, s := range x.models.sentences(lt.Text, start, end) {
				fn(s)
			}
			start = end + 2
		}
		return
	}
	in := parseText(lt.ID, lt.ID, lt.Text)
	for _, l := range in.lines {
		if l.Kind != bodyLine && l.Kind != titleLine {
			continue
		}
		lt := strings.TrimSpace(in.Text[l.Start:l.End])
		if (l.Kind == titleLine || schema.Fold(lt) == schema.Fold(in.Article.Title)) && titleCased(lt) {
			continue
		}
		for _, s := range x.models.sentences(in.Text, l.Start, l.End) {
			fn(s)
		}
	}
}

// goldLabels gives each token that lies wholly inside a name its BIO label.
func goldLabels(toks []token, names []LabeledName) []uint8 {
	out := make([]uint8, len(toks))
	k, begun := 0, -1
	for i, t := range toks {
		for k < len(names) && names[k].End <= t.Start {
			k++
		}
		if k == len(names) || t.Start < names[k].Start || t.End > names[k].End {
			continue
		}
		c := classOf(names[k].Type)
		if begun == k && i > 0 && out[i-1] != 0 {
			out[i] = labelI(c)
		} else {
			out[i] = labelB(c)
		}
		begun = k
	}
	return out
}

// NameTrainConfig tunes TrainNameModel. The zero value trains as `make
// train` does.
type NameTrainConfig struct {
	MaxEpochs int       // passes over the data at most (default 20)
	Patience  int       // stop after this many passes without a better tuning score (default 4)
	Seed      uint64    // the order of the passes
	Log       io.Writer // one line per pass, when set
}

// TrainNameModel trains an averaged perceptron on train, keeps the pass
// that tags dev best with the passes beside it, prunes the weights that do
// not change dev's score and calibrates the probabilities on dev. The same
// inputs give the same model, byte for byte.
func TrainNameModel(ctx context.Context, train, dev *NameCorpus, cfg NameTrainConfig) (*NameModel, error) {
	if cfg.MaxEpochs <= 0 {
		cfg.MaxEpochs = 20
	}
	if cfg.Patience <= 0 {
		cfg.Patience = 4
	}
	if len(train.sents) == 0 || len(dev.sents) == 0 {
		return nil, fmt.Errorf("extract: training the name model: no training or no tuning text")
	}
	p := newPerceptron(train)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6e616d6573))
	order := make([]int, len(train.sents))
	for i := range order {
		order[i] = i
	}
	// A pass is judged by the mean of its dev F1 and its neighbours' (the
	// last pass, with the one before): one pass's score on a small tuning
	// set is noisy, and the pass it happens to favour moves with any
	// change to the features. A pass is judged once the next has run, so
	// training stops Patience+1 passes after the best.
	var best, prev []float32
	var f1s []float64
	bestF1, bestScore, bestEpoch := -1.0, -1.0, 0
	judge := func(epoch int, avg []float32) {
		k := epoch - 1
		sum, n := 0.0, 0
		for j := max(0, k-1); j <= min(len(f1s)-1, k+1); j++ {
			sum += f1s[j]
			n++
		}
		if score := sum / float64(n); score > bestScore {
			best, bestF1, bestScore, bestEpoch = avg, f1s[k], score, epoch
		}
	}
	epoch := 1
	for ; epoch <= cfg.MaxEpochs && epoch-bestEpoch <= cfg.Patience+1; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, si := range order {
			p.learn(train, si)
		}
		avg := p.average()
		f1 := p.model(avg, 0).f1(dev)
		f1s = append(f1s, f1)
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "name model: pass %d: dev F1 %.4f (%d features)\n", epoch, f1, len(p.keys))
		}
		if epoch > 1 {
			judge(epoch-1, prev) // its neighbours are both in now
		}
		prev = avg
	}
	judge(epoch-1, prev) // the last pass, by itself and the one before
	m, prune, f1 := p.pruned(best, bestF1, dev)
	m.temp = calibrate(m, dev)
	m.Info = NameModelInfo{Features: len(m.w) / nLabels, Epochs: bestEpoch, Prune: prune, TrainToks: train.Tokens(), DevF1: f1}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "name model: pass %d kept, %d features after pruning at %.3g, dev F1 %.4f, temperature %.3g\n",
			bestEpoch, m.Info.Features, prune, f1, m.temp)
	}
	return m, nil
}

// perceptron holds the weights being learned, indexed densely by feature.
type perceptron struct {
	index map[uint64]int32
	keys  []uint64
	ids   []int32 // train.feats as feature ids
	w     []int32 // nLabels per feature
	total []int64 // w summed over time, for the average
	stamp []int32 // when each weight last changed
	now   int32
	dyn   []uint64
	dynID []int32
}

func newPerceptron(train *NameCorpus) *perceptron {
	p := &perceptron{index: map[uint64]int32{}, ids: make([]int32, len(train.feats))}
	for _, s := range train.sents {
		for k := s.offs[0]; k < s.offs[len(s.offs)-1]; k++ {
			p.ids[k] = p.id(train.feats[k], true)
		}
	}
	return p
}

// id is the feature's index, made when create is set; -1 if it has none.
func (p *perceptron) id(key uint64, create bool) int32 {
	if i, ok := p.index[key]; ok {
		return i
	}
	if !create {
		return -1
	}
	i := int32(len(p.keys))
	p.index[key] = i
	p.keys = append(p.keys, key)
	var zero [nLabels]int32
	p.w = append(p.w, zero[:]...)
	p.total = append(p.total, make([]int64, nLabels)...)
	p.stamp = append(p.stamp, zero[:]...)
	return i
}

// learn tags one sentence with the current weights and corrects them where
// the tag is wrong. The target after a wrong label is the gold label made
// legal (an I that cannot follow becomes a B), as decoding would need it.
func (p *perceptron) learn(c *NameCorpus, si int) {
	s := &c.sents[si]
	var p1, p2 uint8
	for i := range s.gold {
		static := p.ids[s.offs[i]:s.offs[i+1]]
		p.dyn = dynamic(s.attrs, i, p1, p2, p.dyn[:0])
		p.dynID = p.dynID[:0]
		for _, h := range p.dyn {
			p.dynID = append(p.dynID, p.id(h, false))
		}
		var sc [nLabels]int64
		p.score(static, &sc)
		p.score(p.dynID, &sc)
		guess := bestLegalInt(&sc, p1)
		gold := s.gold[i]
		if !legal(p1, gold) {
			gold = labelB(labelClass(gold))
		}
		if guess != gold {
			for k, h := range p.dyn {
				if p.dynID[k] < 0 {
					p.dynID[k] = p.id(h, true)
				}
			}
			p.update(static, gold, guess)
			p.update(p.dynID, gold, guess)
		}
		p.now++
		p2, p1 = p1, guess
	}
}

func (p *perceptron) score(ids []int32, sc *[nLabels]int64) {
	for _, f := range ids {
		if f < 0 {
			continue
		}
		ws := p.w[int(f)*nLabels:][:nLabels]
		for l := range sc {
			sc[l] += int64(ws[l])
		}
	}
}

func bestLegalInt(sc *[nLabels]int64, prev uint8) uint8 {
	best, top := uint8(0), int64(math.MinInt64)
	for l := range uint8(nLabels) {
		if legal(prev, l) && sc[l] > top {
			best, top = l, sc[l]
		}
	}
	return best
}

func (p *perceptron) update(ids []int32, gold, guess uint8) {
	for _, f := range ids {
		p.bump(int(f)*nLabels+int(gold), 1)
		p.bump(int(f)*nLabels+int(guess), -1)
	}
}

func (p *perceptron) bump(k int, d int32) {
	p.total[k] += int64(p.now-p.stamp[k]) * int64(p.w[k])
	p.stamp[k] = p.now
	p.w[k] += d
}

// average is every weight averaged over all the steps so far.
func (p *perceptron) average() []float32 {
	out := make([]float32, len(p.w))
	if p.now == 0 {
		return out
	}
	for k, w := range p.w {
		t := p.total[k] + int64(p.now-p.stamp[k])*int64(w)
		out[k] = float32(float64(t) / float64(p.now))
	}
	return out
}

// model builds a tagger from averaged weights, leaving out each weight
// under prune and each feature left with none.
func (p *perceptron) model(avg []float32, prune float32) *NameModel {
	type row struct {
		key uint64
		ws  [nLabels]float32
	}
	var rows []row
	for f, key := range p.keys[:len(avg)/nLabels] {
		var r row
		keep := false
		for l := range r.ws {
			if v := avg[f*nLabels+l]; v >= prune && v > 0 || v <= -prune && v < 0 {
				r.ws[l], keep = v, true
			}
		}
		if keep {
			r.key = key
			rows = append(rows, r)
		}
	}
	m := newNameModel(len(rows))
	for i := range rows {
		m.set(rows[i].key, &rows[i].ws)
	}
	return m
}

// pruned raises the pruning threshold while dev's score stays within
// 0.002 of the unpruned model's, and quantises the weights as the file
// stores them, so that the model returned tags as the file will.
func (p *perceptron) pruned(avg []float32, f1 float64, dev *NameCorpus) (*NameModel, float64, float64) {
	bestM, bestPrune, bestF1 := quantised(p.model(avg, 0)), 0.0, 0.0
	bestF1 = bestM.f1(dev)
	for _, t := range []float32{0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1} {
		m := quantised(p.model(avg, t))
		got := m.f1(dev)
		if got < f1-0.002 {
			break
		}
		bestM, bestPrune, bestF1 = m, float64(t), got
	}
	return bestM, bestPrune, bestF1
}

// quantised rounds m's weights to what WriteTo stores.
func quantised(m *NameModel) *NameModel {
	scale := m.scale()
	for i, v := range m.w {
		m.w[i] = float32(math.Round(float64(v/scale))) * scale
	}
	return m
}

// f1 is the model's exact-span name F1 on a corpus.
func (m *NameModel) f1(c *NameCorpus) float64 {
	sc := &tagScratch{}
	var tp, fp, fn int
	var got, want []nameSpan
	ones := make([]float32, 0, 64)
	for _, s := range c.sents {
		m.tagAttrs(s.attrs, sc)
		for len(ones) < len(s.gold) {
			ones = append(ones, 1)
		}
		got = spans(sc.labels, sc.probs, got[:0])
		want = spans(s.gold, ones, want[:0])
		i, j := 0, 0
		for i < len(got) && j < len(want) {
			g, w := got[i], want[j]
			switch {
			case g.I == w.I && g.J == w.J && g.Class == w.Class:
				tp++
				i++
				j++
			case g.I < w.I || g.I == w.I && g.J < w.J:
				fp++
				i++
			default:
				fn++
				j++
			}
		}
		fp += len(got) - i
		fn += len(want) - j
	}
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// calibrate picks the softmax temperature under which the model's label
// probabilities best predict dev's labels (least log loss).
func calibrate(m *NameModel, c *NameCorpus) float32 {
	type step struct {
		s          [nLabels]float32
		prev, gold uint8
	}
	var steps []step
	sc := &tagScratch{}
	for _, s := range c.sents {
		var p1, p2 uint8
		for i := range s.gold {
			var st step
			sc.feats = static(s.attrs, i, sc.feats[:0])
			sc.feats = dynamic(s.attrs, i, p1, p2, sc.feats)
			for _, h := range sc.feats {
				m.addTo(&st.s, h)
			}
			st.prev, st.gold = p1, s.gold[i]
			if !legal(p1, st.gold) {
				st.gold = labelB(labelClass(st.gold))
			}
			steps = append(steps, st)
			best, _, _ := m.decide(&st.s, p1)
			p2, p1 = p1, best
		}
	}
	bestT, bestLoss := float32(1), math.Inf(1)
	for k := -8; k <= 40; k++ {
		t := float32(math.Pow(2, float64(k)/4))
		loss := 0.0
		for _, st := range steps {
			top := float32(math.Inf(-1))
			for l := range uint8(nLabels) {
				if legal(st.prev, l) {
					top = max(top, st.s[l])
				}
			}
			sum := 0.0
			for l := range uint8(nLabels) {
				if legal(st.prev, l) {
					sum += math.Exp(float64((st.s[l] - top) / t))
				}
			}
			loss -= float64((st.s[st.gold]-top)/t) - math.Log(sum)
		}
		if loss < bestLoss {
			bestT, bestLoss = t, loss
		}
	}
	return bestT
}
