package main

import (
	"strings"
	"testing"
)

// domain.CheckPosting's refusals reach the CLI as usage errors naming the
// flag, and nothing is written.
func TestPostShapeRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	before := c.dump()
	for _, tt := range []struct {
		args []string
		flag string
	}{
		{[]string{"post", "NW3001", "10.00", "--type", "charge", "--approved-by", "jbloggs"}, "--approved-by"},
		{[]string{"post", "NW3001", "10.00", "--type", "transfer"}, "--to"},
		{[]string{"post", "NW3001", "--type", "reverse"}, "--of"},
	} {
		if e := c.refused(2, tt.args...); !strings.Contains(e, tt.flag) {
			t.Errorf("caseload %s: error %q does not name %s", strings.Join(tt.args, " "), e, tt.flag)
		}
	}
	if after := c.dump(); after != before {
		t.Fatalf("a refused post wrote:\n%s", after)
	}
}
