package arrangement

import (
	"slices"
	"strings"
	"testing"

	"caseload/domain"
)

// ledger builds an account's transactions for a test. Every method returns
// a new slice (slices.Clip before append), so ledgers built from a shared
// base never write into each other.
type ledger []domain.Txn

// rent posts a weekly charge every Monday from the first for weeks weeks.
func (l ledger) rent(first string, weeks int, amount string) ledger {
	d := day(first)
	for range weeks {
		l = append(slices.Clip(l), domain.Txn{ID: "R" + d.String(), Date: d, Type: domain.TxnCharge, Amount: money(amount)})
		d = d.AddDays(7)
	}
	return l
}

// post adds one transaction; credits are given as positive amounts and
// posted with the ledger's sign.
func (l ledger) post(id string, typ domain.TxnType, date, amount string) ledger {
	m := money(amount)
	if typ.Sign() < 0 || typ == domain.TxnAdjustment {
		m = m.Neg()
	}
	return append(slices.Clip(l), domain.Txn{ID: id, Date: day(date), Type: typ, Amount: m})
}

func (l ledger) pay(id, date, amount string) ledger {
	return l.post(id, domain.TxnPayment, date, amount)
}

// reverse undoes transaction of, on date.
func (l ledger) reverse(id, of, date string) ledger {
	for _, t := range l {
		if t.ID == of {
			return append(slices.Clip(l), domain.Txn{ID: id, Date: day(date), Type: domain.TxnReversal, Amount: t.Amount.Neg(), Reverses: of})
		}
	}
	panic("no transaction " + of)
}

func TestMonitor(t *testing.T) {
	// £10.00 a week towards £200.00 of arrears from Monday 2 March 2026, on
	// top of £100.00 rent debited every Monday (since February: the charges
	// before the start are not the arrangement's).
	weekly := Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10"), Arrears: money("200")}
	rent := ledger{}.rent("2026-02-02", 20, "100")
	// Paying rent and instalment together every Friday after the due date.
	fridays := rent.pay("P1", "2026-03-06", "110").pay("P2", "2026-03-13", "110").pay("P3", "2026-03-20", "110").
		pay("P4", "2026-03-27", "110").pay("P5", "2026-04-03", "110")
	onlyFirst := rent.pay("P1", "2026-03-02", "110")

	// Monthly from Saturday 31 January: 28 Feb, 31 Mar, 30 Apr.
	monthly := Terms{Start: day("2026-01-31"), Frequency: Monthly, Instalment: money("50"), Arrears: money("600")}
	ucMonthly := ledger{}.rent("2026-02-02", 14, "100").post("U1", domain.TxnUC, "2026-01-31", "483.33").
		post("U2", domain.TxnUC, "2026-02-28", "483.33").post("U3", domain.TxnUC, "2026-03-31", "483.33")

	tests := []struct {
		name           string
		terms          Terms
		txns           ledger
		today          string
		grace          int
		state          State
		due, checked   int
		expected, paid string
		nextDue        string // "" to skip, "-" for none
		brokenOn       string
		reason         string // the exact reason, or "" to skip
		reasonSays     string // a phrase the reason must contain
	}{
		{name: "not yet due before the start", terms: weekly, txns: rent, today: "2026-02-27", grace: 7,
			state: NotYetDue, due: 0, checked: 0, expected: "0.00", paid: "0.00", nextDue: "2026-03-02",
			reason: "not yet checked: the first instalment of £10.00 is due 2 Mar and checked on 9 Mar"},
		{name: "grace boundary: on day 6 after the first due date it is not yet checked", terms: weekly, txns: rent, today: "2026-03-08", grace: 7,
			state: NotYetDue, due: 1, checked: 0, expected: "0.00", paid: "0.00", nextDue: "2026-03-09"},
		{name: "grace boundary: on day 7 after the due date it is checked, and broken with nothing paid", terms: weekly, txns: rent, today: "2026-03-09", grace: 7,
			state: Broken, due: 2, checked: 1, expected: "110.00", paid: "0.00", nextDue: "2026-03-16", brokenOn: "2026-03-09",
			reason: "£110.00 behind: £110.00 expected by 2 Mar, £0.00 paid; broken since 9 Mar"},
		{name: "grace boundary: the second instalment is still in its grace on day 6", terms: weekly, txns: onlyFirst, today: "2026-03-15", grace: 7,
			state: Kept, due: 2, checked: 1, expected: "110.00", paid: "110.00", nextDue: "2026-03-16"},
		{name: "grace boundary: the second instalment is checked on day 7 and finds it broken", terms: weekly, txns: onlyFirst, today: "2026-03-16", grace: 7,
			state: Broken, due: 3, checked: 2, expected: "220.00", paid: "110.00", nextDue: "2026-03-23", brokenOn: "2026-03-16",
			reason: "£110.00 behind: £220.00 expected by 9 Mar, £110.00 paid; broken since 16 Mar"},
		{name: "broken on the check that first found it, not today", terms: weekly, txns: onlyFirst, today: "2026-04-06", grace: 7,
			state: Broken, due: 6, checked: 5, expected: "550.00", paid: "110.00", nextDue: "2026-04-13", brokenOn: "2026-03-16",
			reason: "£440.00 behind: £550.00 expected by 30 Mar, £110.00 paid; broken since 16 Mar"},
		{name: "kept: rent and instalment paid every Friday, within the grace", terms: weekly, txns: fridays, today: "2026-04-06", grace: 7,
			state: Kept, due: 6, checked: 5, expected: "550.00", paid: "550.00", nextDue: "2026-04-13",
			reason: "kept: £10.00 a week since 2 Mar, £550.00 paid of £550.00 due"},
		{name: "kept while behind by no more than one instalment", terms: weekly,
			txns: rent.pay("P1", "2026-03-06", "110").pay("P2", "2026-03-13", "100"), today: "2026-03-16", grace: 7,
			state: Kept, due: 3, checked: 2, expected: "220.00", paid: "210.00",
			reason: "kept: £10.00 a week since 2 Mar, £210.00 paid of £220.00 due; £10.00 behind, within one instalment"},
		{name: "broken when behind by more than one instalment", terms: weekly,
			txns: rent.pay("P1", "2026-03-06", "110").pay("P2", "2026-03-13", "99.99"), today: "2026-03-16", grace: 7,
			state: Broken, due: 3, checked: 2, expected: "220.00", paid: "209.99", brokenOn: "2026-03-16"},
		{name: "catching up makes it kept again at once", terms: weekly, txns: onlyFirst.pay("P2", "2026-03-20", "330"), today: "2026-03-20", grace: 7,
			state: Kept, due: 3, checked: 2, expected: "220.00", paid: "440.00"},
		{name: "charges posted after the start are counted", terms: weekly,
			txns: rent.post("C1", domain.TxnCharge, "2026-03-05", "50").pay("P1", "2026-03-06", "110").pay("P2", "2026-03-13", "110"), today: "2026-03-16", grace: 7,
			state: Broken, due: 3, checked: 2, expected: "270.00", paid: "220.00", brokenOn: "2026-03-16"},
		{name: "a reversed charge comes off the charges", terms: weekly,
			txns:  rent.post("C1", domain.TxnCharge, "2026-03-05", "50").reverse("X1", "C1", "2026-03-10").pay("P1", "2026-03-06", "110").pay("P2", "2026-03-13", "110"),
			today: "2026-03-16", grace: 7, state: Kept, due: 3, checked: 2, expected: "220.00", paid: "220.00"},
		{name: "Housing Benefit, Universal Credit and DHP count as payments", terms: weekly,
			txns:  rent.post("H1", domain.TxnHB, "2026-03-02", "60").post("U1", domain.TxnUC, "2026-03-04", "30").post("D1", domain.TxnDHP, "2026-03-05", "20"),
			today: "2026-03-09", grace: 7, state: Kept, due: 2, checked: 1, expected: "110.00", paid: "110.00"},
		{name: "an adjustment or transfer credit is not a payment", terms: weekly,
			txns: onlyFirst.post("A1", domain.TxnAdjustment, "2026-03-10", "110").post("T1", domain.TxnTransferIn, "2026-03-11", "110"), today: "2026-03-16", grace: 7,
			state: Broken, due: 3, checked: 2, expected: "220.00", paid: "110.00", brokenOn: "2026-03-16"},
		{name: "a payment reversed after the last check breaks it from the reversal's date", terms: weekly,
			txns: onlyFirst.reverse("X1", "P1", "2026-03-11"), today: "2026-03-12", grace: 7,
			state: Broken, due: 2, checked: 1, expected: "110.00", paid: "0.00", brokenOn: "2026-03-11"},
		{name: "a reversal of a payment made before the start is not counted", terms: weekly,
			txns: onlyFirst.pay("P0", "2026-02-27", "50").reverse("X0", "P0", "2026-03-03"), today: "2026-03-09", grace: 7,
			state: Kept, due: 2, checked: 1, expected: "110.00", paid: "110.00"},
		{name: "payments before the start and after today are not counted", terms: weekly,
			txns: rent.pay("P0", "2026-02-27", "500").pay("P9", "2026-03-10", "500"), today: "2026-03-09", grace: 7,
			state: Broken, due: 2, checked: 1, expected: "110.00", paid: "0.00", brokenOn: "2026-03-09"},
		{name: "completed when the arrears are paid off on top of the charges, even before the first check", terms: weekly,
			txns: rent.pay("P1", "2026-03-02", "300"), today: "2026-03-05", grace: 7,
			state: Completed, due: 1, checked: 0, expected: "0.00", paid: "300.00",
			reason: "completed on 2 Mar: the £200.00 of arrears is cleared (£300.00 paid since 2 Mar against £100.00 of charges)"},
		{name: "a lump sum that is reversed never completed it", terms: weekly,
			txns: rent.pay("P1", "2026-03-02", "300").reverse("X1", "P1", "2026-03-06"), today: "2026-03-09", grace: 7,
			state: Broken, due: 2, checked: 1, expected: "110.00", paid: "0.00", nextDue: "2026-03-16", brokenOn: "2026-03-09"},
		{name: "completion is final: missed rent afterwards is new arrears, not a breach",
			terms: Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10"), Arrears: money("30")},
			txns:  rent.pay("P1", "2026-03-02", "110").pay("P2", "2026-03-09", "110").pay("P3", "2026-03-16", "110"), today: "2026-04-20", grace: 7,
			state: Completed, due: 3, checked: 2, expected: "220.00", paid: "330.00", reasonSays: "completed on 16 Mar: the £30.00 of arrears is cleared"},
		{name: "the instalments due stop at the arrears: the last is the remainder", terms: Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10"), Arrears: money("25")},
			txns: rent.pay("P1", "2026-03-02", "110").pay("P2", "2026-03-09", "110").pay("P3", "2026-03-16", "100").pay("P4", "2026-03-23", "100"), today: "2026-03-30", grace: 7,
			state: Kept, due: 3, checked: 3, expected: "425.00", paid: "420.00", nextDue: "-"},
		{name: "after the last instalment the ongoing charges are still checked", terms: Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10"), Arrears: money("25")},
			txns: rent.pay("P1", "2026-03-02", "110").pay("P2", "2026-03-09", "110").pay("P3", "2026-03-16", "100").pay("P4", "2026-03-23", "100"), today: "2026-04-06", grace: 7,
			state: Broken, due: 3, checked: 3, expected: "525.00", paid: "420.00", nextDue: "-", brokenOn: "2026-04-06",
			reason: "£105.00 behind: £525.00 expected by 30 Mar, £420.00 paid; broken since 6 Apr"},
		{name: "terms with no arrears have nothing to clear", terms: Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10")},
			txns: rent, today: "2026-04-06", grace: 7, state: Completed, expected: "0.00", paid: "0.00",
			reason: "completed: there were no arrears to clear when it started on 2 Mar"},
		{name: "terms that cannot be monitored say why", terms: Terms{Start: day("2026-03-02"), Frequency: Frequency("daily"), Instalment: money("10"), Arrears: money("200")},
			txns: rent, today: "2026-04-06", grace: 7, state: NotYetDue, expected: "0.00", paid: "0.00", reasonSays: `not monitored: frequency: "daily" is not one of`},
		{name: "a negative grace is no grace", terms: weekly, txns: rent, today: "2026-03-02", grace: -3,
			state: Broken, due: 1, checked: 1, expected: "110.00", paid: "0.00", brokenOn: "2026-03-02"},
		{name: "monthly from 31 Jan: on 6 Mar only January is checked", terms: monthly, txns: ucMonthly, today: "2026-03-06", grace: 7,
			state: Kept, due: 2, checked: 1, expected: "50.00", paid: "966.66", nextDue: "2026-03-31"},
		{name: "monthly from 31 Jan: 28 Feb is checked on 7 Mar", terms: monthly, txns: ucMonthly, today: "2026-03-07", grace: 7,
			state: Kept, due: 2, checked: 2, expected: "500.00", paid: "966.66", nextDue: "2026-03-31",
			reason: "kept: £50.00 a month since 31 Jan, £966.66 paid of £500.00 due"},
		{name: "monthly from 31 Jan: 31 Mar follows February", terms: monthly, txns: ucMonthly, today: "2026-04-07", grace: 7,
			state: Kept, due: 3, checked: 3, expected: "1050.00", paid: "1449.99", nextDue: "2026-04-30"},
		{name: "monthly from 31 Jan: broken when the April payment does not come", terms: monthly, txns: ucMonthly, today: "2026-05-07", grace: 7,
			state: Broken, due: 4, checked: 4, expected: "1500.00", paid: "1449.99", nextDue: "2026-05-31", brokenOn: "2026-05-07",
			reason: "£50.01 behind: £1,500.00 expected by 30 Apr, £1,449.99 paid; broken since 7 May"},
		{name: "dates in another year carry the year", terms: weekly, txns: onlyFirst, today: "2027-01-04", grace: 7,
			state: Broken, brokenOn: "2026-03-16", due: 20, checked: 20, expected: "1800.00", paid: "110.00",
			reasonSays: "expected by 28 Dec 2026, £110.00 paid; broken since 16 Mar 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Monitor(tt.terms, tt.txns, day(tt.today), tt.grace)
			if st.State != tt.state {
				t.Fatalf("state %s, want %s (%s)", st.State, tt.state, st.Reason)
			}
			if st.InstalmentsDue != tt.due || st.Checked != tt.checked {
				t.Errorf("due %d checked %d, want %d %d", st.InstalmentsDue, st.Checked, tt.due, tt.checked)
			}
			if st.Expected.String() != tt.expected || st.Received.String() != tt.paid {
				t.Errorf("expected %s received %s, want %s %s", st.Expected, st.Received, tt.expected, tt.paid)
			}
			if behind := domain.MaxMoney(st.Expected.Sub(st.Received), domain.Zero); !st.Behind.Equal(behind) {
				t.Errorf("behind %s, want %s", st.Behind, behind)
			}
			switch {
			case tt.nextDue == "-" && !st.NextDue.IsZero():
				t.Errorf("next due %s, want none: no instalment is left", st.NextDue)
			case tt.nextDue != "" && tt.nextDue != "-" && st.NextDue.String() != tt.nextDue:
				t.Errorf("next due %s, want %s", st.NextDue, tt.nextDue)
			}
			if st.BrokenOn.String() != tt.brokenOn {
				t.Errorf("broken on %q, want %q", st.BrokenOn, tt.brokenOn)
			}
			if st.State == Completed && !st.NextDue.IsZero() {
				t.Errorf("completed with a next due date %s", st.NextDue)
			}
			if tt.reason != "" && st.Reason != tt.reason {
				t.Errorf("reason\n got %q\nwant %q", st.Reason, tt.reason)
			}
			if !strings.Contains(st.Reason, tt.reasonSays) {
				t.Errorf("reason %q does not say %q", st.Reason, tt.reasonSays)
			}
		})
	}
}

func TestHistory(t *testing.T) {
	terms := Terms{Start: day("2026-03-02"), Frequency: Weekly, Instalment: money("10"), Arrears: money("200")}
	txns := ledger{}.rent("2026-03-02", 6, "100").pay("P1", "2026-03-02", "110").pay("P2", "2026-03-20", "330")
	got := History(terms, txns, day("2026-04-06"), 7)
	want := []struct {
		n        int
		due, on  string
		expected string
		received string
		state    State
	}{
		{1, "2026-03-02", "2026-03-09", "110.00", "110.00", Kept},
		{2, "2026-03-09", "2026-03-16", "220.00", "110.00", Broken},
		{3, "2026-03-16", "2026-03-23", "330.00", "440.00", Kept},
		{4, "2026-03-23", "2026-03-30", "440.00", "440.00", Kept},
		{5, "2026-03-30", "2026-04-06", "550.00", "440.00", Broken},
	}
	if len(got) != len(want) {
		t.Fatalf("%d checks, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		c := got[i]
		if c.N != w.n || c.Due.String() != w.due || c.On.String() != w.on || c.Expected.String() != w.expected ||
			c.Received.String() != w.received || c.State != w.state {
			t.Errorf("check %d = %+v, want %+v", i+1, c, w)
		}
	}
	if st := Monitor(terms, txns, day("2026-04-06"), 7); st.State != Broken || st.BrokenOn.String() != "2026-04-06" {
		t.Errorf("Monitor = %s since %s: a breach after catching up starts again on its own check date", st.State, st.BrokenOn)
	}
	if h := History(Terms{}, txns, day("2026-04-06"), 7); h != nil {
		t.Errorf("invalid terms have history %+v", h)
	}
}

func TestTermsDueDate(t *testing.T) {
	terms := Terms{Start: day("2027-01-31"), Frequency: Monthly}
	if got := terms.DueDate(3).String(); got != "2027-03-31" {
		t.Fatalf("DueDate(3) = %s, want 2027-03-31", got)
	}
}

// BenchmarkMonitor measures one account: a weekly arrangement checked over
// five years of weekly rent and payments, as the worklist does per account.
func BenchmarkMonitor(b *testing.B) {
	terms := Terms{Start: day("2021-03-01"), Frequency: Weekly, Instalment: money("10"), Arrears: money("5000")}
	txns := ledger{}.rent("2020-03-02", 320, "100")
	d := day("2021-03-05")
	for range 261 { // every Friday from 5 Mar 2021 to 27 Feb 2026
		txns = append(txns, domain.Txn{ID: "P" + d.String(), Date: d, Type: domain.TxnPayment, Amount: money("-110")})
		d = d.AddDays(7)
	}
	today := day("2026-03-02")
	b.ReportAllocs()
	for b.Loop() {
		if st := Monitor(terms, txns, today, 7); st.State != Kept {
			b.Fatalf("state %s: %s", st.State, st.Reason)
		}
	}
}
