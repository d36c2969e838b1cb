package caseload

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// early is the pane at 80×24 with the quick read of the accounts applied
// and the worklist's read not yet run: what the officer sees in the first
// moments on a big patch. next is the worklist's read.
func early(t *testing.T) (Model, tea.Cmd) {
	t.Helper()
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 23)
	msg := m.Init()()
	if _, ok := msg.(summariesMsg); !ok {
		t.Fatalf("the first read is %T, want the accounts' summaries", msg)
	}
	m, next := m.Update(msg)
	if next == nil {
		t.Fatal("the summaries did not start the worklist's read")
	}
	return m, next
}

// statusOf is the status line a command asks for ("" when none).
func statusOf(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	switch msg := cmd().(type) {
	case common.StatusMsg:
		return msg.Text
	case tea.BatchMsg:
		for _, c := range msg {
			if s := statusOf(c); s != "" {
				return s
			}
		}
	}
	return ""
}

// The first screen shows the patch's accounts from the summaries with an
// honest marker where the worklist's sections and reasons will be, and
// nothing the worklist decides; the worklist then replaces it, exactly as
// a screen that waited for it.
func TestFirstScreenShowsTheAccountsThenTheWorklist(t *testing.T) {
	m, next := early(t)
	v := m.View()
	for _, want := range []string{
		"Today …", "Notices …", "All 6", // counts not known yet say so
		"⏳ loading the worklist… · asmith's patch · by ref · 6 shown",
		"NW1001", "Alice Example", "£1,100.00", "11.0", // known figures, in ref order
		"what to do: loading the worklist…",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the early screen lacks %q:\n%s", want, v)
		}
	}
	for _, wrong := range []string{"Loading the caseload", "nothing to do today", "Today 0", "follow-up overdue", "no list"} {
		if strings.Contains(v, wrong) {
			t.Errorf("the early screen claims %q before the worklist is known:\n%s", wrong, v)
		}
	}
	if i, j := strings.Index(v, "NW1001"), strings.Index(v, "NW1004"); i < 0 || j < i {
		t.Errorf("the early accounts are not in ref order:\n%s", v)
	}

	m, _ = tuitest.Drive(m, next)
	loaded := m.View()
	if strings.Contains(loaded, "loading") {
		t.Errorf("the loaded screen still says loading:\n%s", loaded)
	}
	waited, _ := tuitest.Drive(New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 23), nil)
	waited, _ = tuitest.Drive(waited, waited.loadCmd())
	if loaded != waited.View() {
		t.Errorf("the worklist after the early screen:\n%s\nwant what a screen that waited for it shows:\n%s", loaded, waited.View())
	}
}

// A key pressed before anything is read acts on no account; while only
// the early accounts are shown, a key that needs the worklist (the
// sections, a pause's form) waits for it and says so, and the account the
// officer moved to stays highlighted when the worklist arrives.
func TestKeysWhileTheCaseloadLoads(t *testing.T) {
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 23)
	for _, k := range []string{"enter", "n", "d", "p", "e", "v", "L"} {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key(k))
		if cmd != nil || m.form != nil || m.detail != nil || len(m.marked) > 0 {
			t.Fatalf("%q before the caseload is read acted (form %v, detail %v, marked %v)", k, m.form != nil, m.detail != nil, m.marked)
		}
	}

	m, next := early(t)
	for _, k := range []string{"]", "[", "p", "/", "s"} {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key(k))
		if m.section != 0 || m.form != nil || m.filtering || m.sort != sortPriority {
			t.Fatalf("%q while the worklist loads: section %d, form open %v, searching %v, sort %s", k, m.section, m.form != nil, m.filtering, m.sort)
		}
		if s := statusOf(cmd); !strings.Contains(s, "still loading") {
			t.Errorf("%q while the worklist loads says %q, want that it is still loading", k, s)
		}
	}
	m, _ = m.Update(tuitest.Key("j")) // NW1002, on no list today
	if l, ok := m.current(); !ok || l.Ref != "NW1002" {
		t.Fatalf("j on the early list highlights %+v", l)
	}
	m, _ = tuitest.Drive(m, next)
	if l, ok := m.current(); !ok || l.Ref != "NW1002" {
		t.Errorf("after the worklist arrived the highlight moved to %q, want the account the officer chose (NW1002)", l.Ref)
	}
}

// An account opened while the worklist loads shows what is known, says
// its to-do is loading, and shows its to-do once the worklist is read.
func TestAccountOpenedWhileTheWorklistLoads(t *testing.T) {
	m, next := early(t)
	m, _ = m.Update(tuitest.Key("j"))
	m, _ = m.Update(tuitest.Key("j")) // NW1003
	m, cmd := m.Update(tuitest.Key("enter"))
	m, _ = tuitest.Drive(m, cmd)
	if m.detail == nil || m.detail.ref != "NW1003" {
		t.Fatal("enter on the early list opened no account")
	}
	if v := m.View(); !strings.Contains(v, "To do") || !strings.Contains(v, "  loading the worklist…") {
		t.Errorf("the account view does not say its to-do is loading:\n%s", v)
	}
	m, _ = tuitest.Drive(m, next)
	v := m.View()
	if strings.Contains(v, "loading") || !strings.Contains(v, "To do") || !strings.Contains(v, "vulnerable") {
		t.Errorf("the account view after the worklist arrived:\n%s", v)
	}
}

// On a patch bigger than the early window the first screen shows as many
// accounts as it holds and says how many there are, and the worklist then
// brings them all.
func TestTheEarlyScreenIsTheFirstAccounts(t *testing.T) {
	defer func(w int) { earlyWindow = w }(earlyWindow)
	earlyWindow = 3
	m, next := early(t)
	v := m.View()
	for _, want := range []string{"All 6", "3 of 6", "NW1003", "… 3 more when the worklist has loaded"} {
		if !strings.Contains(v, want) {
			t.Errorf("the early screen of 3 of 6 accounts lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "NW1004") {
		t.Errorf("the early screen shows an account past its window:\n%s", v)
	}
	m, _ = tuitest.Drive(m, next)
	if len(m.lines) != 6 || strings.Contains(m.View(), "more when") {
		t.Errorf("after the worklist: %d lines\n%s", len(m.lines), m.View())
	}
}
