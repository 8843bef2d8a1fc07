package api

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/visitor"

	"github.com/newsgraph/newsgraph/api/gqlfast"
)

// graphql-go v0.8.1 misses two rules of the GraphQL specification, which
// are checked here: a directive may appear once per location (its
// validation has no such rule, and accepts @skip repeated a hundred times
// on one field), and input coercion refuses a variable value of another
// kind than its type (its Int truncates 1.5 to 1, its String formats a
// number, its Boolean takes 0 and 1).

// validationRules are graphql-go's rules and the one it lacks.
var validationRules = append(append([]graphql.ValidationRuleFn{}, graphql.SpecifiedRules...), uniqueDirectivesPerLocation)

// uniqueDirectivesPerLocation refuses a directive used twice in one place
// (the specification's "Directives Are Unique Per Location").
func uniqueDirectivesPerLocation(ctx *graphql.ValidationContext) *graphql.ValidationRuleInstance {
	check := func(dirs []*ast.Directive) {
		seen := map[string]bool{}
		for _, d := range dirs {
			if d == nil || d.Name == nil {
				continue
			}
			if seen[d.Name.Value] {
				ctx.ReportError(gqlerrors.NewError(
					fmt.Sprintf(`The directive "@%s" can only be used once at this location.`, d.Name.Value),
					[]ast.Node{d}, "", nil, []int{}, nil))
				return
			}
			seen[d.Name.Value] = true
		}
	}
	return &graphql.ValidationRuleInstance{VisitorOpts: &visitor.VisitorOptions{
		Enter: func(p visitor.VisitFuncParams) (string, interface{}) {
			switch n := p.Node.(type) {
			case *ast.OperationDefinition:
				check(n.Directives)
			case *ast.Field:
				check(n.Directives)
			case *ast.FragmentSpread:
				check(n.Directives)
			case *ast.InlineFragment:
				check(n.Directives)
			case *ast.FragmentDefinition:
				check(n.Directives)
			}
			return visitor.ActionNoChange, nil
		},
	}}
}

// checkVariables refuses a variable value that the specification's input
// coercion refuses and graphql-go's would bend: an Int that is not a whole
// number of 32 bits, a String or an enum value that is not a string, a
// Boolean that is not true or false, a Float or ID of the wrong kind. The
// message names the variable and the reason, not the type (which
// --no-introspection keeps to itself). A missing or null value, and a
// field that the input type lacks, are left to graphql-go.
func checkVariables(schema *graphql.Schema, op *ast.OperationDefinition, vars map[string]interface{}) error {
	for _, vd := range op.VariableDefinitions {
		if vd == nil || vd.Variable == nil || vd.Variable.Name == nil {
			continue
		}
		t := gqlfast.InputType(schema, vd.Type)
		if t == nil {
			continue // validation has refused it
		}
		name := vd.Variable.Name.Value
		if reason, at := badInput(t, vars[name], ""); reason != "" {
			return fmt.Errorf("api: variable \"$%s\" got invalid value %s%s: %s", name, shortJSON(vars[name]), at, reason)
		}
	}
	return nil
}

// badInput says why v does not fit t, and where inside v (" at .field[2]",
// "" when all of it); "" when it fits.
func badInput(t graphql.Input, v interface{}, at string) (reason, where string) {
	if v == nil {
		return "", ""
	}
	in := func(r string) (string, string) {
		if at == "" {
			return r, ""
		}
		return r, " at " + at
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return badInput(t.OfType, v, at)
	case *graphql.List:
		items, ok := v.([]interface{})
		if !ok {
			return badInput(t.OfType, v, at) // one value stands for a list of one
		}
		for i, it := range items {
			if r, w := badInput(t.OfType, it, fmt.Sprintf("%s[%d]", at, i)); r != "" {
				return r, w
			}
		}
	case *graphql.Scalar:
		if r := badScalar(t, v); r != "" {
			return in(r)
		}
	case *graphql.Enum:
		if _, ok := v.(string); !ok {
			return in("an enum value must be given as a string")
		}
	case *graphql.InputObject:
		m, ok := v.(map[string]interface{})
		if !ok {
			return in("not an object")
		}
		fields := t.Fields()
		for k, fv := range m {
			if f := fields[k]; f != nil {
				if r, w := badInput(f.Type, fv, at+"."+k); r != "" {
					return r, w
				}
			}
		}
	}
	return "", ""
}

// badScalar checks a JSON value against a built-in scalar.
func badScalar(t *graphql.Scalar, v interface{}) string {
	f, isNumber := v.(float64)
	if i, ok := v.(int); ok {
		f, isNumber = float64(i), true
	}
	switch t {
	case graphql.Int:
		switch {
		case !isNumber:
			return "not a number"
		case f != math.Trunc(f) || math.IsInf(f, 0):
			return "not a whole number"
		case f < math.MinInt32 || f > math.MaxInt32:
			return "outside the 32-bit range of integers"
		}
	case graphql.Float:
		if !isNumber {
			return "not a number"
		}
	case graphql.String:
		if _, ok := v.(string); !ok {
			return "not a string"
		}
	case graphql.Boolean:
		if _, ok := v.(bool); !ok {
			return "not true or false"
		}
	case graphql.ID:
		if _, ok := v.(string); !ok && (!isNumber || f != math.Trunc(f)) {
			return "an id must be a string or a whole number"
		}
	}
	return ""
}

// shortJSON shows a value in a message, cut to a readable length.
func shortJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	s := string(b)
	if len(s) > 40 {
		s = strings.ToValidUTF8(s[:40], "") + "..."
	}
	return s
}
