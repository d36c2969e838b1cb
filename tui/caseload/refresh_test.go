package caseload

import (
	"context"
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// countingDoor is the store's caseload door, counting whole caseloads
// and the accounts read again on their own.
type countingDoor struct {
	store.CaseloadDoor
	whole int
	some  [][]string
}

func (d *countingDoor) Caseload(ctx context.Context, officer string, today domain.Date, p worklist.Policy) ([]store.CaseLine, error) {
	d.whole++
	return d.CaseloadDoor.Caseload(ctx, officer, today, p)
}

func (d *countingDoor) CaseLines(ctx context.Context, officer string, refs []string, today domain.Date, p worklist.Policy) ([]store.CaseLine, error) {
	d.some = append(d.some, refs)
	return d.CaseloadDoor.CaseLines(ctx, officer, refs, today, p)
}

// TestAWriteReadsAgainOnlyTheAccountsItTouched: after a write that names
// its accounts the pane reads only those again, and what it then holds is
// exactly the caseload a whole reload gives (lines, order, sections); a
// change that names no account (another process wrote) reloads it all.
func TestAWriteReadsAgainOnlyTheAccountsItTouched(t *testing.T) {
	st := tuitest.Store(t)
	door := &countingDoor{CaseloadDoor: st}
	ctx := tuitest.Context(t, st)
	ctx.CaseloadSource = door
	m := New(ctx).SetSize(120, 30)
	m, _ = tuitest.Drive(m, m.Init())
	if door.whole != 1 || len(m.lines) == 0 {
		t.Fatalf("first load: %d whole reads, %d lines", door.whole, len(m.lines))
	}
	var top string
	var bal domain.Money
	for _, l := range m.lines {
		if l.OnList && l.Balance.IsPositive() {
			top, bal = l.Ref, l.Balance
			break
		}
	}
	if top == "" {
		t.Fatal("the fixture has no account in arrears on the worklist")
	}
	check := func(when string) {
		t.Helper()
		want, err := st.Caseload(ctx.Ctx, m.patch, ctx.Today, ctx.Policy)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.lines, want) {
			t.Fatalf("%s: the pane holds\n%+v\nbut a whole reload gives\n%+v", when, m.lines, want)
		}
	}

	// The first account in arrears pays them off: the pane moves it
	// where a reload would.
	before := slicesIndex(m.lines, top)
	if _, err := st.Post(ctx.Ctx, store.Posting{Ref: top, Kind: store.PostPayment, Amount: bal, Method: domain.MethodCash, Date: ctx.Today}, ctx.Today); err != nil {
		t.Fatal(err)
	}
	m, _ = tuitest.Drive(m, func() tea.Msg { return common.ChangedMsg{Refs: []string{top}} })
	if door.whole != 1 || len(door.some) != 1 || !reflect.DeepEqual(door.some[0], []string{top}) {
		t.Fatalf("after a payment: %d whole reads, accounts read %v", door.whole, door.some)
	}
	if after := slicesIndex(m.lines, top); after == before {
		t.Fatalf("%s paid its arrears but kept its place %d", top, before)
	}
	check("after a payment")

	// Done for today on the new head, through the pane's own key.
	next := m.lines[0].Ref
	if _, err := st.MarkDoneToday(ctx.Ctx, next, ctx.Today, ctx.Policy); err != nil {
		t.Fatal(err)
	}
	m, _ = tuitest.Drive(m, func() tea.Msg { return common.ChangedMsg{Refs: []string{next}} })
	if door.whole != 1 || len(door.some) != 2 {
		t.Fatalf("after done today: %d whole reads, accounts read %v", door.whole, door.some)
	}
	check("after done today")

	// Another process wrote: no account named, so everything is read.
	m, _ = tuitest.Drive(m, func() tea.Msg { return common.ChangedMsg{} })
	if door.whole != 2 {
		t.Fatalf("a change naming no account read the caseload %d times", door.whole)
	}
	check("after a whole reload")
}

func slicesIndex(lines []store.CaseLine, ref string) int {
	for i, l := range lines {
		if l.Ref == ref {
			return i
		}
	}
	return -1
}
