package tui

import (
	"database/sql"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestDoneForTodayCanBeUndone: d marks the account's top item done for
// today (the account view says so and Today loses it); u puts it back;
// help lists both; u with nothing marked done says so and writes nothing.
func TestDoneForTodayCanBeUndone(t *testing.T) {
	m := start(t, 100, 30)
	if v := m.View(); !strings.Contains(v, "[Today 4]") {
		t.Fatalf("fixture's Today:\n%s", v)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "Alice")
	m = press(t, m, "enter", "enter", "d")
	v := m.View()
	if !strings.Contains(v, "done for today (u undoes it)") || !strings.Contains(v, "✓ done today:") {
		t.Fatalf("d did not mark the item done:\n%s", v)
	}
	m = press(t, m, "u")
	v = m.View()
	if !strings.Contains(v, "back on today's list") || strings.Contains(v, "✓ done today:") {
		t.Fatalf("u did not undo the done mark:\n%s", v)
	}
	m = press(t, m, "esc", "esc")
	if v := m.View(); !strings.Contains(v, "[Today 4]") {
		t.Fatalf("after the undo Today is not whole again:\n%s", v)
	}
	// u with nothing done today is refused: nothing is written.
	m = press(t, m, "/")
	m = typeText(t, m, "Alice")
	m = press(t, m, "enter")
	before := auditRows(t, m)
	m = press(t, m, "u")
	if v := m.View(); !strings.Contains(v, "nothing marked done today") {
		t.Fatalf("u with nothing done:\n%s", v)
	}
	if auditRows(t, m) != before {
		t.Fatal("a refused undo wrote to the database")
	}
	m = press(t, m, "esc", "?")
	if v := m.View(); !strings.Contains(v, "undo done today") || !strings.Contains(v, "done for today") {
		t.Fatalf("help lacks d and u:\n%s", v)
	}
}

// auditRows counts the audit rows: every write adds one.
func auditRows(t *testing.T, m tea.Model) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+m.(App).ctx.Store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM audit").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
