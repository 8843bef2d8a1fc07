package gqlorder

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/graphql-go/graphql"
)

// newSchema builds a schema whose fields, arguments, enum values, input
// fields and types are many enough that Go's map order shows.
func newSchema(t *testing.T) graphql.Schema {
	t.Helper()
	vals := graphql.EnumValueConfigMap{}
	args := graphql.FieldConfigArgument{}
	inputs := graphql.InputObjectConfigFieldMap{}
	fields := graphql.Fields{}
	for i := range 12 {
		n := fmt.Sprintf("v%02d", (i*7)%12)
		vals[n] = &graphql.EnumValueConfig{Value: i}
		args["a"+n] = &graphql.ArgumentConfig{Type: graphql.Int}
		inputs["i"+n] = &graphql.InputObjectFieldConfig{Type: graphql.String}
		fields["f"+n] = &graphql.Field{Type: graphql.String}
	}
	enum := graphql.NewEnum(graphql.EnumConfig{Name: "E", Values: vals})
	in := graphql.NewInputObject(graphql.InputObjectConfig{Name: "In", Fields: inputs})
	args["e"] = &graphql.ArgumentConfig{Type: enum}
	args["in"] = &graphql.ArgumentConfig{Type: in}
	iface := graphql.NewInterface(graphql.InterfaceConfig{Name: "I", Fields: fields,
		ResolveType: func(graphql.ResolveTypeParams) *graphql.Object { return nil }})
	var types []graphql.Type
	for i := range 12 {
		types = append(types, graphql.NewObject(graphql.ObjectConfig{Name: fmt.Sprintf("T%02d", (i*5)%12),
			Interfaces: []*graphql.Interface{iface}, Fields: fields}))
	}
	fields["q"] = &graphql.Field{Type: graphql.String, Args: args}
	s, err := graphql.NewSchema(graphql.SchemaConfig{
		Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
			"i": &graphql.Field{Type: iface, Args: args}}}),
		Types: types,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const query = `{ __schema { types { name
	fields { name args { name } } inputFields { name } enumValues { name } interfaces { name } possibleTypes { name } } } }`

type introspection struct {
	Schema struct {
		Types []struct {
			Name   string
			Fields []struct {
				Name string
				Args []struct{ Name string }
			}
			InputFields []struct{ Name string }
			EnumValues  []struct{ Name string }
		}
	} `json:"__schema"`
}

func introspect(t *testing.T, s graphql.Schema) (introspection, string) {
	t.Helper()
	res := graphql.Do(graphql.Params{Schema: s, RequestString: query})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	b, _ := json.Marshal(res.Data)
	var out introspection
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out, string(b)
}

// names lists every name the introspection gives, sorted: what must not
// change when only the order does.
func names(in introspection) []string {
	var out []string
	for _, ty := range in.Schema.Types {
		out = append(out, "type "+ty.Name)
		for _, f := range ty.Fields {
			out = append(out, ty.Name+"."+f.Name)
			for _, a := range f.Args {
				out = append(out, ty.Name+"."+f.Name+"("+a.Name+")")
			}
		}
		for _, f := range ty.InputFields {
			out = append(out, ty.Name+" input "+f.Name)
		}
		for _, v := range ty.EnumValues {
			out = append(out, ty.Name+" value "+v.Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestSortMatchesLibrary holds the sorted introspection to graphql-go's
// own: the same types, fields, arguments and values, in name order, the
// same for every request and every build of the schema.
func TestSortMatchesLibrary(t *testing.T) {
	before, _ := introspect(t, newSchema(t)) // graphql-go's own resolvers, not yet replaced
	s := newSchema(t)
	Sort(&s)
	after, first := introspect(t, s)
	if !slices.Equal(names(before), names(after)) {
		t.Fatalf("sorting changed what introspection lists:\n%v\n%v", names(before), names(after))
	}
	for range 5 {
		again := newSchema(t)
		Sort(&again)
		if _, got := introspect(t, again); got != first {
			t.Fatalf("two builds of one schema introspect differently:\n%s\n%s", got, first)
		}
		if _, got := introspect(t, s); got != first {
			t.Fatalf("two requests introspect differently")
		}
	}
	sorted := func(ns []string) bool { return sort.StringsAreSorted(ns) }
	var typeNames []string
	for _, ty := range after.Schema.Types {
		typeNames = append(typeNames, ty.Name)
		var fs, ins, vs []string
		for _, f := range ty.Fields {
			fs = append(fs, f.Name)
			var as []string
			for _, a := range f.Args {
				as = append(as, a.Name)
			}
			if !sorted(as) {
				t.Errorf("%s.%s arguments %v", ty.Name, f.Name, as)
			}
		}
		for _, f := range ty.InputFields {
			ins = append(ins, f.Name)
		}
		for _, v := range ty.EnumValues {
			vs = append(vs, v.Name)
		}
		if !sorted(fs) || !sorted(ins) || !sorted(vs) {
			t.Errorf("%s: fields %v, input fields %v, values %v", ty.Name, fs, ins, vs)
		}
	}
	if !sorted(typeNames) {
		t.Errorf("types %v", typeNames)
	}
}
