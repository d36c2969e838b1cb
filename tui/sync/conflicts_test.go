package sync

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// phoneConflict changes NW1001's phone on the office and on the laptop
// without either seeing the other's change, then exchanges changes packs
// both ways: both raise the same conflict.
func phoneConflict(t *testing.T) (office, lap *store.Store) {
	t.Helper()
	office, lap = tuitest.Store(t), laptop(t)
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001"}}))
	if err := lap.SetAccountFields(t.Context(), "NW1001", map[string]string{"phone": "07700 900111"}); err != nil {
		t.Fatal(err)
	}
	if err := office.SetAccountFields(t.Context(), "NW1001", map[string]string{"phone": "07700 900222"}); err != nil {
		t.Fatal(err)
	}
	if rep := mustImport(t, office, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"})); len(rep.Conflicts) != 1 {
		t.Fatalf("office import raised %+v, want one conflict", rep.Conflicts)
	}
	if rep := mustImport(t, lap, plainPack(t, office, store.ExportOptions{Changes: true, For: "laptop"})); len(rep.Conflicts) != 1 {
		t.Fatalf("laptop import raised %+v, want one conflict", rep.Conflicts)
	}
	return office, lap
}

func TestResolvingAConflictThroughThePaneClosesItEverywhere(t *testing.T) {
	office, lap := phoneConflict(t)
	open, err := office.Conflicts(t.Context())
	if err != nil || len(open) != 1 {
		t.Fatalf("conflicts %+v %v", open, err)
	}
	c := open[0]
	m := newPane(t, office, t.TempDir(), 80, 20)
	m, _ = press(t, m, "]", "]")
	v := checkView(t, m, "")
	if c.KeptBy == "" || c.OtherBy == "" || c.KeptBy == c.OtherBy || c.KeptAt == "" || c.OtherAt == "" {
		t.Fatalf("the conflict does not say who made each value and when: %+v", c)
	}
	for _, w := range []string{"[Conflicts 1]", "NW1001", "phone", c.Kept, c.Other, "(shown everywhere now): " + c.Kept, "(the value it beat):    " + c.Other,
		"kept  by " + c.KeptBy + " ", "other by " + c.OtherBy + " ", " UTC"} {
		if !strings.Contains(v, w) {
			t.Errorf("the conflicts part lacks %q:\n%s", w, v)
		}
	}

	// S asks first; any other key cancels and nothing changes.
	m, _ = press(t, m, "S")
	if !m.Capturing() || !strings.Contains(strings.Join(strings.Fields(checkView(t, m, "")), " "), "Swap NW1001's phone from") {
		t.Fatalf("S did not ask for confirmation:\n%s", m.View())
	}
	m, msgs := press(t, m, "q")
	if m.ask != nil || !strings.Contains(statuses(msgs), "Cancelled") {
		t.Fatalf("q did not cancel the question: %q", statuses(msgs))
	}
	if still, _ := office.Conflicts(t.Context()); len(still) != 1 {
		t.Fatal("a cancelled swap settled the conflict")
	}

	m, _ = press(t, m, "S")
	m, msgs = press(t, m, "y")
	if ok, refs := changed(msgs); !ok || len(refs) != 1 || refs[0] != "NW1001" {
		t.Fatalf("the settlement announced %v %v, want a change to NW1001", ok, refs)
	}
	if !strings.Contains(statuses(msgs), "Conflict 1 settled: NW1001's phone is \""+c.Other+"\"") {
		t.Fatalf("status %q", statuses(msgs))
	}
	if left, _ := office.Conflicts(t.Context()); len(left) != 0 {
		t.Fatalf("conflicts left after settling: %+v", left)
	}
	v = checkView(t, m, "")
	if !strings.Contains(v, "[Conflicts 0]") || !strings.Contains(v, "No conflicts waiting") {
		t.Fatalf("the pane still shows the settled conflict:\n%s", v)
	}

	// The settlement is a change: the laptop gets it with the next pack.
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Changes: true, For: "laptop"}))
	if left, _ := lap.Conflicts(t.Context()); len(left) != 0 {
		t.Fatalf("the laptop still has %+v", left)
	}
	a1, _ := office.Account(t.Context(), "NW1001")
	a2, _ := lap.Account(t.Context(), "NW1001")
	if a1.Phone != c.Other || a2.Phone != c.Other {
		t.Fatalf("phones office %q laptop %q, want both %q", a1.Phone, a2.Phone, c.Other)
	}
}

func TestKeepingTheShownValueClosesTheConflict(t *testing.T) {
	office, _ := phoneConflict(t)
	open, _ := office.Conflicts(t.Context())
	m := newPane(t, office, t.TempDir(), 80, 20)
	m.part = partConflicts
	m, _ = press(t, m, "K")
	if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), "Keep \""+open[0].Kept+"\" (shown now) as NW1001's phone") {
		t.Fatalf("K did not ask:\n%s", m.View())
	}
	m, _ = press(t, m, "y")
	if left, _ := office.Conflicts(t.Context()); len(left) != 0 {
		t.Fatalf("conflicts left: %+v", left)
	}
	if a, _ := office.Account(t.Context(), "NW1001"); a.Phone != open[0].Kept {
		t.Fatalf("phone %q, want the kept %q", a.Phone, open[0].Kept)
	}
	// K on the now empty list says so instead of acting.
	_, msgs := press(t, m, "K")
	if !strings.Contains(statuses(msgs), "No conflict waiting") {
		t.Fatalf("K on an empty list: %q", statuses(msgs))
	}
}

func TestDuplicatesJumpToTheLedgerAndAreMarkedReviewed(t *testing.T) {
	office, lap := tuitest.Store(t), laptop(t)
	pair(t, office, lap)
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001"}}))
	// The same £25 cash payment taken on the visit and keyed in the office.
	for _, st := range []*store.Store{lap, office} {
		if _, err := st.Post(t.Context(), store.Posting{Ref: "NW1001", Kind: store.PostPayment, Amount: domain.MustMoney("25.00"),
			Method: domain.MethodCash, Date: tuitest.Today}, tuitest.Today); err != nil {
			t.Fatal(err)
		}
	}
	m := newPane(t, office, t.TempDir(), 80, 20)
	path := writeFile(t, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"}))
	m, _ = importFile(t, m, path, "", false)
	m, _ = press(t, m, "y")
	v := checkView(t, m, "")
	if !strings.Contains(v, "1 probable duplicate flagged") || !strings.Contains(v, "[Import]") || !strings.Contains(v, "Duplicates 1") {
		t.Fatalf("the import report does not list the duplicate:\n%s", v)
	}
	dups, _ := office.Duplicates(t.Context())
	if len(dups) != 1 {
		t.Fatalf("duplicates %+v", dups)
	}
	d := dups[0]
	m, _ = press(t, m, "]", "]")
	v = checkView(t, m, "")
	for _, w := range []string{"[Duplicates 1]", d.First, d.Second, "same account, amount (£25.00)"} {
		if !strings.Contains(v, w) {
			t.Errorf("the duplicates part lacks %q:\n%s", w, v)
		}
	}

	_, msgs := press(t, m, "L")
	var selected, switched bool
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.AccountSelectedMsg:
			selected = msg.Ref == "NW1001"
		case common.SwitchPaneMsg:
			switched = msg.Pane == common.PaneLedger
		}
	}
	if !selected || !switched {
		t.Fatalf("L sent %v; want NW1001 selected and the ledger pane shown", msgs)
	}

	m, _ = press(t, m, "r")
	if !m.Capturing() {
		t.Fatal("r did not ask first")
	}
	m, msgs = press(t, m, "y")
	if !strings.Contains(statuses(msgs), "marked reviewed") {
		t.Fatalf("status %q", statuses(msgs))
	}
	if left, _ := office.Duplicates(t.Context()); len(left) != 0 {
		t.Fatalf("duplicates left %+v", left)
	}
	if v := checkView(t, m, ""); !strings.Contains(v, "[Duplicates 0]") {
		t.Fatalf("the pane still counts the reviewed duplicate:\n%s", v)
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	office := tuitest.Store(t)
	m := newPane(t, office, t.TempDir(), 80, 20)
	m, _ = press(t, m, "ctrl+r")
	m, _ = m.Update(infoMsg{seq: m.loadSeq - 1, unsynced: 999})
	if m.unsynced == 999 {
		t.Fatal("an older load overwrote a newer one")
	}
	m, _ = m.Update(exportedMsg{seq: m.runSeq + 7, file: "x"})
	m, _ = m.Update(importedMsg{seq: m.runSeq + 7, file: "x"})
	if m.lastExport != nil || m.lastImport != nil {
		t.Fatal("an answer to no running export or import was taken")
	}
}
