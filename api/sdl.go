package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"
)

// SDL prints the live schema in the GraphQL schema language, types sorted
// by name, fields and arguments by name: the form committed as
// api/schema.graphql (graphql-go v0.8.1 has no printer of its own).
func (s *Server) SDL() string {
	var b strings.Builder
	b.WriteString("schema {\n  query: Query\n  mutation: Mutation\n}\n")
	tm := s.schema.TypeMap()
	names := make([]string, 0, len(tm))
	for name := range tm {
		if !strings.HasPrefix(name, "__") && !builtinScalar[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		b.WriteString("\n")
		printType(&b, tm[name])
	}
	return b.String()
}

var builtinScalar = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

func printType(b *strings.Builder, t graphql.Type) {
	printDescription(b, "", t.Description())
	switch x := t.(type) {
	case *graphql.Object:
		fmt.Fprintf(b, "type %s", x.Name())
		if ifs := x.Interfaces(); len(ifs) > 0 {
			names := make([]string, len(ifs))
			for i, it := range ifs {
				names[i] = it.Name()
			}
			fmt.Fprintf(b, " implements %s", strings.Join(names, " & "))
		}
		printFields(b, x.Fields())
	case *graphql.Interface:
		fmt.Fprintf(b, "interface %s", x.Name())
		printFields(b, x.Fields())
	case *graphql.Enum:
		fmt.Fprintf(b, "enum %s {\n", x.Name())
		vals := append([]*graphql.EnumValueDefinition(nil), x.Values()...)
		sort.Slice(vals, func(i, j int) bool { return vals[i].Name < vals[j].Name })
		for _, v := range vals {
			printDescription(b, "  ", v.Description)
			fmt.Fprintf(b, "  %s\n", v.Name)
		}
		b.WriteString("}\n")
	case *graphql.InputObject:
		fmt.Fprintf(b, "input %s {\n", x.Name())
		fields := x.Fields()
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			f := fields[name]
			printDescription(b, "  ", f.Description())
			fmt.Fprintf(b, "  %s: %s%s\n", name, f.Type, defaultSuffix(f.Type, f.DefaultValue))
		}
		b.WriteString("}\n")
	case *graphql.Scalar:
		fmt.Fprintf(b, "scalar %s\n", x.Name())
	}
}

func printFields(b *strings.Builder, fields graphql.FieldDefinitionMap) {
	b.WriteString(" {\n")
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		f := fields[name]
		printDescription(b, "  ", f.Description)
		fmt.Fprintf(b, "  %s", name)
		if len(f.Args) > 0 {
			args := append([]*graphql.Argument(nil), f.Args...)
			sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = fmt.Sprintf("%s: %s%s", a.Name(), a.Type, defaultSuffix(a.Type, a.DefaultValue))
			}
			fmt.Fprintf(b, "(%s)", strings.Join(parts, ", "))
		}
		fmt.Fprintf(b, ": %s\n", f.Type)
	}
	b.WriteString("}\n")
}

func defaultSuffix(t graphql.Input, v interface{}) string {
	if v == nil {
		return ""
	}
	if e, ok := graphql.GetNamed(t).(*graphql.Enum); ok {
		return fmt.Sprintf(" = %v", e.Serialize(v))
	}
	j, _ := json.Marshal(v)
	return " = " + string(j)
}

func printDescription(b *strings.Builder, indent, d string) {
	if d != "" {
		fmt.Fprintf(b, "%s\"\"\"%s\"\"\"\n", indent, strings.ReplaceAll(d, `"""`, `\"""`))
	}
}
