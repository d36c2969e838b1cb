package arrangement

import (
	"strings"
	"testing"

	"caseload/domain"
)

func item(g Group, name, amount string, period Frequency) Item {
	return Item{Group: g, Name: name, Amount: money(amount), Period: period}
}

func TestAssessMonthlyConversion(t *testing.T) {
	tests := []struct {
		name   string
		items  Statement
		income string // monthly
	}{
		{"weekly × 52 ÷ 12", Statement{item(GroupIncome, "wages", "300", Weekly)}, "1300.00"},
		{"fortnightly × 26 ÷ 12, half-up", Statement{item(GroupIncome, "wages", "500", Fortnightly)}, "1083.33"},
		{"four-weekly × 13 ÷ 12, half-up", Statement{item(GroupIncome, "benefits", "400", FourWeekly)}, "433.33"},
		{"monthly as it is", Statement{item(GroupIncome, "uc", "812.47", Monthly)}, "812.47"},
		{"a half penny rounds up at the total", Statement{item(GroupIncome, "wages", "0.03", Fortnightly)}, "0.07"}, // 0.065
		{"rounded once at the group total, not line by line", Statement{
			item(GroupIncome, "wages", "1.01", Weekly), item(GroupIncome, "pensions", "1.01", Weekly), item(GroupIncome, "other-income", "1.01", Weekly),
		}, "13.13"}, // each line 4.3766… would round to 4.38 and add to 13.14
		{"a mixed income", Statement{
			item(GroupIncome, "wages", "250", Weekly), item(GroupIncome, "benefits", "96.25", Fortnightly), item(GroupIncome, "uc", "400", Monthly),
		}, "1691.88"}, // 1083.333 + 208.541 + 400 = 1691.875
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Assess(tt.items, DefaultAffordability)
			if err != nil {
				t.Fatal(err)
			}
			if a.Income.String() != tt.income {
				t.Fatalf("monthly income %s, want %s", a.Income, tt.income)
			}
		})
	}
}

func TestAssessRentFreeWeeks(t *testing.T) {
	rent := Item{Group: GroupPriority, Name: "rent", Amount: money("110"), Period: Weekly, RentFreeWeeks: 4}
	a, err := Assess(Statement{rent}, DefaultAffordability)
	if err != nil {
		t.Fatal(err)
	}
	// Fact sheet vector: £110 a week with 4 rent-free weeks is £440.00 a month.
	if a.Priority.String() != "440.00" {
		t.Fatalf("rent with 4 rent-free weeks = %s a month, want 440.00", a.Priority)
	}
	rent.Period, rent.Amount, rent.RentFreeWeeks = Fortnightly, money("220"), 2
	if a, _ = Assess(Statement{rent}, DefaultAffordability); a.Priority.String() != "458.33" {
		t.Fatalf("£220 a fortnight with 2 rent-free weeks = %s a month, want 458.33 (220 ÷ 2 × 50 ÷ 12)", a.Priority)
	}
}

func TestAssessSuggestions(t *testing.T) {
	household := Statement{
		item(GroupIncome, "uc", "1200", Monthly),
		item(GroupPriority, "rent", "110", Weekly), // 476.67
		item(GroupPriority, "council-tax", "100", Monthly),
		item(GroupPriority, "energy", "120", Monthly),
		item(GroupEssential, "food", "300", Monthly),
		item(GroupEssential, "phone", "30", Monthly),
		item(GroupOtherDebts, "loans", "50", Monthly),
	}
	type sugg struct{ weekly, fortnightly, fourWeekly, monthly string }
	tests := []struct {
		name       string
		items      Statement
		policy     AffordabilityPolicy
		outgoings  string
		surplus    string
		want       sugg
		atMinimum  bool
		reasonSays string
	}{
		{"half the surplus by default, rounded down at every frequency", household, DefaultAffordability,
			"1076.67", "123.33", sugg{"14.23", "28.46", "56.92", "61.66"}, false,
			"£123.33 a month left over: 50% of it is £61.66 a month (£14.23 a week)"},
		{"the share is a policy parameter", household, AffordabilityPolicy{SharePercent: 100, MinimumWeekly: domain.Pounds(1)},
			"1076.67", "123.33", sugg{"28.46", "56.92", "113.84", "123.33"}, false,
			"100% of it is £123.33 a month"},
		{"a deficit is said plainly and the minimum suggested", append(Statement{item(GroupEssential, "childcare", "200", Monthly)}, household...), DefaultAffordability,
			"1276.67", "-76.67", sugg{"1.00", "2.00", "4.00", "4.33"}, true,
			"a deficit: outgoings are £76.67 a month more than income"},
		{"a surplus whose share is under the minimum gets the minimum", Statement{
			item(GroupIncome, "wages", "1000", Monthly), item(GroupEssential, "food", "994", Monthly), item(GroupOtherDebts, "cards", "0", Monthly),
		}, DefaultAffordability, "994.00", "6.00", sugg{"1.00", "2.00", "4.00", "4.33"}, true,
			"£6.00 a month left over: 50% of it is under the £1.00 a week minimum, so suggest the minimum"},
		{"other debts are named when the minimum is suggested: rent arrears rank ahead", Statement{
			item(GroupIncome, "wages", "1000", Monthly), item(GroupEssential, "food", "900", Monthly), item(GroupOtherDebts, "cards", "100", Monthly),
		}, DefaultAffordability, "1000.00", "0.00", sugg{"1.00", "2.00", "4.00", "4.33"}, true,
			"nothing left over each month — suggest the £1.00 a week minimum and refer for money advice and a benefits check; rent arrears rank ahead of the £100.00 a month going to other debts"},
		{"the minimum is a policy parameter", Statement{item(GroupIncome, "wages", "10", Monthly)}, AffordabilityPolicy{SharePercent: 50, MinimumWeekly: money("2.50")},
			"0.00", "10.00", sugg{"2.50", "5.00", "10.00", "10.83"}, true, "under the £2.50 a week minimum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Assess(tt.items, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			if a.Outgoings.String() != tt.outgoings || a.Surplus.String() != tt.surplus {
				t.Fatalf("outgoings %s surplus %s, want %s %s", a.Outgoings, a.Surplus, tt.outgoings, tt.surplus)
			}
			if !a.Outgoings.Equal(a.Priority.Add(a.Essential).Add(a.OtherDebts)) || !a.Surplus.Equal(a.Income.Sub(a.Outgoings)) {
				t.Fatalf("the figures do not add up: %+v", a)
			}
			got := sugg{a.Suggested(Weekly).Amount.String(), a.Suggested(Fortnightly).Amount.String(),
				a.Suggested(FourWeekly).Amount.String(), a.Suggested(Monthly).Amount.String()}
			if got != tt.want {
				t.Fatalf("suggestions %+v, want %+v", got, tt.want)
			}
			if a.Suggested(Weekly).AtMinimum != tt.atMinimum {
				t.Errorf("AtMinimum %v, want %v", a.Suggested(Weekly).AtMinimum, tt.atMinimum)
			}
			if len(a.Suggestions) != len(Frequencies) {
				t.Errorf("%d suggestions, want one per frequency", len(a.Suggestions))
			}
			if !strings.Contains(a.Reason, tt.reasonSays) {
				t.Errorf("reason %q does not say %q", a.Reason, tt.reasonSays)
			}
		})
	}
	if a, _ := Assess(household, DefaultAffordability); a.Priority.String() != "696.67" || a.Essential.String() != "330.00" || a.OtherDebts.String() != "50.00" {
		t.Errorf("groups %s %s %s, want 696.67 330.00 50.00", a.Priority, a.Essential, a.OtherDebts)
	}
}

func TestAssessRefusals(t *testing.T) {
	tests := []struct {
		name    string
		items   Statement
		policy  AffordabilityPolicy
		refusal string
	}{
		{"a negative amount is refused", Statement{item(GroupPriority, "Council Tax", "-5", Monthly)}, DefaultAffordability,
			"line 1 (Council Tax): -£5.00 is negative"},
		{"an unknown group is refused", Statement{item(Group("luxuries"), "holiday", "5", Monthly)}, DefaultAffordability, `"luxuries" is not one of`},
		{"an unknown period is refused", Statement{item(GroupIncome, "wages", "5", Frequency("yearly"))}, DefaultAffordability, `"yearly" is not one of`},
		{"rent-free weeks on a monthly amount are refused", Statement{{Group: GroupPriority, Name: "rent", Amount: money("400"), Period: Monthly, RentFreeWeeks: 2}},
			DefaultAffordability, "a monthly amount already covers the whole year"},
		{"more than 4 rent-free weeks are refused", Statement{{Group: GroupPriority, Name: "rent", Amount: money("100"), Period: Weekly, RentFreeWeeks: 5}},
			DefaultAffordability, "outside 0–4"},
		{"a share of 0% is refused", nil, AffordabilityPolicy{SharePercent: 0, MinimumWeekly: domain.Pounds(1)}, "0% is outside 1–100%"},
		{"a share over 100% is refused", nil, AffordabilityPolicy{SharePercent: 101, MinimumWeekly: domain.Pounds(1)}, "101% is outside 1–100%"},
		{"a negative minimum is refused", nil, AffordabilityPolicy{SharePercent: 50, MinimumWeekly: money("-1")}, "must be £0.00 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assess(tt.items, tt.policy)
			if err == nil || !domain.IsValidation(err) || !strings.Contains(err.Error(), tt.refusal) {
				t.Fatalf("Assess error %v, want a ValidationError saying %q", err, tt.refusal)
			}
		})
	}
}

func TestToMonthlyAndBack(t *testing.T) {
	tests := []struct {
		name     string
		amount   string
		period   Frequency
		rentFree int
		monthly  string
	}{
		{"weekly × 52 ÷ 12 (fact sheet: £110 → £476.67)", "110", Weekly, 0, "476.67"},
		{"weekly with 4 rent-free weeks × 48 ÷ 12", "110", Weekly, 4, "440.00"},
		{"weekly with 2 rent-free weeks × 50 ÷ 12", "120", Weekly, 2, "500.00"},
		{"fortnightly × 26 ÷ 12", "500", Fortnightly, 0, "1083.33"},
		{"four-weekly × 13 ÷ 12", "400", FourWeekly, 0, "433.33"},
		{"monthly as it is, rent-free weeks ignored", "400", Monthly, 4, "400.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToMonthly(money(tt.amount), tt.period, tt.rentFree)
			if got.String() != tt.monthly {
				t.Fatalf("ToMonthly = %s, want %s", got, tt.monthly)
			}
			if back := FromMonthly(got, tt.period, tt.rentFree); back.String() != money(tt.amount).String() {
				t.Fatalf("FromMonthly(%s) = %s, want %s back", got, back, tt.amount)
			}
		})
	}
}

func TestChargeLine(t *testing.T) {
	tests := []struct {
		name       string
		weekly     string
		instalment string
		f          Frequency
		rentFree   int
		want       string
	}{
		{"weekly", "120", "10", Weekly, 0, "£120.00 rent + £10.00 arrears = £130.00 a week"},
		{"fortnightly: two weeks' rent", "120", "20", Fortnightly, 0, "£240.00 rent + £20.00 arrears = £260.00 per fortnight"},
		{"four-weekly: four weeks' rent", "120", "40", FourWeekly, 0, "£480.00 rent + £40.00 arrears = £520.00 per 4 weeks"},
		{"monthly: rent × 52 ÷ 12", "120", "43.33", Monthly, 0, "£520.00 rent + £43.33 arrears = £563.33 a month"},
		{"monthly with 2 rent-free weeks: rent × 50 ÷ 12", "120", "43.33", Monthly, 2, "£500.00 rent + £43.33 arrears = £543.33 a month"},
		{"thousands are separated", "1200", "10", Monthly, 0, "£5,200.00 rent + £10.00 arrears = £5,210.00 a month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChargeLine(money(tt.weekly), money(tt.instalment), tt.f, tt.rentFree); got != tt.want {
				t.Fatalf("ChargeLine = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadingsCoverEveryGroup(t *testing.T) {
	seen := map[Group]bool{}
	names := map[string]bool{}
	for _, h := range Headings {
		if groupIndex(h.Group) < 0 || h.Label == "" || names[h.Name] {
			t.Fatalf("bad or repeated heading %+v", h)
		}
		seen[h.Group], names[h.Name] = true, true
	}
	for _, g := range Groups {
		if !seen[g] || g.Label() == string(g) {
			t.Errorf("group %s has no headings or no label", g)
		}
	}
}

// TestAssessRoundsOnce: the surplus and the suggestion come from the exact
// sums, not from group totals already rounded (RULES.md "Round money once").
func TestAssessRoundsOnce(t *testing.T) {
	s := Statement{
		item(GroupIncome, "wages", "10.01", Weekly),    // 43.3766… → 43.38 shown
		item(GroupPriority, "water", "0.01", Weekly),   // 0.0433… → 0.04 shown
		item(GroupEssential, "travel", "0.01", Weekly), // 0.0433… → 0.04 shown
	}
	a, err := Assess(s, DefaultAffordability)
	if err != nil {
		t.Fatal(err)
	}
	// Exact: 9.99 × 52 ÷ 12 = 43.29; from the rounded totals it would be 43.30.
	if a.Income.String() != "43.38" || a.Outgoings.String() != "0.09" || a.Surplus.String() != "43.29" {
		t.Fatalf("income %s outgoings %s surplus %s, want 43.38, 0.09, 43.29", a.Income, a.Outgoings, a.Surplus)
	}
	// Half of 43.29 is 21.645 → 21.64 (rounded down once); half of 43.30 would be 21.65.
	if got := a.Suggested(Monthly).Amount.String(); got != "21.64" {
		t.Fatalf("monthly suggestion %s, want 21.64", got)
	}
	// Weekly: 43.29 × 12 × 50% ÷ 52 = 4.995 → 4.99.
	if got := a.Suggested(Weekly).Amount.String(); got != "4.99" {
		t.Fatalf("weekly suggestion %s, want 4.99", got)
	}
}
