package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/graph/pgtest"
	"github.com/newsgraph/newsgraph/schema"
)

// TestShardFlag: bad shares are refused by the flag's name with the
// reason; every share N ways takes each article in exactly one process.
func TestShardFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	for _, tc := range []struct{ arg, reason string }{
		{"0/0", "want N, the number of shares, 1 or more; got 0"},
		{"3/2", "want I from 1 to 2"},
		{"0/2", "want I from 1 to 2"},
		{"x", "want I/N"},
		{"1/x", "want I/N"},
		{"1/2/3", "want I/N"},
		{"", "want I/N"},
	} {
		code, _, errb := runCmd(context.Background(), "ingest", "-q", "--shard", tc.arg, "--db", db, "../../seeds")
		want := fmt.Sprintf("invalid value %q for flag -shard: %s", tc.arg, tc.reason)
		if code != 2 || !strings.Contains(errb, want) {
			t.Errorf("--shard %q: exit %d, stderr %q; want 2 and %q", tc.arg, code, errb, want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a refused --shard left a store behind")
	}
	for n := 1; n <= 5; n++ {
		shares := make([]shard, n)
		for i := range shares {
			if err := shares[i].Set(fmt.Sprintf("%d/%d", i+1, n)); err != nil {
				t.Fatal(err)
			}
		}
		for a := range 200 {
			id := fmt.Sprintf("article-%d.txt", a)
			kept := 0
			for _, s := range shares {
				if s.keeps(id) {
					kept++
				}
			}
			if kept != 1 {
				t.Errorf("%s is kept by %d of %d shares, want 1", id, kept, n)
			}
		}
	}
}

// TestShardedIngestEqualsOne loads one folder of articles (the seed and
// generated ones, which name many of the same countries, ministers and
// agreements) into PostgreSQL with 2 and with 3 ingest processes at once,
// each --shard i/n, and by one process: the exports, N-Quads and JSON-LD
// and the CSV of edges, must be the same byte for byte: what two shards
// both met is one entity, not two. Each shard says how many articles it
// left to the others; together the shards store each article once.
func TestShardedIngestEqualsOne(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several ingest processes against PostgreSQL")
	}
	base := pgtest.Server(t)
	const generated = 60
	dir := filepath.Join(t.TempDir(), "articles")
	if err := corpus.New(corpus.Config{}).WriteDir(dir, generated); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../seeds/korea-us-mou.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "korea-us-mou.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	const articles = generated + 1
	formats := []string{"nquads", "jsonld", "csv-edges"}

	one := pgtest.Database(t, base)
	if code, out, errb := runCmd(context.Background(), "ingest", "-q", "--db", one, dir); code != 0 {
		t.Fatalf("single ingest exited %d: %s%s", code, out, tail(errb))
	}
	want := exports(t, one, formats)
	sharedAcross(t, want["nquads"], 2)

	for _, n := range []int{2, 3} {
		db := pgtest.Database(t, base)
		procs := make([]*bytes.Buffer, n)
		cmds := make([]interface{ Wait() error }, n)
		for i := range n {
			cmd := newsgraph(t, "", "ingest", "-q", "--workers", "1", "--shard", fmt.Sprintf("%d/%d", i+1, n), "--db", db, dir)
			procs[i] = &bytes.Buffer{}
			cmd.Stdout, cmd.Stderr = procs[i], procs[i]
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds[i] = cmd
		}
		stored := 0
		for i, cmd := range cmds {
			err := cmd.Wait()
			out := procs[i].String()
			if err != nil {
				t.Fatalf("shard %d/%d: %v\n%s", i+1, n, err, tail(out))
			}
			added, skipped := shardSummary(t, out)
			if added+skipped != articles {
				t.Errorf("shard %d/%d stored %d and left %d to the others; want %d in all: %s", i+1, n, added, skipped, articles, out)
			}
			stored += added
		}
		if stored != articles {
			t.Errorf("%d shards stored %d articles between them, want %d", n, stored, articles)
		}
		got := exports(t, db, formats)
		for _, f := range formats {
			if got[f] != want[f] {
				t.Errorf("%d shards: the %s export differs from one process's:\n%s", n, f, firstLineDiff(got[f], want[f]))
			}
		}
	}
}

var summaryRE = regexp.MustCompile(`: (\d+) new, \d+ unchanged, \d+ replaced, 0 failed; shard \d+/\d+, (\d+) skipped as the other shards' share`)

// shardSummary reads the articles a shard stored and left to the others
// from its summary line.
func shardSummary(t *testing.T, out string) (added, skipped int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no shard summary in the output: %s", tail(out))
	}
	added, _ = strconv.Atoi(m[1])
	skipped, _ = strconv.Atoi(m[2])
	return added, skipped
}

// exports exports db in each format.
func exports(t *testing.T, db string, formats []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range formats {
		code, o, errb := runCmd(context.Background(), "export", "--db", db, "--format", f)
		if code != 0 {
			t.Fatalf("export --format %s exited %d: %s", f, code, errb)
		}
		if len(o) == 0 {
			t.Fatalf("export --format %s is empty", f)
		}
		out[f] = o
	}
	return out
}

// sharedAcross checks that some entity is described by articles that n
// shards take apart: otherwise the test could not see two shards' copies
// of one entity.
func sharedAcross(t *testing.T, nquads string, n int) {
	t.Helper()
	const article = "<https://newsgraph.dev/article/"
	shards := map[string]map[int]bool{} // entity -> shards of the articles describing it
	sc := bufio.NewScanner(strings.NewReader(nquads))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "<https://newsgraph.dev/entity/") {
			continue
		}
		i := strings.LastIndex(line, " "+article)
		if i < 0 {
			continue
		}
		id, err := url.PathUnescape(strings.TrimSuffix(strings.TrimSuffix(line[i+1+len(article):], " ."), ">"))
		if err != nil {
			t.Fatal(err)
		}
		entity := line[:strings.IndexByte(line, ' ')]
		if shards[entity] == nil {
			shards[entity] = map[int]bool{}
		}
		shards[entity][schema.ArticleShard(id, n)] = true
	}
	for _, s := range shards {
		if len(s) == n {
			return
		}
	}
	t.Fatalf("no entity of the %d in the corpus is described by articles of %d shards", len(shards), n)
}

func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
