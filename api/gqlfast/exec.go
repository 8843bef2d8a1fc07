// Package gqlfast runs the GraphQL queries that succeed, which are nearly
// all of them, faster than graphql-go v0.8.1's executor, with the schema's
// own resolvers; keeps parsed documents and their plans in a cache bounded
// in bytes; and encodes responses.
//
// graphql-go's executor spent more than half of a served read's CPU time on
// itself: for every field a map of collected fields, an argument map, a
// ResolveInfo and a response path on the heap, reflection to complete each
// value, and a walk of the whole result tree to find thunks. Here the
// fields a selection collects for each runtime type, and the arguments that
// use no variables, are worked out once per cached document; a field costs
// one resolver call and the completion of its value.
//
// Anything else goes to graphql-go's executor, which stays the reference:
// mutations (run serially, with side effects), introspection, directives,
// variables that do not coerce, and any field that fails (a resolver error,
// null for a non-null field). Execute then returns ErrFallback, and the
// caller runs the query again there from the start, so that its errors,
// paths and partial data are graphql-go's own; this executor has no side
// effects, so nothing happens twice that matters. The differential test and
// fuzz target beside this file hold the two to the same bytes, the copy of
// graphql-go's unexported input coercion rules (values.go) included.
package gqlfast

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// ErrFallback sends a request to graphql-go's executor.
var ErrFallback = errors.New("gqlfast: query needs graphql-go's executor")

// Plan is what the executor keeps of one operation of a cached document.
type Plan struct {
	doc   *Doc // charged for what the plan comes to hold
	op    *ast.OperationDefinition
	frags map[string]*ast.FragmentDefinition
	defs  map[string]ast.Definition // the same, as ResolveInfo wants them
	vars  []planVar
	root  field // the operation's selection set, as a field's sub-selection
}

type planVar struct {
	name string
	typ  graphql.Input
	def  ast.Value
}

// field is the fields of one selection set that answer to one response
// key, with the definition they select on the parent type.
type field struct {
	key     string
	name    string
	asts    []*ast.Field
	def     *graphql.FieldDefinition // nil for __typename
	resolve graphql.FieldResolveFn
	args    map[string]interface{} // when the arguments use no variables
	varArgs bool

	// the fields the sub-selections collect, per runtime type: written once
	// per type under mu, read without a lock
	mu   sync.Mutex
	kids atomic.Pointer[[]fieldsOfType]
}

type fieldsOfType struct {
	typ    *graphql.Object
	fields []*field
}

// newPlan prepares operation op of d, or says it needs graphql-go.
func newPlan(schema *graphql.Schema, d *Doc, op *ast.OperationDefinition) (*Plan, error) {
	p := &Plan{doc: d, op: op, frags: map[string]*ast.FragmentDefinition{}, defs: map[string]ast.Definition{}}
	for _, def := range d.AST.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			p.frags[f.Name.Value] = f
			p.defs[f.Name.Value] = f
		}
	}
	if p.op.Operation != ast.OperationTypeQuery || len(p.op.Directives) > 0 || schema.QueryType() == nil {
		return nil, ErrFallback
	}
	for _, vd := range p.op.VariableDefinitions {
		if vd.Variable == nil || vd.Variable.Name == nil {
			return nil, ErrFallback
		}
		t := InputType(schema, vd.Type)
		if t == nil {
			return nil, ErrFallback
		}
		p.vars = append(p.vars, planVar{vd.Variable.Name.Value, t, vd.DefaultValue})
	}
	p.root.asts = []*ast.Field{{SelectionSet: p.op.SelectionSet}}
	return p, nil
}

// InputType is the schema's type for a variable's declared type; nil when
// the schema has none such.
func InputType(schema *graphql.Schema, t ast.Type) graphql.Input {
	switch t := t.(type) {
	case *ast.NonNull:
		if in := InputType(schema, t.Type); in != nil {
			return graphql.NewNonNull(in)
		}
	case *ast.List:
		if in := InputType(schema, t.Type); in != nil {
			return graphql.NewList(in)
		}
	case *ast.Named:
		if t.Name == nil {
			return nil
		}
		switch in := schema.Type(t.Name.Value).(type) {
		case *graphql.Scalar, *graphql.Enum, *graphql.InputObject:
			return in.(graphql.Input)
		}
	}
	return nil
}

// fieldsOf returns the fields f's sub-selections collect on typ.
func (p *Plan) fieldsOf(schema *graphql.Schema, f *field, typ *graphql.Object) ([]*field, error) {
	if kids := f.kids.Load(); kids != nil {
		for _, k := range *kids {
			if k.typ == typ {
				return k.fields, nil
			}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var old []fieldsOfType
	if kids := f.kids.Load(); kids != nil {
		old = *kids
		for _, k := range old {
			if k.typ == typ {
				return k.fields, nil
			}
		}
	}
	fields, err := p.collect(schema, f, typ)
	if err != nil {
		return nil, err
	}
	kids := append(slices.Clip(old), fieldsOfType{typ, fields})
	f.kids.Store(&kids)
	p.doc.charge(int64(len(fields)+1) * fieldBytes)
	return fields, nil
}

// collect gathers the fields of f's selection sets that apply to typ, in
// response-key order (the order encoding/json gives graphql-go's result
// maps), merging those that share a key.
func (p *Plan) collect(schema *graphql.Schema, f *field, typ *graphql.Object) ([]*field, error) {
	byKey := map[string]*field{}
	visited := map[string]bool{}
	defs := typ.Fields()
	var walk func(ss *ast.SelectionSet) error
	walk = func(ss *ast.SelectionSet) error {
		if ss == nil {
			return nil
		}
		for _, sel := range ss.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if len(s.Directives) > 0 || s.Name == nil {
					return ErrFallback
				}
				key := s.Name.Value
				if s.Alias != nil && s.Alias.Value != "" {
					key = s.Alias.Value
				}
				if k := byKey[key]; k != nil {
					k.asts = append(k.asts, s)
					continue
				}
				k := &field{key: key, name: s.Name.Value, asts: []*ast.Field{s}}
				if k.name != "__typename" {
					if k.def = defs[k.name]; k.def == nil {
						return ErrFallback // __schema, __type, or a field validation would have refused
					}
					if k.resolve = k.def.Resolve; k.resolve == nil {
						k.resolve = graphql.DefaultResolveFn
					}
				}
				byKey[key] = k
			case *ast.InlineFragment:
				if len(s.Directives) > 0 {
					return ErrFallback
				}
				if applies(schema, s.TypeCondition, typ) {
					if err := walk(s.SelectionSet); err != nil {
						return err
					}
				}
			case *ast.FragmentSpread:
				if len(s.Directives) > 0 || s.Name == nil {
					return ErrFallback
				}
				if visited[s.Name.Value] {
					continue
				}
				visited[s.Name.Value] = true
				fd := p.frags[s.Name.Value]
				if fd == nil || len(fd.Directives) > 0 {
					return ErrFallback
				}
				if applies(schema, fd.TypeCondition, typ) {
					if err := walk(fd.SelectionSet); err != nil {
						return err
					}
				}
			default:
				return ErrFallback
			}
		}
		return nil
	}
	for _, a := range f.asts {
		if err := walk(a.SelectionSet); err != nil {
			return nil, err
		}
	}
	fields := make([]*field, 0, len(byKey))
	for _, k := range byKey {
		if k.def != nil {
			if k.varArgs = usesVariables(k.asts[0].Arguments); !k.varArgs {
				k.args = argValues(k.def.Args, k.asts[0].Arguments, nil)
			}
		}
		fields = append(fields, k)
	}
	slices.SortFunc(fields, func(a, b *field) int { return strings.Compare(a.key, b.key) })
	return fields, nil
}

// applies reports whether a fragment on type condition cond applies to an
// object of type typ.
func applies(schema *graphql.Schema, cond *ast.Named, typ *graphql.Object) bool {
	if cond == nil || cond.Name == nil {
		return true
	}
	switch t := schema.Type(cond.Name.Value).(type) {
	case *graphql.Object:
		return t == typ
	case *graphql.Interface:
		return schema.IsPossibleType(t, typ)
	case *graphql.Union:
		return schema.IsPossibleType(t, typ)
	}
	return false
}

// run is one execution of a plan.
type run struct {
	ctx    context.Context
	schema *graphql.Schema
	plan   *Plan
	vars   map[string]interface{}
	args   map[*field]map[string]interface{} // arguments with variables, once per field
	thunks []pending
}

// pending is a value a resolver promised: it is completed once every
// field at its depth has been resolved, so that the loader batches them.
type pending struct {
	typ graphql.Type
	f   *field
	fn  func() (interface{}, error)
	dst *interface{}
}

// Execute runs p with the request's variables, or returns ErrFallback.
func Execute(ctx context.Context, schema *graphql.Schema, p *Plan, variables map[string]interface{}) (*graphql.Result, error) {
	vars, ok := coerceVariables(p.vars, variables)
	if !ok {
		return nil, ErrFallback
	}
	r := &run{ctx: ctx, schema: schema, plan: p, vars: vars}
	var data interface{}
	if err := r.completeObject(schema.QueryType(), &p.root, nil, &data); err != nil {
		return nil, err
	}
	for len(r.thunks) > 0 {
		batch := r.thunks
		r.thunks = nil
		for _, t := range batch {
			v, err := t.fn()
			if err != nil {
				return nil, ErrFallback
			}
			if err := r.complete(t.typ, t.f, v, t.dst); err != nil {
				return nil, err
			}
		}
	}
	return &graphql.Result{Data: data}, nil
}

// complete turns what a resolver returned for field f, of type t, into its
// response value at dst, as graphql-go's completeValue does.
func (r *run) complete(t graphql.Type, f *field, v interface{}, dst *interface{}) error {
	if fn, ok := v.(func() (interface{}, error)); ok {
		r.thunks = append(r.thunks, pending{t, f, fn, dst})
		return nil
	}
	if v != nil && reflect.TypeOf(v).Kind() == reflect.Func {
		return ErrFallback // graphql-go refuses a function of another shape
	}
	nonNull := false
	if nn, ok := t.(*graphql.NonNull); ok {
		t, nonNull = nn.OfType, true
	}
	if nullish(v) {
		if nonNull {
			return ErrFallback
		}
		*dst = nil
		return nil
	}
	switch t := t.(type) {
	case *graphql.Scalar:
		if t == graphql.String || t == graphql.ID {
			// what their Serialize gives (the string, or the string
			// pointed to), without its fmt.Sprintf or a copy: the encoder
			// writes a *string as its string
			switch v.(type) {
			case string, *string:
				*dst = v
				return nil
			}
		}
		return leaf(t.Serialize(v), nonNull, dst)
	case *graphql.Enum:
		if name, ok := enumName(t, v); ok {
			*dst = name
			return nil
		}
		return leaf(t.Serialize(v), nonNull, dst)
	case *graphql.List:
		return r.completeList(t, f, v, dst)
	case *graphql.Object:
		return r.completeObject(t, f, v, dst)
	case *graphql.Interface:
		if t.ResolveType == nil {
			return ErrFallback
		}
		return r.completeAbstract(t, t.ResolveType(graphql.ResolveTypeParams{Value: v, Context: r.ctx}), f, v, dst)
	case *graphql.Union:
		if t.ResolveType == nil {
			return ErrFallback
		}
		return r.completeAbstract(t, t.ResolveType(graphql.ResolveTypeParams{Value: v, Context: r.ctx}), f, v, dst)
	}
	return ErrFallback
}

func leaf(v interface{}, nonNull bool, dst *interface{}) error {
	if nullish(v) {
		if nonNull {
			return ErrFallback
		}
		v = nil
	}
	*dst = v
	return nil
}

func (r *run) completeAbstract(t graphql.Abstract, rt *graphql.Object, f *field, v interface{}, dst *interface{}) error {
	if rt == nil || !r.schema.IsPossibleType(t, rt) {
		return ErrFallback
	}
	return r.completeObject(rt, f, v, dst)
}

func (r *run) completeList(t *graphql.List, f *field, v interface{}, dst *interface{}) error {
	if items, ok := v.([]interface{}); ok {
		out := make([]interface{}, len(items))
		*dst = out
		for i, it := range items {
			if err := r.complete(t.OfType, f, it, &out[i]); err != nil {
				return err
			}
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return ErrFallback
	}
	out := make([]interface{}, rv.Len())
	*dst = out
	for i := range out {
		if err := r.complete(t.OfType, f, rv.Index(i).Interface(), &out[i]); err != nil {
			return err
		}
	}
	return nil
}

// object is a completed object: its fields in response-key order, which
// is how the encoder writes it. Most objects have a few fields, whose
// values then live in the object itself: one allocation, not two.
type object struct {
	fields []*field
	vals   []interface{}
	inline [4]interface{}
}

func (r *run) completeObject(t *graphql.Object, f *field, src interface{}, dst *interface{}) error {
	if t.IsTypeOf != nil && !t.IsTypeOf(graphql.IsTypeOfParams{Value: src, Context: r.ctx}) {
		return ErrFallback
	}
	fields, err := r.plan.fieldsOf(r.schema, f, t)
	if err != nil {
		return err
	}
	obj := &object{fields: fields}
	if len(fields) <= len(obj.inline) {
		obj.vals = obj.inline[:len(fields)]
	} else {
		obj.vals = make([]interface{}, len(fields))
	}
	*dst = obj
	for i, k := range fields {
		if k.def == nil {
			obj.vals[i] = t.Name()
			continue
		}
		// Info.Path stays nil: a path only matters to an error, and a field
		// that fails sends the whole query to graphql-go, which sets it.
		v, err := k.resolve(graphql.ResolveParams{Source: src, Args: r.argsOf(k), Context: r.ctx,
			Info: graphql.ResolveInfo{FieldName: k.name, FieldASTs: k.asts, ReturnType: k.def.Type,
				ParentType: t, Schema: *r.schema, Fragments: r.plan.defs, Operation: r.plan.op,
				VariableValues: r.vars}})
		if err != nil {
			return ErrFallback
		}
		if err := r.complete(k.def.Type, k, v, &obj.vals[i]); err != nil {
			return err
		}
	}
	return nil
}

// argsOf returns k's arguments. Those without variables were coerced when
// the plan was made and are shared: resolvers only read them.
func (r *run) argsOf(k *field) map[string]interface{} {
	if !k.varArgs {
		return k.args
	}
	if a, ok := r.args[k]; ok {
		return a
	}
	a := argValues(k.def.Args, k.asts[0].Arguments, r.vars)
	if r.args == nil {
		r.args = map[*field]map[string]interface{}{}
	}
	r.args[k] = a
	return a
}

// enumNames holds, per enum type, each value's name already in an
// interface: graphql-go's Serialize looks the value up by reflection and
// boxes the name anew every time.
var enumNames sync.Map // *graphql.Enum -> map[interface{}]interface{}

// enumName is what t.Serialize(v) gives for a value of t, when v is one.
func enumName(t *graphql.Enum, v interface{}) (interface{}, bool) {
	names, ok := enumNames.Load(t)
	if !ok {
		m := map[interface{}]interface{}{}
		for _, ev := range t.Values() {
			if ev.Value != nil && reflect.TypeOf(ev.Value).Comparable() {
				m[ev.Value] = ev.Name
			}
		}
		names, _ = enumNames.LoadOrStore(t, m)
	}
	if v == nil || !reflect.TypeOf(v).Comparable() {
		return nil, false
	}
	name, ok := names.(map[interface{}]interface{})[v]
	return name, ok
}
