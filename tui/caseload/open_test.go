package caseload

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// Another pane's drill-down (the Reports pane) ends in the account view:
// OpenAccountMsg opens it, announces it, and leaves a search it finds.
func TestOpenAccountMsgOpensTheAccountView(t *testing.T) {
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 22)
	m, _ = tuitest.Drive(m, m.Init())
	m, _ = tuitest.Press(m, "/")
	m, seen := tuitest.Drive(m, func() tea.Msg { return common.OpenAccountMsg{Ref: "NW1003"} })
	if m.detail == nil || m.detail.ref != "NW1003" || m.Capturing() {
		t.Fatalf("the account view is not open on NW1003 (capturing %v):\n%s", m.Capturing(), m.View())
	}
	if !strings.Contains(m.View(), "NW1003") {
		t.Errorf("the view does not show NW1003:\n%s", m.View())
	}
	announced := false
	for _, msg := range seen {
		if s, ok := msg.(common.AccountSelectedMsg); ok && s.Ref == "NW1003" {
			announced = true
		}
	}
	if !announced {
		t.Errorf("opening did not select NW1003 everywhere: %v", seen)
	}
}

// A form's unsaved input is never dropped by an account opened elsewhere.
func TestOpenAccountMsgKeepsAnOpenForm(t *testing.T) {
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 22)
	m, _ = tuitest.Drive(m, m.Init())
	m, _ = tuitest.Press(m, "n")
	if m.form == nil {
		t.Fatal("n opened no note form")
	}
	m, seen := tuitest.Drive(m, func() tea.Msg { return common.OpenAccountMsg{Ref: "NW1003"} })
	if m.form == nil || (m.detail != nil && m.detail.ref == "NW1003") {
		t.Fatalf("the form gave way to NW1003")
	}
	if len(seen) < 2 || !strings.Contains(seen[1].(common.StatusMsg).Text, "save or cancel it") {
		t.Errorf("no word on why the account did not open: %v", seen)
	}
}
