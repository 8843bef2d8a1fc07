package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

var (
	shared     *extract.Extractor
	sharedErr  error
	sharedOnce sync.Once
)

// extractor builds one Extractor for the package's tests: building it loads
// prose's model, which is what a process does once.
func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = extract.New(extract.Config{Workers: 2}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func extractFile(t *testing.T, path string) (schema.Document, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ins, err := extract.ParseInput(path, data)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extractor(t).ExtractInput(context.Background(), ins[0])
	if err != nil {
		t.Fatal(err)
	}
	return doc, ins[0].Text
}

// TestGolden extracts whole articles (the seed and articles written for the
// tests) and compares the JSON with testdata/*.golden.json; -update
// rewrites them, to be reviewed in the diff.
func TestGolden(t *testing.T) {
	files := []string{"../seeds/korea-us-mou.txt"}
	more, _ := filepath.Glob("testdata/*.txt")
	files = append(files, more...)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, _ := extractFile(t, f)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update to create it)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("%s differs from %s; run go test ./extract -update and review the diff", f, golden)
			}
		})
	}
}

// TestOffsets: every mention and every piece of evidence points at the
// bytes it claims, in the text as read.
func TestOffsets(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	files = append(files, "../seeds/korea-us-mou.txt")
	for _, f := range files {
		doc, text := extractFile(t, f)
		if err := doc.Validate(len(text)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, e := range doc.Entities {
			for _, m := range e.Mentions {
				if m.End <= m.Start {
					t.Errorf("%s: %s has an empty mention %v", f, e.ID, m)
				}
			}
		}
		for _, r := range doc.Relations {
			if got := text[r.Evidence.Start:r.Evidence.End]; got != r.Evidence.Text {
				t.Errorf("%s: evidence of %s is %q at its offsets, says %q", f, r.Key(), got, r.Evidence.Text)
			}
			if r.Rule == "" || r.Confidence <= 0 {
				t.Errorf("%s: %s has no rule or confidence", f, r.Key())
			}
		}
	}
}

// TestDeterministic: the same input gives byte-identical output, whatever
// the number of workers.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	files = append(files, "../seeds/korea-us-mou.txt", "../seeds/korea-us-mou.txt")
	var outs []string
	for _, workers := range []int{1, 2, 2} {
		x, err := extract.New(extract.Config{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		err = x.ExtractAll(context.Background(), files, func(r extract.Result) error {
			if r.Err != nil {
				return r.Err
			}
			return enc.Encode(r.Doc)
		})
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

// TestExtractAllStops: an emit that fails stops the batch and returns its
// error, without leaving goroutines waiting.
func TestExtractAllStops(t *testing.T) {
	files := make([]string, 12)
	for i := range files {
		files[i] = "../seeds/korea-us-mou.txt"
	}
	x, err := extract.New(extract.Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	done := make(chan error, 1)
	go func() {
		done <- x.ExtractAll(context.Background(), files, func(extract.Result) error { return stop })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, stop) {
			t.Fatalf("err = %v, want the emit error", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ExtractAll did not return after emit failed")
	}
}

// TestKeepSharesABatch: two extractors whose Config.Keep are complements
// share a batch out: together they extract each article and report each
// failure once, as one extractor without Keep does, and each emits the
// articles it leaves as Skipped, with their ids. The batch has a text
// file, a JSON Lines file of two articles and a bad line, and a file that
// is no article.
func TestKeepSharesABatch(t *testing.T) {
	seed, err := os.ReadFile("../seeds/korea-us-mou.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	line := func(id string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "text": string(seed)})
		return string(b)
	}
	files := map[string]string{
		"a.txt":    string(seed),
		"b.jsonl":  line("j1") + "\n{not json\n" + line("j2") + "\n",
		"c.txt":    "\x00\x01binary",
		"d.txt":    string(seed),
		"e.ndjson": line("j3") + "\n",
	}
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	mine := map[string]bool{"a.txt": true, "j2": true, "c.txt": true, "e.ndjson": true} // and j1, b.jsonl, d.txt, j3 the other's
	run := func(keep func(string) bool) (done, skipped []string) {
		x, err := extract.New(extract.Config{Workers: 1, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		err = x.ExtractAll(context.Background(), paths, func(r extract.Result) error {
			switch {
			case r.Skipped:
				skipped = append(skipped, r.Doc.Article.ID)
			case r.Err != nil:
				done = append(done, "failed in "+filepath.Base(r.Source))
			default:
				done = append(done, r.Doc.Article.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return done, skipped
	}
	all, none := run(nil)
	if len(none) != 0 || len(all) != 7 {
		t.Fatalf("without Keep: %q extracted or failed, %q skipped; want 7 and none", all, none)
	}
	ours, oursSkipped := run(func(id string) bool { return mine[id] })
	theirs, theirsSkipped := run(func(id string) bool { return !mine[id] })
	joined := append(slices.Clone(ours), theirs...)
	slices.Sort(joined)
	slices.Sort(all)
	if !slices.Equal(joined, all) {
		t.Errorf("two shares extracted or failed %q and %q; one extractor %q", ours, theirs, all)
	}
	for _, c := range []struct {
		skipped, want []string
	}{{oursSkipped, []string{"j1", "j3", "d.txt"}}, {theirsSkipped, []string{"a.txt", "j2"}}} {
		slices.Sort(c.skipped)
		slices.Sort(c.want)
		if !slices.Equal(c.skipped, c.want) {
			t.Errorf("skipped %q, want %q", c.skipped, c.want)
		}
	}
}
