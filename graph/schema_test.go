package graph_test

import (
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestSchemaIsDocumented fails on any type, field, argument, input field or
// enum value of schema.graphqls without a description: the playground and
// generated clients show them to the frontend developers who read nothing
// else.
func TestSchemaIsDocumented(t *testing.T) {
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	var missing []string
	undocumented := func(what, name, desc string) {
		if strings.TrimSpace(desc) == "" {
			missing = append(missing, what+" "+name)
		}
	}
	ours := 0
	for name, def := range schema.Types {
		if def.BuiltIn {
			continue
		}
		ours++
		undocumented(strings.ToLower(string(def.Kind)), name, def.Description)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // introspection, documented by the spec
			}
			undocumented("field", name+"."+f.Name, f.Description)
			for _, a := range f.Arguments {
				undocumented("argument", name+"."+f.Name+"("+a.Name+")", a.Description)
			}
		}
		for _, v := range def.EnumValues {
			undocumented("enum value", name+"."+v.Name, v.Description)
		}
	}
	if ours < 20 {
		t.Fatalf("found only %d types of our own; is the schema read right?", ours)
	}
	for _, m := range missing {
		t.Errorf("%s has no description", m)
	}
}
