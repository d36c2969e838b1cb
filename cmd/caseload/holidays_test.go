package main

import (
	"strings"
	"testing"
)

func TestHolidaysLoad(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	if out := c.ok("holidays"); !strings.Contains(out, "2026-12-28  Boxing Day (substitute day)") || !strings.Contains(out, "known for 2025–2028") {
		t.Fatalf("shipped holidays:\n%s", out)
	}
	file := c.file("bank-holidays.json", `{"england-and-wales":{"division":"england-and-wales","events":[
		{"title":"New Year’s Day","date":"2029-01-01","notes":"","bunting":true},
		{"title":"Good Friday","date":"2029-03-30","notes":"","bunting":false},
		{"title":"Christmas Day","date":"2028-12-25","notes":"","bunting":true}]},
		"scotland":{"division":"scotland","events":[]}}`)
	if out := c.ok("holidays", "load", file); !strings.Contains(out, "3 bank holiday(s) in the file, 2 new") {
		t.Fatalf("load: %s", out)
	}
	if out := c.ok("holidays"); !strings.Contains(out, "2029-03-30  Good Friday") || !strings.Contains(out, "known for 2025–2029") {
		t.Fatalf("after loading:\n%s", out)
	}
	// Loading again adds nothing; a bad file is refused and writes nothing.
	if out := c.ok("holidays", "load", file); !strings.Contains(out, "0 new") {
		t.Fatalf("second load: %s", out)
	}
	before := c.dump()
	c.refused(3, "holidays", "load", c.file("bad.json", `{"england-and-wales":{"events":[{"title":"X","date":"2029-02-30"}]}}`))
	c.refused(3, "holidays", "load", c.file("bad2.json", `not json`))
	if c.dump() != before {
		t.Fatal("a refused file changed the database")
	}
}
