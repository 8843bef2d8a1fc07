package gqlfast

import (
	"math"
	"reflect"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Input coercion for the fast executor, with graphql-go's rules (its own
// functions are unexported): the same values reach the resolvers whichever
// executor runs them. A variable value graphql-go would refuse makes
// coerceVariables fail, and the request goes to graphql-go for its error.

// nullish is graphql-go's idea of a missing value: nil, a nil pointer, NaN.
func nullish(v interface{}) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string, bool, int, map[string]interface{}, []interface{}:
		return false
	case float64:
		return math.IsNaN(x)
	case *string:
		return x == nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return true
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.IsNaN(rv.Float())
	}
	return false
}

// coerceVariables checks and coerces the request's variables against the
// operation's definitions; false when one does not fit.
func coerceVariables(defs []planVar, inputs map[string]interface{}) (map[string]interface{}, bool) {
	if len(defs) == 0 {
		return nil, true
	}
	out := make(map[string]interface{}, len(defs))
	for _, d := range defs {
		in := inputs[d.name]
		if !validInput(in, d.typ) {
			return nil, false
		}
		if nullish(in) && d.def != nil {
			out[d.name] = valueFromAST(d.def, d.typ, nil)
		} else {
			out[d.name] = coerceInput(in, d.typ)
		}
	}
	return out, true
}

// validInput reports whether v is acceptable as a value of type t.
func validInput(v interface{}, t graphql.Input) bool {
	if nullish(v) {
		_, required := t.(*graphql.NonNull)
		return !required
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return validInput(v, t.OfType)
	case *graphql.List:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer {
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Slice {
			return validInput(v, t.OfType) // one value stands for a list of one
		}
		for i := range rv.Len() {
			if !validInput(rv.Index(i).Interface(), t.OfType) {
				return false
			}
		}
		return true
	case *graphql.InputObject:
		m, ok := v.(map[string]interface{})
		if !ok {
			return false
		}
		fields := t.Fields()
		for name := range m {
			if fields[name] == nil {
				return false
			}
		}
		for name, f := range fields {
			if !validInput(m[name], f.Type) {
				return false
			}
		}
		return true
	case *graphql.Scalar:
		return !nullish(t.ParseValue(v))
	case *graphql.Enum:
		return !nullish(t.ParseValue(v))
	}
	return true
}

// coerceInput turns a checked variable value into what resolvers get.
func coerceInput(v interface{}, t graphql.Input) interface{} {
	if nullish(v) {
		return nil
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return coerceInput(v, t.OfType)
	case *graphql.List:
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice {
			return []interface{}{coerceInput(v, t.OfType)}
		}
		out := make([]interface{}, rv.Len())
		for i := range out {
			out[i] = coerceInput(rv.Index(i).Interface(), t.OfType)
		}
		return out
	case *graphql.InputObject:
		m, _ := v.(map[string]interface{})
		out := map[string]interface{}{}
		for name, f := range t.Fields() {
			fv := coerceInput(m[name], f.Type)
			if nullish(fv) {
				fv = f.DefaultValue
			}
			if !nullish(fv) {
				out[name] = fv
			}
		}
		return out
	case *graphql.Scalar:
		if p := t.ParseValue(v); !nullish(p) {
			return p
		}
	case *graphql.Enum:
		if p := t.ParseValue(v); !nullish(p) {
			return p
		}
	}
	return nil
}

// valueFromAST is the value of literal (or variable) a for type t.
func valueFromAST(a ast.Value, t graphql.Input, vars map[string]interface{}) interface{} {
	if a == nil {
		return nil
	}
	if v, ok := a.(*ast.Variable); ok {
		if v.Name == nil {
			return nil
		}
		return vars[v.Name.Value]
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return valueFromAST(a, t.OfType, vars)
	case *graphql.List:
		l, ok := a.(*ast.ListValue)
		if !ok {
			return []interface{}{valueFromAST(a, t.OfType, vars)}
		}
		out := make([]interface{}, len(l.Values))
		for i, it := range l.Values {
			out[i] = valueFromAST(it, t.OfType, vars)
		}
		return out
	case *graphql.InputObject:
		o, ok := a.(*ast.ObjectValue)
		if !ok {
			return nil
		}
		given := map[string]ast.Value{}
		for _, f := range o.Fields {
			if f != nil && f.Name != nil {
				given[f.Name.Value] = f.Value
			}
		}
		out := map[string]interface{}{}
		for name, f := range t.Fields() {
			var v interface{}
			if fa, ok := given[name]; ok {
				v = valueFromAST(fa, f.Type, vars)
			} else {
				v = f.DefaultValue
			}
			if !nullish(v) {
				out[name] = v
			}
		}
		return out
	case *graphql.Scalar:
		return t.ParseLiteral(a)
	case *graphql.Enum:
		return t.ParseLiteral(a)
	}
	return nil
}

// argValues are a field's arguments: the given ones coerced, defaults for
// the rest, and nothing for an argument with neither.
func argValues(defs []*graphql.Argument, given []*ast.Argument, vars map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(defs))
	for _, d := range defs {
		var a ast.Value
		for _, g := range given {
			if g.Name != nil && g.Name.Value == d.Name() {
				a = g.Value
				break
			}
		}
		v := valueFromAST(a, d.Type, vars)
		if nullish(v) {
			v = d.DefaultValue
		}
		if !nullish(v) {
			out[d.Name()] = v
		}
	}
	return out
}

// usesVariables reports whether any argument value refers to a variable.
func usesVariables(args []*ast.Argument) bool {
	var in func(v ast.Value) bool
	in = func(v ast.Value) bool {
		switch v := v.(type) {
		case *ast.Variable:
			return true
		case *ast.ListValue:
			for _, it := range v.Values {
				if in(it) {
					return true
				}
			}
		case *ast.ObjectValue:
			for _, f := range v.Fields {
				if f != nil && in(f.Value) {
					return true
				}
			}
		}
		return false
	}
	for _, a := range args {
		if a != nil && in(a.Value) {
			return true
		}
	}
	return false
}
