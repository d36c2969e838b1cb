package worklist

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

func TestDefaultPolicyIsTheRulesTable(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	priorities := map[string][2]int{
		"rtb-deadline overdue": {p.RTBOverduePriority, 95}, "rtb-deadline due": {p.RTBDuePriority, 75},
		"diary-due overdue": {p.DiaryOverduePriority, 90}, "diary-due today": {p.DiaryTodayPriority, 70},
		"nosp-expiring": {p.NOSPExpiringPriority, 85}, "court-order-breach": {p.CourtOrderBreachPriority, 85},
		"arrangement-broken": {p.ArrangementBrokenPriority, 80}, "dd-unpaid": {p.DDUnpaidPriority, 75},
		"consider-nosp": {p.ConsiderNOSPPriority, 70}, "uc-managed-payment": {p.UCManagedPaymentPriority, 65},
		"pre-action": {p.PreActionPriority, 60}, "vulnerable-review": {p.VulnerableReviewPriority, 60},
		"first-letter": {p.FirstLetterPriority, 50}, "new-arrears": {p.NewArrearsPriority, 40},
		"former-tenant-debt": {p.FormerTenantDebtPriority, 30}, "credit-refund": {p.CreditRefundPriority, 20},
		"rtb within days": {p.RTBWithinDays, 7}, "nosp within days": {p.NOSPExpiringDays, 28},
		"dd days": {p.DDUnpaidDays, 14}, "grace": {p.TechnicalGraceDays, 7}, "no cadence": {p.TechnicalNoCadenceDays, 14},
		"contact working days": {p.ArrangementContactWorkingDays, 2}, "uc months": {p.UCManagedPaymentMonths, 2},
		"former no payment": {p.FormerTenantNoPaymentDays, 28}, "pre-action letter days": {p.PreActionLetterDays, 14},
		"consider pre-action days": {p.ConsiderNOSPPreActionDays, 14}, "first-letter repeat": {p.FirstLetterRepeatDays, 28},
		"new-arrears contact": {p.NewArrearsContactDays, 14}, "court no payment": {p.CourtOrderNoPaymentDays, 14},
	}
	for name, v := range priorities {
		if v[0] != v[1] {
			t.Errorf("%s = %d, want %d", name, v[0], v[1])
		}
	}
	for name, w := range map[string]string{
		"consider": p.ConsiderNOSPWeeks.String(), "pre-action": p.PreActionWeeks.String(), "vulnerable": p.VulnerableReviewWeeks.String(),
		"first-letter": p.FirstLetterWeeks.String(), "new-arrears": p.NewArrearsWeeks.String(), "credit": p.CreditRefundWeeks.String(),
	} {
		want := map[string]string{"consider": "8", "pre-action": "4", "vulnerable": "2", "first-letter": "2", "new-arrears": "1", "credit": "4"}[name]
		if w != want {
			t.Errorf("%s weeks = %s, want %s", name, w, want)
		}
	}
	if p.ConsiderNOSPAmount.String() != "750.00" || p.ZeroChargeWeek.String() != "93.75" {
		t.Errorf("money defaults %s %s", p.ConsiderNOSPAmount, p.ZeroChargeWeek)
	}
}

func TestParsePolicy(t *testing.T) {
	t.Run("an empty object is the default policy", func(t *testing.T) {
		p, err := ParsePolicy([]byte(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := p.MarshalJSON()
		b, _ := DefaultPolicy().MarshalJSON()
		if string(a) != string(b) {
			t.Fatalf("got %s", a)
		}
	})
	t.Run("a partial file overrides only the keys it names", func(t *testing.T) {
		p, err := ParsePolicy([]byte(`{"consider-nosp": {"weeks": 10, "zero_charge_amount": "800.00"},
			"technical-arrears": {"grace_days": 5}, "new-arrears": {"weeks": 1.5}}`))
		if err != nil {
			t.Fatal(err)
		}
		if p.ConsiderNOSPWeeks.String() != "10" || p.ConsiderNOSPAmount.String() != "800.00" || p.TechnicalGraceDays != 5 ||
			p.NewArrearsWeeks.String() != "1.5" {
			t.Fatalf("overrides not applied: %+v", p)
		}
		if p.ConsiderNOSPPriority != 70 || p.ConsiderNOSPPreActionDays != 14 || p.PreActionWeeks.String() != "4" || p.TechnicalNoCadenceDays != 14 {
			t.Fatalf("keys the file did not name changed: %+v", p)
		}
		if p.Holidays.Name(day("2025-12-25")) == "" {
			t.Fatal("holidays lost")
		}
	})
	t.Run("the whole policy round-trips through its file form", func(t *testing.T) {
		p := DefaultPolicy()
		p.PreActionPriority = 61
		b, _ := p.MarshalJSON()
		q, err := ParsePolicy(b)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := q.MarshalJSON()
		if string(b) != string(c) || q.PreActionPriority != 61 {
			t.Fatalf("round trip\n%s\n%s", b, c)
		}
	})

	refused := []struct {
		name, file, field, reason string
	}{
		{"unknown section refused, naming it", `{"consider-nosps": {"weeks": 8}}`, "consider-nosps", "unknown policy key"},
		{"unknown key refused, naming it", `{"consider-nosp": {"wekks": 8}}`, "consider-nosp.wekks", "unknown policy key"},
		{"priority 0 refused", `{"pre-action": {"priority": 0}}`, "pre-action.priority", "outside 1–100"},
		{"priority 101 refused", `{"pre-action": {"priority": 101}}`, "pre-action.priority", "outside 1–100"},
		{"fractional priority refused", `{"pre-action": {"priority": 60.5}}`, "pre-action.priority", "whole number"},
		{"negative days refused", `{"new-arrears": {"contact_days": -1}}`, "new-arrears.contact_days", "outside 0–365"},
		{"weeks as a string refused", `{"consider-nosp": {"weeks": "8"}}`, "consider-nosp.weeks", "number of weeks"},
		{"weeks with three decimals refused", `{"consider-nosp": {"weeks": 8.125}}`, "consider-nosp.weeks", "two decimal places"},
		{"zero weeks refused", `{"consider-nosp": {"weeks": 0}}`, "consider-nosp.weeks", "outside"},
		{"money as a number refused", `{"consider-nosp": {"zero_charge_amount": 750}}`, "consider-nosp.zero_charge_amount", "string"},
		{"money with a pound sign refused", `{"consider-nosp": {"zero_charge_amount": "£750"}}`, "consider-nosp.zero_charge_amount", "currency symbol"},
		{"zero money refused", `{"zero-charge": {"week_amount": "0.00"}}`, "zero-charge.week_amount", "outside"},
		{"a section that is not an object refused", `{"consider-nosp": 8}`, "consider-nosp", "object"},
		{"a file that is not an object refused", `[1, 2]`, "policy", "JSON object"},
		{"null refused", `null`, "policy", "JSON object"},
		{"null value refused", `{"pre-action": {"priority": null}}`, "pre-action.priority", "whole number"},
		{"null section refused", `{"pre-action": null}`, "pre-action", "object"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tt.file))
			var v *domain.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("want a ValidationError, got %v", err)
			}
			if v.Field != tt.field || !strings.Contains(v.Reason, tt.reason) {
				t.Fatalf("got %q: %q, want %q: …%s…", v.Field, v.Reason, tt.field, tt.reason)
			}
		})
	}
}

// TestPolicyOverrideChangesTheList: the file really drives the rules.
func TestPolicyOverrideChangesTheList(t *testing.T) {
	f := rent()
	f.Balance = gbp("900.00")
	f.LastContact = ago(3)
	f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(20))}
	f.PreAction = checklistDone(ago(20))
	if l, _ := Evaluate(f, today, DefaultPolicy()); l.Top.Rule != RuleConsiderNOSP {
		t.Fatalf("default: top %q", l.Top.Rule)
	}
	p, err := ParsePolicy([]byte(`{"consider-nosp": {"weeks": 10}, "first-letter": {"priority": 99}}`))
	if err != nil {
		t.Fatal(err)
	}
	l, _ := Evaluate(f, today, p)
	if l.Has(RuleConsiderNOSP) {
		t.Fatalf("consider-nosp at 9 weeks under a 10-week policy: %v", fired(l))
	}
	f.Events = []Event{ev(domain.EventLetter1, ago(40))}
	l, _ = Evaluate(f, today, p)
	if l.Top.Rule != RuleFirstLetter || l.Top.Priority != 99 {
		t.Fatalf("first-letter priority override: %+v", l.Top)
	}
}

// FuzzParsePolicy: a team's file never panics the parser, and whatever it
// accepts is a valid policy that writes back to the same file form.
func FuzzParsePolicy(f *testing.F) {
	def, _ := DefaultPolicy().MarshalJSON()
	for _, seed := range []string{string(def), `{}`, `{"consider-nosp": {"weeks": 10}}`, `{"zero-charge": {"week_amount": "93.75"}}`,
		`{"pre-action": {"priority": 1e2}}`, `{"x": 1}`, `[]`, `null`, `{"new-arrears": {"weeks": 0.01}}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePolicy(b)
		if err != nil {
			if !domain.IsValidation(err) {
				t.Fatalf("not a ValidationError: %v", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted an invalid policy: %v", err)
		}
		out, _ := p.MarshalJSON()
		q, err := ParsePolicy(out)
		if err != nil {
			t.Fatalf("own output refused: %v\n%s", err, out)
		}
		again, _ := q.MarshalJSON()
		if string(again) != string(out) {
			t.Fatalf("round trip changed\n%s\n%s", out, again)
		}
	})
}

func TestCadenceFloor(t *testing.T) {
	p := DefaultPolicy()
	if got := p.CadenceFloor(); !got.Equal(decimal.NewFromInt(1)) {
		t.Fatalf("default floor %s, want 1 week (new-arrears)", got)
	}
	q, err := ParsePolicy([]byte(`{"new-arrears": {"weeks": 3}, "vulnerable-review": {"weeks": 1.5}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := q.CadenceFloor(); !got.Equal(decimal.RequireFromString("1.5")) {
		t.Fatalf("floor %s, want 1.5 (vulnerable-review is now lowest)", got)
	}
}
