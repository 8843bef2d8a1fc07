package api

import (
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// defaultListWeight is the multiplier of a list field without first or
// limit (Person.memberOf...): the loader caps those lists anyway.
const defaultListWeight = 10

// scope is where the walk stands: the type whose fields are selected, the
// depth, the product of the list sizes above, and whether it is inside an
// introspection field.
type scope struct {
	parent graphql.Type
	depth  int
	mult   int
	intro  bool
}

func (w *walker) operation(op *ast.OperationDefinition) error {
	var root graphql.Type
	switch op.Operation {
	case ast.OperationTypeMutation:
		root = w.schema.MutationType()
	case ast.OperationTypeSubscription:
		root = w.schema.SubscriptionType()
	default:
		root = w.schema.QueryType()
	}
	roots := 0
	return w.selections(op.SelectionSet, scope{parent: root, depth: 1, mult: 1}, &roots)
}

// selections walks ss; roots, when not nil, counts the fields of the
// operation's own selection set.
func (w *walker) selections(ss *ast.SelectionSet, sc scope, roots *int) error {
	if ss == nil {
		return nil
	}
	for _, sel := range ss.Selections {
		var err error
		switch n := sel.(type) {
		case *ast.Field:
			if roots != nil {
				if *roots++; *roots > w.l.MaxRootFields {
					return reject("root_fields", "query selects more than %d root fields", w.l.MaxRootFields)
				}
			}
			err = w.field(n, sc)
		case *ast.InlineFragment:
			err = w.selections(n.SelectionSet, w.narrow(sc, n.TypeCondition), roots)
		case *ast.FragmentSpread:
			if n.Name != nil && w.frags[n.Name.Value] != nil {
				f := w.frags[n.Name.Value]
				err = w.selections(f.SelectionSet, w.narrow(sc, f.TypeCondition), roots)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// narrow switches the scope to a fragment's type condition.
func (w *walker) narrow(sc scope, cond *ast.Named) scope {
	if cond != nil && cond.Name != nil {
		if t := w.schema.Type(cond.Name.Value); t != nil {
			sc.parent = t
		}
	}
	return sc
}

func (w *walker) field(f *ast.Field, sc scope) error {
	name := ""
	if f.Name != nil {
		name = f.Name.Value
	}
	if f.Alias != nil {
		if w.aliases++; w.aliases > w.l.MaxAliases {
			return reject("aliases", "query uses more than %d aliases", w.l.MaxAliases)
		}
	}
	if name == "__schema" || name == "__type" {
		if w.noIntro {
			return reject("introspection", "introspection is disabled on this server")
		}
		sc.intro = true
	}
	if err := w.count(sc); err != nil {
		return err
	}
	def := fieldDef(sc.parent, name)
	weight, err := w.listWeight(f, def)
	if err != nil || f.SelectionSet == nil {
		return err
	}
	child := scope{depth: sc.depth + 1, mult: sc.mult, intro: sc.intro}
	if def != nil {
		child.parent, _ = graphql.GetNamed(def.Type).(graphql.Type)
	}
	if n, ok := sc.parent.(*graphql.Object); ok && isPage(n.Name()) {
		weight = 0 // the connection's own first already counted its items
	}
	if weight > 0 && !sc.intro {
		child.mult = sc.mult * weight
	}
	return w.selections(f.SelectionSet, child, nil)
}

// count adds one field at sc to the totals and checks them.
func (w *walker) count(sc scope) error {
	if sc.intro {
		w.introNodes++
		if sc.depth > maxIntroDepth || w.introNodes > maxIntroNodes {
			return reject("depth", "introspection query is too deep or too large")
		}
		return nil
	}
	if sc.depth > w.l.MaxDepth {
		return reject("depth", "query is nested more than %d fields deep", w.l.MaxDepth)
	}
	if w.fields++; w.fields > w.l.MaxFields {
		return reject("fields", "query selects more than %d fields", w.l.MaxFields)
	}
	if w.cost += sc.mult; w.cost > w.l.MaxCost {
		return reject("cost", "query cost exceeds %d (each field counts once per item of the lists above it, lists by their first)", w.l.MaxCost)
	}
	return nil
}

func isPage(typeName string) bool {
	return typeName == "Subgraph" || len(typeName) > 10 && typeName[len(typeName)-10:] == "Connection"
}

func fieldDef(t graphql.Type, name string) *graphql.FieldDefinition {
	switch p := t.(type) {
	case *graphql.Object:
		return p.Fields()[name]
	case *graphql.Interface:
		return p.Fields()[name]
	}
	return nil
}

// listWeight is how many items the field may return for its sub-selection
// (0 when it is not a list); it also enforces first <= MaxFirst.
func (w *walker) listWeight(f *ast.Field, def *graphql.FieldDefinition) (int, error) {
	args := map[string]int{}
	for _, a := range f.Arguments {
		if a.Name == nil || (a.Name.Value != "first" && a.Name.Value != "limit") {
			continue
		}
		n, known := w.intValue(a.Value)
		if a.Name.Value == "first" && (n > w.l.MaxFirst || !known) {
			if !known {
				n = w.l.MaxFirst
			} else {
				return 0, reject("first", "first must be at most %d, got %d", w.l.MaxFirst, n)
			}
		}
		args[a.Name.Value] = n
	}
	if def == nil {
		return 0, nil
	}
	for _, name := range []string{"first", "limit"} {
		if n, ok := args[name]; ok {
			return max(n, 1), nil
		}
		for _, a := range def.Args {
			if a.Name() == name {
				if d, ok := a.DefaultValue.(int); ok {
					return max(d, 1), nil
				}
			}
		}
	}
	if isList(def.Type) {
		return defaultListWeight, nil
	}
	return 0, nil
}

// intValue reads an Int argument: a literal, or a variable from the request
// or its default. known is false when it cannot be told.
func (w *walker) intValue(v ast.Value) (n int, known bool) {
	if vr, ok := v.(*ast.Variable); ok && vr.Name != nil {
		switch x := w.vars[vr.Name.Value].(type) {
		case float64:
			return int(x), x == float64(int(x))
		case int:
			return x, true
		case nil:
			if d, ok := w.varDefault[vr.Name.Value]; ok {
				v = d
			}
		}
	}
	if iv, ok := v.(*ast.IntValue); ok {
		n, err := strconv.Atoi(iv.Value)
		return n, err == nil
	}
	return 0, false
}

func isList(t graphql.Type) bool {
	for {
		switch x := t.(type) {
		case *graphql.NonNull:
			t = x.OfType
		case *graphql.List:
			return true
		default:
			return false
		}
	}
}
