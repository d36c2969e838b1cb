package tui

import (
	"testing"

	"caseload/tui/tuitest"
)

// The whole screen as the officer first sees it, and each pane as the tab
// row reaches it: header, tabs, the pane, help and status at 80×24.
func TestGoldenRooms(t *testing.T) {
	for _, tc := range []struct{ name, key string }{
		{"caseload", ""}, {"ledger", "2"}, {"arrangement", "3"}, {"rtb", "4"}, {"sync", "5"}, {"enforcement", "6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := start(t, 80, 24)
			if tc.key != "" {
				m = press(t, m, tc.key)
			}
			tuitest.RequireScreen(t, m)
		})
	}
}

// Quitting cancels the session's context, so no store call outlives the
// program.
func TestQuitCancelsTheSessionContext(t *testing.T) {
	m := start(t, 80, 24).(App)
	if m.ctx.Ctx.Err() != nil {
		t.Fatal("the session's context is done before quitting")
	}
	press(t, m, "q")
	if m.ctx.Ctx.Err() == nil {
		t.Fatal("q left the session's context running")
	}
}
