package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestRepaymentOnResale(t *testing.T) {
	// Fact sheet §1 vector 6: completed Mon 2 Jun 2025 at £150,000 with a
	// £26,000 discount (17.333%), resold for £180,000.
	bought := Resale{Completed: day(2025, time.June, 2), Value: domain.Pounds(150_000), Discount: domain.Pounds(26_000), ResalePrice: domain.Pounds(180_000)}
	tests := []struct {
		name     string
		disposal domain.Date
		price    domain.Money // zero: the vector's £180,000
		want     string
		years    int
		reason   []string
	}{
		{"within the first year the whole share is repayable", day(2025, time.December, 1), domain.Zero, "31200.00", 0,
			[]string{"£180,000.00 × 17.333%", "× 5/5"}},
		{"on the day of completion the whole share is repayable", day(2025, time.June, 2), domain.Zero, "31200.00", 0, nil},
		{"one fifth off on the first anniversary", day(2026, time.June, 2), domain.Zero, "24960.00", 1, nil},
		{"resale on Tue 10 Aug 2027 after 2 complete years: three fifths", day(2027, time.August, 10), domain.Zero, "18720.00", 2,
			[]string{"2 complete years", "× 3/5 = £18,720.00"}},
		{"the day before the fifth anniversary one fifth remains", day(2030, time.June, 1), domain.Zero, "6240.00", 4, nil},
		{"on or after Sun 2 Jun 2030 nothing is repayable", day(2030, time.June, 2), domain.Zero, "0.00", 5,
			[]string{"period ended on Sun 2 Jun 2030", "nothing to repay"}},
		{"years later nothing is repayable", day(2034, time.January, 1), domain.Zero, "0.00", 8, nil},
		{"a share of pence rounds down: it is a maximum", day(2025, time.December, 1), domain.MustMoney("100000.01"), "17333.33", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bought
			r.Disposal = tt.disposal
			if !tt.price.IsZero() {
				r.ResalePrice = tt.price
			}
			got, err := RepaymentOnResale(r)
			if err != nil {
				t.Fatal(err)
			}
			if got.Max.String() != tt.want || got.CompleteYears != tt.years {
				t.Fatalf("max %s after %d years, want %s after %d\n%s", got.Max, got.CompleteYears, tt.want, tt.years, got.Reason)
			}
			if !got.PeriodEnds.Equal(day(2030, time.June, 2)) {
				t.Fatalf("period ends %s", got.PeriodEnds.Human())
			}
			for _, w := range tt.reason {
				if !strings.Contains(got.Reason, w) {
					t.Fatalf("reason %q does not mention %q", got.Reason, w)
				}
			}
		})
	}
}

// TestRepaymentRoundedOnce: the maximum is rounded down once from the exact
// figure. £180,413.77 × £26,000 ÷ £123,456.79 = £37,995.139999995…: rounded
// to 8 places first and then down it would be £37,995.14, a penny more than
// the most the council may claim.
func TestRepaymentRoundedOnce(t *testing.T) {
	r := Resale{Completed: day(2025, time.June, 2), Value: domain.MustMoney("123456.79"), Discount: domain.Pounds(26_000),
		ResalePrice: domain.MustMoney("180413.77"), Disposal: day(2025, time.December, 1)}
	got, err := RepaymentOnResale(r)
	if err != nil {
		t.Fatal(err)
	}
	if got.Max.String() != "37995.13" {
		t.Fatalf("max %s, want 37995.13", got.Max)
	}
}

func TestRepaymentOnResaleRefuses(t *testing.T) {
	ok := Resale{Completed: day(2025, time.June, 2), Value: domain.Pounds(150_000), Discount: domain.Pounds(26_000),
		Disposal: day(2027, time.August, 10), ResalePrice: domain.Pounds(180_000)}
	tests := []struct {
		name  string
		edit  func(*Resale)
		field string
	}{
		{"no completion date", func(r *Resale) { r.Completed = domain.Date{} }, "completed"},
		{"no resale date", func(r *Resale) { r.Disposal = domain.Date{} }, "disposal"},
		{"a resale before the purchase completed", func(r *Resale) { r.Disposal = day(2025, time.June, 1) }, "before the purchase completed"},
		{"a value of nil", func(r *Resale) { r.Value = domain.Zero }, "value"},
		{"a discount above the value", func(r *Resale) { r.Discount = domain.Pounds(150_001) }, "discount"},
		{"a negative discount", func(r *Resale) { r.Discount = domain.Pounds(-1) }, "discount"},
		{"no resale price", func(r *Resale) { r.ResalePrice = domain.Zero }, "resale_price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			_, err := RepaymentOnResale(r)
			wantValidation(t, err, tt.field)
		})
	}
}
