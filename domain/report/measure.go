package report

import (
	"github.com/shopspring/decimal"

	"caseload/domain"
)

// Kind is what a measure counts.
type Kind string

// The kinds of measure.
const (
	KindMoney   Kind = "money"
	KindCount   Kind = "count"
	KindPercent Kind = "percent"
)

// Measure is one figure with the formula that made it. Formula is shown
// beside the figure on screen and in every file; Note says where a
// definition is not confirmed in the fact sheet (§5) and which reading is
// used.
type Measure struct {
	Key     string
	Label   string
	Kind    Kind
	Money   domain.Money
	Count   int
	Percent decimal.Decimal
	// Defined is false for a percentage whose denominator is zero.
	Defined bool
	Formula string
	Note    string
	// Accounts are the payment references behind a count or total, where
	// the figure is made of accounts (for drilling down).
	Accounts []string
}

// Value is the figure as files write it: money "1234.56", a count "12", a
// percentage to one decimal place "98.7", or "" when it is not defined.
func (m Measure) Value() string {
	switch m.Kind {
	case KindMoney:
		return m.Money.String()
	case KindCount:
		return decimal.NewFromInt(int64(m.Count)).String()
	}
	if !m.Defined {
		return ""
	}
	return m.Percent.StringFixed(1)
}

// Shown is the figure as an officer reads it: "£1,234.56", "12", "98.7%",
// "n/a".
func (m Measure) Shown() string {
	switch m.Kind {
	case KindMoney:
		return m.Money.Human()
	case KindPercent:
		if !m.Defined {
			return "n/a"
		}
		return m.Value() + "%"
	}
	return m.Value()
}

// Table is a group of measures, shown as one table and one sheet.
type Table struct {
	Key      string
	Title    string
	Measures []Measure
}

// Find returns the measure with the key.
func (t Table) Find(key string) (Measure, bool) {
	for _, m := range t.Measures {
		if m.Key == key {
			return m, true
		}
	}
	return Measure{}, false
}

func money(key, label string, v domain.Money, formula string) Measure {
	return Measure{Key: key, Label: label, Kind: KindMoney, Money: v, Defined: true, Formula: formula}
}

func count(key, label string, n int, formula string) Measure {
	return Measure{Key: key, Label: label, Kind: KindCount, Count: n, Defined: true, Formula: formula}
}

// percent is num ÷ den × 100 to one decimal place, half up; undefined when
// den is zero.
func percent(key, label string, num, den domain.Money, formula string) Measure {
	m := Measure{Key: key, Label: label, Kind: KindPercent, Formula: formula + " (to 1 decimal place, half up)"}
	if den.IsZero() {
		return m
	}
	m.Defined = true
	m.Percent = num.Decimal().Mul(decimal.NewFromInt(100)).DivRound(den.Decimal(), 1)
	return m
}

// percentOf is a percentage of two counts.
func percentOf(key, label string, num, den int, formula string) Measure {
	return percent(key, label, domain.Pence(int64(num)), domain.Pence(int64(den)), formula)
}
