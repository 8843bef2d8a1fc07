package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEnd ingests the seed article into a real bbolt store, starts the
// real server on a free loopback port and asks it over HTTP who signed the
// Korea-U.S. Technology Prosperity Deal and which sentence says so.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "graph.db")
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"ingest", "-q", "--db", db, "../../seeds"}, &out, &errb); code != 0 {
		t.Fatalf("ingest exited %d: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "1 new") {
		t.Fatalf("ingest summary = %q, want 1 new", out.String())
	}
	s := startServer(t, db)
	url := s.URL + "/graphql"

	const q = `{ entity(id: "agreement/korea-us-technology-prosperity-deal") {
		name
		relations(predicates: [signed], direction: IN) { nodes { subject { name } evidence { text start end } } }
	} }`
	var resp struct {
		Data struct {
			Entity struct {
				Name      string
				Relations struct {
					Nodes []struct {
						Subject  struct{ Name string }
						Evidence []struct {
							Text       string
							Start, End int
						}
					}
				}
			}
		}
		Errors []struct{ Message string }
	}
	postJSON(t, url, q, &resp)
	if len(resp.Errors) > 0 {
		t.Fatalf("query errors: %+v", resp.Errors)
	}
	if resp.Data.Entity.Name != "Korea-U.S. Technology Prosperity Deal" {
		t.Fatalf("agreement name = %q", resp.Data.Entity.Name)
	}
	signers := map[string]string{}
	for _, n := range resp.Data.Entity.Relations.Nodes {
		if len(n.Evidence) > 0 {
			signers[n.Subject.Name] = n.Evidence[0].Text
		}
	}
	for _, want := range []string{"South Korea", "United States"} {
		ev, ok := signers[want]
		if !ok {
			t.Errorf("%s did not sign the deal; signers: %v", want, signers)
			continue
		}
		if !strings.Contains(ev, "signed a memorandum of understanding") {
			t.Errorf("evidence for %s = %q, want the signing sentence", want, ev)
		}
	}
	s.stop() // and it shuts down cleanly
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if r, err := http.Get(url); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server at %s never became healthy", url)
}

func postJSON(t *testing.T, url, query string, into any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	r, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if err := json.NewDecoder(r.Body).Decode(into); err != nil {
		t.Fatal(err)
	}
}
