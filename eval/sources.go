package eval

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// ReadSources reads the table of SOURCES.md ("| article | original
// publisher | licence |") and returns each article's publisher group, as
// PublisherGroup normalises it, by article file name.
func ReadSources(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval: sources: %w", err)
	}
	out := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		cells := strings.Split(strings.TrimSpace(l), "|")
		if len(cells) < 4 || cells[0] != "" {
			continue
		}
		article, publisher := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[2])
		if !strings.Contains(article, ".") || strings.HasPrefix(publisher, "-") || article == "article" {
			continue
		}
		out[article] = PublisherGroup(publisher)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval: sources %s: no table of articles and publishers", path)
	}
	return out, nil
}

var (
	parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)
	releaseKind   = regexp.MustCompile(`(?i)\s+(?:press release|news release|news story|media note|joint statement)\s*$`)
)

// PublisherGroup normalises a publisher as SOURCES.md writes it into the
// group it is held out with: without parentheticals ("(reprint)") and
// without the kind of release ("press release", "news release", "news
// story", "media note", "joint statement"), so that a department's press
// releases and its media notes, or a reprint and the original, are one
// group.
func PublisherGroup(publisher string) string {
	s := parenthetical.ReplaceAllString(publisher, "")
	for {
		t := releaseKind.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	return strings.Join(strings.Fields(s), " ")
}
