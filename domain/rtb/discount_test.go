package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestCalculateDiscount(t *testing.T) {
	after := day(2025, time.March, 3) // under SI 2024/1073
	tests := []struct {
		name     string
		claim    DiscountClaim
		eligible bool
		percent  int
		discount string
		cap      string
		price    string
		reason   []string
	}{
		// Fact sheet §1 vector 5, (a)–(f).
		{"(a) house, 12 years, North West: 42% capped at £26,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: after},
			true, 42, "26000.00", "26000.00", "174000.00", []string{"35% + 7%", "£84,000.00", "limited to the North West cap of £26,000.00"}},
		{"(b) flat, 8 years, Southwark: 56% capped at the London £16,000",
			DiscountClaim{Value: domain.Pounds(300_000), Years: 8, Property: Flat, Region: London, Authority: "Southwark", Received: after},
			true, 56, "16000.00", "16000.00", "284000.00", []string{"50% + 6%", "£168,000.00", "London cap"}},
		{"(c) flat as (b) in Havering: £38,000",
			DiscountClaim{Value: domain.Pounds(300_000), Years: 8, Property: Flat, Region: London, Authority: "Havering", Received: after},
			true, 56, "38000.00", "38000.00", "262000.00", []string{"Havering cap of £38,000.00"}},
		{"(d) flat, 21 years, North East: 82% limited to 70%, capped at £22,000",
			DiscountClaim{Value: domain.Pounds(90_000), Years: 21, Property: Flat, Region: NorthEast, Received: after},
			true, 70, "22000.00", "22000.00", "68000.00", []string{"= 82%, limited to 70%", "£63,000.00"}},
		{"(e) house, 2 years 11 months: no right to buy",
			DiscountClaim{Value: domain.Pounds(150_000), Years: CompleteYears(day(2022, time.April, 3), after), Property: House, Region: NorthWest, Received: after},
			false, 0, "0.00", "26000.00", "150000.00", []string{"2 years", "3-year qualifying period", "RTB2 must deny"}},
		{"(f) house, RTB1 served Wed 20 Nov 2024: the old £102,400 cap, not £26,000",
			DiscountClaim{Value: domain.Pounds(400_000), Years: 30, Property: House, Region: NorthWest, Received: day(2024, time.November, 20)},
			true, 60, "102400.00", "102400.00", "297600.00", []string{"before 21 Nov 2024"}},

		// The percentage scale.
		{"house at 3 years gets 35%",
			DiscountClaim{Value: domain.Pounds(50_000), Years: 3, Property: House, Region: SouthEast, Received: after},
			true, 35, "17500.00", "38000.00", "32500.00", []string{"within the South East cap"}},
		{"house at 5 years still gets 35%",
			DiscountClaim{Value: domain.Pounds(50_000), Years: 5, Property: House, Region: SouthEast, Received: after},
			true, 35, "17500.00", "38000.00", "32500.00", nil},
		{"house gains 1% for the sixth year",
			DiscountClaim{Value: domain.Pounds(50_000), Years: 6, Property: House, Region: SouthEast, Received: after},
			true, 36, "18000.00", "38000.00", "32000.00", nil},
		{"flat gains 2% a year over 5",
			DiscountClaim{Value: domain.Pounds(50_000), Years: 7, Property: Flat, Region: SouthEast, Received: after},
			true, 54, "27000.00", "38000.00", "23000.00", nil},
		{"house reaches the 70% limit after 40 years",
			DiscountClaim{Value: domain.Pounds(20_000), Years: 45, Property: House, Region: SouthWest, Received: after},
			true, 70, "14000.00", "30000.00", "6000.00", []string{"= 75%, limited to 70%"}},
		{"a percentage of pence rounds down: the discount never exceeds it",
			DiscountClaim{Value: domain.MustMoney("30000.02"), Years: 3, Property: House, Region: SouthWest, Received: after},
			true, 35, "10500.00", "30000.00", "19500.02", nil}, // 10,500.007 down, not up

		// Caps by area.
		{"Watford takes £16,000 inside the East of England",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: East, Authority: "Watford Borough Council", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", []string{"Watford cap"}},
		{"the rest of the East of England takes £34,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: East, Authority: "Luton", Received: after},
			true, 40, "34000.00", "34000.00", "166000.00", []string{"East of England cap"}},
		{"Reigate & Banstead matches Reigate and Banstead",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "Reigate & Banstead", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"tonbridge-and-malling matches Tonbridge and Malling",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "tonbridge-and-malling", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"EPSOM & EWELL matches whatever the case",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "EPSOM & EWELL", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"Oxford City Council matches Oxford",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "Oxford City Council", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"Vale of White Horse District Council matches",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "Vale of White Horse District Council", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"West Berkshire, Hart and Reading take £16,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "west berkshire", Received: after},
			true, 40, "16000.00", "16000.00", "184000.00", nil},
		{"an unlisted South East council takes £38,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthEast, Authority: "Medway", Received: after},
			true, 40, "38000.00", "38000.00", "162000.00", []string{"South East cap"}},
		{"London Borough of Barking & Dagenham takes £38,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: Flat, Region: London, Authority: "London Borough of Barking & Dagenham", Received: after},
			true, 60, "38000.00", "38000.00", "162000.00", nil},
		{"Yorkshire and the Humber £24,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: YorkshireHumber, Received: after},
			true, 40, "24000.00", "24000.00", "176000.00", nil},
		{"East Midlands £24,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: EastMidlands, Received: after},
			true, 40, "24000.00", "24000.00", "176000.00", nil},
		{"West Midlands £26,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: WestMidlands, Received: after},
			true, 40, "26000.00", "26000.00", "174000.00", nil},
		{"South West £30,000",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 10, Property: House, Region: SouthWest, Received: after},
			true, 40, "30000.00", "30000.00", "170000.00", nil},

		// The dated rule sets.
		{"an RTB1 on 21 Nov 2024 itself takes the new caps",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: day(2024, time.November, 21)},
			true, 42, "26000.00", "26000.00", "174000.00", []string{"SI 2024/1073"}},
		{"an older London claim keeps the £136,400 cap",
			DiscountClaim{Value: domain.Pounds(500_000), Years: 20, Property: Flat, Region: London, Authority: "Havering", Received: day(2024, time.June, 3)},
			true, 70, "136400.00", "136400.00", "363600.00", []string{"London (RTB1s served Sat 6 Apr 2024 to Wed 20 Nov 2024) cap of £136,400.00"}},

		// Earlier discounts and the cost floor.
		{"an earlier discount is deducted before the cap limits the rest",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: after, PreviousDiscount: domain.Pounds(70_000)},
			true, 42, "14000.00", "26000.00", "186000.00", []string{"less earlier discounts of £70,000.00 (s130) = £14,000.00"}},
		{"an earlier discount larger than this one leaves nil",
			DiscountClaim{Value: domain.Pounds(100_000), Years: 3, Property: House, Region: NorthWest, Received: after, PreviousDiscount: domain.Pounds(50_000)},
			true, 35, "0.00", "26000.00", "100000.00", nil},
		{"the cost floor reduces the discount",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: after, CostFloor: domain.Pounds(190_000)},
			true, 42, "10000.00", "26000.00", "190000.00", []string{"cost floor of £190,000.00", "s131(1)"}},
		{"the cost floor above the value reduces the discount to nil",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: after, CostFloor: domain.Pounds(210_000)},
			true, 42, "0.00", "26000.00", "200000.00", nil},
		{"a low cost floor does not bite",
			DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: after, CostFloor: domain.Pounds(50_000)},
			true, 42, "26000.00", "26000.00", "174000.00", []string{"does not bite"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CalculateDiscount(tt.claim)
			if err != nil {
				t.Fatal(err)
			}
			if got.Eligible != tt.eligible || got.Percent != tt.percent || got.Discount.String() != tt.discount ||
				got.Cap.String() != tt.cap || got.Price.String() != tt.price {
				t.Fatalf("got eligible %v %d%% discount %s cap %s price %s; want %v %d%% %s %s %s\n%s",
					got.Eligible, got.Percent, got.Discount, got.Cap, got.Price, tt.eligible, tt.percent, tt.discount, tt.cap, tt.price, got.Reason)
			}
			if !got.Price.Add(got.Discount).Equal(tt.claim.Value) {
				t.Fatalf("price %s + discount %s is not the value %s", got.Price, got.Discount, tt.claim.Value)
			}
			for _, w := range tt.reason {
				if !strings.Contains(got.Reason, w) {
					t.Fatalf("reason %q does not mention %q", got.Reason, w)
				}
			}
		})
	}
}

func TestCalculateDiscountRefuses(t *testing.T) {
	ok := DiscountClaim{Value: domain.Pounds(200_000), Years: 12, Property: House, Region: NorthWest, Received: rtb1Received}
	tests := []struct {
		name  string
		edit  func(*DiscountClaim)
		field []string
	}{
		{"a value of nil", func(c *DiscountClaim) { c.Value = domain.Zero }, []string{"value"}},
		{"negative years", func(c *DiscountClaim) { c.Years = -1 }, []string{"years"}},
		{"a property that is neither house nor flat", func(c *DiscountClaim) { c.Property = "" }, []string{"property"}},
		{"an unknown region", func(c *DiscountClaim) { c.Region = "wales" }, []string{"region", "north-east"}},
		{"no RTB1 date", func(c *DiscountClaim) { c.Received = domain.Date{} }, []string{"received"}},
		{"a negative earlier discount", func(c *DiscountClaim) { c.PreviousDiscount = domain.Pounds(-1) }, []string{"previous_discount"}},
		{"a negative cost floor", func(c *DiscountClaim) { c.CostFloor = domain.Pounds(-1) }, []string{"cost_floor"}},
		{"Watford named with the London region", func(c *DiscountClaim) { c.Region, c.Authority = London, "Watford" }, []string{"authority", "Watford is in the East of England region, not London"}},
		{"Havering named with the South East region", func(c *DiscountClaim) { c.Region, c.Authority = SouthEast, "havering" }, []string{"Havering is in the London region"}},
		{"Reading named with the South West region", func(c *DiscountClaim) { c.Region, c.Authority = SouthWest, "Reading Borough Council" }, []string{"Reading is in the South East region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			_, err := CalculateDiscount(c)
			wantValidation(t, err, tt.field...)
		})
	}
}

func TestRegions(t *testing.T) {
	for _, r := range Regions {
		if got, err := ParseRegion(string(r)); err != nil || got != r {
			t.Fatalf("ParseRegion(%q) = %q, %v", r, got, err)
		}
		if r.Label() == string(r) {
			t.Fatalf("region %q has no label", r)
		}
		if row, _, err := DefaultCaps().CapFor(day(2024, time.November, 21), r, ""); err != nil || !row.Confirmed || row.Authority != "" {
			t.Fatalf("region %q has no confirmed 2024 cap: %v", r, err)
		}
	}
}

func TestCompleteYears(t *testing.T) {
	tests := []struct {
		name     string
		from, to domain.Date
		want     int
	}{
		{"2 years 11 months is 2 complete years", day(2022, time.April, 3), day(2025, time.March, 3), 2},
		{"a year is complete on its anniversary", day(2022, time.March, 3), day(2025, time.March, 3), 3},
		{"the day before the anniversary it is not", day(2022, time.March, 4), day(2025, time.March, 3), 2},
		{"a 29 February start completes its year on 28 February", day(2024, time.February, 29), day(2025, time.February, 28), 1},
		{"an earlier end is no years", day(2025, time.March, 3), day(2024, time.March, 3), 0},
		{"a missing date is no years", domain.Date{}, day(2024, time.March, 3), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompleteYears(tt.from, tt.to); got != tt.want {
				t.Fatalf("CompleteYears(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}
