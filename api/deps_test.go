package api_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps api off graph and extract: it knows them only through
// its own interfaces (STYLE.md).
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/newsgraph/newsgraph/graph" || dep == "github.com/newsgraph/newsgraph/extract" {
			t.Errorf("api depends on %s", dep)
		}
	}
}

// BenchmarkQuery measures a typical visualisation query end to end over HTTP.
func BenchmarkQuery(b *testing.B) {
	ts := newServer(b, apiConfig(), fixtureDocs(b))
	q := `{ neighborhood(id: "country/KR", depth: 2) { nodes { id name degree } edges { predicate subject { id } object { id } } } }`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := ts.post(b, q, nil); r.Status != 200 {
			b.Fatalf("status %d", r.Status)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
