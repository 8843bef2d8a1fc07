package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestArticlesToLearn: the held-out list leaves its articles out of
// training, comments and blank lines aside; a name no article has is an
// error, lest a misspelt list hold nothing out.
func TestArticlesToLearn(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Text of "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := func(body string) string {
		p := filepath.Join(t.TempDir(), "held-out.txt")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name, list string
		want       []string
		err        string
	}{
		{"no list", "", []string{"a.txt", "b.txt", "c.txt"}, ""},
		{"two held out", list("# the check\nb.txt\n\n  c.txt  \n"), []string{"a.txt"}, ""},
		{"misspelt", list("b.text\n"), nil, "no article b.text"},
		{"missing list", filepath.Join(dir, "none.txt"), nil, "held-out list"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files, skipped, err := articlesToLearn([]string{dir}, c.list)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one saying %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, filepath.Base(f))
			}
			if !slices.Equal(got, c.want) || skipped != 3-len(c.want) {
				t.Errorf("learn from %v (%d held out), want %v", got, skipped, c.want)
			}
		})
	}
}
