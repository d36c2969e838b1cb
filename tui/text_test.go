package tui

import (
	"database/sql"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// Issue 13: terminal attacks planted in old data (a name, a reference, a
// note, an officer, a detail) never reach the screen. Colours are off in
// the tests, so any escape character in a View came from the data.
func TestStoredTerminalAttacksNeverReachTheScreen(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	if _, err := st.AddNote(ctx, store.NewNote{Ref: "NW1001", Channel: domain.ChannelPhone, Text: "called about arrears"}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Post(ctx, store.Posting{Ref: "NW1001", Kind: store.PostPayment, Amount: domain.MustMoney("5.00"),
		Method: domain.MethodCash, Reference: "RCPT1"}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE resident SET name = 'Alice' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || ' Example' WHERE no = (SELECT resident FROM account WHERE ref = 'NW1001')",
		"UPDATE property SET address = char(27) || '[31m1 Red Street' || char(27) || '[0m'",
		"UPDATE txn SET reference = 'RCPT1' || char(27) || ']2;title' || char(27) || '\\' WHERE reference = 'RCPT1'",
		"UPDATE note SET text = 'called' || char(27) || '[2J about arrears' || char(155) || '5m', officer = char(27) || '[1masmith'",
		"UPDATE event SET detail = 'first' || char(27) || '[H letter', officer = 'asmith' || char(8238)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init())
	screens := map[string]string{"caseload": m.View()}
	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "enter")
	screens["account"] = m.View()
	m = press(t, m, "2")
	screens["ledger"] = m.View()
	for name, v := range screens {
		if strings.ContainsAny(v, "\x1b\x07\u009b\u202e") {
			t.Fatalf("the %s screen carries a terminal control sequence:\n%q", name, v)
		}
	}
	if !strings.Contains(screens["caseload"], "Alice Example") || !strings.Contains(screens["account"], "called about arrears") {
		t.Fatalf("the readable text was lost:\n%s\n%s", screens["caseload"], screens["account"])
	}
	if !strings.Contains(screens["ledger"], "RCPT1") {
		t.Fatalf("the ledger lost the reference:\n%s", screens["ledger"])
	}
}
