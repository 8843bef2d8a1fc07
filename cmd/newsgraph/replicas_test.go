package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/pgtest"
)

// feedBound is how soon after a commit every server answers with it, as
// README.md and docs/scaling.md state it.
const feedBound = 2 * time.Second

const replicaToken = "replica-t0ken"

// The article the replicas test writes, and the sentence its replacement
// adds.
const (
	replicaID      = "replica-wire.txt"
	replicaArticle = `Chile and Japan sign lithium agreement

SANTIAGO, March 3 (Reuters) -- Chile and Japan signed a memorandum of understanding on lithium mining on Monday. Chilean Foreign Minister Alberto van Klaveren and Japanese Ambassador Kenji Hirata signed the agreement in Santiago.
`
	replicaAddition = "Peruvian Energy Minister Jorge Montero attended the signing ceremony.\n"
)

// replicaQuery is what the test asks both servers after each change.
const replicaQuery = `query($id: ID!) {
  stats { articles entities relations }
  article(id: $id) { id title }
  hirata: entity(id: "person/kenji-hirata") { id name }
  montero: entity(id: "person/jorge-montero") { id name }
  search(query: "lithium") { totalCount nodes { entity { id } } }
}`

type replicaView struct {
	Article *struct{ ID, Title string }
	Hirata  *struct{ ID string }
	Montero *struct{ ID string }
}

// TestReplicasFollow: two serve processes and ingest and delete processes
// on one PostgreSQL database. An article the ingest process adds, its
// replacement through the other server's ingestArticle, and its deletion
// by the delete process are each answered by both servers within
// feedBound of the write's end, the two answer alike, and /metrics says
// how far behind each is.
func TestReplicasFollow(t *testing.T) {
	db := freshDatabase(t)
	if code, _, errb := runCmd(t.Context(), "ingest", "-q", "--db", db, "../../seeds"); code != 0 {
		t.Fatalf("ingest of the seeds exited %d: %s", code, errb)
	}
	a, b := startReplica(t, db), startReplica(t, db)
	servers := []string{a, b}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, replicaID), []byte(replicaArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := newsgraph(t, "", "ingest", "-q", "--db", db, dir).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v: %s", err, out)
	}
	waitReplicas(t, "the ingested article", servers, func(v replicaView) bool { return v.Article != nil && v.Hirata != nil })

	mutate(t, b, `mutation($text: String!) { ingestArticle(input: {id: "`+replicaID+`", text: $text}) { article { id } } }`,
		map[string]any{"text": replicaArticle + replicaAddition})
	waitReplicas(t, "the article replaced through the second server", servers, func(v replicaView) bool {
		return v.Article != nil && v.Montero != nil
	})

	if out, err := newsgraph(t, "", "delete", "--db", db, replicaID).CombinedOutput(); err != nil {
		t.Fatalf("delete: %v: %s", err, out)
	}
	waitReplicas(t, "the deleted article", servers, func(v replicaView) bool {
		return v.Article == nil && v.Hirata == nil && v.Montero == nil
	})

	for _, s := range servers {
		m := scrape(t, s)
		// a applied all three changes from the feed; b wrote one itself
		if m["newsgraph_feed_changes_applied_total"] < 2 {
			t.Errorf("%s applied %v changes from the feed, want 2 or more", s, m["newsgraph_feed_changes_applied_total"])
		}
		count, within := m["newsgraph_feed_delay_seconds_count"], m[`newsgraph_feed_delay_seconds_bucket{le="2"}`]
		if count == 0 || within != count {
			t.Errorf("%s: %v of %v changes answered within 2s of their commit", s, within, count)
		}
		if lag, ok := m["newsgraph_feed_lag_seconds"]; !ok || lag > feedBound.Seconds() {
			t.Errorf("%s: newsgraph_feed_lag_seconds = %v (reported: %v), want at most %v", s, lag, ok, feedBound.Seconds())
		}
		if m["newsgraph_feed_position"] == 0 || m["newsgraph_feed_reads_failed_total"] != 0 {
			t.Errorf("%s: feed position %v, %v reads failed", s, m["newsgraph_feed_position"], m["newsgraph_feed_reads_failed_total"])
		}
	}
}

// waitReplicas waits until every server's answer satisfies ok, failing
// when one takes longer than feedBound, then checks that they answer
// alike.
func waitReplicas(t *testing.T, what string, servers []string, ok func(replicaView) bool) {
	t.Helper()
	start := time.Now()
	answers := make([]string, len(servers))
	for i, s := range servers {
		for {
			raw := replicaAsk(t, s)
			var v replicaView
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				t.Fatal(err)
			}
			if ok(v) {
				answers[i] = raw
				t.Logf("%s: answered by %s %v after the write", what, s, time.Since(start).Round(time.Millisecond))
				break
			}
			if time.Since(start) > feedBound {
				t.Fatalf("%s: %s does not answer with it %v after the write: %s", what, s, feedBound, raw)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for i := 1; i < len(answers); i++ {
		if answers[i] != answers[0] {
			t.Errorf("%s: the servers answer otherwise:\n%s: %s\n%s: %s", what, servers[0], answers[0], servers[i], answers[i])
		}
	}
}

// replicaAsk posts replicaQuery to the server at base and returns its data.
func replicaAsk(t *testing.T, base string) string {
	t.Helper()
	return string(postGraphQL(t, base, "", replicaQuery, map[string]any{"id": replicaID}))
}

// mutate posts a mutation with the token and fails on any error.
func mutate(t *testing.T, base, q string, vars map[string]any) {
	t.Helper()
	postGraphQL(t, base, replicaToken, q, vars)
}

// scrape reads a server's /metrics into a map of series to values.
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	r, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(r.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if strings.HasPrefix(line, "#") || i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("%s/metrics: %q: %v", base, line, err)
		}
		out[line[:i]] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// startReplica runs serve on db as a process of its own on a free port,
// until the test ends, and returns its base URL.
func startReplica(t *testing.T, db string) string {
	t.Helper()
	cmd := newsgraph(t, "", "serve", "--db", db, "--addr", "127.0.0.1:0", "--token", replicaToken)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopProcess(t, cmd) })
	return serverURL(t, stdout, &stderr)
}

// stopProcess stops a server as a service manager does, with SIGTERM,
// killing it if it has not stopped within 30s.
func stopProcess(t *testing.T, cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", cmd, err)
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Errorf("%s did not stop in 30s", cmd)
	}
}

// freshDatabase is a database of the test's own on the PostgreSQL server
// of NEWSGRAPH_TEST_POSTGRES, dropped when the test ends (pgtest).
func freshDatabase(t *testing.T) string {
	t.Helper()
	return pgtest.Database(t, pgtest.Server(t))
}

// TestFollowRefused: --follow is refused, naming the flag and why, when it
// is negative, and for a store that has no feed; left at its default it
// is not.
func TestFollowRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--follow", "-1s"}, "--follow -1s: want an interval above zero"},
		{[]string{"--follow", "1s"}, "--follow 1s: " + db + " has no feed of changes to follow"},
	} {
		code, _, errb := runCmd(t.Context(), append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, tc.args...)...)
		if code != 2 || !strings.Contains(errb, tc.want) {
			t.Errorf("serve %v: exit %d, %q; want 2 and %q", tc.args, code, errb, tc.want)
		}
	}
	s := startServer(t, db) // the default interval on bbolt: no feed, no error
	if m := scrape(t, s.URL); len(m) == 0 {
		t.Error("no metrics")
	} else if _, ok := m["newsgraph_feed_position"]; ok {
		t.Error("a server without a feed reports a feed position")
	}
}

// TestServeBannerMasksPassword: the line serve prints when it starts names
// its store with the password of the store's URL masked, as every log line
// does.
func TestServeBannerMasksPassword(t *testing.T) {
	u, err := url.Parse(freshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	const password = "S3cretPW" // the test server trusts local connections: any password opens it
	u.User = url.UserPassword(u.User.Username(), password)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", u.String(), "--addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatalf("serve printed nothing (exit %d)", <-done)
	}
	banner := sc.Text()
	cancel()
	go io.Copy(io.Discard, pr)
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if strings.Contains(banner, password) || !strings.Contains(banner, ":xxxxx@") {
		t.Errorf("the banner does not mask the password: %q", banner)
	}
}
