package arrange

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// waitFor waits until the output holds every one of wants (tuitest.WaitFor).
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	tuitest.WaitFor(t, tm, wants...)
}

func TestTeatestTypingUpdatesTheResult(t *testing.T) {
	st := tuitest.Store(t)
	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, st, tuitest.Today, 80, 23), ""), teatest.WithInitialTermSize(80, 24))
	tm.Send(common.AccountSelectedMsg{Ref: "NW1001"})
	waitFor(t, tm, "owes £1,100.00")
	send(tm, "e", "tab", "tab", "tab", "tab", "2")
	waitFor(t, tm, "550 instalments of £2.00 a week")
	send(tm, "5")
	waitFor(t, tm, "44 instalments of £25.00 a week")
	send(tm, "0")
	waitFor(t, tm, "5 instalments of £250.00 a week")
	send(tm, "0")
	waitFor(t, tm, "one instalment of £1,100.00 on Mon 30 Nov 2026")
	send(tm, "backspace", "backspace", "backspace", "backspace", "0")
	waitFor(t, tm, "at least £0.01 (got £0.00)")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tuitest.Host[Model])
	if !final.Pane.Capturing() {
		t.Error("the pane let go of the keyboard while a field is focused")
	}
}

func TestTeatestSavingCreatesTheArrangementTheWorklistWatches(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	policy := worklist.DefaultPolicy()
	before, err := st.AccountFacts(ctx, "NW1001", tuitest.Today, policy)
	if err != nil || before.Arrangement != nil {
		t.Fatalf("NW1001 already has an arrangement: %+v %v", before.Arrangement, err)
	}

	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, st, tuitest.Today, 80, 23), ""), teatest.WithInitialTermSize(80, 24))
	tm.Send(common.AccountSelectedMsg{Ref: "NW1001"})
	waitFor(t, tm, "no live arrangement on NW1001")
	send(tm, "e", "tab", "tab", "tab", "tab", "1", "0", "esc")
	waitFor(t, tm, "£100.00 rent + £10.00 arrears = £110.00 a week")
	send(tm, "s", "enter")
	waitFor(t, tm, "Confirm:")
	send(tm, "y")
	// The write is announced (common.Changed): the pane reloads and shows
	// the arrangement it saved, now watched.
	waitFor(t, tm, "saved on NW1001", "NOT-YET-DUE · £10.00 a week from 30 Nov 26")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	facts, err := st.WorklistFacts(ctx, tuitest.Officer, tuitest.Today, policy)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range facts {
		if f.Ref != "NW1001" {
			continue
		}
		found = true
		a := f.Arrangement
		if a == nil || a.Start != DefaultStart(tuitest.Today) || a.Frequency != arrangement.Weekly ||
			!a.Instalment.Equal(domain.MustMoney("10.00")) || !a.Arrears.Equal(domain.MustMoney("1100.00")) {
			t.Fatalf("the worklist does not watch the saved arrangement: %+v", a)
		}
		if f.ArrangementStatus == nil || f.ArrangementStatus.State != arrangement.NotYetDue {
			t.Fatalf("status %+v", f.ArrangementStatus)
		}
	}
	if !found {
		t.Fatal("NW1001 is not in the worklist facts")
	}
	lines, err := st.Caseload(ctx, tuitest.Officer, tuitest.Today, policy)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Ref == "NW1001" && (l.Top.Rule == worklist.RulePreAction || l.Top.Rule == worklist.RuleFirstLetter) {
			t.Fatalf("a live arrangement should hold the arrears ladder back: %+v", l.Top)
		}
	}
}

func TestTeatestAffordabilitySuggestion(t *testing.T) {
	st := tuitest.Store(t)
	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, st, tuitest.Today, 80, 23), ""), teatest.WithInitialTermSize(80, 24))
	tm.Send(common.AccountSelectedMsg{Ref: "NW1001"})
	waitFor(t, tm, "owes £1,100.00")
	send(tm, "f")
	waitFor(t, tm, "Income and expenditure · NW1001")
	send(tm, "9", "0", "0")
	// £900 − £433.33 rent = £466.67 a month; half is £233.33 a month,
	// £53.84 a week.
	waitFor(t, tm, "Left over £466.67 a month → suggest £53.84 a week")
	send(tm, "enter")
	waitFor(t, tm, "21 instalments of £53.84 a week")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
