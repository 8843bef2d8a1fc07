package graph

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestCrashLeavesWholeArticles kills a load with SIGKILL and checks that
// every article is then fully present or absent.
func TestCrashLeavesWholeArticles(t *testing.T) {
	if path := os.Getenv("NEWSGRAPH_CRASH_LOAD"); path != "" {
		s, err := Open(context.Background(), Config{DB: path})
		if err != nil {
			os.Exit(1)
		}
		docs := generated(2000)
		for i := 0; i < len(docs); i += 50 {
			s.Ingest(context.Background(), docs[i:min(i+50, len(docs))])
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns a load and kills it")
	}
	path := filepath.Join(t.TempDir(), "graph.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLeavesWholeArticles$")
	cmd.Env = append(os.Environ(), "NEWSGRAPH_CRASH_LOAD="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	cmd.Process.Kill()
	cmd.Wait()
	s := open(t, Config{DB: path})
	want := map[string]*storedDoc{}
	for _, d := range generated(2000) {
		want[d.Article.ID] = decode(d.Article.ID, encode(&d))
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for id, got := range s.idx.docs {
		if !reflect.DeepEqual(got.doc, want[id].doc) || len(got.extras) != 0 {
			t.Errorf("article %s is partly stored", id)
		}
	}
	t.Logf("%d of 2000 articles stored when killed", len(s.idx.docs))
}
