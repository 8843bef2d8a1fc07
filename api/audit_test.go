package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// TestGraphQLOverHTTPAudit runs graphql-http's server audits (api/web/audit.mjs)
// against a real server. It needs Node.js and the npm packages of api/web;
// when they are missing it fails, never skips: `make test` installs Node.js
// (.ci/deps.sh) and the packages (npm ci in api/web) before it runs the tests.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: the GraphQL-over-HTTP audit needs Node.js 18+. " +
			"Run `make test`, which installs it (.ci/deps.sh) and the npm packages")
	}
	if _, err := os.Stat(filepath.Join("web", "node_modules", "graphql-http", "package.json")); err != nil {
		t.Fatalf("graphql-http is not installed (%v): run `make test`, or `npm ci` in api/web", err)
	}
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	cmd := exec.Command(node, "audit.mjs", ts.URL+"/graphql")
	cmd.Dir = "web"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("audit failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
