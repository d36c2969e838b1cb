package rtb

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The discount calculator is pure: it reads nothing and writes nothing.
// Its answer is worked out as the officer types, so the figures are on
// screen before the form is even finished.

// discountRun is one run of the calculator.
type discountRun struct {
	// caseID is the claim it was run for ("" without one).
	caseID string
	result rtb.Discount
	// err says what is missing or wrong; done is true once there is an
	// answer or a reason there is none.
	err  error
	done bool
}

// summary is the run's answer in one line.
func (r discountRun) summary() string {
	switch {
	case !r.done:
		return ""
	case r.err != nil:
		return "No discount yet: " + r.err.Error()
	case !r.result.Eligible:
		return fmt.Sprintf("No right to buy: under the qualifying period. Price %s.", r.result.Price.Human())
	}
	d := r.result
	unconfirmed := ""
	if !d.CapConfirmed {
		unconfirmed = ", UNCONFIRMED"
	}
	return fmt.Sprintf("Discount %d%%: %s (cap %s, %s%s); price %s.", d.Percent, d.Discount.Human(), d.Cap.Human(), d.CapArea, unconfirmed, d.Price.Human())
}

// caps are the discount caps in force (the shipped table when the pane
// has no database).
func (m Model) caps() rtb.Caps {
	if m.ctx.Store == nil {
		return rtb.DefaultCaps()
	}
	return m.ctx.Store.RTBCaps()
}

// runDiscount works the discount out from the form's values, with the cap
// in force on the RTB1 date.
func runDiscount(caps rtb.Caps, v form.Values) discountRun {
	out := discountRun{done: true}
	c, err := discountClaimOf(v)
	if err != nil {
		out.err = err
		return out
	}
	c.Caps = caps
	out.result, out.err = rtb.CalculateDiscount(c)
	return out
}

func discountClaimOf(v form.Values) (rtb.DiscountClaim, error) {
	c := rtb.DiscountClaim{Property: rtb.Property(v["property"]), Region: rtb.Region(v["region"]), Authority: strings.TrimSpace(v["authority"])}
	var err error
	if c.Value, err = domain.ParseMoney(v["value"]); err != nil {
		return c, fmt.Errorf("value: %v", err)
	}
	if c.Years, err = strconv.Atoi(v["years"]); err != nil {
		return c, fmt.Errorf("years: give the complete years as a whole number")
	}
	if c.Received, err = domain.ParseDate(v["received"]); err != nil {
		return c, fmt.Errorf("RTB1 received: %v", err)
	}
	if p := v["previous"]; p != "" {
		if c.PreviousDiscount, err = domain.ParseMoney(p); err != nil {
			return c, fmt.Errorf("earlier discounts: %v", err)
		}
	}
	return c, nil
}

func moneyField(key, label, value, hint string, optional bool) form.Field {
	return form.Field{Key: key, Label: label, Value: value, Placeholder: "pounds, e.g. 185000", Hint: hint, Validate: func(v string) error {
		if v == "" {
			if optional {
				return nil
			}
			return fmt.Errorf("give an amount in pounds")
		}
		m, err := domain.ParseMoney(v)
		if err != nil {
			return err
		}
		if m.IsNegative() || (!optional && m.IsZero()) {
			return fmt.Errorf("give an amount above £0.00")
		}
		return nil
	}}
}

// openDiscountForm opens the calculator, filled in from the claim where
// it can be: its property, its RTB1 date, and the years since the tenancy
// began (a first estimate; years with other landlords are added by hand).
func (m Model) openDiscountForm(c store.RTBCase) (Model, tea.Cmd) {
	f := c.Case.Facts()
	received, property, years := m.ctx.Today, rtb.House, ""
	if c.ID != "" {
		received, property = f.Received, f.Property
		if !c.TenancyStart.IsZero() {
			years = strconv.Itoa(rtb.CompleteYears(c.TenancyStart, f.Received))
		}
	}
	region := m.region
	if region == "" {
		region = string(rtb.Regions[0])
	}
	regions := make([]string, len(rtb.Regions))
	for i, r := range rtb.Regions {
		regions[i] = string(r)
	}
	title := "Discount calculator (nothing is saved)"
	if c.ID != "" {
		title = "Discount for " + c.Ref + " " + c.Name + " (nothing is saved)"
	}
	fm := form.New(formDiscount, title, m.ctx.Styles, []form.Field{
		moneyField("value", "Value", "", "open-market value at the RTB1 date (s127)", false),
		{Key: "years", Label: "Years", Value: years, Placeholder: "complete years", Hint: "any public landlord; prefilled from this tenancy",
			Validate: func(v string) error {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					return fmt.Errorf("give the complete years as a whole number")
				}
				return nil
			}},
		{Key: "property", Label: "Property", Choices: []string{string(rtb.House), string(rtb.Flat)}, Value: string(property)},
		{Key: "region", Label: "Region", Choices: regions, Value: region, Hint: "←/→: the council's region (it sets the cash cap)"},
		{Key: "authority", Label: "Council", Value: m.authority, Placeholder: "only where its cap differs, e.g. Havering, Watford"},
		dateField("received", "RTB1 received", received.String(), "fixes the cap: the one in force on that date", false, nil),
		moneyField("previous", "Earlier discounts", "", "any earlier RTB discount, deducted in full (s130)", true),
	}, nil)
	m, cmd := m.openForm(formDiscount, c, fm)
	m.calc = runDiscount(m.caps(), fm.Values())
	return m, cmd
}

// discountView is the calculator's live answer under its form.
func (m Model) discountView() string {
	s := m.ctx.Styles
	r := m.calc
	if !r.done {
		return ""
	}
	if r.err != nil {
		return s.Muted.Render(common.Truncate(r.summary(), m.width))
	}
	lines := []string{s.Title.Render(common.Truncate(r.summary(), m.width))}
	reason := common.WrapIndent("", r.result.Reason, m.width)
	if n := max(m.height/8, 1); len(reason) > n {
		reason = append(reason[:n-1], common.Truncate(strings.Join(reason[n-1:], " "), m.width))
	}
	return strings.Join(append(lines, reason...), "\n")
}
