package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayout keeps the house's shape: schema imports no project package;
// extract, graph and api import schema and never each other.
func TestLayout(t *testing.T) {
	const mod = "github.com/newsgraph/newsgraph/"
	forbidden := map[string][]string{
		"schema":  {"extract", "graph", "api", "eval", "corpus"},
		"extract": {"graph", "api"},
		"graph":   {"extract", "api"},
		"api":     {"extract", "graph"},
		// the fast executor knows graphql-go and nothing of newsgraph
		"api/gqlfast": {"api", "extract", "graph", "schema"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, b := range bad {
			if deps[mod+b] {
				t.Errorf("%s imports %s", pkg, b)
			}
		}
		if pkg == "schema" {
			for d := range deps {
				if strings.Contains(d, ".") && !strings.HasPrefix(d, mod+"schema") {
					t.Errorf("schema depends on %s; it may use the standard library only", d)
				}
			}
		}
	}
}
