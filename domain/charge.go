package domain

import (
	"slices"
	"sort"
	"strings"
)

// ChargeComponent is one part of the weekly debit, effective from a date
// until another entry for the same component replaces it. Cancelling a
// service is an entry of £0.00 from the cancellation date: the history of
// charges is kept, never edited.
type ChargeComponent struct {
	Component string // rent, service, water, heating, garage, insurance, care, garden, other
	Weekly    Money
	From      Date
}

// Components are the named charge components.
var Components = componentsArray[:]

var componentsArray = [...]string{"rent", "service", "water", "heating", "garage", "insurance", "care", "garden", "other"}

// ComponentLabel is the officer's word for a component.
func ComponentLabel(c string) string {
	switch c {
	case "rent":
		return "Rent"
	case "service":
		return "Service charge"
	case "water":
		return "Water"
	case "heating":
		return "Heating"
	case "garage":
		return "Garage"
	case "insurance":
		return "Home contents insurance"
	case "care":
		return "Community alarm / care"
	case "garden":
		return "Garden maintenance"
	case "other":
		return "Other"
	}
	return strings.ToUpper(c[:1]) + c[1:]
}

// ParseComponent reads a component name.
func ParseComponent(s string) (string, error) {
	for _, c := range Components {
		if c == s {
			return c, nil
		}
	}
	return "", Invalid("component", "%q is not one of %s", s, strings.Join(Components, ", "))
}

// ChargesOn returns, for each component, the entry in force on d (the latest
// entry from on or before d), leaving out components at £0.00, in the order
// of Components.
func ChargesOn(cs []ChargeComponent, d Date) []ChargeComponent {
	var buf [len(componentsArray)]int
	var out []ChargeComponent
	for _, i := range InForce(buf[:0], cs, d) {
		if !cs[i].Weekly.IsZero() {
			out = append(out, cs[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return componentOrder(out[i].Component) < componentOrder(out[j].Component) })
	return out
}

func componentOrder(c string) int {
	for i, n := range Components {
		if n == c {
			return i
		}
	}
	return len(Components)
}

// WeeklyCharge is the weekly debit on d: the sum of the components in force.
func WeeklyCharge(cs []ChargeComponent, d Date) Money {
	var buf [len(componentsArray)]int
	total := Zero
	for _, i := range InForce(buf[:0], cs, d) {
		if !cs[i].Weekly.IsZero() {
			total = total.Add(cs[i].Weekly)
		}
	}
	return total
}

// InForce appends to dst the index in cs of each component's entry in
// force on d, as ChargesOn picks them (the latest from on or before d; of
// two from the same day, the later in cs), in no particular order. It
// reads only the components and dates: a caseload picks each account's
// entries before it makes their amounts.
func InForce(dst []int, cs []ChargeComponent, d Date) []int {
	start := len(dst)
	for i := range cs {
		c := &cs[i]
		if c.From.After(d) {
			continue
		}
		j := slices.IndexFunc(dst[start:], func(k int) bool { return cs[k].Component == c.Component })
		switch {
		case j < 0:
			dst = append(dst, i)
		case !c.From.Before(cs[dst[start+j]].From):
			dst[start+j] = i
		}
	}
	return dst
}

// WeekCharge is what the rent run debits for the rent week starting monday.
//
// The rule: nothing in a rent-free week; otherwise the weekly charge in force
// on the first day of the week the account is live, times the number of
// days of the week inside [start, end] (end zero = open) divided by 7,
// rounded half-up to the penny. A whole week is the weekly charge exactly.
// days is the number of days charged (0–7).
func WeekCharge(cs []ChargeComponent, monday, start, end Date, rentFreeWeeks int) (amount Money, days int) {
	monday = RentWeekStart(monday)
	if IsRentFreeWeek(monday, rentFreeWeeks) {
		return Zero, 0
	}
	first := Date{}
	for i := 0; i < 7; i++ {
		d := monday.AddDays(i)
		if d.Before(start) || (!end.IsZero() && d.After(end)) {
			continue
		}
		if first.IsZero() {
			first = d
		}
		days++
	}
	if days == 0 {
		return Zero, 0
	}
	weekly := WeeklyCharge(cs, first)
	if days == 7 {
		return weekly, 7
	}
	return ProRata(weekly, int64(days), 7), days
}
