package report

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestChangeWords(t *testing.T) {
	d := decimal.RequireFromString
	week := func(v string) Earlier { return Earlier{On: "last week", Value: d(v), Known: true} }
	year := func(v string) Earlier { return Earlier{On: "the same week last year", Value: d(v), Known: true} }
	noYear := Earlier{On: "the same week last year"}
	for _, tt := range []struct {
		name    string
		measure string
		unit    ChangeUnit
		now     string
		earlier []Earlier
		want    string
	}{
		{
			// 58,537.22 − 57,332.72 = 1,204.50; 1,204.50 ÷ 57,332.72 = 2.10…%.
			// 58,537.22 ÷ 60,976.27 = 0.9600…: down 4.0%.
			"arrears up on the week and down on the year", "arrears", ChangeMoney, "58537.22",
			[]Earlier{week("57332.72"), year("60976.27")},
			"arrears up £1,204.50 (2.1%) on last week; down 4.0% on the same week last year",
		},
		{
			"no figure a year ago says so", "arrears", ChangeMoney, "100.00",
			[]Earlier{week("110.00"), noYear},
			"arrears down £10.00 (9.1%) on last week; no figure for the same week last year",
		},
		{
			"the amount goes with the first comparison there is", "arrears", ChangeMoney, "100.00",
			[]Earlier{{On: "last week"}, year("80.00")},
			"arrears no figure for last week; up £20.00 (25.0%) on the same week last year",
		},
		{
			"nothing to compare with", "arrears", ChangeMoney, "100.00",
			nil,
			"arrears: nothing earlier to compare with",
		},
		{
			"the same figure is no change", "arrears", ChangeMoney, "100.00",
			[]Earlier{week("100.00")},
			"arrears no change on last week",
		},
		{
			"from zero has no percentage", "write-offs", ChangeMoney, "250.00",
			[]Earlier{week("0"), year("0")},
			"write-offs up £250.00 from nothing on last week; up £250.00 from nothing on the same week last year",
		},
		{
			// 0.01 ÷ 50,000.00 = 0.00002%: rounds to nothing, says so.
			"a penny on a large sum is under 0.1%", "arrears", ChangeMoney, "50000.01",
			[]Earlier{week("50000.00")},
			"arrears up £0.01 (under 0.1%) on last week",
		},
		{
			// 0.05% rounds half away from zero to 0.1%.
			"half a tenth rounds up", "arrears", ChangeMoney, "2001.00",
			[]Earlier{week("2000.00")},
			"arrears up £1.00 (0.1%) on last week",
		},
		{
			"a rate changes in points", "collection rate", ChangeRate, "97.25",
			[]Earlier{week("96.10"), year("98.25")},
			"collection rate up 1.2 points on last week; down 1.0 point on the same week last year",
		},
		{
			"a rate change under a twentieth of a point is no change", "collection rate", ChangeRate, "97.24",
			[]Earlier{week("97.20")},
			"collection rate no change on last week",
		},
		{
			"a count", "NOSPs served", ChangeCount, "9",
			[]Earlier{week("6"), year("12")},
			"NOSPs served up 3 (50.0%) on last week; down 25.0% on the same week last year",
		},
		{
			"a negative figure's percentage is of its size", "credits owed", ChangeMoney, "-120.00",
			[]Earlier{week("-100.00")},
			"credits owed down £20.00 (20.0%) on last week",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChangeWords(tt.measure, tt.unit, d(tt.now), tt.earlier...); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
