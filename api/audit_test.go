package api_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// TestGraphQLOverHTTPAudit runs graphql-http's server audits (api/web/audit.mjs)
// against a real server when node and the npm packages are installed
// (npm ci in api/web); otherwise it is skipped.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	if _, err := os.Stat("web/node_modules/graphql-http"); err != nil {
		t.Skip("graphql-http not installed: run npm ci in api/web")
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
