package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The tests here drive real tools: Python with networkx and rdflib, Jupyter,
// Node.js with cytoscape.js, Chromium. Under `make test` and CI
// (NEWSGRAPH_TEST_REQUIRE=1, CI=true) a missing one fails the test, which
// says how to get it; a plain `go test` skips it.

// require fails or skips the test when a tool is missing.
func require(t *testing.T, ok bool, what, how string) {
	t.Helper()
	if ok {
		return
	}
	msg := what + " is missing: " + how
	if os.Getenv("NEWSGRAPH_TEST_REQUIRE") != "" || os.Getenv("CI") != "" {
		t.Fatal(msg + " (`make test` installs it with .ci/deps.sh)")
	}
	t.Skip(msg + " (`make test` installs it and runs this test)")
}

// python finds a Python 3 that imports modules: Debian's /usr/bin/python3,
// where Debian's python3-* packages install, before another on PATH.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	script := "import " + join(modules, ", ")
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", script).Run() == nil {
			return path
		}
	}
	require(t, false, "Python 3 with "+join(modules, ", "),
		"apt-get install python3-networkx python3-rdflib python3-matplotlib python3-ipykernel jupyter-nbconvert")
	return ""
}

func join(s []string, sep string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(x)
	}
	return b.String()
}

// seedStore ingests the seed article, and the evaluation articles when
// they are there (EVAL_DIR, or ../shared/eval beside the repository), into
// a bbolt store of the test's own.
func seedStore(t *testing.T, withEval bool) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "graph.db")
	args := []string{"ingest", "-q", "--db", db, "../../seeds"}
	if withEval {
		dir := os.Getenv("EVAL_DIR")
		if dir == "" {
			dir = "../../../shared/eval"
		}
		if st, err := os.Stat(filepath.Join(dir, "articles")); err == nil && st.IsDir() {
			args = append(args, filepath.Join(dir, "articles"))
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("ingest exited %d: %s%s", code, out.String(), errb.String())
	}
	return db
}

// liveServer is the real server on a free loopback port, over db.
type liveServer struct {
	URL  string
	stop func()
}

func startServer(t *testing.T, db string) *liveServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := defaultConfig()
	cfg.DB = db
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() { done <- serve(ctx, ln, cfg, &out) }()
	s := &liveServer{URL: "http://" + ln.Addr().String()}
	stopped := false
	s.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("server did not shut down")
		}
	}
	t.Cleanup(s.stop)
	waitHealthy(t, s.URL+"/healthz")
	return s
}

// postGraphQL posts query q with vars to the server at base, with token
// as a bearer token unless it is empty, and returns the answer's data,
// failing on any error.
func postGraphQL(t *testing.T, base, token, q string, vars map[string]any) json.RawMessage {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var resp struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(r.Body).Decode(&resp); err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	if len(resp.Errors) > 0 {
		t.Fatalf("%s: query %s: %v", base, q, resp.Errors)
	}
	return resp.Data
}

// query posts a GraphQL query with variables and decodes its data into
// into, failing on any error.
func (s *liveServer) query(t *testing.T, q string, vars map[string]any, into any) {
	t.Helper()
	if err := json.Unmarshal(postGraphQL(t, s.URL, "", q, vars), into); err != nil {
		t.Fatal(err)
	}
}
