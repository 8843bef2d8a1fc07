package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/newsgraph/newsgraph/corpus"
)

// TestPostgresGoesAwayMidIngest loads generated articles into a PostgreSQL
// server of its own and stops the server once the first batch has
// committed. The ingest must end with an error and report the articles
// it could not store; with the server back, every article stored must be
// whole (its quads exactly those of an uninterrupted load); and a second
// ingest of the same files must complete the load, to the same export as a
// load that never failed.
func TestPostgresGoesAwayMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops a PostgreSQL server")
	}
	underMakeTest := os.Getenv("NEWSGRAPH_TEST_POSTGRES") != "" // make test installed and started PostgreSQL
	if _, err := exec.LookPath("initdb"); err != nil {
		if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(m) == 0 {
			if underMakeTest {
				t.Fatal("initdb not found, though make test installs PostgreSQL")
			}
			t.Skip("PostgreSQL's initdb is not installed (make test installs it): this test starts a server of its own")
		}
	}
	// the server runs as the user postgres, who must reach its folder
	base, err := os.MkdirTemp("", "newsgraph-pgloss-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	pgDir := filepath.Join(base, "pg")
	start := exec.Command("../../.ci/postgres.sh", "start", pgDir)
	start.Stderr = os.Stderr
	out, err := start.Output()
	if err != nil {
		if underMakeTest {
			t.Fatalf(".ci/postgres.sh start: %v", err)
		}
		t.Skipf("no PostgreSQL server to start (.ci/postgres.sh: %v); make test installs one", err)
	}
	defer exec.Command("../../.ci/postgres.sh", "stop", pgDir).Run()
	db := strings.TrimSpace(string(out))

	const n = 80
	articles := filepath.Join(t.TempDir(), "articles")
	if err := corpus.New(corpus.Config{}).WriteDir(articles, n); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// the reference: the same files loaded without a fault
	ref := filepath.Join(t.TempDir(), "ref.db")
	if code, _, errb := runCmd(ctx, "ingest", "-q", "--db", ref, articles); code != 0 {
		t.Fatalf("reference ingest exited %d: %s", code, errb)
	}
	want := exportByArticle(t, ref)

	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, o, e := runCmd(ctx, "ingest", "-q", "--db", db, articles)
		done <- result{code, o, e}
	}()
	waitArticles(t, db, 1)
	if err := exec.Command("../../.ci/postgres.sh", "stop", pgDir).Run(); err != nil {
		t.Fatalf("stopping PostgreSQL: %v", err)
	}
	var first result
	select {
	case first = <-done:
	case <-time.After(5 * time.Minute):
		t.Fatal("the ingest did not end after the server went away")
	}
	t.Logf("ingest with the server gone: exit %d, %s", first.code, strings.TrimSpace(first.out))
	if first.code != 1 || !strings.Contains(first.err, "articles failed") {
		t.Errorf("exit %d, stderr ends %q; want 1 and the failed articles counted", first.code, tail(first.err))
	}
	failed := 0
	for _, line := range strings.Split(first.err, "\n") {
		if strings.HasPrefix(line, "graph: article ") {
			failed++
		}
	}
	if failed == 0 {
		t.Errorf("no article reported as not stored:\n%s", tail(first.err))
	}

	if out, err := exec.Command("../../.ci/postgres.sh", "restart", pgDir).CombinedOutput(); err != nil {
		t.Fatalf("restarting PostgreSQL: %v\n%s", err, out)
	}
	got := exportByArticle(t, db)
	if len(got) == 0 || len(got) >= n {
		t.Errorf("%d of %d articles stored before the server went away; want some, not all", len(got), n)
	}
	for id, quads := range got {
		if quads != want[id] {
			t.Errorf("article %s is not whole after the fault", id)
		}
	}
	t.Logf("%d articles stored whole, %d reported not stored", len(got), failed)

	if code, o, e := runCmd(ctx, "ingest", "-q", "--db", db, articles); code != 0 {
		t.Fatalf("the second ingest exited %d: %s%s", code, o, tail(e))
	} else {
		t.Logf("second ingest: %s", strings.TrimSpace(o))
	}
	got = exportByArticle(t, db)
	if len(got) != len(want) {
		t.Errorf("after the second ingest %d articles, want %d", len(got), len(want))
	}
	for id, quads := range want {
		if got[id] != quads {
			t.Errorf("article %s differs from the uninterrupted load", id)
		}
	}
}

func runCmd(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// exportByArticle exports a store as N-Quads and groups the lines by the
// article whose graph they are in.
func exportByArticle(t *testing.T, db string) map[string]string {
	t.Helper()
	code, out, errb := runCmd(context.Background(), "export", "--db", db)
	if code != 0 {
		t.Fatalf("export of %s exited %d: %s", db, code, errb)
	}
	lines := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndex(line, " <")
		if i < 0 {
			continue
		}
		label := line[i:]
		lines[label] = append(lines[label], line)
	}
	byArticle := map[string]string{}
	for label, ls := range lines {
		sort.Strings(ls)
		byArticle[label] = strings.Join(ls, "\n")
	}
	return byArticle
}

// waitArticles waits until the store at url holds quads of at least n
// articles.
func waitArticles(t *testing.T, url string, n int) {
	t.Helper()
	conn, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var got int
		if conn.QueryRow(`SELECT count(DISTINCT label_hash) FROM quads`).Scan(&got) == nil && got >= n {
			return
		}
	}
	t.Fatalf("no article reached the store in 3 minutes")
}

func tail(s string) string {
	if len(s) > 600 {
		return "..." + s[len(s)-600:]
	}
	return s
}
