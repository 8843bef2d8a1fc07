package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayout keeps the house's shape: schema imports no project package;
// extract, graph and api import schema and never each other. Inside graph,
// the read model (graph/index) and the Cayley log (graph/quadlog) do not
// know each other, and the read model knows no Cayley.
func TestLayout(t *testing.T) {
	const mod = "github.com/newsgraph/newsgraph/"
	forbidden := map[string][]string{
		"schema":  {"extract", "graph", "api", "eval", "corpus"},
		"extract": {"graph", "api"},
		"graph":   {"extract", "api"},
		// graph's parts: the read model knows no quads, the log no reads
		"graph/index":   {"extract", "api", "graph", "graph/quadlog"},
		"graph/quadlog": {"extract", "api", "graph", "graph/index"},
		"api":           {"extract", "graph"},
		// the fast executor knows graphql-go and nothing of newsgraph
		"api/gqlfast": {"api", "extract", "graph", "schema"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := map[string]bool{} // import path -> in the standard library
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			path, std, _ := strings.Cut(line, " ")
			deps[path] = std == "true"
		}
		for _, b := range bad {
			if _, ok := deps[mod+b]; ok {
				t.Errorf("%s imports %s", pkg, b)
			}
		}
		if pkg == "graph/index" {
			for d := range deps {
				if strings.HasPrefix(d, "github.com/cayleygraph/") {
					t.Errorf("graph/index depends on %s; Cayley stays in graph/quadlog", d)
				}
			}
		}
		if pkg == "schema" {
			for d, std := range deps {
				if !std && d != mod+"schema" {
					t.Errorf("schema depends on %s; it may use the standard library only", d)
				}
			}
		}
	}
}
