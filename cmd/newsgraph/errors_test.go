package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput: each mistake a user can make gets a non-zero exit and a
// message that names the input and the reason.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "bin.txt")
	if err := os.WriteFile(binary, []byte{0x7f, 'E', 'L', 'F', 0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(dir, "ok.db")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, []string{"nope.txt", "no such file"}},
		{"directory without articles", []string{"extract", empty}, 1, []string{empty, "holds no articles"}},
		{"binary article", []string{"extract", binary}, 1, []string{"bin.txt", "binary"}},
		{"unreadable store path", []string{"ingest", "-q", "--db", filepath.Join(blocker, "graph.db"), "../../seeds"}, 1, []string{blocker}},
		{"port in use", []string{"serve", "--db", db, "--addr", ln.Addr().String()}, 1, []string{ln.Addr().String(), "address already in use"}},
		{"unknown command", []string{"frobnicate"}, 2, []string{"unknown command"}},
		{"unknown export format", []string{"export", "--db", db, "--format", "xml"}, 2, []string{"xml"}},
		{"no arguments", []string{"ingest"}, 2, []string{"at least one"}},
		{"negative transaction size", []string{"ingest", "-q", "--db", db, "--tx-deltas", "-1", "../../seeds"}, 2, []string{"--tx-deltas -1"}},
		{"memory limit that is no size", []string{"ingest", "-q", "--db", db, "--memory-limit", "lots", "../../seeds"}, 2, []string{"memory-limit", "lots", "900MiB"}},
		{"memory limit of zero", []string{"import", "--db", db, "--memory-limit", "0", "x.nq"}, 2, []string{"memory-limit", `"0"`, "above zero"}},
		{"no workers", []string{"extract", "--workers", "0", "../../seeds"}, 2, []string{"--workers 0", "want 1 to"}},
		{"negative workers", []string{"ingest", "-q", "--db", db, "--workers", "-1", "../../seeds"}, 2, []string{"--workers -1"}},
		{"100,000 workers", []string{"extract", "--workers", "100000", "../../seeds"}, 2, []string{"--workers 100000", "want 1 to"}},
		{"no read timeout", []string{"serve", "--db", db, "--read-timeout", "0s"}, 2, []string{"--read-timeout"}},
		{"write timeout under the query timeout", []string{"serve", "--db", db, "--write-timeout", "2s"}, 2, []string{"--write-timeout 2s", "--timeout"}},
		{"no connections", []string{"serve", "--db", db, "--max-conns", "0"}, 2, []string{"--max-conns 0"}},
		{"metrics token without a token", []string{"serve", "--db", db, "--metrics-token"}, 2, []string{"--metrics-token needs a token"}},
		{"backup without -o", []string{"backup", "--db", db}, 2, []string{"-o FILE"}},
		{"backup of a missing store", []string{"backup", "--db", filepath.Join(dir, "nope.db"), "-o", filepath.Join(dir, "c.db")}, 1, []string{"nope.db", "no such file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errb)
			if code != tt.code {
				t.Fatalf("exit = %d, want %d; stderr: %s", code, tt.code, errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("stderr %q does not say %q", errb.String(), w)
				}
			}
		})
	}
}

// TestBatchGoesOn: one bad file in a batch is reported, the good one is
// still extracted, and the exit status says something failed.
func TestBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a-empty.txt"), []byte("  \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../seeds/korea-us-mou.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b-seed.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"extract", dir}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit = %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "a-empty.txt") || !strings.Contains(errb.String(), "empty") {
		t.Errorf("stderr %q does not name the empty file", errb.String())
	}
	if !strings.Contains(errb.String(), "1 of 2 articles failed") {
		t.Errorf("stderr %q has no summary", errb.String())
	}
	if !strings.Contains(out.String(), `"id":"b-seed.txt"`) {
		t.Errorf("the good article was not extracted: %q", out.String())
	}
}

// TestEvalGoesOn: eval scores every article it can; an article without a
// gold file is reported by name, the others are still scored, and the exit
// status says something failed.
func TestEvalGoesOn(t *testing.T) {
	dir, gold := t.TempDir(), t.TempDir()
	seed, err := os.ReadFile("../../seeds/korea-us-mou.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a-seed.txt", "b-nogold.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g := `{"article":"a-seed.txt","entities":[{"type":"Country","name":"South Korea"}],"relations":[]}`
	if err := os.WriteFile(filepath.Join(gold, "a-seed.json"), []byte(g), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"eval", "--gold", gold, dir}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit = %d, want 1; stderr: %s", code, errb.String())
	}
	for _, w := range []string{"b-nogold", "1 of 2 articles failed"} {
		if !strings.Contains(errb.String(), w) {
			t.Errorf("stderr %q does not say %q", errb.String(), w)
		}
	}
	if !strings.Contains(out.String(), "a-seed") {
		t.Errorf("the article with gold was not scored: %q", out.String())
	}
}
