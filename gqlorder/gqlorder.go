// Package gqlorder makes graphql-go v0.8.1's introspection give the same
// answer every time. graphql-go keeps a schema's types, an interface's and
// an input object's fields, a field's arguments and an enum's values in Go
// maps (or in slices filled from them when the schema is built), so that
// __schema { types }, an interface's fields, input fields, arguments and
// enum values come in a different order on each request or each start,
// which breaks clients that cache or diff the schema (GraphiQL, code
// generators). Objects' fields are already sorted by name there; this
// sorts the rest by name the same way.
package gqlorder

import (
	"sort"
	"sync"

	"github.com/graphql-go/graphql"
)

var once sync.Once

// Sort orders, by name, the arguments of every field and the values of
// every enum of s in place, and makes the introspection resolvers list
// types, interface fields and input fields by name. The resolvers belong to
// graphql-go's package-level introspection types, shared by every schema:
// they are replaced once, with resolvers that give the same items sorted.
func Sort(s *graphql.Schema) {
	once.Do(sortIntrospection)
	for _, t := range s.TypeMap() {
		switch t := t.(type) {
		case *graphql.Object:
			sortArgs(t.Fields())
		case *graphql.Interface:
			sortArgs(t.Fields())
		case *graphql.Enum:
			vals := t.Values()
			sort.SliceStable(vals, func(i, j int) bool { return vals[i].Name < vals[j].Name })
		}
	}
	for _, d := range s.Directives() {
		sort.SliceStable(d.Args, func(i, j int) bool { return d.Args[i].Name() < d.Args[j].Name() })
	}
}

func sortArgs(fields graphql.FieldDefinitionMap) {
	for _, f := range fields {
		args := f.Args
		sort.SliceStable(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
	}
}

// sortIntrospection wraps the resolvers of __Schema.types, __Type.fields,
// __Type.possibleTypes and __Type.inputFields so that their lists come
// sorted by name.
func sortIntrospection() {
	wrap := func(obj *graphql.Object, field string, less func(a, b interface{}) bool) {
		fd := obj.Fields()[field]
		inner := fd.Resolve
		fd.Resolve = func(p graphql.ResolveParams) (interface{}, error) {
			v, err := inner(p)
			if err != nil {
				return v, err
			}
			return sortList(v, less), nil
		}
	}
	wrap(graphql.SchemaType, "types", func(a, b interface{}) bool { return a.(graphql.Type).Name() < b.(graphql.Type).Name() })
	wrap(graphql.TypeType, "fields", func(a, b interface{}) bool {
		return a.(*graphql.FieldDefinition).Name < b.(*graphql.FieldDefinition).Name
	})
	wrap(graphql.TypeType, "possibleTypes", func(a, b interface{}) bool { return a.(graphql.Type).Name() < b.(graphql.Type).Name() })
	wrap(graphql.TypeType, "inputFields", func(a, b interface{}) bool {
		return a.(*graphql.InputObjectField).Name() < b.(*graphql.InputObjectField).Name()
	})
}

// sortList sorts the list a resolver returned, of whichever slice type
// graphql-go gave it; the others it made for the request, in place.
func sortList(v interface{}, less func(a, b interface{}) bool) interface{} {
	switch l := v.(type) {
	case []*graphql.Object:
		l = append([]*graphql.Object(nil), l...) // the schema's own list: sort a copy
		sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
		return l
	case []graphql.Type:
		sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
	case []*graphql.FieldDefinition:
		sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
	case []*graphql.InputObjectField:
		sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
	}
	return v
}
