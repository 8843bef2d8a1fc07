package gqlfast

import "github.com/graphql-go/graphql"

// Prepare makes schema safe to share between requests that each work on a
// copy of it (a graphql.Schema value, as graphql.Params and
// graphql.ExecuteParams take it).
//
// graphql-go v0.8.1's Schema.IsPossibleType, which its validator, its
// executor and this package call whenever a fragment or a value meets an
// interface or a union, caches its answers in a map it fills on first use
// and then stores back into the Schema it was called on, on every call.
// Two requests on one *graphql.Schema race on that field, and two that
// meet an abstract type for the first time write the map at once, which
// stops the process ("concurrent map writes"). Prepare asks the question
// once for every type the schema has (the cache is keyed by the name of
// whatever type the caller passes as abstract, and graphql-go's validator
// passes objects too), so the map is complete and is only read
// afterwards; each request then calls IsPossibleType on a copy of its own,
// and the field it stores is that copy's.
func Prepare(schema *graphql.Schema) {
	var obj *graphql.Object
	for _, t := range schema.TypeMap() {
		if o, ok := t.(*graphql.Object); ok {
			obj = o
			break
		}
	}
	if obj == nil {
		return
	}
	for _, t := range schema.TypeMap() {
		schema.IsPossibleType(t, obj)
	}
}
