package worklist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

// Policy is every threshold, grace period and priority the rules use, as
// data a team can change (RULES.md "The default worklist policy").
// DefaultPolicy gives the RULES.md defaults; ParsePolicy reads a team's file
// over them.
//
// The file is a JSON object with one section per rule id (plus
// "technical-arrears" and "zero-charge"); a file names only what it changes.
// Priorities are whole numbers 1–100, days whole numbers, weeks numbers with
// at most two decimals, money strings in pounds ("750.00"). Every key with
// its default:
//
//	{
//	  "rtb-deadline":       {"priority_overdue": 95, "priority_due": 75, "within_days": 7},
//	  "diary-due":          {"priority_overdue": 90, "priority_today": 70},
//	  "nosp-expiring":      {"priority": 85, "within_days": 28},
//	  "court-order-breach": {"priority": 85, "no_payment_days": 14},
//	  "arrangement-broken": {"priority": 80, "grace_days": 7, "contact_working_days": 2},
//	  "dd-unpaid":          {"priority": 75, "within_days": 14},
//	  "dd-notice-late":     {"priority": 72, "within_days": 14},
//	  "consider-nosp":      {"priority": 70, "weeks": 8, "zero_charge_amount": "750.00", "pre_action_days": 14},
//	  "uc-managed-payment": {"priority": 65, "months": 2},
//	  "pre-action":         {"priority": 60, "weeks": 4, "letter_days": 14, "repeat_days": 28},
//	  "vulnerable-review":  {"priority": 60, "weeks": 2, "repeat_days": 28},
//	  "first-letter":       {"priority": 50, "weeks": 2, "repeat_days": 28},
//	  "new-arrears":        {"priority": 40, "weeks": 1, "contact_days": 14},
//	  "former-tenant-debt": {"priority": 30, "no_payment_days": 28},
//	  "credit-refund":      {"priority": 20, "weeks": 4},
//	  "technical-arrears":  {"grace_days": 7, "no_cadence_days": 14},
//	  "zero-charge":        {"week_amount": "93.75"}
//	}
//
// A "ladder" section replaces the arrears ladder (new-arrears to
// consider-nosp) with a council's own recovery steps; its layout is in
// Ladder's doc comment, and policies/hackney-2020.json is one.
//
// A team that wants NOSPs considered at 10 weeks and a shorter grace writes:
//
//	{"consider-nosp": {"weeks": 10}, "technical-arrears": {"grace_days": 5}}
type Policy struct {
	// rtb-deadline: fires when a deadline is overdue or due within RTBWithinDays.
	RTBOverduePriority int
	RTBDuePriority     int
	RTBWithinDays      int

	// diary-due: a follow-up due today or overdue.
	DiaryOverduePriority int
	DiaryTodayPriority   int

	// nosp-expiring: a NOSP in force that lapses within NOSPExpiringDays.
	NOSPExpiringPriority int
	NOSPExpiringDays     int

	// court-order-breach: with no arrangement recorded for the order, no
	// payment for CourtOrderNoPaymentDays is a breach.
	CourtOrderBreachPriority int
	CourtOrderNoPaymentDays  int

	// arrangement-broken. ArrangementGraceDays is the grace before an
	// instalment is checked; the store passes it to arrangement.Monitor.
	ArrangementBrokenPriority     int
	ArrangementGraceDays          int
	ArrangementContactWorkingDays int

	// dd-unpaid: a Direct Debit returned unpaid within DDUnpaidDays.
	DDUnpaidPriority int
	DDUnpaidDays     int

	// dd-notice-late: a Direct Debit's new amount whose advance notice
	// could not be given in time, recorded within DDNoticeLateDays.
	DDNoticeLatePriority int
	DDNoticeLateDays     int

	// consider-nosp. ConsiderNOSPAmount replaces the weeks when the weekly
	// charge is zero.
	ConsiderNOSPPriority      int
	ConsiderNOSPWeeks         decimal.Decimal
	ConsiderNOSPAmount        domain.Money
	ConsiderNOSPPreActionDays int

	// uc-managed-payment: arrears of at least this many months' rent.
	UCManagedPaymentPriority int
	UCManagedPaymentMonths   int

	// pre-action. PreActionRepeatDays keeps it off the list for that long
	// after a pre-action step was recorded.
	PreActionPriority   int
	PreActionWeeks      decimal.Decimal
	PreActionLetterDays int
	PreActionRepeatDays int

	// vulnerable-review. VulnerableReviewRepeatDays keeps it off the list
	// for that long after a referral was recorded.
	VulnerableReviewPriority   int
	VulnerableReviewWeeks      decimal.Decimal
	VulnerableReviewRepeatDays int

	// first-letter: no letter within FirstLetterRepeatDays.
	FirstLetterPriority   int
	FirstLetterWeeks      decimal.Decimal
	FirstLetterRepeatDays int

	// new-arrears: no contact within NewArrearsContactDays.
	NewArrearsPriority    int
	NewArrearsWeeks       decimal.Decimal
	NewArrearsContactDays int

	// former-tenant-debt.
	FormerTenantDebtPriority  int
	FormerTenantNoPaymentDays int

	// credit-refund: a current account in credit by more than this many
	// weeks' charge.
	CreditRefundPriority int
	CreditRefundWeeks    decimal.Decimal

	// Technical arrears: the grace after the next expected payment, and how
	// long after the last payment arrears stay technical with no cadence.
	TechnicalGraceDays     int
	TechnicalNoCadenceDays int

	// ZeroChargeWeek stands in for "one week's charge" on accounts whose
	// weekly charge is zero (sundry debts, some leaseholds), so the weeks
	// thresholds still mean something. The default is the consider-nosp
	// £750.00 ÷ 8 weeks, so the ladder keeps its proportions.
	ZeroChargeWeek domain.Money

	// Ladder is the council's own recovery ladder (recovery.go), the file's
	// "ladder" section; nil runs RULES.md's default arrears ladder.
	Ladder *Ladder

	// Holidays are the bank holidays for working-day dues (arrangement-broken
	// contact, bank-holiday warnings on RTB deadlines). Not part of the file.
	Holidays domain.Holidays
}

// DefaultPolicy is the RULES.md default worklist policy with the shipped
// England and Wales bank holidays.
func DefaultPolicy() Policy {
	return Policy{
		RTBOverduePriority: 95, RTBDuePriority: 75, RTBWithinDays: 7,
		DiaryOverduePriority: 90, DiaryTodayPriority: 70,
		NOSPExpiringPriority: 85, NOSPExpiringDays: 28,
		CourtOrderBreachPriority: 85, CourtOrderNoPaymentDays: 14,
		ArrangementBrokenPriority: 80, ArrangementGraceDays: 7, ArrangementContactWorkingDays: 2,
		DDUnpaidPriority: 75, DDUnpaidDays: 14,
		DDNoticeLatePriority: 72, DDNoticeLateDays: 14,
		ConsiderNOSPPriority: 70, ConsiderNOSPWeeks: decimal.NewFromInt(8),
		ConsiderNOSPAmount: domain.Pence(75000), ConsiderNOSPPreActionDays: 14,
		UCManagedPaymentPriority: 65, UCManagedPaymentMonths: 2,
		PreActionPriority: 60, PreActionWeeks: decimal.NewFromInt(4), PreActionLetterDays: 14, PreActionRepeatDays: 28,
		VulnerableReviewPriority: 60, VulnerableReviewWeeks: decimal.NewFromInt(2), VulnerableReviewRepeatDays: 28,
		FirstLetterPriority: 50, FirstLetterWeeks: decimal.NewFromInt(2), FirstLetterRepeatDays: 28,
		NewArrearsPriority: 40, NewArrearsWeeks: decimal.NewFromInt(1), NewArrearsContactDays: 14,
		FormerTenantDebtPriority: 30, FormerTenantNoPaymentDays: 28,
		CreditRefundPriority: 20, CreditRefundWeeks: decimal.NewFromInt(4),
		TechnicalGraceDays: 7, TechnicalNoCadenceDays: 14,
		ZeroChargeWeek: domain.Pence(9375),
		Holidays:       domain.DefaultHolidays(),
	}
}

// policyKey ties one file key to its field and its allowed range. For
// money the range is in pence, for weeks in hundredths of a week.
type policyKey struct {
	section, name string
	field         func(*Policy) any
	min, max      int64
}

func (k policyKey) path() string { return k.section + "." + k.name }

// policyKeys is the file layout, in the order MarshalJSON writes it.
var policyKeys = []policyKey{
	{"rtb-deadline", "priority_overdue", func(p *Policy) any { return &p.RTBOverduePriority }, 1, 100},
	{"rtb-deadline", "priority_due", func(p *Policy) any { return &p.RTBDuePriority }, 1, 100},
	{"rtb-deadline", "within_days", func(p *Policy) any { return &p.RTBWithinDays }, 0, 365},
	{"diary-due", "priority_overdue", func(p *Policy) any { return &p.DiaryOverduePriority }, 1, 100},
	{"diary-due", "priority_today", func(p *Policy) any { return &p.DiaryTodayPriority }, 1, 100},
	{"nosp-expiring", "priority", func(p *Policy) any { return &p.NOSPExpiringPriority }, 1, 100},
	{"nosp-expiring", "within_days", func(p *Policy) any { return &p.NOSPExpiringDays }, 1, 365},
	{"court-order-breach", "priority", func(p *Policy) any { return &p.CourtOrderBreachPriority }, 1, 100},
	{"court-order-breach", "no_payment_days", func(p *Policy) any { return &p.CourtOrderNoPaymentDays }, 1, 365},
	{"arrangement-broken", "priority", func(p *Policy) any { return &p.ArrangementBrokenPriority }, 1, 100},
	{"arrangement-broken", "grace_days", func(p *Policy) any { return &p.ArrangementGraceDays }, 0, 60},
	{"arrangement-broken", "contact_working_days", func(p *Policy) any { return &p.ArrangementContactWorkingDays }, 0, 30},
	{"dd-unpaid", "priority", func(p *Policy) any { return &p.DDUnpaidPriority }, 1, 100},
	{"dd-unpaid", "within_days", func(p *Policy) any { return &p.DDUnpaidDays }, 1, 365},
	{"dd-notice-late", "priority", func(p *Policy) any { return &p.DDNoticeLatePriority }, 1, 100},
	{"dd-notice-late", "within_days", func(p *Policy) any { return &p.DDNoticeLateDays }, 1, 365},
	{"consider-nosp", "priority", func(p *Policy) any { return &p.ConsiderNOSPPriority }, 1, 100},
	{"consider-nosp", "weeks", func(p *Policy) any { return &p.ConsiderNOSPWeeks }, 1, 10400},
	{"consider-nosp", "zero_charge_amount", func(p *Policy) any { return &p.ConsiderNOSPAmount }, 1, 100_000_000},
	{"consider-nosp", "pre_action_days", func(p *Policy) any { return &p.ConsiderNOSPPreActionDays }, 0, 365},
	{"uc-managed-payment", "priority", func(p *Policy) any { return &p.UCManagedPaymentPriority }, 1, 100},
	{"uc-managed-payment", "months", func(p *Policy) any { return &p.UCManagedPaymentMonths }, 1, 24},
	{"pre-action", "priority", func(p *Policy) any { return &p.PreActionPriority }, 1, 100},
	{"pre-action", "weeks", func(p *Policy) any { return &p.PreActionWeeks }, 1, 10400},
	{"pre-action", "letter_days", func(p *Policy) any { return &p.PreActionLetterDays }, 0, 365},
	{"pre-action", "repeat_days", func(p *Policy) any { return &p.PreActionRepeatDays }, 0, 365},
	{"vulnerable-review", "priority", func(p *Policy) any { return &p.VulnerableReviewPriority }, 1, 100},
	{"vulnerable-review", "weeks", func(p *Policy) any { return &p.VulnerableReviewWeeks }, 1, 10400},
	{"vulnerable-review", "repeat_days", func(p *Policy) any { return &p.VulnerableReviewRepeatDays }, 0, 365},
	{"first-letter", "priority", func(p *Policy) any { return &p.FirstLetterPriority }, 1, 100},
	{"first-letter", "weeks", func(p *Policy) any { return &p.FirstLetterWeeks }, 1, 10400},
	{"first-letter", "repeat_days", func(p *Policy) any { return &p.FirstLetterRepeatDays }, 0, 365},
	{"new-arrears", "priority", func(p *Policy) any { return &p.NewArrearsPriority }, 1, 100},
	{"new-arrears", "weeks", func(p *Policy) any { return &p.NewArrearsWeeks }, 1, 10400},
	{"new-arrears", "contact_days", func(p *Policy) any { return &p.NewArrearsContactDays }, 0, 365},
	{"former-tenant-debt", "priority", func(p *Policy) any { return &p.FormerTenantDebtPriority }, 1, 100},
	{"former-tenant-debt", "no_payment_days", func(p *Policy) any { return &p.FormerTenantNoPaymentDays }, 0, 3650},
	{"credit-refund", "priority", func(p *Policy) any { return &p.CreditRefundPriority }, 1, 100},
	{"credit-refund", "weeks", func(p *Policy) any { return &p.CreditRefundWeeks }, 0, 10400},
	{"technical-arrears", "grace_days", func(p *Policy) any { return &p.TechnicalGraceDays }, 0, 60},
	{"technical-arrears", "no_cadence_days", func(p *Policy) any { return &p.TechnicalNoCadenceDays }, 0, 90},
	{"zero-charge", "week_amount", func(p *Policy) any { return &p.ZeroChargeWeek }, 1, 100_000_000},
}

// ParsePolicy reads a policy file (layout in Policy's doc comment) over
// DefaultPolicy: keys the file does not name keep their defaults. An unknown
// key, a value of the wrong kind or out of range is refused with a
// domain.ValidationError whose Field is the key ("consider-nosp.weeks").
func ParsePolicy(b []byte) (Policy, error) {
	p := DefaultPolicy()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return Policy{}, domain.Invalid("policy", "not a JSON object of rule sections: %v", err)
	}
	if top == nil {
		return Policy{}, domain.Invalid("policy", "not a JSON object of rule sections")
	}
	// Sorted so that a file with several mistakes always reports the same one.
	sections := make([]string, 0, len(top))
	for s := range top {
		sections = append(sections, s)
	}
	sort.Strings(sections)
	for _, s := range sections {
		if s == "ladder" {
			l, err := parseLadder(top[s])
			if err != nil {
				return Policy{}, err
			}
			p.Ladder = l
			continue
		}
		if !knownSection(s) {
			return Policy{}, domain.Invalid(s, "unknown policy key (sections are %s)", strings.Join(sectionNames(), ", "))
		}
		var inner map[string]json.RawMessage
		if err := json.Unmarshal(top[s], &inner); err != nil || inner == nil {
			return Policy{}, domain.Invalid(s, "must be an object of settings, like {\"priority\": 70}")
		}
		names := make([]string, 0, len(inner))
		for n := range inner {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			k, ok := lookupKey(s, n)
			if !ok {
				return Policy{}, domain.Invalid(s+"."+n, "unknown policy key (%s takes %s)", s, strings.Join(keyNames(s), ", "))
			}
			if err := k.set(&p, inner[n]); err != nil {
				return Policy{}, err
			}
		}
	}
	return p, nil
}

// Validate checks every value against the ranges ParsePolicy enforces, for
// a Policy built in code.
func (p Policy) Validate() error {
	for _, k := range policyKeys {
		if err := k.check(&p); err != nil {
			return err
		}
	}
	if p.Ladder != nil {
		return p.Ladder.Validate()
	}
	return nil
}

// MarshalJSON writes the whole policy in the file layout, every key, so
// "show me the policy in force" is a file a team can edit.
func (p Policy) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{")
	section := ""
	for _, k := range policyKeys {
		if k.section != section {
			if section != "" {
				b.WriteString("},")
			}
			fmt.Fprintf(&b, "%q:{", k.section)
			section = k.section
		} else {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:", k.name)
		switch v := k.field(&p).(type) {
		case *int:
			fmt.Fprintf(&b, "%d", *v)
		case *decimal.Decimal:
			b.WriteString(v.String())
		case *domain.Money:
			fmt.Fprintf(&b, "%q", v.String())
		}
	}
	b.WriteString("}")
	if p.Ladder != nil {
		l, err := json.Marshal(p.Ladder)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"ladder":`)
		b.Write(l)
	}
	b.WriteString("}")
	return b.Bytes(), nil
}

func (k policyKey) set(p *Policy, raw json.RawMessage) error {
	switch v := k.field(p).(type) {
	case *int:
		n, ok := jsonNumber(raw)
		if !ok {
			return domain.Invalid(k.path(), "must be a whole number, got %s", raw)
		}
		i, err := n.Int64()
		if err != nil {
			return domain.Invalid(k.path(), "must be a whole number, got %s", raw)
		}
		if i < k.min || i > k.max {
			return domain.Invalid(k.path(), "%d is outside %d–%d", i, k.min, k.max)
		}
		*v = int(i)
	case *decimal.Decimal:
		n, ok := jsonNumber(raw)
		if !ok {
			return domain.Invalid(k.path(), "must be a number of weeks like 4 or 2.5, got %s", raw)
		}
		d, err := decimal.NewFromString(n.String())
		if err != nil {
			return domain.Invalid(k.path(), "must be a number of weeks like 4 or 2.5, got %s", raw)
		}
		*v = d
	case *domain.Money:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return domain.Invalid(k.path(), "must be pounds as a string like \"750.00\", got %s", raw)
		}
		m, err := domain.ParseMoney(s)
		if err != nil {
			return domain.Invalid(k.path(), "%v", err)
		}
		*v = m
	}
	return k.check(p)
}

// jsonNumber reads a bare JSON number; encoding/json would also accept a
// quoted one into json.Number, and a file that quotes a number has probably
// confused it with a money key.
func jsonNumber(raw json.RawMessage) (json.Number, bool) {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return "", false
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return "", false
	}
	return n, true
}

// check range-checks the field's current value.
func (k policyKey) check(p *Policy) error {
	switch v := k.field(p).(type) {
	case *int:
		if int64(*v) < k.min || int64(*v) > k.max {
			return domain.Invalid(k.path(), "%d is outside %d–%d", *v, k.min, k.max)
		}
	case *decimal.Decimal:
		if v.Exponent() < -2 && !v.Equal(v.Round(2)) {
			return domain.Invalid(k.path(), "%s has more than two decimal places", v)
		}
		h := v.Shift(2)
		if h.LessThan(decimal.NewFromInt(k.min)) || h.GreaterThan(decimal.NewFromInt(k.max)) {
			return domain.Invalid(k.path(), "%s weeks is outside %s–%s", v,
				decimal.New(k.min, -2).String(), decimal.New(k.max, -2).String())
		}
	case *domain.Money:
		p := v.PenceValue()
		if !v.Equal(domain.Pence(p)) || p < k.min || p > k.max {
			return domain.Invalid(k.path(), "£%s is outside £%s–£%s", v, domain.Pence(k.min), domain.Pence(k.max))
		}
	}
	return nil
}

func knownSection(s string) bool {
	for _, k := range policyKeys {
		if k.section == s {
			return true
		}
	}
	return false
}

func sectionNames() []string {
	var out []string
	for _, k := range policyKeys {
		if len(out) == 0 || out[len(out)-1] != k.section {
			out = append(out, k.section)
		}
	}
	return append(out, "ladder")
}

func keyNames(section string) []string {
	var out []string
	for _, k := range policyKeys {
		if k.section == section {
			out = append(out, k.name)
		}
	}
	return out
}

func lookupKey(section, name string) (policyKey, bool) {
	for _, k := range policyKeys {
		if k.section == section && k.name == name {
			return k, true
		}
	}
	return policyKey{}, false
}

// CadenceFloor is the smallest arrears, in weeks of the weekly charge (or
// of ZeroChargeWeek when the charge is zero), at which any arrears-ladder
// rule can fire. Below it an account's payment cadence changes nothing, so
// a store need not read its payment history to build the worklist.
//
// A council ladder reads this week's payments for its arrears after grace
// whatever the arrears, so with one the floor is zero.
func (p Policy) CadenceFloor() decimal.Decimal {
	if p.Ladder != nil {
		return decimal.Zero
	}
	floor := p.NewArrearsWeeks
	for _, w := range []decimal.Decimal{p.FirstLetterWeeks, p.PreActionWeeks, p.ConsiderNOSPWeeks, p.VulnerableReviewWeeks} {
		if w.LessThan(floor) {
			floor = w
		}
	}
	return floor
}

// longestCadence is the longest gap a regular cadence expects between
// payments: a calendar month.
const longestCadence = 31

// CadenceHorizon is how many days old an account's last payment may be for
// its arrears still to count as technical: the longest cadence plus the
// grace days (or, with no cadence, the no-cadence days). When the last
// payment is older, no payment is expected in time whatever the cadence,
// so a store need not read that account's payment history either.
func (p Policy) CadenceHorizon() int {
	return longestCadence + max(p.TechnicalGraceDays, p.TechnicalNoCadenceDays)
}
