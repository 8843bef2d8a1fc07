package extract

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// bioTypes maps the BIO files' entity types (GUM's) onto ours.
var bioTypes = map[string]schema.EntityType{
	"person": schema.Person, "organization": schema.Organization, "place": schema.Location, "event": schema.Event,
}

// ReadBIO reads token-per-line BIO training data, as shared/train/gum
// holds it: "word TAB xpos TAB B-type|I-type|O TAB SpaceAfter=No|_", a blank
// line after each sentence, "# doc = ID" before a document and "# newpar"
// before a paragraph. It rebuilds each document's text from its words and
// their spacing (sentences joined by a space, paragraphs by a blank line)
// and marks the names by their byte offsets. name labels errors.
func ReadBIO(r io.Reader, name string) ([]LabeledText, error) {
	var (
		docs []LabeledText
		text strings.Builder
		cur  *LabeledText
		open = -1 // start of the name being read
		typ  schema.EntityType
		gap  = ""
		line = 0
	)
	closeName := func() {
		if open >= 0 {
			cur.Names = append(cur.Names, LabeledName{Start: open, End: text.Len(), Type: typ})
			open = -1
		}
	}
	finish := func() {
		if cur != nil {
			closeName()
			cur.Text = text.String()
			docs = append(docs, *cur)
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# doc = "):
			finish()
			cur = &LabeledText{ID: strings.TrimSpace(strings.TrimPrefix(l, "# doc = "))}
			text.Reset()
			gap = ""
			continue
		case strings.HasPrefix(l, "#"):
			if strings.HasPrefix(l, "# newpar") && text.Len() > 0 {
				gap = "\n\n"
			}
			continue
		case strings.TrimSpace(l) == "":
			closeName()
			if text.Len() > 0 && gap == "" {
				gap = " "
			}
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[0] == "" {
			return nil, fmt.Errorf("extract: %s line %d: want word, tag, label and spacing, tab-separated", name, line)
		}
		if cur == nil {
			return nil, fmt.Errorf("extract: %s line %d: a token before the first \"# doc =\" line", name, line)
		}
		label := f[2]
		if label == "O" || strings.HasPrefix(label, "B-") {
			closeName()
		}
		text.WriteString(gap)
		gap = ""
		start := text.Len()
		text.WriteString(f[0])
		if label != "O" {
			t, ok := bioTypes[label[min(2, len(label)):]]
			if !ok || label[:min(2, len(label))] != "B-" && label[:min(2, len(label))] != "I-" {
				return nil, fmt.Errorf("extract: %s line %d: label %q: want O, B-type or I-type with type person, organization, place or event", name, line, label)
			}
			if open < 0 || t != typ {
				closeName()
				open, typ = start, t
			}
		}
		if f[3] != "SpaceAfter=No" {
			gap = " "
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("extract: reading %s: %w", name, err)
	}
	finish()
	return docs, nil
}
