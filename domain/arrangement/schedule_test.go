package arrangement

import (
	"encoding/json"
	"strings"
	"testing"

	"caseload/domain"
)

func money(s string) domain.Money { return domain.MustMoney(s) }

func moneyPtr(s string) *domain.Money {
	m := domain.MustMoney(s)
	return &m
}

func TestCalculate(t *testing.T) {
	type want struct {
		count      int
		instalment string
		final      string // final amount
		firstDate  string
		finalDate  string
		dates      []string // every date, when the row is about dates
	}
	tests := []struct {
		name       string
		balance    string
		f          Frequency
		start      string
		instalment string // "" when not given
		clearBy    string // "" when not given
		want       want
		refusal    string // a phrase the refusal must contain; "" when it must succeed
	}{
		// With an instalment.
		{name: "£100.00 at £25.00 a week: four equal instalments", balance: "100", f: Weekly, start: "2026-03-02", instalment: "25",
			want: want{count: 4, instalment: "25.00", final: "25.00", firstDate: "2026-03-02", finalDate: "2026-03-23"}},
		{name: "£1,000.03 at £100.00 a week: the last instalment takes the remainder, 3p", balance: "1000.03", f: Weekly, start: "2026-03-02", instalment: "100",
			want: want{count: 11, instalment: "100.00", final: "0.03", finalDate: "2026-05-11"}},
		{name: "an instalment larger than the balance is one payment of the balance", balance: "300", f: Fortnightly, start: "2026-03-02", instalment: "500",
			want: want{count: 1, instalment: "300.00", final: "300.00", finalDate: "2026-03-02"}},
		{name: "fortnightly instalments fall 14 days apart", balance: "90", f: Fortnightly, start: "2026-03-02", instalment: "40",
			want: want{count: 3, instalment: "40.00", final: "10.00", dates: []string{"2026-03-02", "2026-03-16", "2026-03-30"}}},
		{name: "four-weekly instalments fall 28 days apart", balance: "90", f: FourWeekly, start: "2026-03-02", instalment: "40",
			want: want{count: 3, instalment: "40.00", final: "10.00", dates: []string{"2026-03-02", "2026-03-30", "2026-04-27"}}},
		{name: "monthly from 31 Jan 2028, a leap year: 29 Feb, then 31 Mar", balance: "400", f: Monthly, start: "2028-01-31", instalment: "100",
			want: want{count: 4, instalment: "100.00", final: "100.00", dates: []string{"2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"}}},
		{name: "monthly from 31 Jan 2027, a common year: 28 Feb, then 31 Mar", balance: "400", f: Monthly, start: "2027-01-31", instalment: "100",
			want: want{count: 4, instalment: "100.00", final: "100.00", dates: []string{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}}},
		{name: "exactly 1,040 weekly instalments are allowed", balance: "1040", f: Weekly, start: "2026-03-02", instalment: "1",
			want: want{count: 1040, instalment: "1.00", final: "1.00", finalDate: "2046-01-29"}},
		{name: "1,041 weekly instalments are refused, naming the instalment that fits", balance: "1040.01", f: Weekly, start: "2026-03-02", instalment: "1",
			refusal: "that would take 1,041 instalments (20 years): the limit is 1,040 — raise the instalment to at least £1.01"},
		{name: "1,200 weekly instalments are 23 years", balance: "1200", f: Weekly, start: "2026-03-02", instalment: "1",
			refusal: "that would take 1,200 instalments (23 years): the limit is 1,040 — raise the instalment to at least £1.16"},
		{name: "1,041 monthly instalments are 86 years", balance: "1041", f: Monthly, start: "2026-03-02", instalment: "1",
			refusal: "1,041 instalments (86 years)"},

		// With a clear-by date.
		{name: "clear-by equal to the start: one instalment of the whole balance", balance: "1234.56", f: Weekly, start: "2026-03-02", clearBy: "2026-03-02",
			want: want{count: 1, instalment: "1234.56", final: "1234.56", firstDate: "2026-03-02", finalDate: "2026-03-02"}},
		{name: "clear-by: the balance over the dates, rounded up to the penny (13 weeks)", balance: "1000", f: Weekly, start: "2026-03-02", clearBy: "2026-05-25",
			want: want{count: 13, instalment: "76.93", final: "76.84", finalDate: "2026-05-25"}},
		{name: "clear-by between due dates counts only the dates on or before it", balance: "1000", f: Weekly, start: "2026-03-02", clearBy: "2026-05-24",
			want: want{count: 12, instalment: "83.34", final: "83.26", finalDate: "2026-05-18"}},
		{name: "clear-by rounding leaves a last instalment of a few pence", balance: "1.00", f: Weekly, start: "2026-03-02", clearBy: "2026-04-27",
			want: want{count: 9, instalment: "0.12", final: "0.04", finalDate: "2026-04-27"}},
		{name: "clear-by rounding never leaves a zero last instalment: £1.00 over 11 weeks clears in 10", balance: "1.00", f: Weekly, start: "2026-03-02", clearBy: "2026-05-11",
			want: want{count: 10, instalment: "0.10", final: "0.10", finalDate: "2026-05-04"}},
		{name: "clear-by monthly from 31 Jan 2027 to 30 Apr: four dates", balance: "400", f: Monthly, start: "2027-01-31", clearBy: "2027-04-30",
			want: want{count: 4, instalment: "100.00", final: "100.00", dates: []string{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}}},
		{name: "clear-by monthly from 31 Jan 2027 to 29 Apr: three dates", balance: "400", f: Monthly, start: "2027-01-31", clearBy: "2027-04-29",
			want: want{count: 3, instalment: "133.34", final: "133.32", finalDate: "2027-03-31"}},
		{name: "clear-by monthly from 31 Jan 2028 to 29 Feb, a leap day: two dates", balance: "100.01", f: Monthly, start: "2028-01-31", clearBy: "2028-02-29",
			want: want{count: 2, instalment: "50.01", final: "50.00", dates: []string{"2028-01-31", "2028-02-29"}}},
		{name: "clear-by with exactly 1,040 weekly dates is allowed", balance: "10.40", f: Weekly, start: "2026-03-02", clearBy: "2046-01-29",
			want: want{count: 1040, instalment: "0.01", final: "0.01", finalDate: "2046-01-29"}},
		{name: "clear-by with 1,041 dates is refused when even 1p takes 1,041 instalments", balance: "10.41", f: Weekly, start: "2026-03-02", clearBy: "2046-02-05",
			refusal: "would take 1,041 instalments (20 years): the limit is 1,040 — clear by Mon 29 Jan 2046 or earlier (instalments of at least £0.02 a week)"},
		{name: "clear-by past 1,040 dates is allowed when the smallest instalment clears in fewer", balance: "2000", f: Weekly, start: "2026-03-02", clearBy: "2046-02-05",
			want: want{count: 1037, instalment: "1.93", final: "0.52"}},

		// Refusals.
		{name: "a zero balance is refused", balance: "0", f: Weekly, start: "2026-03-02", instalment: "10", refusal: "balance: must be more than £0.00 (got £0.00)"},
		{name: "a negative balance (a credit) is refused", balance: "-12", f: Weekly, start: "2026-03-02", instalment: "10", refusal: "balance: must be more than £0.00 (got -£12.00)"},
		{name: "a zero instalment is refused", balance: "100", f: Weekly, start: "2026-03-02", instalment: "0", refusal: "instalment: must be at least £0.01 (got £0.00)"},
		{name: "a negative instalment is refused", balance: "100", f: Weekly, start: "2026-03-02", instalment: "-5", refusal: "instalment: must be at least £0.01 (got -£5.00)"},
		{name: "both an instalment and a clear-by date are refused", balance: "100", f: Weekly, start: "2026-03-02", instalment: "10", clearBy: "2026-06-01", refusal: "not both"},
		{name: "neither an instalment nor a clear-by date is refused", balance: "100", f: Weekly, start: "2026-03-02", refusal: "give an instalment amount or a clear-by date"},
		{name: "a clear-by date before the start is refused", balance: "100", f: Weekly, start: "2026-03-02", clearBy: "2026-03-01",
			refusal: "clear-by: Sun 1 Mar 2026 is before the start, Mon 2 Mar 2026"},
		{name: "an unknown frequency is refused", balance: "100", f: Frequency("daily"), start: "2026-03-02", instalment: "10", refusal: "not one of weekly, fortnightly, four-weekly, monthly"},
		{name: "no start date is refused", balance: "100", f: Weekly, instalment: "10", refusal: "start: give the date of the first instalment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Balance: money(tt.balance), Frequency: tt.f}
			if tt.start != "" {
				r.Start = day(tt.start)
			}
			if tt.instalment != "" {
				r.Instalment = moneyPtr(tt.instalment)
			}
			if tt.clearBy != "" {
				r.ClearBy = day(tt.clearBy)
			}
			p, err := Calculate(r)
			if tt.refusal != "" {
				if err == nil {
					t.Fatalf("Calculate = %s, want refusal %q", p.Summary(), tt.refusal)
				}
				if !domain.IsValidation(err) {
					t.Fatalf("refusal %v is not a ValidationError", err)
				}
				if !strings.Contains(err.Error(), tt.refusal) {
					t.Fatalf("refusal %q does not say %q", err, tt.refusal)
				}
				return
			}
			if err != nil {
				t.Fatalf("Calculate: %v", err)
			}
			w := tt.want
			if p.Count != w.count || p.Instalment.String() != w.instalment || p.FinalAmount.String() != w.final {
				t.Fatalf("got %d × %s, last %s; want %d × %s, last %s", p.Count, p.Instalment, p.FinalAmount, w.count, w.instalment, w.final)
			}
			if w.firstDate != "" && p.FirstDate.String() != w.firstDate {
				t.Errorf("first date %s, want %s", p.FirstDate, w.firstDate)
			}
			if w.finalDate != "" && p.FinalDate.String() != w.finalDate {
				t.Errorf("final date %s, want %s", p.FinalDate, w.finalDate)
			}
			for i, d := range w.dates {
				if got := p.Schedule[i].Date.String(); got != d {
					t.Errorf("instalment %d on %s, want %s", i+1, got, d)
				}
			}
			checkPlan(t, r, p)
		})
	}
}

// checkPlan holds every plan to the contract: the lines add up to the
// balance, every line but the last is the instalment, the last is between
// 1p and the instalment, the dates are the frequency's, and with a clear-by
// date the last falls on or before it and no smaller instalment would do.
func checkPlan(t *testing.T, r Request, p Plan) {
	t.Helper()
	if len(p.Schedule) != p.Count || p.Count < 1 || p.Count > MaxInstalments {
		t.Fatalf("count %d with %d lines", p.Count, len(p.Schedule))
	}
	sum := domain.Zero
	left := r.Balance
	for i, l := range p.Schedule {
		if l.N != i+1 {
			t.Fatalf("line %d numbered %d", i+1, l.N)
		}
		if want := r.Frequency.DueDate(r.Start, i+1); !l.Date.Equal(want) {
			t.Fatalf("line %d on %s, want %s", l.N, l.Date, want)
		}
		if i < p.Count-1 && !l.Amount.Equal(p.Instalment) {
			t.Fatalf("line %d is %s, not the instalment %s", l.N, l.Amount, p.Instalment)
		}
		left = left.Sub(l.Amount)
		if !l.BalanceAfter.Equal(left) {
			t.Fatalf("line %d balance after %s, want %s", l.N, l.BalanceAfter, left)
		}
		sum = sum.Add(l.Amount)
	}
	last := p.Schedule[p.Count-1]
	if !last.Amount.IsPositive() || last.Amount.GreaterThan(p.Instalment) {
		t.Fatalf("last instalment %s is not between 1p and %s", last.Amount, p.Instalment)
	}
	if !sum.Equal(r.Balance) || !p.Total.Equal(r.Balance) || !last.BalanceAfter.IsZero() {
		t.Fatalf("lines add to %s, total %s, left %s; balance %s", sum, p.Total, last.BalanceAfter, r.Balance)
	}
	if !p.FirstDate.Equal(p.Schedule[0].Date) || !p.FinalDate.Equal(last.Date) || !p.FinalAmount.Equal(last.Amount) {
		t.Fatalf("summary fields disagree with the lines")
	}
	if r.ClearBy.IsZero() {
		return
	}
	if last.Date.After(r.ClearBy) {
		t.Fatalf("last instalment %s is after clear-by %s", last.Date, r.ClearBy)
	}
	if smaller := p.Instalment.PenceValue() - 1; smaller > 0 {
		c, _ := newCalendar(r.Start, r.Frequency)
		if need := ceilDiv(r.Balance.PenceValue(), smaller); need <= int64(c.datesOnOrBefore(r.ClearBy)) {
			t.Fatalf("%dp would also clear by %s (%d instalments): %s is not the smallest", smaller, r.ClearBy, need, p.Instalment)
		}
	}
}

// TestClearByRoundingEverywhere runs every small balance over every number
// of weekly dates up to 40: the rounding-up rule must never need a date
// past clear-by, nor leave a last instalment of zero or less.
func TestClearByRoundingEverywhere(t *testing.T) {
	start := day("2026-03-02")
	for balance := int64(1); balance <= 600; balance++ {
		for dates := 1; dates <= 40; dates++ {
			r := Request{Balance: domain.Pence(balance), Frequency: Weekly, Start: start, ClearBy: start.AddDays(7 * (dates - 1))}
			p, err := Calculate(r)
			if err != nil {
				t.Fatalf("%dp over %d weeks: %v", balance, dates, err)
			}
			checkPlan(t, r, p)
		}
	}
}

func TestPlanJSON(t *testing.T) {
	p, err := Calculate(Request{Balance: money("100.01"), Frequency: Monthly, Start: day("2028-01-31"), Instalment: moneyPtr("50")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"frequency":"monthly","instalment":"50.00","count":3,"first_date":"2028-01-31","final_date":"2028-03-31","final_amount":"0.01","total":"100.01",` +
		`"schedule":[{"n":1,"date":"2028-01-31","amount":"50.00","balance_after":"50.01"},{"n":2,"date":"2028-02-29","amount":"50.00","balance_after":"0.01"},` +
		`{"n":3,"date":"2028-03-31","amount":"0.01","balance_after":"0.00"}]}`
	if string(b) != want {
		t.Fatalf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestPlanSummary(t *testing.T) {
	tests := []struct {
		name    string
		r       Request
		summary string
	}{
		{"equal instalments", Request{Balance: money("100"), Frequency: Weekly, Start: day("2026-03-02"), Instalment: moneyPtr("25")},
			"4 instalments of £25.00 a week from Mon 2 Mar 2026 to Mon 23 Mar 2026"},
		{"a smaller last instalment", Request{Balance: money("1000.03"), Frequency: Weekly, Start: day("2026-03-02"), Instalment: moneyPtr("100")},
			"11 instalments of £100.00 a week from Mon 2 Mar 2026; the last, £0.03, on Mon 11 May 2026"},
		{"one instalment", Request{Balance: money("1234.56"), Frequency: Monthly, Start: day("2026-03-02"), ClearBy: day("2026-03-02")},
			"one instalment of £1,234.56 on Mon 2 Mar 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Calculate(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Summary(); got != tt.summary {
				t.Fatalf("Summary() = %q, want %q", got, tt.summary)
			}
		})
	}
}

// BenchmarkSchedule1040 draws the longest schedule allowed: it must take
// well under a millisecond.
func BenchmarkSchedule1040(b *testing.B) {
	start := day("2026-01-31")
	for _, bc := range []struct {
		name string
		r    Request
	}{
		{"weekly-instalment", Request{Balance: money("10400.00"), Frequency: Weekly, Start: start, Instalment: moneyPtr("10")}},
		{"monthly-instalment", Request{Balance: money("10400.00"), Frequency: Monthly, Start: start, Instalment: moneyPtr("10")}},
		{"weekly-clear-by", Request{Balance: money("10399.99"), Frequency: Weekly, Start: start, ClearBy: Weekly.DueDate(start, 1040)}},
		{"monthly-clear-by", Request{Balance: money("10399.99"), Frequency: Monthly, Start: start, ClearBy: Monthly.DueDate(start, 1040)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := Calculate(bc.r)
				if err != nil || p.Count != 1040 {
					b.Fatalf("count %d, %v", p.Count, err)
				}
			}
		})
	}
}
