package main

import "strings"

// globalFlags are the flags every command takes (--db, --today, --officer),
// which may also come before the command: `caseload --db X seed …`.
var globalFlags = map[string]bool{"db": true, "today": true, "officer": true}

// hoistGlobals moves global flags given before the command to just after
// it, where the command reads them. Anything else before the command (no
// command at all, another flag) leaves args as they are: the TUI's.
func hoistGlobals(args []string) []string {
	var globals []string
	rest := args
	for len(rest) > 0 && strings.HasPrefix(rest[0], "-") {
		name, _, hasValue := strings.Cut(strings.TrimLeft(rest[0], "-"), "=")
		if !globalFlags[name] || rest[0] == "-" || rest[0] == "--" {
			return args
		}
		n := 1
		if !hasValue {
			n = 2
		}
		if len(rest) < n {
			return args
		}
		globals, rest = append(globals, rest[:n]...), rest[n:]
	}
	if len(globals) == 0 || len(rest) == 0 {
		return args
	}
	words := 1
	if len(rest) > 1 {
		if _, ok := commands[rest[0]+" "+rest[1]]; ok {
			words = 2
		}
	}
	out := make([]string, 0, len(args))
	out = append(out, rest[:words]...)
	out = append(out, globals...)
	return append(out, rest[words:]...)
}
