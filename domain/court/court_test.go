package court

import (
	"strings"
	"testing"

	"caseload/domain"
)

func TestOutcomes(t *testing.T) {
	tests := []struct {
		in       string
		code     Outcome
		order    domain.EventType
		warrant  bool
		terms    int
		possDate bool
	}{
		{"adjourned-generally", AdjournedGenerally, "", false, termsMay, false},
		{"AGP", AdjournedGenerally, "", false, termsMay, false},
		{"adjourned-on-terms", AdjournedOnTerms, "", false, termsRequired, false},
		{"adt", AdjournedOnTerms, "", false, termsRequired, false},
		{"adjourned-to-date", AdjournedToDate, "", false, 0, false},
		{"outright-forthwith", OutrightForthwith, domain.EventOrderOutright, true, 0, true},
		{"OPD", OutrightWithDate, domain.EventOrderOutright, true, 0, true},
		{"suspended-on-terms", SuspendedOnTerms, domain.EventOrderSuspended, true, termsRequired, false},
		{"SOT", SuspendedOnTerms, domain.EventOrderSuspended, true, termsRequired, false},
		{"postponed", Postponed, domain.EventOrderPostponed, true, termsMay, false},
		{"struck-out", StruckOut, "", false, 0, false},
		{"WIT", Withdrawn, "", false, 0, false},
		{"stay-of-execution", StayOfExecution, "", true, termsMay, false},
	}
	for _, tt := range tests {
		o, err := ParseOutcome(tt.in)
		if err != nil || o != tt.code {
			t.Fatalf("ParseOutcome(%q) = %q, %v; want %q", tt.in, o, err, tt.code)
		}
		in, ok := Lookup(o)
		if !ok || in.Words == "" {
			t.Fatalf("%s: no words", o)
		}
		if in.Order != tt.order || (in.Warrant != "") != tt.warrant || in.Terms != tt.terms || in.PossessionDate != tt.possDate {
			t.Errorf("%s: order %q warrant %q terms %d possession date %v", o, in.Order, in.Warrant, in.Terms, in.PossessionDate)
		}
	}
	for _, bad := range []string{"suspended", "XYZ", "outright"} {
		if _, err := ParseOutcome(bad); err == nil || !domain.IsValidation(err) {
			t.Errorf("ParseOutcome(%q) = %v; want a validation error", bad, err)
		}
	}
	if len(Outcomes) != 10 {
		t.Errorf("%d outcomes; want the 10 of the issue", len(Outcomes))
	}
}

func TestParseWeekly(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"£5 a week towards arrears", "5.00", true},
		{"£7.50 per week plus current rent", "7.50", true},
		{"3.25", "3.25", true},
		{"£10/week", "10.00", true},
		{"£0 a week", "", false},
		{"£5.999 a week", "", false},
		{"5abc", "", false},
		{"£20000 a week", "", false},
		{"five pounds", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseWeekly(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got.String() != tt.want) {
			t.Errorf("ParseWeekly(%q) = %s, %v", tt.in, got, err)
		}
	}
}

func TestCheckTerms(t *testing.T) {
	hearing := day("2026-03-02")
	five := domain.MustMoney("5.00")
	tests := []struct {
		o    Outcome
		t    Terms
		fail string
	}{
		{SuspendedOnTerms, Terms{Weekly: five}, ""},
		{SuspendedOnTerms, Terms{}, "needs the weekly sum"},
		{AdjournedOnTerms, Terms{}, "needs the weekly sum"},
		{Postponed, Terms{}, ""},
		{StruckOut, Terms{Weekly: five}, "no terms"},
		{OutrightWithDate, Terms{}, "needs the date for possession"},
		{OutrightWithDate, Terms{PossessionDate: hearing.AddDays(28)}, ""},
		{OutrightWithDate, Terms{PossessionDate: hearing.AddDays(-1)}, "before the hearing"},
		{OutrightForthwith, Terms{PossessionDate: hearing.AddDays(28)}, "leave --possession-date out"},
	}
	for _, tt := range tests {
		err := Check(tt.o, tt.t, hearing)
		if tt.fail == "" && err != nil || tt.fail != "" && (err == nil || !strings.Contains(err.Error(), tt.fail)) {
			t.Errorf("Check(%s, %+v) = %v; want %q", tt.o, tt.t, err, tt.fail)
		}
	}
}

func pay(date string, amount string) domain.Txn {
	return domain.Txn{Date: day(date), Type: domain.TxnPayment, Amount: domain.MustMoney(amount).Neg()}
}

// An order on Mon 2 Mar 2026: rent £100.00 plus £5.00 a week.
func TestBreach(t *testing.T) {
	order := day("2026-03-02")
	rent, weekly := domain.MustMoney("100.00"), domain.MustMoney("5.00")
	paid3 := []domain.Txn{pay("2026-03-02", "500.00"), pay("2026-03-06", "105.00"), pay("2026-03-13", "105.00"), pay("2026-03-20", "105.00")}
	tests := []struct {
		name     string
		pays     []domain.Txn
		today    string
		weeks    int
		due      string
		paid     string
		breached bool
	}{
		{"order day: nothing due", nil, "2026-03-02", 0, "0.00", "0.00", false},
		{"six days: no week ended", nil, "2026-03-08", 0, "0.00", "0.00", false},
		{"one week, nothing paid", nil, "2026-03-09", 1, "105.00", "0.00", true},
		{"three weeks kept (order-day payment not counted)", paid3, "2026-03-23", 3, "315.00", "315.00", false},
		{"four weeks, last missed", paid3, "2026-03-30", 4, "420.00", "315.00", true},
		{"rent paid, weekly sum not", []domain.Txn{pay("2026-03-06", "100.00"), pay("2026-03-13", "100.00")}, "2026-03-16", 2, "210.00", "200.00", true},
		{"a charge is not a payment", []domain.Txn{{Date: day("2026-03-04"), Type: domain.TxnCharge, Amount: domain.MustMoney("100.00")}}, "2026-03-09", 1, "105.00", "0.00", true},
	}
	for _, tt := range tests {
		s := Breach(order, rent, weekly, tt.pays, day(tt.today))
		if s.Weeks != tt.weeks || s.Due.String() != tt.due || s.Paid.String() != tt.paid || s.Breached() != tt.breached {
			t.Errorf("%s: %+v (%s)", tt.name, s, s.Words())
		}
	}
	s := Breach(order, rent, weekly, paid3[:2], day("2026-03-16"))
	if got := s.Words(); got != "breached: £105.00 short (£105.00 paid of £210.00 due over 2 weeks)" {
		t.Errorf("words: %q", got)
	}
}

// A warrant needs permission from the sixth anniversary of the order.
func TestWarrantWindow(t *testing.T) {
	tests := []struct {
		order, day string
		needs      bool
	}{
		{"2020-03-02", "2026-03-01", false},
		{"2020-03-02", "2026-03-02", true},
		{"2020-03-02", "2026-03-03", true},
		{"2020-03-02", "2020-03-02", false},
		{"2020-02-29", "2026-02-27", false},
		{"2020-02-29", "2026-02-28", true},
	}
	for _, tt := range tests {
		needs, words := NeedsPermission(day(tt.order), day(tt.day))
		if needs != tt.needs {
			t.Errorf("order %s, warrant %s: needs permission %v (%s)", tt.order, tt.day, needs, words)
		}
		if needs && !strings.Contains(words, "needs the court's permission") {
			t.Errorf("words %q", words)
		}
	}
}

func day(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// FuzzParseWeekly: the officer's terms never panic the parser, and a sum
// it accepts is positive with at most two decimal places.
func FuzzParseWeekly(f *testing.F) {
	for _, s := range []string{"£5 a week towards arrears", "7.50 per week", "£0", "", "£ 3.2/wk", "99999999999999999999", "£5.999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseWeekly(s)
		if err != nil {
			return
		}
		if !m.IsPositive() || m.Decimal().Exponent() < -2 {
			t.Fatalf("ParseWeekly(%q) = %s", s, m)
		}
	})
}
