package worklist

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// syntheticCaseload is a deterministic caseload shaped like a council's:
// mostly rent accounts, a third on UC, a spread of payment cadences and
// arrears, and the events, arrangements and diary entries that go with them.
func syntheticCaseload(n int, seed uint64) []Facts {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	facts := make([]Facts, n)
	penceBetween := func(lo, hi int64) domain.Money { return domain.Pence(lo + r.Int64N(hi-lo+1)) }
	for i := range facts {
		f := Facts{
			Ref: fmt.Sprintf("R%06d", i), Name: "Resident " + fmt.Sprint(i),
			Kind: domain.KindRent, Status: domain.StatusCurrent,
			Weekly: penceBetween(8000, 16000), RentFreeWeeks: r.IntN(3),
			Vulnerable: r.IntN(100) < 8, UCClaimant: r.IntN(100) < 30,
		}
		switch k := r.IntN(100); {
		case k < 5:
			f.Kind, f.Weekly = domain.KindGarage, penceBetween(800, 1500)
		case k < 9:
			f.Kind = domain.KindLeasehold
		case k < 13:
			f.Status = domain.StatusFormer
		case k < 15:
			f.Kind = domain.KindTemporary
		}
		weekly := pence(f.Weekly)
		// Payments: the last 12 on the account's own cadence, ending in the last month.
		last := today.AddDays(-r.IntN(35))
		switch c := r.IntN(100); {
		case c < 35:
			f.Payments = every(last, 7, 12, domain.Pence(weekly).String(), domain.TxnPayment, domain.MethodCash)
		case c < 45:
			f.Payments = every(last, 14, 12, domain.Pence(weekly*2).String(), domain.TxnPayment, domain.MethodStandingOrder)
		case c < 70:
			f.Payments = monthly(last, 12, domain.MonthsRent(f.Weekly, 1, f.RentFreeWeeks).String(), domain.TxnUC, domain.MethodUC)
			f.PaymentMethod = domain.MethodUC
		case c < 80:
			f.Payments = every(last, 28, 12, domain.Pence(weekly*4).String(), domain.TxnHB, domain.MethodHB)
			f.PaymentMethod = domain.MethodHB
		case c < 90:
			f.Payments = monthly(last, 12, domain.MonthsRent(f.Weekly, 1, f.RentFreeWeeks).String(), domain.TxnPayment, domain.MethodDirectDebit)
			f.PaymentMethod = domain.MethodDirectDebit
		default:
			d := last
			for j := 0; j < 8; j++ {
				f.Payments = append([]domain.Txn{pay(d, penceBetween(1000, 30000).String(), domain.TxnPayment, domain.MethodCard)}, f.Payments...)
				d = d.AddDays(-(3 + r.IntN(40)))
			}
		}
		f.LastPayment = f.Payments[len(f.Payments)-1].Date
		// Balance: 40% clear or in credit, the rest 0.5–15 weeks behind.
		if r.IntN(100) < 40 {
			f.Balance = domain.Pence(-r.Int64N(weekly * 6))
		} else {
			f.Balance = domain.Pence(weekly/2 + r.Int64N(weekly*15))
		}
		if r.IntN(100) < 60 {
			f.LastContact = today.AddDays(-r.IntN(60))
		}
		if r.IntN(100) < 30 {
			f.Events = append(f.Events, Event{Type: domain.EventLetter1, Date: today.AddDays(-r.IntN(90))})
		}
		if r.IntN(100) < 15 {
			f.Events = append(f.Events, Event{Type: domain.EventPreAction, Date: today.AddDays(-r.IntN(60)), Detail: "contact"})
		}
		if r.IntN(100) < 5 {
			f.Events = append(f.Events, Event{Type: domain.EventNOSPServed, Date: today.AddDays(-r.IntN(400))})
		}
		if r.IntN(100) < 2 {
			f.Events = append(f.Events, Event{Type: domain.EventOrderSuspended, Date: today.AddDays(-r.IntN(300))})
			f.OrderBalance = &f.Balance
		}
		if r.IntN(100) < 2 {
			f.UnpaidDDs = []Event{{Type: domain.EventDDUnpaid, Date: today.AddDays(-r.IntN(20)), Detail: "0 refer to payer"}}
		}
		if r.IntN(100) < 15 {
			states := []arrangement.State{arrangement.Kept, arrangement.Kept, arrangement.Broken, arrangement.NotYetDue, arrangement.Completed}
			f.Arrangement = terms(today.AddDays(-r.IntN(200)))
			f.ArrangementStatus = status(states[r.IntN(len(states))])
		}
		if r.IntN(100) < 10 {
			f.FollowUps = []FollowUp{{ID: "N" + f.Ref, Due: today.AddDays(r.IntN(10) - 5), Text: "ring back about the income and expenditure form"}}
		}
		if r.IntN(1000) < 5 {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "RTB" + f.Ref, Name: "RTB2 (admit or deny)", Due: today.AddDays(r.IntN(20) - 5)}}
		}
		if r.IntN(100) < 2 {
			f.PausedUntil, f.PauseReason = today.AddDays(1+r.IntN(20)), "delayed benefit"
		}
		if r.IntN(100) < 3 {
			f.DoneToday = []Rule{RuleNewArrears}
		}
		facts[i] = f
	}
	return facts
}

// TestSyntheticCaseload checks invariants over a varied caseload: every
// item complete, lines in worklist order, the summary consistent.
func TestSyntheticCaseload(t *testing.T) {
	facts := syntheticCaseload(5000, 7)
	lines := Build(facts, today, DefaultPolicy())
	if !slices.IsSortedFunc(lines, CompareLines) {
		t.Fatal("lines not in worklist order")
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l.Ref] {
			t.Fatalf("%s appears twice", l.Ref)
		}
		seen[l.Ref] = true
		prev := 101
		for _, it := range l.Items() {
			if it.Reason == "" || it.Action == "" || it.Due.IsZero() || it.Priority < 1 || it.Priority > prev {
				t.Fatalf("%s: bad item %+v after priority %d", l.Ref, it, prev)
			}
			prev = it.Priority
		}
	}
	s := Summarise(lines)
	if s.Today == 0 || s.Technical == 0 || s.Paused == 0 || s.Broken == 0 || s.TechnicalOff > s.Technical {
		t.Fatalf("implausible summary %+v", s)
	}
	t.Logf("5,000 accounts: %d lines, summary %+v", len(lines), s)
}

// BenchmarkBuild30000 is the whole morning's triage for a 30,000-account
// council: it must stay far under a second.
func BenchmarkBuild30000(b *testing.B) {
	facts := syntheticCaseload(30000, 1)
	p := DefaultPolicy()
	var lines []Line
	b.ReportAllocs()
	for b.Loop() {
		lines = Build(facts, today, p)
	}
	b.ReportMetric(float64(len(lines)), "lines")
}
