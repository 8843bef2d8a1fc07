package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// TestGraphQLOverHTTPAudit runs graphql-http's server audits (api/web/audit.mjs)
// against a real server. It needs Node.js and the npm packages of api/web,
// which `make test` installs (.ci/deps.sh, npm ci in api/web); see require.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	require(t, err == nil, "Node.js 18+, which the GraphQL-over-HTTP audit runs on,", "apt-get install nodejs npm")
	_, err = os.Stat(filepath.Join("web", "node_modules", "graphql-http", "package.json"))
	require(t, err == nil, "the npm package graphql-http", "run `npm ci` in api/web")
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	cmd := exec.Command(node, "audit.mjs", ts.URL+"/graphql")
	cmd.Dir = "web"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("audit failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
