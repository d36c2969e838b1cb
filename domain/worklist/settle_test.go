package worklist

import (
	"reflect"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// With the default policy the cadence floor is one week's charge (the new
// arrears rule) and the horizon 45 days (a month's cadence plus the 14
// no-cadence days): below or beyond them a store need not read payments.
func TestNeedsPaymentHistory(t *testing.T) {
	p := DefaultPolicy()
	longer := DefaultPolicy()
	longer.TechnicalNoCadenceDays = 60
	owing := func(balance string, paid domain.Date, edit ...func(*Facts)) Facts {
		f := rent()
		f.Balance, f.LastPayment = gbp(balance), paid
		for _, e := range edit {
			e(&f)
		}
		return f
	}
	tests := []struct {
		name string
		f    Facts
		p    Policy
		want bool
	}{
		{"a week owed, paid 10 days ago", owing("100.00", ago(10)), p, true},
		{"less than a week owed", owing("99.99", ago(10)), p, false},
		{"last paid 45 days ago", owing("300.00", ago(45)), p, true},
		{"last paid 46 days ago", owing("300.00", ago(46)), p, false},
		{"last paid 46 days ago under a longer horizon", owing("300.00", ago(46)), longer, true},
		{"in credit", owing("-10.00", ago(10)), p, false},
		{"a former account", owing("300.00", ago(10), func(f *Facts) { f.Status = domain.StatusFormer }), p, false},
		{"no weekly charge: the zero-charge week", owing("93.75", ago(10), func(f *Facts) { f.Weekly = domain.Zero }), p, true},
		{"no weekly charge, under it", owing("93.74", ago(10), func(f *Facts) { f.Weekly = domain.Zero }), p, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsPaymentHistory(&tt.f, tt.p, today); got != tt.want {
				t.Errorf("NeedsPaymentHistory = %v, want %v", got, tt.want)
			}
		})
	}
}

// Settle monitors the live arrangement with the caller's grace days.
func TestSettleMonitorsWithThePolicysGrace(t *testing.T) {
	terms := arrangement.Terms{Start: ago(14), Frequency: arrangement.Weekly, Instalment: gbp("10.00"), Arrears: gbp("100.00")}
	txns := []domain.Txn{pay(ago(14), "10.00", domain.TxnPayment, domain.MethodCash)}
	for _, grace := range []int{0, 3, 30} {
		p := DefaultPolicy()
		p.ArrangementGraceDays = grace
		with, without := rent(), rent()
		with.Arrangement, with.ArrangementTxns = &terms, txns
		facts := []Facts{with, without}
		Settle(facts, today, p)
		want := arrangement.Monitor(terms, txns, today, grace)
		if facts[0].ArrangementStatus == nil || !reflect.DeepEqual(*facts[0].ArrangementStatus, want) {
			t.Errorf("grace %d: status %+v, want %+v", grace, facts[0].ArrangementStatus, want)
		}
		if facts[1].ArrangementStatus != nil {
			t.Errorf("grace %d: an account without an arrangement got a status", grace)
		}
	}
}
