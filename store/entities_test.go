package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryEntityHasAHandler: every entity constant of the package has a
// handler that can add its facts, and a place of its own in the import
// order, so sync and apply read one registry that cannot disagree.
func TestEveryEntityHasAHandler(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	entities := map[string]string{} // constant name → entity
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "entity") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, _ := strconv.Unquote(lit.Value)
					entities[name.Name] = v
				}
			}
		}
	}
	if len(entities) < len(handlers) {
		t.Fatalf("found %d entity constants, %d handlers: the scan missed some", len(entities), len(handlers))
	}
	byOrder := map[int]string{}
	for name, e := range entities {
		h, ok := handlers[e]
		if !ok {
			t.Errorf("%s (%q) has no handler", name, e)
			continue
		}
		if h.add == nil {
			t.Errorf("%s (%q): handler cannot add facts", name, e)
		}
		if other, dup := byOrder[h.order]; dup {
			t.Errorf("%q and %q share import order %d", e, other, h.order)
		}
		byOrder[h.order] = e
	}
	for e, h := range handlers {
		if e != entityAccount && h.order <= handlers[entityAccount].order {
			t.Errorf("%q is imported before the accounts it refers to", e)
		}
		if len(h.fields) > 0 && h.creator == nil {
			t.Errorf("%q has registers but no creator for their implicit head", e)
		}
	}
	if handlers[entityRTBEvent].order <= handlers[entityRTB].order {
		t.Error("Right to Buy steps are imported before their claim")
	}
	if importOrder(entityTxn) != handlers[entityTxn].order {
		t.Error("importOrder does not read the handler table")
	}
}
