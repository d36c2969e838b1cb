package rtb

import (
	"fmt"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

// repaymentYears is how long after completion a resale can trigger
// repayment of the discount (s155 as amended by the Housing Act 2004).
const repaymentYears = 5

// Resale is a first relevant disposal of a home bought under the Right to
// Buy, for the repayment-of-discount covenant.
type Resale struct {
	// Completed is the conveyance or grant of the Right to Buy purchase.
	Completed domain.Date
	// Value and Discount are those of the purchase; their ratio is the
	// discount percentage originally given.
	Value    domain.Money
	Discount domain.Money
	// Disposal is the resale (or other relevant disposal).
	Disposal domain.Date
	// ResalePrice is the price on the disposal, disregarding the owner's
	// own improvements.
	ResalePrice domain.Money
}

// Repayment is the most the council may demand on a resale; it may demand
// less or waive it.
type Repayment struct {
	Max domain.Money `json:"max"`
	// CompleteYears since completion; each one takes a fifth off.
	CompleteYears int `json:"complete_years"`
	// Fifths still repayable: 5 in the first year, 0 from the fifth
	// anniversary.
	Fifths int `json:"fifths"`
	// PeriodEnds is the fifth anniversary of completion: from then nothing
	// is repayable.
	PeriodEnds domain.Date `json:"period_ends"`
	Reason     string      `json:"reason"`
}

// RepaymentOnResale is the most the council may demand when the home is
// resold within 5 years: the resale price × the discount percentage
// originally given, less one fifth for each complete year since completion.
// The percentage is kept exact (£26,000 of £150,000 is 17.333…%), and the
// result is rounded down to the penny because it is a maximum.
func RepaymentOnResale(r Resale) (Repayment, error) {
	switch {
	case r.Completed.IsZero():
		return Repayment{}, domain.Invalid("completed", "give the date the purchase completed")
	case r.Disposal.IsZero():
		return Repayment{}, domain.Invalid("disposal", "give the date of the resale")
	case r.Disposal.Before(r.Completed):
		return Repayment{}, domain.Invalid("disposal", "%s is before the purchase completed (%s)", r.Disposal.Human(), r.Completed.Human())
	case !r.Value.IsPositive():
		return Repayment{}, domain.Invalid("value", "give the value at the purchase, above £0.00")
	case r.Discount.IsNegative() || r.Discount.GreaterThan(r.Value):
		return Repayment{}, domain.Invalid("discount", "the discount must be between £0.00 and the value (%s)", r.Value.Human())
	case !r.ResalePrice.IsPositive():
		return Repayment{}, domain.Invalid("resale_price", "give the resale price, above £0.00")
	}
	years := CompleteYears(r.Completed, r.Disposal)
	out := Repayment{
		CompleteYears: years,
		Fifths:        max(0, repaymentYears-years),
		PeriodEnds:    domain.MonthsAfter(r.Completed, 12*repaymentYears),
	}
	pct := r.Discount.Decimal().Mul(decimal.NewFromInt(100)).DivRound(r.Value.Decimal(), 3)
	if out.Fifths == 0 {
		out.Reason = fmt.Sprintf("resold %s, %s after completion on %s: the repayment period ended on %s, nothing to repay",
			r.Disposal.Human(), plural(years, "complete year"), r.Completed.Human(), out.PeriodEnds.Human())
		return out, nil
	}
	num := r.ResalePrice.Decimal().Mul(r.Discount.Decimal()).Mul(decimal.NewFromInt(int64(out.Fifths)))
	den := r.Value.Decimal().Mul(decimal.NewFromInt(repaymentYears))
	out.Max = domain.RoundOnce(num, den, domain.Down)
	out.Reason = fmt.Sprintf("resold %s, %s after completion on %s: %s × %s%% (discount %s of value %s) × %d/5 = %s at most; "+
		"the council may demand less or waive it. Nothing is repayable from %s",
		r.Disposal.Human(), plural(years, "complete year"), r.Completed.Human(), r.ResalePrice.Human(), pct.String(),
		r.Discount.Human(), r.Value.Human(), out.Fifths, out.Max.Human(), out.PeriodEnds.Human())
	return out, nil
}
