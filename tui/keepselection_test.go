package tui

import (
	"strings"
	"testing"

	"caseload/tui/common"
)

// A step recorded on the highlighted account takes it off Today; the
// reload that follows keeps the highlight (and so pane 6) on that
// account, in the first section it is still in, rather than moving to
// whichever account took its row.
func TestReloadKeepsTheHighlightedAccount(t *testing.T) {
	m := start(t, 80, 24)
	a := m.(App)
	ref := a.selected
	if ref == "" {
		t.Fatal("no account highlighted at start")
	}
	if _, err := a.ctx.Store.MarkDoneToday(t.Context(), ref, a.ctx.Today, a.ctx.Policy); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, common.Changed(ref))
	if got := m.(App).selected; got != ref {
		t.Fatalf("after the reload the highlight moved from %s to %s", ref, got)
	}
	m = press(t, m, "6")
	if v := m.View(); !strings.Contains(v, "Enforcement "+ref) {
		t.Fatalf("pane 6 left %s:\n%s", ref, v)
	}
}
