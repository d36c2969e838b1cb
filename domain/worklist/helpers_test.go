package worklist

import (
	"slices"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// today in most tests is Monday 24 November 2025 (a rent debit day).
var today = day("2025-11-24")

func day(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ago(n int) domain.Date { return today.AddDays(-n) }

func gbp(s string) domain.Money { return domain.MustMoney(s) }

func gbpPtr(s string) *domain.Money { m := gbp(s); return &m }

// pay is a payment of amount pounds (positive in the test, negative in the ledger).
func pay(date domain.Date, amount string, t domain.TxnType, m domain.PaymentMethod) domain.Txn {
	return domain.Txn{ID: "T" + date.String() + amount, Date: date, Type: t, Amount: gbp(amount).Neg(), Method: m}
}

// every makes n payments of amount, step days apart, the last on last.
func every(last domain.Date, step, n int, amount string, t domain.TxnType, m domain.PaymentMethod) []domain.Txn {
	out := make([]domain.Txn, n)
	for i := 0; i < n; i++ {
		out[n-1-i] = pay(last.AddDays(-step*i), amount, t, m)
	}
	return out
}

// monthly makes n payments on the same day of the month, the last on last.
func monthly(last domain.Date, n int, amount string, t domain.TxnType, m domain.PaymentMethod) []domain.Txn {
	out := make([]domain.Txn, n)
	for i := 0; i < n; i++ {
		out[n-1-i] = pay(last.AddMonthsClamped(-i), amount, t, m)
	}
	return out
}

// rent is a current rent account at £100.00 a week, so weeks are easy to read.
func rent() Facts {
	return Facts{
		Ref: "R0001", Name: "A Tenant", Kind: domain.KindRent, Status: domain.StatusCurrent,
		Weekly: gbp("100.00"),
	}
}

func ev(t domain.EventType, d domain.Date, detail ...string) Event {
	e := Event{Type: t, Date: d}
	if len(detail) > 0 {
		e.Detail = detail[0]
	}
	return e
}

func terms(start domain.Date) *arrangement.Terms {
	return &arrangement.Terms{Start: start, Frequency: arrangement.Weekly, Instalment: gbp("15.00"), Arrears: gbp("600.00")}
}

func status(s arrangement.State) *arrangement.Status {
	st := &arrangement.Status{State: s, NextDue: today.AddDays(7)}
	if s == arrangement.Broken {
		st.Behind = gbp("60.00")
		st.BrokenOn = day("2025-11-17")
	}
	return st
}

// fired is the rules on the line, most urgent first.
func fired(l Line) []Rule {
	var out []Rule
	for _, it := range l.Items() {
		out = append(out, it.Rule)
	}
	return out
}

func item(t *testing.T, l Line, r Rule) Item {
	t.Helper()
	for _, it := range l.Items() {
		if it.Rule == r {
			return it
		}
	}
	t.Fatalf("%s did not fire; line has %v", r, fired(l))
	return Item{}
}

func sameRules(a, b []Rule) bool { return slices.Equal(a, b) }

// checklistDone is every Pre-Action Protocol item ticked on d.
func checklistDone(d domain.Date) []domain.PreActionMark {
	var ms []domain.PreActionMark
	for _, it := range domain.PreActionItems {
		ms = append(ms, domain.PreActionMark{Item: it, Date: d, Done: true})
	}
	return ms
}
