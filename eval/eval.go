// Package eval scores extracted documents against gold annotations by the
// rules of the annotation guidelines (shared/eval/GUIDELINES.md): names
// compared after schema.Fold, each gold entity matched at most once,
// optional gold items neither rewarded nor penalised.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/schema"
)

// Gold is one article's gold annotation.
type Gold struct {
	Article   string         `json:"article"`
	Published string         `json:"published"`
	Title     string         `json:"title"`
	Author    string         `json:"author"`
	Publisher string         `json:"publisher"`
	Entities  []GoldEntity   `json:"entities"`
	Relations []GoldRelation `json:"relations"`
}

// GoldEntity is an entity a careful analyst would draw.
type GoldEntity struct {
	Type     schema.EntityType `json:"type"`
	Name     string            `json:"name"`
	Aliases  []string          `json:"aliases"`
	Titles   []string          `json:"titles"`
	Optional bool              `json:"optional"`
}

// GoldRelation names its ends by entity name (or date).
type GoldRelation struct {
	Subject   string           `json:"subject"`
	Predicate schema.Predicate `json:"predicate"`
	Object    string           `json:"object"`
	Optional  bool             `json:"optional"`
}

// LoadGold reads the gold file for article id from dir.
func LoadGold(dir, id string) (Gold, error) {
	base := id
	if ext := filepath.Ext(base); ext != "" {
		base = base[:len(base)-len(ext)]
	}
	path := filepath.Join(dir, base+".json")
	b, err := os.ReadFile(path)
	if err != nil {
		return Gold{}, fmt.Errorf("eval: gold for %s: %w", id, err)
	}
	var g Gold
	if err := json.Unmarshal(b, &g); err != nil {
		return Gold{}, fmt.Errorf("eval: gold %s: %w", path, err)
	}
	return g, nil
}

// Count is a confusion count.
type Count struct{ TP, FP, FN int }

// Add accumulates o into c.
func (c *Count) Add(o Count) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// P is precision (1 when nothing was predicted).
func (c Count) P() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall (1 when there was nothing to find).
func (c Count) R() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R.
func (c Count) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score is the evaluation of one or more articles.
type Score struct {
	Entities    Count
	ByType      map[schema.EntityType]*Count
	Relations   Count
	ByPredicate map[schema.Predicate]*Count
	Titles      Count // TP = gold titles found, FN = missed
	Metadata    Count // TP = fields right, FN = fields wrong or missing
	Errors      []string
}

// NewScore returns an empty score.
func NewScore() *Score {
	return &Score{ByType: map[schema.EntityType]*Count{}, ByPredicate: map[schema.Predicate]*Count{}}
}

// Merge adds o into s.
func (s *Score) Merge(o *Score) {
	s.Entities.Add(o.Entities)
	s.Relations.Add(o.Relations)
	s.Titles.Add(o.Titles)
	s.Metadata.Add(o.Metadata)
	for t, c := range o.ByType {
		s.typeCount(t).Add(*c)
	}
	for p, c := range o.ByPredicate {
		s.predCount(p).Add(*c)
	}
	s.Errors = append(s.Errors, o.Errors...)
}

func (s *Score) typeCount(t schema.EntityType) *Count {
	if s.ByType[t] == nil {
		s.ByType[t] = &Count{}
	}
	return s.ByType[t]
}

func (s *Score) predCount(p schema.Predicate) *Count {
	if s.ByPredicate[p] == nil {
		s.ByPredicate[p] = &Count{}
	}
	return s.ByPredicate[p]
}

// Types returns the entity types scored, in the ontology's order.
func (s *Score) Types() []schema.EntityType {
	var out []schema.EntityType
	for _, t := range schema.EntityTypes {
		if s.ByType[t] != nil {
			out = append(out, t)
		}
	}
	return out
}

// Predicates returns the predicates scored, in the ontology's order.
func (s *Score) Predicates() []schema.Predicate {
	var out []schema.Predicate
	for _, p := range schema.Predicates {
		if s.ByPredicate[p.Name] != nil {
			out = append(out, p.Name)
		}
	}
	return out
}
