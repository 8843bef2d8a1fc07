package gqlfast

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/graphql-go/graphql/language/location"
)

// Responses are encoded here rather than by encoding/json, which walks
// graphql-go's result trees (maps of interface values) by reflection and
// sorts every map's keys through reflect.Value: that was 10-15% of the CPU
// time of a served request. The output is byte for byte what json.Marshal gives
// (keys sorted, <, > and & escaped), so the golden files hold; anything
// other than maps, lists, strings, numbers, booleans and nil, and any string
// or float outside the plain cases, still goes through encoding/json.

// appendJSON appends the JSON encoding of v to b.
func appendJSON(b []byte, v interface{}) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, x)
	case *string: // a string field's value, from the fast executor
		if x == nil {
			return append(b, "null"...), nil
		}
		return appendString(b, *x)
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case float64:
		return appendFloat(b, x)
	case map[string]interface{}:
		return appendObject(b, x)
	case *object: // from the fast executor, its keys already in order
		b = append(b, '{')
		for i, f := range x.fields {
			var err error
			if b, err = appendMember(b, i, f.key, x.vals[i]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case []interface{}:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, e); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	}
	return appendMarshal(b, v)
}

// appendObject writes m with its keys sorted, as encoding/json does.
func appendObject(b []byte, m map[string]interface{}) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	type field struct {
		key   string
		value interface{}
	}
	var buf [16]field // most objects are small: the fields stay on the stack
	fields := buf[:0]
	for k, v := range m {
		fields = append(fields, field{k, v})
	}
	slices.SortFunc(fields, func(a, b field) int { return strings.Compare(a.key, b.key) })
	b = append(b, '{')
	for i, f := range fields {
		var err error
		if b, err = appendMember(b, i, f.key, f.value); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendMember writes the i-th member of an object, "key":value.
func appendMember(b []byte, i int, key string, v interface{}) ([]byte, error) {
	if i > 0 {
		b = append(b, ',')
	}
	b, err := appendString(b, key)
	if err != nil {
		return b, err
	}
	return appendJSON(append(b, ':'), v)
}

// appendString quotes s when it needs no escape, which is nearly always;
// encoding/json does the rest.
func appendString(b []byte, s string) ([]byte, error) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshal(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshal(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// appendFloat writes f as encoding/json does when it needs no exponent.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) {
		return appendMarshal(b, f)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), nil
}

func appendMarshal(b []byte, v interface{}) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, raw...), nil
}

// Response is a GraphQL response as it is sent: graphql.Result with data
// left out when absent (a request that never executed has no data entry)
// and no empty locations.
type Response struct {
	Data       interface{}            `json:"data,omitempty"`
	Errors     []ResponseError        `json:"errors,omitempty"`
	Extensions map[string]interface{} `json:"extensions,omitempty"`
}

// ResponseError is one error of a Response.
type ResponseError struct {
	Message    string                    `json:"message"`
	Locations  []location.SourceLocation `json:"locations,omitempty"`
	Path       []interface{}             `json:"path,omitempty"`
	Extensions map[string]interface{}    `json:"extensions,omitempty"`
}

// AppendResponse appends the body of a response: data when present, then
// errors and extensions when not empty, like json.Marshal of Response.
func AppendResponse(b []byte, out Response) ([]byte, error) {
	b = append(b, '{')
	sep := ""
	var err error
	if out.Data != nil {
		b = append(b, `"data":`...)
		if b, err = appendJSON(b, out.Data); err != nil {
			return b, err
		}
		sep = ","
	}
	if len(out.Errors) > 0 {
		b = append(append(b, sep...), `"errors":`...)
		if b, err = appendMarshal(b, out.Errors); err != nil {
			return b, err
		}
		sep = ","
	}
	if len(out.Extensions) > 0 {
		b = append(append(b, sep...), `"extensions":`...)
		if b, err = appendMarshal(b, out.Extensions); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}
