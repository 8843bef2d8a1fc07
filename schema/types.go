package schema

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Article is the metadata of one news article. ID is the input's base name
// (or the id a JSON Lines record gives); Hash is the hex SHA-256 of Text and
// tells the store whether a re-ingested article changed.
type Article struct {
	ID        string `json:"id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Author    string `json:"author,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Hash      string `json:"hash,omitempty"`
	Words     int    `json:"words,omitempty"`
}

// Span is a half-open byte range [Start, End) in an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity is one thing an article speaks of, resolved from all its mentions.
type Entity struct {
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Aliases  []string   `json:"aliases,omitempty"`
	Titles   []string   `json:"titles,omitempty"`
	Mentions []Span     `json:"mentions,omitempty"`
	// Confidence is how sure the extractor is that this is an entity of Type.
	Confidence float64 `json:"confidence,omitempty"`
}

// Evidence is the sentence that supports a relation: its text and its range
// in the article, [Start, End) in bytes of the UTF-8 text and [CharStart,
// CharEnd) in Unicode code points, the index a Python str or a Go []rune
// takes. The code point offsets are known when the article's text is
// (Document.Text); NoOffset marks them unknown. Article and Published (the
// article's date), Confidence and Rule (of that article's assertion) are
// set when evidence is read back from the store, where one relation may be
// supported by several articles. Zero offsets are left out of the JSON,
// which reads them back as zero, so that documents without code point
// offsets (the extractor's) print as before.
type Evidence struct {
	Article    string  `json:"article,omitempty"`
	Published  string  `json:"published,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Rule       string  `json:"rule,omitempty"`
	Text       string  `json:"text"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	CharStart  int     `json:"charStart,omitempty"`
	CharEnd    int     `json:"charEnd,omitempty"`
}

// NoOffset is the code point offset of evidence whose article text is not
// known.
const NoOffset = -1

// Relation is one statement: Subject Predicate Object, with the evidence
// that says so, how sure the extractor is, and the rule that made it.
// Object is an entity id, or a YYYY-MM-DD date for date predicates.
type Relation struct {
	Subject    string    `json:"subject"`
	Predicate  Predicate `json:"predicate"`
	Object     string    `json:"object"`
	Confidence float64   `json:"confidence"`
	Rule       string    `json:"rule"`
	Evidence   Evidence  `json:"evidence"`
}

// Key identifies the statement a relation makes, independent of its evidence.
func (r Relation) Key() string {
	return r.Subject + " " + string(r.Predicate) + " " + r.Object
}

// Document is everything extracted from one article: the unit the extractor
// produces, the store ingests and the API returns after an ingest. Text,
// when set, is the article's text that every offset refers to; the store
// keeps it, and its SHA-256 is Article.Hash.
type Document struct {
	Article   Article    `json:"article"`
	Text      string     `json:"text,omitempty"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// IsDate reports whether s is a YYYY-MM-DD date.
func IsDate(s string) bool { return dateRE.MatchString(s) }

// MaxArticleIDBytes bounds an article id: file base names fit (255 bytes
// on the common file systems), and ids stay short enough to show.
const MaxArticleIDBytes = 255

// IsWebURL reports whether s is an http or https URL, the only kind an
// article's url may be: it is shown to analysts as a link.
func IsWebURL(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return false
	}
	_, err := url.Parse(s)
	return err == nil
}

// CheckArticleID says why id cannot name an article: empty, too long, not
// UTF-8, a character that does not print (control characters, newlines,
// NUL, and the format characters that reorder or hide text, such as bidi
// overrides and zero-width spaces), or space at either end. An id travels
// into logs, file names, N-Quads IRIs and analysts' screens, where such
// characters hide or forge what it says.
func CheckArticleID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("schema: article id is empty")
	case len(id) > MaxArticleIDBytes:
		return fmt.Errorf("schema: article id is %d bytes, at most %d allowed", len(id), MaxArticleIDBytes)
	case !utf8.ValidString(id):
		return fmt.Errorf("schema: article id %q is not valid UTF-8", id)
	case strings.TrimSpace(id) != id:
		return fmt.Errorf("schema: article id %q starts or ends with space", id)
	}
	for i, r := range id {
		if r != ' ' && !unicode.IsPrint(r) {
			return fmt.Errorf("schema: article id %q has a character that does not print (%U at byte %d)", id, r, i)
		}
	}
	return nil
}

// Validate checks a document against the ontology: known types and
// predicates, ids unique, relation ends present with allowed types, spans
// inside the text of textLen bytes (textLen < 0 skips the span check).
// The store refuses a document that does not validate, so nothing half-made
// is ever written.
func (d *Document) Validate(textLen int) error {
	if d.Article.ID == "" {
		return fmt.Errorf("schema: document has no article id")
	}
	if err := CheckArticleID(d.Article.ID); err != nil {
		return err
	}
	types := make(map[string]EntityType, len(d.Entities))
	for _, e := range d.Entities {
		if !e.Type.Valid() {
			return fmt.Errorf("schema: article %s: entity %q has unknown type %q", d.Article.ID, e.ID, e.Type)
		}
		if e.ID == "" || e.Name == "" {
			return fmt.Errorf("schema: article %s: entity of type %s without id or name", d.Article.ID, e.Type)
		}
		if _, dup := types[e.ID]; dup {
			return fmt.Errorf("schema: article %s: entity id %q appears twice", d.Article.ID, e.ID)
		}
		types[e.ID] = e.Type
		if !inUnit(e.Confidence) {
			return fmt.Errorf("schema: article %s: entity %s: confidence %v outside [0,1]", d.Article.ID, e.ID, e.Confidence)
		}
		for _, m := range e.Mentions {
			if err := checkSpan(m, textLen); err != nil {
				return fmt.Errorf("schema: article %s: entity %s: %w", d.Article.ID, e.ID, err)
			}
		}
	}
	for _, r := range d.Relations {
		if err := r.validate(types, textLen); err != nil {
			return fmt.Errorf("schema: article %s: %w", d.Article.ID, err)
		}
	}
	return nil
}

func (r Relation) validate(types map[string]EntityType, textLen int) error {
	spec, ok := Spec(r.Predicate)
	if !ok {
		return fmt.Errorf("relation %s: unknown predicate", r.Key())
	}
	st, ok := types[r.Subject]
	if !ok {
		return fmt.Errorf("relation %s: subject is not an entity of the document", r.Key())
	}
	if spec.ObjectIsDate {
		if !IsDate(r.Object) {
			return fmt.Errorf("relation %s: object is not a YYYY-MM-DD date", r.Key())
		}
	} else if _, ok := types[r.Object]; !ok {
		return fmt.Errorf("relation %s: object is not an entity of the document", r.Key())
	}
	if !spec.Allows(st, types[r.Object]) {
		return fmt.Errorf("relation %s: %s does not allow %s -> %s", r.Key(), r.Predicate, st, types[r.Object])
	}
	if !inUnit(r.Confidence) {
		return fmt.Errorf("relation %s: confidence %v outside [0,1]", r.Key(), r.Confidence)
	}
	return checkSpan(Span{r.Evidence.Start, r.Evidence.End}, textLen)
}

// inUnit reports whether c is a confidence: in [0,1], and so not NaN.
func inUnit(c float64) bool { return c >= 0 && c <= 1 }

func checkSpan(s Span, textLen int) error {
	if s.Start < 0 || s.End < s.Start || (textLen >= 0 && s.End > textLen) {
		return fmt.Errorf("span [%d,%d) outside the text of %d bytes", s.Start, s.End, textLen)
	}
	return nil
}
