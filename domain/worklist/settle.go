package worklist

import (
	"caseload/domain"
	"caseload/domain/arrangement"
)

// The worklist path: a store reads raw facts (NeedsPaymentHistory tells it
// whose payment history is worth reading), Settle applies the policy to
// them, Build turns them into items. The store never decides policy.

// NeedsPaymentHistory reports whether an account's payment history can
// change its worklist line under p on today: a current account owing at
// least the policy's cadence floor (CadenceFloor) that paid within its
// cadence horizon (CadenceHorizon). A store reading a whole caseload reads
// payment history for these accounts only.
func NeedsPaymentHistory(f *Facts, p Policy, today domain.Date) bool {
	if f.Status != domain.StatusCurrent || f.Kind == domain.KindFormerTenant || !f.Balance.IsPositive() ||
		f.LastPayment.Before(today.AddDays(-p.CadenceHorizon())) {
		return false
	}
	week := f.Weekly
	if !week.IsPositive() {
		week = p.ZeroChargeWeek
	}
	return f.Balance.Decimal().GreaterThanOrEqual(week.Decimal().Mul(p.CadenceFloor()))
}

// Settle applies the policy to facts as a store read them: each live
// arrangement is monitored over its ledger rows (ArrangementTxns) with the
// policy's grace days, filling ArrangementStatus.
func Settle(facts []Facts, today domain.Date, p Policy) {
	for i := range facts {
		f := &facts[i]
		if f.Arrangement == nil {
			continue
		}
		status := arrangement.Monitor(*f.Arrangement, f.ArrangementTxns, today, p.ArrangementGraceDays)
		f.ArrangementStatus = &status
	}
}
