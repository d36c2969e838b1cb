package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// A payment posted by another process (here a second store handle, as
// `caseload pay` opens one) appears in the running TUI within a second,
// and so does a new replica name.
func TestAnotherProcesssPaymentAppearsInTheRunningTUI(t *testing.T) {
	st := tuitest.Store(t)
	app := New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy(), Watch: 100 * time.Millisecond})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30))
	tuitest.WaitFor(t, tm, "Alice Example", "office", "never synced")

	cli, err := store.Open(st.Path(), store.Options{Officer: "batch", Now: tuitest.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	ctx := t.Context()
	posted, err := cli.Post(ctx, store.Posting{Ref: "NW1001", Kind: store.PostPayment, Amount: domain.MustMoney("123.45"), Method: domain.MethodCash}, tuitest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.RenameReplica(ctx, "office-annex"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	tuitest.WaitFor(t, tm, posted.Balance.Balance(), "office-annex")
	if d := time.Since(start); d > time.Second {
		t.Errorf("the TUI took %s to show another process's write", d)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// The header of a database that has never exchanged a pack says so,
// rather than counting its own changes as "unsynced".
func TestANewDatabaseSaysNeverSynced(t *testing.T) {
	m := start(t, 100, 30)
	v := m.View()
	head := strings.SplitN(v, "\n", 2)[0]
	if !strings.Contains(head, "never synced") || strings.Contains(head, "unsynced") {
		t.Fatalf("header: %q", head)
	}
}

// A bank holiday loaded by another process (`caseload holidays load`)
// while the TUI runs moves the clocks on screen at the next reading of
// the database, without a restart: here a Direct Debit collection due on
// a day that has just become a bank holiday moves to the next working day.
func TestAnotherProcesssHolidaysLoadMovesTheRunningTUIsDates(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	if _, err := st.SetUpMandate(ctx, store.NewMandate{Ref: "NW1001", Payer: "Alice Example", SortCode: "12-34-56", Account: "12345678",
		Day: 1, Frequency: arrangement.Monthly, Amount: domain.MustMoney("433.33")}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	app := New(Options{Context: ctx, Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy(), Watch: 100 * time.Millisecond})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 40))
	tuitest.WaitFor(t, tm, "Alice Example")
	tm.Send(tuitest.Key("/"))
	tm.Type("NW1001")
	tm.Send(tuitest.Key("enter"))
	// 1 Jan 2027 is New Year's Day: that collection is on Mon 4 Jan.
	tuitest.WaitFor(t, tm, "next: 04 Jan 27", "01 Feb 27")

	cli, err := store.Open(st.Path(), store.Options{Officer: "batch", Now: tuitest.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	file := `{"england-and-wales":{"division":"england-and-wales","events":[{"title":"A day for the test","date":"2027-02-01"}]}}`
	if _, err := cli.LoadReference(ctx, store.RefHolidays, "bank-holidays.json", []byte(file)); err != nil {
		t.Fatal(err)
	}
	tuitest.WaitFor(t, tm, "02 Feb 27")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
