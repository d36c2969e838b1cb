package rtb

import (
	"fmt"
	"maps"
	"strings"

	"caseload/domain"
)

// FraudCheck is one item of the initial fraud assessment (RULES.md
// "Initial fraud assessment checklist", fact sheet §8). It is council
// practice, not statute, and it never pauses a statutory clock.
type FraudCheck string

// The checklist items; the keys are stable.
const (
	CheckIdentity         FraudCheck = "identity"
	CheckPrincipalHome    FraudCheck = "principal-home"
	CheckQualifyingPeriod FraudCheck = "qualifying-period"
	CheckFamilyMembers    FraudCheck = "family-members"
	CheckSourceOfFunds    FraudCheck = "source-of-funds"
)

// FraudChecks is the checklist in the order an officer works it.
var FraudChecks = []FraudCheck{
	CheckIdentity, CheckPrincipalHome, CheckQualifyingPeriod, CheckFamilyMembers, CheckSourceOfFunds,
}

// ParseFraudCheck reads a checklist key.
func ParseFraudCheck(s string) (FraudCheck, error) { return oneOf("check", s, FraudChecks) }

// Label is the item as the checklist states it.
func (k FraudCheck) Label() string {
	switch k {
	case CheckIdentity:
		return "Identity of every applicant and family member sharing the claim (photo ID)"
	case CheckPrincipalHome:
		return "Only or principal home: council tax, electoral roll, benefits, NFI matches"
	case CheckQualifyingPeriod:
		return "Qualifying period with other landlords verified"
	case CheckFamilyMembers:
		return "Family members sharing the claim meet the 12-month or spouse test (s123)"
	case CheckSourceOfFunds:
		return "Source of funds: money-laundering declaration, mortgage agreement in principle, " +
			"gifts with donor ID and 3 months' statements; funds must cover the price"
	}
	return string(k)
}

// Short is the item's name for narrow columns and reasons.
func (k FraudCheck) Short() string {
	switch k {
	case CheckIdentity:
		return "Identity"
	case CheckPrincipalHome:
		return "Principal home"
	case CheckQualifyingPeriod:
		return "Qualifying period"
	case CheckFamilyMembers:
		return "Family members"
	case CheckSourceOfFunds:
		return "Source of funds"
	}
	return string(k)
}

// CheckStatus is where one checklist item stands.
type CheckStatus string

// The statuses. Concern is an open concern: it stays open until the
// officer records the item passed.
const (
	NotStarted CheckStatus = "not-started"
	InProgress CheckStatus = "in-progress"
	Passed     CheckStatus = "passed"
	Concern    CheckStatus = "concern"
)

// CheckStatuses lists every status.
var CheckStatuses = []CheckStatus{NotStarted, InProgress, Passed, Concern}

// ParseCheckStatus reads a status.
func ParseCheckStatus(s string) (CheckStatus, error) { return oneOf("status", s, CheckStatuses) }

// CheckResult is one item's status, when it was last set and why.
type CheckResult struct {
	Check  FraudCheck
	Status CheckStatus
	On     domain.Date
	Note   string
}

// FraudAssessment is a case's initial fraud assessment. The zero value has
// every item not started. It is a value: Set returns a new assessment and
// never changes one already held elsewhere.
type FraudAssessment struct {
	results map[FraudCheck]CheckResult
}

// Set records an item's status.
func (a FraudAssessment) Set(r CheckResult) (FraudAssessment, error) {
	if _, err := ParseFraudCheck(string(r.Check)); err != nil {
		return a, err
	}
	if _, err := ParseCheckStatus(string(r.Status)); err != nil {
		return a, err
	}
	if r.Status == Concern && strings.TrimSpace(r.Note) == "" {
		return a, domain.Invalid("note", "say what the concern is (%s), so the next officer can act on it", r.Check.Short())
	}
	next := FraudAssessment{results: maps.Clone(a.results)}
	if next.results == nil {
		next.results = make(map[FraudCheck]CheckResult, len(FraudChecks))
	}
	next.results[r.Check] = r
	return next, nil
}

// Result is one item's result; an item never set is not started.
func (a FraudAssessment) Result(k FraudCheck) CheckResult {
	if r, ok := a.results[k]; ok {
		return r
	}
	return CheckResult{Check: k, Status: NotStarted}
}

// Results are every item's result in checklist order.
func (a FraudAssessment) Results() []CheckResult {
	out := make([]CheckResult, len(FraudChecks))
	for i, k := range FraudChecks {
		out[i] = a.Result(k)
	}
	return out
}

// Concerns are the items with an open concern, in checklist order.
func (a FraudAssessment) Concerns() []CheckResult {
	var out []CheckResult
	for _, r := range a.Results() {
		if r.Status == Concern {
			out = append(out, r)
		}
	}
	return out
}

// HasOpenConcern reports whether any item has an open concern.
func (a FraudAssessment) HasOpenConcern() bool { return len(a.Concerns()) > 0 }

// Cleared reports whether every item has passed.
func (a FraudAssessment) Cleared() bool {
	for _, r := range a.Results() {
		if r.Status != Passed {
			return false
		}
	}
	return true
}

// Summary is the assessment in one line: "3 of 5 checks passed; concern:
// principal home (NFI match with another council's tenancy)".
func (a FraudAssessment) Summary() string {
	passed := 0
	for _, r := range a.Results() {
		if r.Status == Passed {
			passed++
		}
	}
	s := fmt.Sprintf("%d of %d checks passed", passed, len(FraudChecks))
	for _, r := range a.Concerns() {
		s += fmt.Sprintf("; concern: %s (%s)", strings.ToLower(r.Check.Short()), r.Note)
	}
	if a.HasOpenConcern() {
		s += "; refer suspected fraud to the NAFN / National Hunter Right to Buy anti-fraud service. The statutory clocks keep running"
	}
	return s
}

// FundsKind is where purchase money comes from.
type FundsKind string

// The kinds of funds.
const (
	FundsMortgage FundsKind = "mortgage"
	FundsSavings  FundsKind = "savings"
	FundsGift     FundsKind = "gift"
)

// FundsKinds lists every kind.
var FundsKinds = []FundsKind{FundsMortgage, FundsSavings, FundsGift}

// evidence is what money-laundering checks ask for each kind (fact sheet
// §8 (e)).
func (k FundsKind) evidence() string {
	switch k {
	case FundsMortgage:
		return "a mortgage offer or agreement in principle"
	case FundsSavings:
		return "3 months' bank statements and how the savings were built up"
	case FundsGift:
		return "the giftor's money-laundering form, photo ID and 3 months' bank statements"
	}
	return ""
}

// FundsSource is one source of the purchase money as declared.
type FundsSource struct {
	Kind   FundsKind
	Amount domain.Money
	// Evidenced: the evidence for this kind has been seen.
	Evidenced bool
}

// Funds is the source-of-funds check against the price.
type Funds struct {
	Price    domain.Money
	Declared domain.Money
	// Gap is how much the declared funds fall short of the price (zero when
	// they cover it).
	Gap domain.Money
	// Missing is the evidence still to see, one line per source.
	Missing []string
	// OK: the funds cover the price and every source is evidenced.
	OK bool
	// Words: "funds gap £5,000.00: £155,000.00 declared against a price of
	// £160,000.00".
	Words string
}

// CheckFunds compares the declared funds with the s125 price. The funds
// must cover the price; a shortfall is a "funds gap". More than the price is
// not a concern in itself (buyers also pay fees), so it only gets a mention.
func CheckFunds(price domain.Money, sources []FundsSource) (Funds, error) {
	if !price.IsPositive() {
		return Funds{}, domain.Invalid("price", "give the price from the s125 offer")
	}
	out := Funds{Price: price}
	for i, s := range sources {
		if _, err := oneOf("kind", string(s.Kind), FundsKinds); err != nil {
			return Funds{}, err
		}
		if !s.Amount.IsPositive() {
			return Funds{}, domain.Invalid("amount", "source %d (%s): give an amount above £0.00", i+1, s.Kind)
		}
		out.Declared = out.Declared.Add(s.Amount)
		if !s.Evidenced {
			out.Missing = append(out.Missing, fmt.Sprintf("%s %s: %s", s.Kind, s.Amount.Human(), s.Kind.evidence()))
		}
	}
	switch c := out.Declared.Cmp(price); {
	case c < 0:
		out.Gap = price.Sub(out.Declared)
		out.Words = fmt.Sprintf("funds gap %s: %s declared against a price of %s", out.Gap.Human(), out.Declared.Human(), price.Human())
	case c == 0:
		out.Words = fmt.Sprintf("funds equal the price: %s", price.Human())
	default:
		out.Words = fmt.Sprintf("funds cover the price: %s declared against %s (%s over, for fees and costs)",
			out.Declared.Human(), price.Human(), out.Declared.Sub(price).Human())
	}
	if len(out.Missing) > 0 {
		out.Words += "; evidence still needed: " + strings.Join(out.Missing, "; ")
	}
	out.OK = out.Gap.IsZero() && len(out.Missing) == 0
	return out, nil
}

// FamilyMember is someone who is not a joint tenant but wants to share the
// claim (s123; at most three may).
type FamilyMember struct {
	// MovedIn is when they started living with the tenant.
	MovedIn domain.Date
	// Spouse: the tenant's spouse or civil partner.
	Spouse bool
	// LandlordConsents: the council has agreed to them sharing.
	LandlordConsents bool
}

// MayShare says whether a family member may share the claim made by the
// RTB1 received on rtb1, and why: a spouse or civil partner may; anyone else
// must have lived with the tenant throughout the 12 months ending with the
// notice, unless the council consents.
func MayShare(m FamilyMember, rtb1 domain.Date) (bool, string, error) {
	if rtb1.IsZero() {
		return false, "", domain.Invalid("received", "give the date the RTB1 was received")
	}
	if m.MovedIn.IsZero() && !m.Spouse && !m.LandlordConsents {
		return false, "", domain.Invalid("moved_in", "give the date they started living with the tenant")
	}
	// The 12 months ending with the notice begin the day after the same
	// date a year earlier.
	since := domain.MonthsAfter(rtb1, -12).AddDays(1)
	switch {
	case m.Spouse:
		return true, "the tenant's spouse or civil partner may share the claim (s123)", nil
	case !m.MovedIn.After(since):
		return true, fmt.Sprintf("lived with the tenant since %s, throughout the 12 months ending with the RTB1 (s123)", m.MovedIn.Human()), nil
	case m.LandlordConsents:
		return true, fmt.Sprintf("moved in %s, under 12 months before the RTB1, but the council consents (s123)", m.MovedIn.Human()), nil
	}
	return false, fmt.Sprintf("moved in %s: not a spouse or civil partner and not resident throughout the 12 months from %s "+
		"to the RTB1 on %s — may share only with the council's consent (s123): flag it", m.MovedIn.Human(), since.Human(), rtb1.Human()), nil
}
