package gqlfast

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/graphql-go/graphql/language/location"
)

// TestEncodeResponse: the hand-written encoder gives what json.Marshal gives
// for every kind of value graphql-go puts in a result, the escapes and
// float forms it hands back to encoding/json included.
func TestEncodeResponse(t *testing.T) {
	type named string
	for _, tc := range []struct {
		name string
		out  Response
	}{
		{"empty", Response{}},
		{"null data", Response{Data: map[string]interface{}(nil)}},
		{"scalars", Response{Data: map[string]interface{}{
			"s": "Moon Jae-in", "accented": "Société Générale", "empty": "", "t": true, "f": false, "nil": nil,
			"i": 42, "neg": -7, "i32": int32(3), "i64": int64(1) << 40,
			"zero": 0.0, "negzero": math.Copysign(0, -1), "conf": 0.85, "whole": 3.0, "big": 1e20, "huge": 1e21,
			"tiny": 1e-7, "small": 1e-6, "negtiny": -2.5e-9,
		}}},
		{"escapes", Response{Data: map[string]interface{}{
			"quote": `say "yes"`, "backslash": `a\b`, "html": "<b>R&D</b>", "ctl": "tab\there\nnl\x01\b\f",
			"sep": "line\u2028para\u2029", "invalid": "bad\xffbyte", "emoji": "flag 🇰🇷", "key <&>": 1,
		}}},
		{"nesting", Response{Data: map[string]interface{}{
			"entity": map[string]interface{}{"id": "person/moon-jae-in", "degree": 12,
				"relations": map[string]interface{}{"totalCount": 2, "nodes": []interface{}{
					map[string]interface{}{"subject": map[string]interface{}{"id": "a", "name": "A"}, "object": nil, "confidence": 0.9},
					map[string]interface{}{"value": "2018-09-19", "object": map[string]interface{}{"id": "b"}},
				}}},
			"emptyList": []interface{}{}, "nilList": []interface{}(nil), "emptyMap": map[string]interface{}{},
		}}},
		{"other types", Response{Data: map[string]interface{}{
			"named": named("x"), "strings": []string{"a", "b"}, "uint": uint(5), "f32": float32(0.1),
			"struct": struct {
				A int `json:"a"`
			}{1},
		}}},
		{"errors", Response{
			Data: map[string]interface{}{"entity": nil},
			Errors: []ResponseError{{Message: "api: boom <here>", Locations: []location.SourceLocation{{Line: 1, Column: 3}},
				Path: []interface{}{"entity", 0}}},
			Extensions: map[string]interface{}{"cost": 12},
		}},
		{"errors only", Response{Errors: []ResponseError{{Message: "api: no"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.out)
			if err != nil {
				t.Fatal(err)
			}
			got, err := AppendResponse([]byte("prefix"), tc.out)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "prefix"+string(want) {
				t.Errorf("got  %s\nwant prefix%s", got, want)
			}
		})
	}
}

// TestEncodeResponseUnsupported: values encoding/json refuses are refused.
func TestEncodeResponseUnsupported(t *testing.T) {
	for _, v := range []interface{}{math.NaN(), math.Inf(1), math.Inf(-1), map[string]interface{}{"ch": make(chan int)}} {
		if _, err := AppendResponse(nil, Response{Data: map[string]interface{}{"v": v}}); err == nil {
			t.Errorf("%v: no error", v)
		}
	}
}

func BenchmarkEncodeResponse(b *testing.B) {
	node := func(i int) interface{} {
		return map[string]interface{}{"subject": map[string]interface{}{"id": "person/moon-jae-in", "name": "Moon Jae-in"},
			"predicate": "memberOf", "object": map[string]interface{}{"id": "ministry/kr-mofa", "name": "Ministry of Foreign Affairs"},
			"value": nil, "confidence": 0.8 + float64(i)/100}
	}
	nodes := make([]interface{}, 20)
	for i := range nodes {
		nodes[i] = node(i)
	}
	out := Response{Data: map[string]interface{}{"entity": map[string]interface{}{"id": "person/moon-jae-in",
		"name": "Moon Jae-in", "type": "Person", "degree": 40, "relations": map[string]interface{}{"totalCount": 40, "nodes": nodes}}}}
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := json.Marshal(out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendResponse", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for range b.N {
			var err error
			if buf, err = AppendResponse(buf[:0], out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
