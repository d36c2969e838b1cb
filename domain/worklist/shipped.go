package worklist

import (
	"embed"
	"sort"
	"strings"
)

// The policies shipped with caseload, beside RULES.md's default, so a
// council can start from a published ladder: `caseload worklist --policy
// hackney-2020`. Each is a policy file like a team's own.
//
//go:embed policies/*.json
var shipped embed.FS

// ShippedPolicies lists the names of the shipped policies.
func ShippedPolicies() []string {
	entries, _ := shipped.ReadDir("policies")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(names)
	return names
}

// ShippedPolicy reads the shipped policy called name ("hackney-2020"). ok
// is false when no shipped policy has that name.
func ShippedPolicy(name string) (p Policy, ok bool, err error) {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return Policy{}, false, nil
	}
	b, err := shipped.ReadFile("policies/" + name + ".json")
	if err != nil {
		return Policy{}, false, nil
	}
	p, err = ParsePolicy(b)
	return p, true, err
}
