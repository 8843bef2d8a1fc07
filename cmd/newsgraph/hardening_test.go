package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// asMainEnv makes the test binary run main() instead of the tests, so that
// a test can run newsgraph as a process of its own (its real stderr, its
// own uid) without building it first.
const asMainEnv = "NEWSGRAPH_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// newsgraph returns a command that runs newsgraph with args.
func newsgraph(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	if bin == "" {
		bin = os.Args[0]
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	return cmd
}

// startServe runs serve in process on a free port until the test ends and
// returns its base URL.
func startServe(t *testing.T, cfg Config) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, cfg, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("server did not shut down")
		}
	})
	url := "http://" + ln.Addr().String()
	waitHealthy(t, url+"/healthz")
	return url
}

func openFDs(t *testing.T) int {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count open files: %v", err)
	}
	return len(fds)
}

// TestSlowClientsLetGo opens 30 connections that announce a 100-byte body
// and never send it, to a server allowed 8 connections and 1 s to read a
// request. The server must hold no more than 8 of them at a time and close
// each once its time is up (it held them for minutes, and 21,000 ran it out
// of file descriptors), then answer a normal query.
func TestSlowClientsLetGo(t *testing.T) {
	cfg := defaultConfig()
	cfg.DB = seedStore(t, false)
	cfg.ReadTimeout, cfg.MaxConns = time.Second, 8
	url := startServe(t, cfg)
	addr := strings.TrimPrefix(url, "http://")
	base := openFDs(t)
	const attackers = 30
	conns := make([]net.Conn, attackers)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
		conns[i] = c
	}
	time.Sleep(300 * time.Millisecond)
	if held := openFDs(t) - base - attackers; held > cfg.MaxConns+2 {
		t.Errorf("the server holds %d connections, over its cap of %d", held, cfg.MaxConns)
	}
	var wg sync.WaitGroup
	stillHeld := make(chan int, attackers)
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
			_, err := io.Copy(io.Discard, c) // until the server closes it
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				stillHeld <- i
			}
		}()
	}
	wg.Wait()
	close(stillHeld)
	n := 0
	for range stillHeld {
		n++
	}
	if n > 0 {
		t.Errorf("%d of %d connections that never sent their body were still open after 15 s", n, attackers)
	}
	var resp struct{ Data map[string]any }
	postJSON(t, url+"/graphql", `{ stats { articles } }`, &resp)
	if resp.Data["stats"] == nil {
		t.Errorf("no answer after the attack: %v", resp)
	}
}

// TestServeReadOnlyFile serves a store file its user may only read, as
// another user, with --read-only: queries are answered, mutations refused,
// the file unchanged. Without --read-only the same user gets a message
// naming the file.
func TestServeReadOnlyFile(t *testing.T) {
	db := seedStore(t, false)
	bin := os.Args[0]
	var cred *syscall.Credential
	if os.Getuid() == 0 {
		// root may write any file: serve as nobody, from a copy of the
		// test binary that nobody may run
		dir := t.TempDir()
		bin = filepath.Join(dir, "newsgraph")
		if err := copyFile(os.Args[0], bin, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{dir, filepath.Dir(db), filepath.Dir(filepath.Dir(db))} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, db)

	rw := newsgraph(t, bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--token", "t0ken-value")
	rw.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	out, err := rw.CombinedOutput()
	if err == nil || !strings.Contains(string(out), db) || !strings.Contains(string(out), "permission denied") {
		t.Errorf("serving a read-only file for writing: err %v, output %q; want a message naming %s", err, out, db)
	}

	ro := newsgraph(t, bin, "serve", "--read-only", "--db", db, "--addr", "127.0.0.1:0", "--token", "t0ken-value")
	ro.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	stdout, err := ro.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	ro.Stderr = &stderr
	if err := ro.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ro.Process.Kill(); _ = ro.Wait() }()
	url := serverURL(t, stdout, &stderr)
	var q struct {
		Data struct{ Stats struct{ Articles int } }
	}
	postJSON(t, url+"/graphql", `{ stats { articles } }`, &q)
	if q.Data.Stats.Articles != 1 {
		t.Errorf("read-only server answers %d articles, want 1", q.Data.Stats.Articles)
	}
	body, _ := json.Marshal(map[string]string{"query": `mutation { deleteArticle(id: "korea-us-mou.txt") { deleted } }`})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer t0ken-value")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(msg), "read-only") {
		t.Errorf("mutation on a read-only server: %s", msg)
	}
	_ = ro.Process.Signal(syscall.SIGTERM)
	_ = ro.Wait()
	if fileHash(t, db) != before {
		t.Error("serving read-only changed the store file")
	}
}

var servingLine = regexp.MustCompile(`GraphQL:  POST (http://[0-9.:]+)/graphql`)

// serverURL reads a starting server's address from its output.
func serverURL(t *testing.T, stdout io.Reader, stderr *bytes.Buffer) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case url, ok := <-found:
		if !ok {
			t.Fatalf("the server exited: %s", stderr)
		}
		return url
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not start: %s", stderr)
	}
	return ""
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, mode)
}

func fileHash(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestBackupWhileServing copies a store while the server that holds it
// takes new articles: the copy opens, holds whole articles only, and at
// least those stored before it began. A copy straight from the file is
// refused while the server holds it, with the way that works.
func TestBackupWhileServing(t *testing.T) {
	ctx := context.Background()
	cfg := defaultConfig()
	cfg.DB, cfg.Token = seedStore(t, false), "b4ckup-token"
	url := startServe(t, cfg)
	text, err := os.ReadFile("../../seeds/korea-us-mou.txt")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // a writer all along
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			vars := map[string]any{"in": map[string]any{"id": fmt.Sprintf("copy-%d", i), "text": string(text)}}
			body, _ := json.Marshal(map[string]any{"query": `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { status } }`, "variables": vars})
			req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+cfg.Token)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}
	}()
	dir := t.TempDir()
	var copies []string
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("copy-%d.db", i))
		var o, e bytes.Buffer
		if code := run(ctx, []string{"backup", "--server", url, "--token", cfg.Token, "-o", out}, &o, &e); code != 0 {
			t.Fatalf("backup exited %d: %s%s", code, o.String(), e.String())
		}
		copies = append(copies, out)
		time.Sleep(200 * time.Millisecond)
	}
	var o, e bytes.Buffer
	if code := run(ctx, []string{"backup", "--db", cfg.DB, "-o", filepath.Join(dir, "direct.db")}, &o, &e); code != 1 ||
		!strings.Contains(e.String(), "--server") {
		t.Errorf("backup of a served file: exit %d, %q; want a pointer to --server", code, e.String())
	}
	if code := run(ctx, []string{"backup", "--server", url, "--token", "wrong", "-o", filepath.Join(dir, "denied.db")}, &o, &e); code != 1 {
		t.Errorf("backup with a wrong token: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "denied.db")); err == nil {
		t.Error("a refused backup left a file")
	}
	close(stop)
	wg.Wait()
	prev := 0
	for _, c := range copies {
		s, err := graph.Open(ctx, graph.Config{DB: c, ReadOnly: true})
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		st, err := s.Stats(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.Articles(ctx, schema.ArticleFilter{}, schema.Page{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Articles {
			es, err := s.ArticleEntities(ctx, a.ID, "")
			if err != nil || len(es) == 0 || a.Hash == "" {
				t.Errorf("%s: article %s is not whole: %d entities, hash %q, %v", c, a.ID, len(es), a.Hash, err)
			}
		}
		s.Close()
		if st.Articles < max(prev, 1) {
			t.Errorf("%s holds %d articles, fewer than an earlier copy's %d", c, st.Articles, prev)
		}
		prev = st.Articles
		t.Logf("%s: %d articles", filepath.Base(c), st.Articles)
	}
}

// TestSecretsNeverLogged runs commands whose store is a PostgreSQL URL
// with a password, on a port where nothing listens, and a server with a
// token, as processes of their own: no line on their real stderr, whoever
// wrote it (Cayley's SQL store printed the URL, password and all, through
// the standard log package), may show the password or the token.
func TestSecretsNeverLogged(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close() // nothing listens there now
	const password, token = "S3cretPW", "T0kenValue"
	db := "postgres://admin:" + password + "@" + closed + "/newsgraph?sslmode=disable&connect_timeout=2"
	for _, args := range [][]string{
		{"export", "--db", db},
		{"ingest", "-q", "--db", db, "../../seeds"},
		{"delete", "--db", db, "some-article"},
		{"serve", "--db", db, "--addr", "127.0.0.1:0", "--token", token},
		{"backup", "--server", "http://admin:" + password + "@" + closed, "--token", token, "-o", filepath.Join(t.TempDir(), "b.db")},
	} {
		cmd := newsgraph(t, "", args...)
		cmd.Env = append(cmd.Env, "NEWSGRAPH_TOKEN="+token)
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Errorf("%s: succeeded against a closed port", args[0])
		}
		for _, secret := range []string{password, token} {
			if bytes.Contains(out, []byte(secret)) {
				t.Errorf("%s: the output shows %q:\n%s", args[0], secret, out)
			}
		}
		if args[0] != "backup" && !bytes.Contains(out, []byte("admin:xxxxx@")) {
			t.Errorf("%s: the output does not name the store, masked:\n%s", args[0], out)
		}
	}
}

// TestBatchCountsArticles: a JSON Lines file of 11 lines, 5 of them bad,
// is 11 articles of which 5 failed (the summary said "1 of 7").
func TestBatchCountsArticles(t *testing.T) {
	dir := t.TempDir()
	good := `{"id":"a%d","title":"Ministers meet","text":"The ministry said on Monday that the two countries will work together on trade, energy and technology, and that officials from both sides met in the capital to discuss the plan for the next year."}`
	var lines []string
	for i := range 6 {
		lines = append(lines, fmt.Sprintf(good, i))
	}
	lines = append(lines,
		`{"id":"broken", "text": `,                           // not JSON
		`{"id":"empty","text":"   "}`,                        // no text
		`{"id":"nul","text":"bad\u0000byte of the article"}`, // binary
		`{"id":"forged\nid","text":"The ministry said so."}`, // an id with a newline
		`{"id":"ru","text":"Правительство подписало соглашение о сотрудничестве с партнёрами."}`, // not English
	)
	path := filepath.Join(dir, "batch.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"ingest", "-q", "--db", filepath.Join(dir, "g.db"), path}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "5 of 11 articles failed") {
		t.Errorf("exit %d, stderr %q; want 1 and 5 of 11 articles failed", code, errb.String())
	}
	if !strings.Contains(out.String(), "6 new") {
		t.Errorf("summary %q; want 6 new", out.String())
	}
	for _, w := range []string{"line 7", "line 8", "line 9", "line 10", "line 11"} {
		if !strings.Contains(errb.String(), w) {
			t.Errorf("stderr does not name %s: %s", w, errb.String())
		}
	}
}

// TestDamagedStoreCommands: every command on a damaged store exits 1 with
// a message naming the file, never a stack trace.
func TestDamagedStoreCommands(t *testing.T) {
	db := seedStore(t, false)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for off := 6 * 4096; off+4096 <= len(b); off += 4096 {
		copy(b[off:], bytes.Repeat([]byte{0x5a}, 4096))
	}
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"serve", "--db", db, "--addr", "127.0.0.1:0"},
		{"export", "--db", db},
		{"ingest", "-q", "--db", db, "../../seeds"},
		{"delete", "--db", db, "korea-us-mou.txt"},
		{"backup", "--db", db, "-o", filepath.Join(t.TempDir(), "copy.db")},
	} {
		out, err := newsgraph(t, "", args...).CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Errorf("%s: %v, want exit status 1:\n%s", args[0], err, out)
		}
		if !bytes.Contains(out, []byte(db)) || !bytes.Contains(out, []byte("damaged")) || bytes.Contains(out, []byte("goroutine ")) {
			t.Errorf("%s: want a message naming %s as damaged, no stack trace:\n%s", args[0], db, out)
		}
	}
}
