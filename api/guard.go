package api

import (
	"fmt"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Hostile queries are stopped in two steps. graphql-go v0.8.1 overflows its
// stack (an unrecoverable crash) on a cyclic fragment spread (its issue
// #742), and neither its parser nor its validator bounds its own work; so
// prescan looks at the raw text before anything parses it, and walk looks
// at the parsed document before graphql.ValidateDocument or execution.

// Limits bounds one request: its size and shape, checked before it runs
// (the first nine), and the page sizes its arguments may ask for, checked
// by the resolvers (the last four). Zero fields take the defaults of
// DefaultLimits.
type Limits struct {
	MaxBodyBytes  int64 // request body
	MaxQueryChars int   // query text, in characters
	MaxTokens     int   // lexical tokens of the query
	MaxNesting    int   // nesting of ( [ {
	MaxDepth      int   // selection depth (the introspection query exempt)
	MaxFields     int   // fields, fragments expanded
	MaxAliases    int
	MaxRootFields int
	MaxCost       int // fields weighted by the first/limit of the lists above them

	MaxFirst     int // first, on every list (and stats' top)
	MaxNodes     int // neighborhood's limit
	MaxHops      int // neighborhood's depth
	MaxPathDepth int // path's maxDepth
}

// DefaultLimits are the limits of a server whose Config.Limits is zero.
// Under them every list at its largest page (first 100, neighborhood
// limit 500 at depth 3) answers with its items' relations and evidence
// selected: TestDocumentedMaximums holds them to it.
var DefaultLimits = Limits{
	MaxBodyBytes: 64 << 10, MaxQueryChars: 15000, MaxTokens: 2000, MaxNesting: 64,
	MaxDepth: 10, MaxFields: 500, MaxAliases: 30, MaxRootFields: 20, MaxCost: 60000,
	MaxFirst: 100, MaxNodes: 500, MaxHops: 3, MaxPathDepth: 6,
}

// The most a page limit may be set to: what the store serves in one read.
const (
	ceilFirst     = 1000
	ceilNodes     = 1000
	ceilHops      = 5
	ceilPathDepth = 12
)

// Check reports a limit set out of its range, by its name.
func (l Limits) Check() error {
	for _, c := range []struct {
		name    string
		v, most int
	}{{"max-first", l.MaxFirst, ceilFirst}, {"max-nodes", l.MaxNodes, ceilNodes},
		{"max-hops", l.MaxHops, ceilHops}, {"max-path-depth", l.MaxPathDepth, ceilPathDepth}} {
		if c.v < 0 || c.v > c.most {
			return fmt.Errorf("api: limit %s is %d, want 1 to %d (0 for the default)", c.name, c.v, c.most)
		}
	}
	return nil
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	pick(&l.MaxQueryChars, d.MaxQueryChars)
	pick(&l.MaxTokens, d.MaxTokens)
	pick(&l.MaxNesting, d.MaxNesting)
	pick(&l.MaxDepth, d.MaxDepth)
	pick(&l.MaxFields, d.MaxFields)
	pick(&l.MaxAliases, d.MaxAliases)
	pick(&l.MaxRootFields, d.MaxRootFields)
	pick(&l.MaxCost, d.MaxCost)
	pick(&l.MaxFirst, d.MaxFirst)
	pick(&l.MaxNodes, d.MaxNodes)
	pick(&l.MaxHops, d.MaxHops)
	pick(&l.MaxPathDepth, d.MaxPathDepth)
	return l
}

// rejection is a query refused by a limit: a client mistake, with a message
// that says which limit.
type rejection struct {
	limit string
	msg   string
}

func (r *rejection) Error() string { return r.msg }

func reject(limit, format string, args ...interface{}) *rejection {
	return &rejection{limit: limit, msg: "api: " + fmt.Sprintf(format, args...)}
}

// prescan checks the size, token count and bracket nesting of the raw query.
func (l Limits) prescan(q string) error {
	if n := len([]rune(q)); n > l.MaxQueryChars {
		return reject("query_chars", "query is %d characters, at most %d allowed", n, l.MaxQueryChars)
	}
	tokens, depth := 0, 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
			continue
		case c == '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
			continue
		case c == '"':
			i = skipString(q, i)
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > l.MaxNesting {
				return reject("nesting", "query nests brackets %d deep, at most %d allowed", depth, l.MaxNesting)
			}
			i++
		case c == ')' || c == ']' || c == '}':
			depth--
			i++
		case isNameByte(c) || c == '-':
			for i++; i < len(q) && (isNameByte(q[i]) || q[i] == '.' || q[i] == '+' || q[i] == '-'); i++ {
			}
		case c == '.' && strings.HasPrefix(q[i:], "..."):
			i += 3
		default:
			i++
		}
		tokens++
		if tokens > l.MaxTokens {
			return reject("tokens", "query has more than %d tokens", l.MaxTokens)
		}
	}
	return nil
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipString returns the index after the string literal that starts at i.
func skipString(q string, i int) int {
	if strings.HasPrefix(q[i:], `"""`) {
		for j := i + 3; j < len(q); j++ {
			if q[j] == '\\' && strings.HasPrefix(q[j:], `\"""`) {
				j += 3
				continue
			}
			if strings.HasPrefix(q[j:], `"""`) {
				return j + 3
			}
		}
		return len(q)
	}
	for j := i + 1; j < len(q); j++ {
		switch q[j] {
		case '\\':
			j++
		case '"', '\n', '\r':
			return j + 1
		}
	}
	return len(q)
}

// walker measures one document against the limits, fragments expanded.
type walker struct {
	l          Limits
	schema     *graphql.Schema
	frags      map[string]*ast.FragmentDefinition
	vars       map[string]interface{}
	varDefault map[string]ast.Value
	noIntro    bool
	fields     int
	aliases    int
	introNodes int
	cost       int
}

// maxIntroDepth and maxIntroNodes bound the introspection subtrees, which
// are exempt from MaxDepth, MaxFields and MaxCost: the standard
// introspection query nests ofType about nine deep.
const (
	maxIntroDepth = 20
	maxIntroNodes = 5000
)

// walk checks doc: fragment cycles first (the crash), then every
// operation's depth, fields, aliases, root fields, cost and first arguments.
func (s *Server) walk(doc *ast.Document, vars map[string]interface{}) error {
	w := &walker{l: s.limits, schema: &s.schema, frags: map[string]*ast.FragmentDefinition{},
		vars: vars, noIntro: s.cfg.NoIntrospection}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			w.frags[f.Name.Value] = f
		}
	}
	if err := w.checkCycles(); err != nil {
		return err
	}
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		w.varDefault = map[string]ast.Value{}
		for _, vd := range op.VariableDefinitions {
			if vd.Variable != nil && vd.Variable.Name != nil && vd.DefaultValue != nil {
				w.varDefault[vd.Variable.Name.Value] = vd.DefaultValue
			}
		}
		if err := w.operation(op); err != nil {
			return err
		}
	}
	return nil
}

// checkCycles rejects a fragment that spreads itself, directly or not.
func (w *walker) checkCycles() error {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var visit func(name string, trail []string) error
	visit = func(name string, trail []string) error {
		f, ok := w.frags[name]
		if !ok || state[name] == done {
			return nil
		}
		trail = append(trail, name)
		if state[name] == active {
			return reject("fragment_cycle", "fragment cycle: %s", strings.Join(trail, " -> "))
		}
		state[name] = active
		for _, spread := range spreads(f.SelectionSet, nil) {
			if err := visit(spread, trail); err != nil {
				return err
			}
		}
		state[name] = done
		return nil
	}
	for name := range w.frags {
		if err := visit(name, nil); err != nil {
			return err
		}
	}
	return nil
}

// spreads lists the fragment names spread anywhere in ss.
func spreads(ss *ast.SelectionSet, out []string) []string {
	if ss == nil {
		return out
	}
	for _, sel := range ss.Selections {
		switch n := sel.(type) {
		case *ast.Field:
			out = spreads(n.SelectionSet, out)
		case *ast.InlineFragment:
			out = spreads(n.SelectionSet, out)
		case *ast.FragmentSpread:
			if n.Name != nil {
				out = append(out, n.Name.Value)
			}
		}
	}
	return out
}
