package graph

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
)

const (
	// crashArticles is small because every round reopens the store, and
	// Open decodes every stored article (some 25 ms each on bbolt).
	crashArticles = 300
	crashKills    = 20
	crashBatch    = 64 // documents per Ingest call, as `newsgraph ingest` sends them

	crashLoadEnv  = "NEWSGRAPH_CRASH_LOAD"  // set in the child: the store to load
	crashRoundEnv = "NEWSGRAPH_CRASH_ROUND" // set in the child: which variants to load
	crashSeedEnv  = "NEWSGRAPH_CRASH_SEED"  // reruns a failure's kill points
)

// TestCrashLeavesWholeArticles loads a corpus into one bbolt store in a
// child process and kills it with SIGKILL at random points, at least
// crashKills times, reopening the same store each time and going on. Every
// third article changes from one round to the next, so kills land in
// replacements as well as in first loads. After each kill every stored
// article must be exactly one of its versions, never part of one (the next
// child checks, on the store it opens anyway); at the end all are there and
// the store takes one more article.
func TestCrashLeavesWholeArticles(t *testing.T) {
	if path := os.Getenv(crashLoadEnv); path != "" {
		round, _ := strconv.Atoi(os.Getenv(crashRoundEnv))
		os.Exit(crashLoad(path, round))
	}
	if testing.Short() {
		t.Skip("spawns loads and kills them")
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(crashSeedEnv); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("kill points from %s=%d", crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	path := filepath.Join(t.TempDir(), "graph.db")
	want := crashVersions(crashArticles)

	// Kill somewhere in the first est of a load; est shrinks to the length
	// of a load that finished first, so that kills keep landing in writes.
	est := 6 * time.Second
	kills, round := 0, 0
	for ; kills < crashKills; round++ {
		if round >= 5*crashKills {
			t.Fatalf("only %d of %d loads killed in %d rounds", kills, crashKills, round)
		}
		delay := time.Duration(rng.Int64N(int64(est)))
		killed, ran, n := runLoad(t, path, round, delay)
		if killed {
			kills++
		} else {
			est = ran
		}
		t.Logf("round %d: %d articles whole at start, killed %v after %v", round, n, killed, delay.Round(time.Millisecond))
	}
	if killed, _, _ := runLoad(t, path, round, time.Hour); killed {
		t.Fatal("the last load did not finish")
	}
	s, err := Open(context.Background(), Config{DB: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	n, bad := wholeArticles(s, want)
	s.Close()
	if len(bad) > 0 {
		t.Fatalf("after a complete load: %s", strings.Join(bad, "\n"))
	} else if n != crashArticles {
		t.Errorf("%d of %d articles stored after a complete load", n, crashArticles)
	}
	checkCatalog(t, path)
	checkUsable(t, path)
}

// checkCatalog opens the store from its catalog and from its quads: after
// every kill, the two must hold the same articles, the same versions.
func checkCatalog(t *testing.T, path string) {
	t.Helper()
	docs := func(cfg Config) map[string]string {
		s := open(t, cfg)
		defer s.Close()
		out := map[string]string{}
		for _, id := range s.ix.IDs() {
			out[id] = fmt.Sprintf("%#v", s.ix.Doc(id).Document(""))
		}
		return out
	}
	fromCatalog, fromQuads := docs(Config{DB: path, ReadOnly: true}), docs(Config{DB: path, ReadOnly: true, FromQuads: true})
	if !reflect.DeepEqual(fromCatalog, fromQuads) {
		for id, d := range fromQuads {
			if fromCatalog[id] != d {
				t.Errorf("article %s: the catalog and the quads differ", id)
			}
		}
		t.Fatalf("the catalog holds %d articles, the quads %d", len(fromCatalog), len(fromQuads))
	}
}

// crashLoad is the child: it checks that the store it opens holds whole
// articles only, says "ready" and how many on stdout, and loads the round's
// versions of the corpus. A store with a partial article exits 3.
func crashLoad(path string, round int) int {
	docs := crashDocs(crashArticles, round)
	ctx := context.Background()
	s, err := Open(ctx, Config{DB: path})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	n, bad := wholeArticles(s, crashVersions(crashArticles))
	if len(bad) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(bad, "\n"))
		return 3
	}
	fmt.Println("ready", n)
	for i := 0; i < len(docs); i += crashBatch {
		if _, err := s.Ingest(ctx, docs[i:min(i+crashBatch, len(docs))]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// crashDocs is the corpus as round loads it: every third article in its
// changed version in odd rounds.
func crashDocs(n, round int) []schema.Document {
	docs := corpusDocs(n)
	for i := range docs {
		if i%3 == 0 && round%2 == 1 {
			docs[i] = otherVersion(docs[i])
		}
	}
	return docs
}

// otherVersion is another version of an article: a new text and hash, one relation
// fewer and one alias more, so that replacing one version by the other
// deletes and adds quads.
func otherVersion(d schema.Document) schema.Document {
	d.Text += " (changed)" // after every offset
	d.Article.Hash = schema.TextHash(d.Text)
	if len(d.Relations) > 0 {
		d.Relations = d.Relations[: len(d.Relations)-1 : len(d.Relations)-1]
	}
	if len(d.Entities) > 0 {
		d.Entities = append([]schema.Entity(nil), d.Entities...)
		e := &d.Entities[0]
		e.Aliases = append(e.Aliases[:len(e.Aliases):len(e.Aliases)], e.Name+" (changed)")
	}
	return d
}

// crashVersions maps each article to its two versions as the store decodes
// them.
func crashVersions(n int) map[string][2]schema.Document {
	v0, v1 := crashDocs(n, 0), crashDocs(n, 1)
	want := make(map[string][2]schema.Document, n)
	for i := range v0 {
		id := v0[i].Article.ID
		want[id] = [2]schema.Document{storedDocument(v0[i]), storedDocument(v1[i])}
	}
	return want
}

// runLoad starts a load of round's versions and kills it delay after it
// opened the store, unless it finishes first. It reports whether it killed
// the load, how long the load ran and how many articles it found.
func runLoad(t *testing.T, path string, round int, delay time.Duration) (bool, time.Duration, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLeavesWholeArticles$")
	cmd.Env = append(os.Environ(), crashLoadEnv+"="+path, crashRoundEnv+"="+strconv.Itoa(round))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(out)
	line, _ := r.ReadString('\n')
	var n int
	if _, err := fmt.Sscanf(line, "ready %d\n", &n); err != nil {
		err := cmd.Wait()
		t.Fatalf("round %d: the store is not whole (%v):\n%s", round, err, stderr.String())
	}
	start := time.Now()
	exited := make(chan error, 1)
	go func() {
		io.Copy(io.Discard, r)
		exited <- cmd.Wait()
	}()
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("round %d: load failed: %v\n%s", round, err, stderr.String())
		}
		return false, time.Since(start), n
	case <-timer.C:
		cmd.Process.Kill()
		<-exited
		return true, delay, n
	}
}

// wholeArticles checks that each article in the store is one of its
// versions exactly; it returns how many are stored and what is wrong.
func wholeArticles(s *Store, want map[string][2]schema.Document) (int, []string) {
	var bad []string
	ids := s.ix.IDs()
	for _, id := range ids {
		got := s.ix.Doc(id).Document("")
		w, ok := want[id]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("unknown article %q stored", id))
		case s.extras[id].Len() > 0:
			bad = append(bad, fmt.Sprintf("article %s: %d quads the model does not know", id, s.extras[id].Len()))
		case reflect.DeepEqual(got, w[0]) || reflect.DeepEqual(got, w[1]):
		default:
			bad = append(bad, fmt.Sprintf("article %s is partly stored: %s; its versions: %s, %s",
				id, docShape(got), docShape(w[0]), docShape(w[1])))
		}
	}
	return len(ids), bad
}

// storedDocument is d, a valid document, as the index holds it once
// ingested.
func storedDocument(d schema.Document) schema.Document {
	if err := checkText(&d); err != nil {
		panic(err)
	}
	kept := quadlog.Stored(&d)
	return index.Pack(&kept).Document("")
}

func docShape(d schema.Document) string {
	return fmt.Sprintf("hash %.12q, %d entities, %d relations", d.Article.Hash, len(d.Entities), len(d.Relations))
}

// checkUsable ingests one more article into the store and reads it back
// after reopening.
func checkUsable(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	d := corpus.New(corpus.Config{Seed: scaleSeed}).Document(crashArticles)
	s, err := Open(ctx, Config{DB: path})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Ingest(ctx, []schema.Document{d})
	if err != nil || res[0].Status != schema.Added {
		t.Fatalf("ingest after the kills: %v %+v", err, res)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, Config{DB: path, ReadOnly: true})
	if _, err := s.Article(ctx, d.Article.ID); err != nil {
		t.Errorf("article ingested after the kills: %v", err)
	}
	for _, e := range d.Entities {
		if _, err := s.Entity(ctx, e.ID); err != nil {
			t.Errorf("entity of the article ingested after the kills: %v", err)
		}
	}
}
