package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// TestCachedQueriesSameVerdict sends each query text more than once, so
// that later answers come from a parsed document the server kept: the
// limits still weigh each request's variables, and a text that failed
// validation or a limit fails again the same way.
func TestCachedQueriesSameVerdict(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	page := `query($n: Int) { entities(first: $n) { totalCount } }`
	steps := []struct {
		name  string
		query string
		vars  map[string]interface{}
		want  string // "" for an answer without errors
	}{
		{"first within the limit", page, map[string]interface{}{"n": 5}, ""},
		{"same text, first over the limit", page, map[string]interface{}{"n": 101}, "first must be at most 100"},
		{"same text, within the limit again", page, map[string]interface{}{"n": 5}, ""},
		{"invalid field", `{ entity(id: "country/KR") { nope } }`, nil, `Cannot query field "nope"`},
		{"invalid field again", `{ entity(id: "country/KR") { nope } }`, nil, `Cannot query field "nope"`},
		{"cost", `{ entities(first: 100) { nodes { relations(first: 100) { nodes { id predicate confidence rule evidenceCount value } } } } }`, nil, "cost exceeds 60000"},
		{"cost again", `{ entities(first: 100) { nodes { relations(first: 100) { nodes { id predicate confidence rule evidenceCount value } } } } }`, nil, "cost exceeds 60000"},
	}
	for _, s := range steps {
		r := ts.post(t, s.query, s.vars, "Accept", "application/graphql-response+json")
		if got := r.firstError(); s.want == "" && (got != "" || r.Status != http.StatusOK) || !strings.Contains(got, s.want) {
			t.Errorf("%s: status %d, error %q, want %q", s.name, r.Status, got, s.want)
		}
	}

	// a mutation parsed and kept from a POST is still refused over GET
	mutation := `mutation { deleteArticle(id: "a") { deleted } }`
	ts.post(t, mutation, nil)
	r := ts.do(t, http.MethodGet, "/graphql?query="+url.QueryEscape(mutation), nil, "Accept", "application/graphql-response+json")
	if r.Status != http.StatusMethodNotAllowed || !strings.Contains(r.firstError(), "only accepted over POST") {
		t.Errorf("cached mutation over GET: %d %s", r.Status, r.Raw)
	}
}
