package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/schema"
)

// Config chooses the corpus. Two generators with the same Seed produce the
// same articles.
type Config struct {
	Seed int64
}

// Generator makes articles. It holds only read-only data, so it is safe
// for concurrent use.
type Generator struct {
	seed uint64
	lib  *library
}

// New builds a Generator. The data it reads is embedded in the binary; a
// malformed file is a programmer error and panics (the package tests load it).
func New(cfg Config) *Generator {
	lib, err := loadLibrary()
	if err != nil {
		panic(err)
	}
	return &Generator{seed: uint64(cfg.Seed), lib: lib}
}

// Article returns article i's name (its id, without extension) and text.
// It depends on the seed and i only.
func (g *Generator) Article(i int) (name, text string) {
	d := g.draft(i)
	return d.name, d.write().text
}

// Document returns the ground truth of article i, built from the same draws
// as its text: entities with the spans that name them, relations with the
// sentence that states them. It validates against Article(i)'s text.
func (g *Generator) Document(i int) schema.Document {
	d := g.draft(i)
	return d.document(d.write())
}

// WriteDir writes articles 0..n-1 to dir as <name>.txt, creating dir.
// It returns the errors of the files it could not write, joined.
func (g *Generator) WriteDir(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	var errs []error
	for i := range n {
		name, text := g.Article(i)
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(text), 0o644); err != nil {
			errs = append(errs, fmt.Errorf("corpus: article %d: %w", i, err))
		}
	}
	return errors.Join(errs...)
}

// rng is the random source of one named draw ("article", "17"): a hash of
// the name beside the seed, so each draw is independent of every other and
// of the order they are made in.
func (g *Generator) rng(parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(g.seed, h.Sum64()))
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
