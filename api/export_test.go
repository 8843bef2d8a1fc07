package api

import (
	"context"
	"errors"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// ExecuteBoth runs a valid query on the fast executor and on graphql-go's,
// each with a loader of its own, and returns both encoded responses; fast
// is nil when the query went to graphql-go's executor.
func (s *Server) ExecuteBoth(ctx context.Context, query, operation string, vars map[string]interface{}) (fast, reference []byte, err error) {
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query)})})
	if err != nil {
		return nil, nil, err
	}
	if v := graphql.ValidateDocument(&s.schema, doc, nil); !v.IsValid {
		return nil, nil, errors.New(v.Errors[0].Message)
	}
	cd := &cachedDoc{doc: doc}
	p := params{Query: query, OperationName: operation, Variables: vars}
	res, err := s.executeFast(withLoader(ctx, newLoader(s.store)), cd, p)
	if err == nil {
		if fast, err = encodeResponse(nil, response{Data: res.Data}); err != nil {
			return nil, nil, err
		}
	} else if !errors.Is(err, errFallback) {
		return nil, nil, err
	}
	ref := graphql.Execute(graphql.ExecuteParams{Schema: s.schema, AST: doc, Args: vars, OperationName: operation,
		Context: withLoader(ctx, newLoader(s.store))})
	out := response{Data: ref.Data}
	for _, e := range ref.Errors {
		out.Errors = append(out.Errors, responseError{e.Message, e.Locations, e.Path, e.Extensions})
	}
	reference, err = encodeResponse(nil, out)
	return fast, reference, err
}
