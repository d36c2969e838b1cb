package worklist

import (
	"slices"
	"testing"
	"time"

	"caseload/domain"
)

func TestLearnCadence(t *testing.T) {
	// payments made from gaps: the first on start, then each gap later.
	gapped := func(start string, amount string, gaps ...int) []domain.Txn {
		d := day(start)
		out := []domain.Txn{pay(d, amount, domain.TxnPayment, domain.MethodCash)}
		for _, g := range gaps {
			d = d.AddDays(g)
			out = append(out, pay(d, amount, domain.TxnPayment, domain.MethodCash))
		}
		return out
	}
	withReversed := func() []domain.Txn {
		ps := every(day("2025-11-17"), 7, 6, "50.00", domain.TxnPayment, domain.MethodCard)
		odd := pay(day("2025-11-05"), "50.00", domain.TxnPayment, domain.MethodCard)
		odd.ID = "ODD"
		rev := domain.Txn{ID: "REV", Date: day("2025-11-06"), Type: domain.TxnReversal, Amount: gbp("50.00"), Reverses: "ODD"}
		return append(ps, odd, rev)
	}
	tests := []struct {
		name     string
		payments []domain.Txn
		freq     Frequency
		interval int
		amount   string
		last     string
		next     string
		method   domain.PaymentMethod
	}{
		{"weekly cash payer", every(day("2025-11-17"), 7, 10, "50.00", domain.TxnPayment, domain.MethodCash),
			FrequencyWeekly, 7, "50.00", "2025-11-17", "2025-11-24", domain.MethodNone},
		{"fortnightly standing order", every(day("2025-11-14"), 14, 6, "200.00", domain.TxnPayment, domain.MethodStandingOrder),
			FrequencyFortnightly, 14, "200.00", "2025-11-14", "2025-11-28", domain.MethodStandingOrder},
		{"four-weekly Housing Benefit", every(day("2025-11-03"), 28, 6, "380.00", domain.TxnHB, domain.MethodHB),
			FrequencyFourWeekly, 28, "380.00", "2025-11-03", "2025-12-01", domain.MethodHB},
		{"monthly Direct Debit on the 31st, clamped in short months", monthly(day("2025-10-31"), 12, "433.33", domain.TxnPayment, domain.MethodDirectDebit),
			FrequencyMonthly, 30, "433.33", "2025-10-31", "2025-11-30", domain.MethodDirectDebit},
		{"monthly with one odd small payment after the last", append(monthly(day("2025-11-09"), 6, "400.00", domain.TxnPayment, domain.MethodCard),
			pay(day("2025-11-15"), "20.00", domain.TxnPayment, domain.MethodCard)),
			FrequencyMonthly, 30, "400.00", "2025-11-09", "2025-12-09", domain.MethodNone},
		{"monthly with one missed month", gapped("2025-05-09", "400.00", 31, 30, 31, 31, 61),
			FrequencyMonthly, 30, "400.00", "2025-11-09", "2025-12-09", domain.MethodNone},
		{"UC monthly with weekly cash top-ups learns the UC", merge(
			monthly(day("2025-11-09"), 6, "433.33", domain.TxnUC, domain.MethodUC),
			every(day("2025-11-21"), 7, 20, "10.00", domain.TxnPayment, domain.MethodCash)),
			FrequencyMonthly, 30, "433.33", "2025-11-09", "2025-12-09", domain.MethodUC},
		{"irregular gaps", gapped("2025-06-01", "60.00", 3, 40, 10, 25, 60),
			FrequencyIrregular, 25, "60.00", "2025-10-17", "", domain.MethodNone},
		{"median weekly but most gaps do not fit: irregular", gapped("2025-08-01", "60.00", 1, 2, 8, 8, 20, 30),
			FrequencyIrregular, 8, "60.00", "", "", domain.MethodNone},
		{"one payment: no cadence", []domain.Txn{pay(day("2025-11-11"), "200.00", domain.TxnPayment, domain.MethodCard)},
			FrequencyNone, 0, "200.00", "2025-11-11", "", domain.MethodNone},
		{"split payments on one day count as one", merge(
			every(day("2025-11-17"), 7, 8, "25.00", domain.TxnPayment, domain.MethodCash),
			every(day("2025-11-17"), 7, 8, "25.00", domain.TxnPayment, domain.MethodCard)),
			FrequencyWeekly, 7, "50.00", "2025-11-17", "2025-11-24", domain.MethodNone},
		{"a reversed payment is left out", withReversed(),
			FrequencyWeekly, 7, "50.00", "2025-11-17", "2025-11-24", domain.MethodNone},
		{"newest first is read too", reversed(every(day("2025-11-17"), 7, 10, "50.00", domain.TxnPayment, domain.MethodCash)),
			FrequencyWeekly, 7, "50.00", "2025-11-17", "2025-11-24", domain.MethodNone},
		{"no payments", nil, FrequencyNone, 0, "0.00", "", "", domain.MethodNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := LearnCadence(tt.payments)
			if c.Frequency != tt.freq || c.Interval != tt.interval || c.Amount.String() != tt.amount || c.Method != tt.method {
				t.Fatalf("got %s every %d days £%s by %q, want %s %d £%s %q", c.Frequency, c.Interval, c.Amount, c.Method,
					tt.freq, tt.interval, tt.amount, tt.method)
			}
			if tt.last != "" && c.Last.String() != tt.last {
				t.Fatalf("last %s, want %s", c.Last, tt.last)
			}
			if c.Next().String() != tt.next {
				t.Fatalf("next %s, want %q", c.Next(), tt.next)
			}
		})
	}
}

func merge(a, b []domain.Txn) []domain.Txn {
	out := append(append([]domain.Txn{}, a...), b...)
	slices.SortStableFunc(out, func(x, y domain.Txn) int { return x.Date.Compare(y.Date) })
	return out
}

func reversed(ts []domain.Txn) []domain.Txn {
	out := slices.Clone(ts)
	slices.Reverse(out)
	return out
}

// TestTechnicalArrears: a household paying on its own cadence is not chased
// until the next payment is overdue by more than the grace days.
func TestTechnicalArrears(t *testing.T) {
	ucMonthly := monthly(day("2025-11-09"), 7, "433.33", domain.TxnUC, domain.MethodUC)
	hbFourWeekly := every(day("2025-11-03"), 28, 6, "380.00", domain.TxnHB, domain.MethodHB)
	tests := []struct {
		name      string
		on        string
		payments  []domain.Txn
		last      string // LastPayment when no Payments
		balance   string
		want      []Rule
		technical string // Line.Technical; "" when nothing was held back
	}{
		{"monthly UC payer 4.5 weeks behind before payday: held", "2025-11-24", ucMonthly, "", "450.00",
			nil, "UC pays about £433.33 monthly; next expected about 9 Dec"},
		{"monthly UC payer: not flagged the day before expected + grace", "2025-12-15", ucMonthly, "", "450.00",
			nil, "UC pays about £433.33 monthly; next expected about 9 Dec"},
		{"monthly UC payer: not flagged on expected + grace (9 Dec + 7)", "2025-12-16", ucMonthly, "", "450.00",
			nil, "UC pays about £433.33 monthly; next expected about 9 Dec"},
		{"monthly UC payer: flagged the day after expected + grace", "2025-12-17", ucMonthly, "", "450.00",
			[]Rule{RulePreAction, RuleFirstLetter}, ""},
		{"monthly UC payer with real arrears: pre-action held, letters go", "2025-11-24", ucMonthly, "", "700.00",
			[]Rule{RuleFirstLetter}, "UC pays about £433.33 monthly; next expected about 9 Dec"},
		{"four-weekly HB payer before payday: held", "2025-11-24", hbFourWeekly, "", "390.00",
			nil, "HB pays about £380.00 every four weeks; next expected about 1 Dec"},
		{"four-weekly HB payer on expected + grace: held", "2025-12-08", hbFourWeekly, "", "390.00",
			nil, "HB pays about £380.00 every four weeks; next expected about 1 Dec"},
		{"four-weekly HB payer the day after expected + grace: flagged", "2025-12-09", hbFourWeekly, "", "390.00",
			[]Rule{RuleFirstLetter}, ""},
		{"one payment 13 days old: held", "2025-11-24", []domain.Txn{pay(day("2025-11-11"), "200.00", domain.TxnPayment, domain.MethodCard)}, "", "250.00",
			nil, "no regular pattern yet; last paid 11 Nov (£200.00); arrears held as technical until 24 Nov"},
		{"one payment 14 days old: flagged", "2025-11-24", []domain.Txn{pay(day("2025-11-10"), "200.00", domain.TxnPayment, domain.MethodCard)}, "", "250.00",
			[]Rule{RuleFirstLetter}, ""},
		{"one small payment 3 days old does not cover the arrears", "2025-11-24", []domain.Txn{pay(day("2025-11-21"), "20.00", domain.TxnPayment, domain.MethodCard)}, "", "250.00",
			[]Rule{RuleFirstLetter}, ""},
		{"no payments at all: nothing is technical", "2025-11-24", nil, "", "250.00",
			[]Rule{RuleFirstLetter}, ""},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Balance = gbp(tt.balance)
			f.Payments = tt.payments
			f.LastContact = day("2025-10-01")
			f.Events = []Event{ev(domain.EventLetter1, day("2025-10-01"))}
			l, ok := Evaluate(f, day(tt.on), p)
			if got := fired(l); !sameRules(got, tt.want) {
				t.Fatalf("fired %v, want %v (technical %q)", got, tt.want, l.Technical)
			}
			if l.Technical != tt.technical {
				t.Fatalf("technical %q, want %q", l.Technical, tt.technical)
			}
			if !ok {
				t.Fatalf("a line held as technical arrears must still be returned for the count")
			}
		})
	}
}

// TestTechnicalVerdict checks the exported verdict the account detail shows.
func TestTechnicalVerdict(t *testing.T) {
	f := rent()
	f.Balance = gbp("450.00")
	f.Payments = monthly(day("2025-11-09"), 7, "433.33", domain.TxnUC, domain.MethodUC)
	v := Technical(f, today, DefaultPolicy())
	if !v.Technical || !v.Waiting || v.NextExpected.String() != "2025-12-09" || v.By.String() != "2025-12-16" ||
		v.Expected.String() != "433.33" || v.After.String() != "16.67" {
		t.Fatalf("verdict %+v", v)
	}
	if !v.Covers(gbp("16.68")) || v.Covers(gbp("16.67")) {
		t.Fatalf("Covers should be strict: after £16.67 is under £16.68, not under £16.67")
	}
	f.Balance = gbp("600.00") // £166.67 left after payday: more than a week
	if v := Technical(f, today, DefaultPolicy()); v.Technical || !v.Covers(gbp("200.00")) {
		t.Fatalf("partly technical verdict %+v", v)
	}
	v = Technical(f, day("2025-12-17"), DefaultPolicy())
	if v.Waiting || v.Explanation != "UC pays about £433.33 monthly; next was expected about 9 Dec (8 days ago)" {
		t.Fatalf("overdue verdict %+v", v)
	}
}

// TestCadenceHorizon: at the horizon a monthly payer can still be held as
// technical; a day beyond it, with the same history, cannot.
func TestCadenceHorizon(t *testing.T) {
	p := DefaultPolicy()
	if h := p.CadenceHorizon(); h != 31+14 {
		t.Fatalf("horizon %d, want 45 (a month plus the 14 no-cadence days)", h)
	}
	last := domain.MustDate(2026, time.January, 31)
	var pays []domain.Txn
	for i := 0; i < 6; i++ {
		pays = append(pays, domain.Txn{Date: last.AddMonthsClamped(i - 5), Type: domain.TxnUC, Amount: domain.MustMoney("-400.00")})
	}
	f := Facts{Ref: "H1", Kind: domain.KindRent, Status: domain.StatusCurrent, Balance: domain.MustMoney("150.00"),
		Weekly: domain.MustMoney("100.00"), Payments: pays, LastPayment: last}
	latest := -1 // the oldest last payment still waited for
	for age := 0; age <= 120; age++ {
		if Technical(f, last.AddDays(age), p).Waiting {
			latest = age
		}
	}
	if latest < 31 {
		t.Fatalf("a monthly payer was waited for only %d days after paying", latest)
	}
	if latest > p.CadenceHorizon() {
		t.Fatalf("a payment %d days old was still waited for, beyond the horizon of %d", latest, p.CadenceHorizon())
	}
}
