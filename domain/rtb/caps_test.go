package rtb

import (
	"errors"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestCapInForceOnTheRTB1Date(t *testing.T) {
	tests := []struct {
		name      string
		received  domain.Date
		region    Region
		authority string
		cap       string
		confirmed bool
		area      string
	}{
		{"SI 2024/1073 from 21 Nov 2024", day(2024, time.November, 21), NorthWest, "", "26000.00", true, "North West"},
		{"the day before: the last uprated cap", day(2024, time.November, 20), NorthWest, "", "102400.00", true, "England (RTB1s served Sat 6 Apr 2024 to Wed 20 Nov 2024)"},
		{"London the day before: £136,400", day(2024, time.November, 20), London, "Havering", "136400.00", true, "London (RTB1s served"},
		{"Havering from 21 Nov 2024: its own cap", day(2024, time.November, 21), London, "London Borough of Havering", "38000.00", true, "Havering"},
		{"6 Apr 2024 starts the £102,400 period", day(2024, time.April, 6), SouthWest, "", "102400.00", true, "England"},
		{"5 Apr 2024 is still under the 2023 cap (unconfirmed)", day(2024, time.April, 5), SouthWest, "", "96000.00", false, "England (RTB1s served Thu 6 Apr 2023 to Fri 5 Apr 2024)"},
		{"London on 6 Apr 2020: £112,300", day(2020, time.April, 6), London, "", "112300.00", false, "London"},
		{"London on 5 Apr 2020: the 2019 cap £110,500", day(2020, time.April, 5), London, "", "110500.00", false, "London"},
		{"London before 25 Mar 2013: £75,000 like everywhere", day(2013, time.March, 24), London, "", "75000.00", false, "London"},
		{"London from 25 Mar 2013: £100,000", day(2013, time.March, 25), London, "", "100000.00", false, "London"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, area, err := DefaultCaps().CapFor(tt.received, tt.region, tt.authority)
			if err != nil {
				t.Fatal(err)
			}
			if row.Cap.String() != tt.cap || row.Confirmed != tt.confirmed || !strings.Contains(area, tt.area) {
				t.Fatalf("cap %s confirmed %v area %q; want %s %v %q", row.Cap, row.Confirmed, area, tt.cap, tt.confirmed, tt.area)
			}
			if row.Source == "" || (!row.Confirmed && row.Note == "") {
				t.Fatalf("row without its source or note: %+v", row)
			}
		})
	}
	if _, _, err := DefaultCaps().CapFor(day(2012, time.April, 1), NorthWest, ""); err == nil || !strings.Contains(err.Error(), "caseload rtb caps load") {
		t.Fatalf("a date before the table: %v", err)
	}
}

func TestDiscountWithADatedCap(t *testing.T) {
	claim := DiscountClaim{Value: domain.Pounds(400_000), Years: 30, Property: House, Region: NorthWest, Received: day(2023, time.June, 1)}
	tests := []struct {
		name     string
		previous int64
		discount string
		reason   []string
	}{
		{"the earlier discount first, then the cap that does not bite", 150_000, "90000.00",
			[]string{"less earlier discounts of £150,000.00 (s130) = £90,000.00", "within the England", "cap of £96,000.00 (s131)", "UNCONFIRMED"}},
		{"the earlier discount first, then the cap that bites", 100_000, "96000.00",
			[]string{"less earlier discounts of £100,000.00 (s130) = £140,000.00", "limited to the England", "cap of £96,000.00 (s131)", "UNCONFIRMED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := claim
			c.PreviousDiscount = domain.Pounds(tt.previous)
			d, err := CalculateDiscount(c)
			if err != nil {
				t.Fatal(err)
			}
			if d.Discount.String() != tt.discount || d.CapConfirmed {
				t.Fatalf("discount %s confirmed %v, want %s unconfirmed", d.Discount, d.CapConfirmed, tt.discount)
			}
			for _, w := range tt.reason {
				if !strings.Contains(d.Reason, w) {
					t.Fatalf("working %q lacks %q", d.Reason, w)
				}
			}
			if strings.Index(d.Reason, "(s130)") > strings.Index(d.Reason, "(s131)") {
				t.Fatalf("the cap came before the earlier discount: %s", d.Reason)
			}
		})
	}
	// A confirmed cap says nothing about confirmation.
	c := claim
	c.Received = day(2024, time.November, 20)
	if d, err := CalculateDiscount(c); err != nil || strings.Contains(d.Reason, "UNCONFIRMED") || d.Cap.String() != "102400.00" {
		t.Fatalf("confirmed cap: %+v %v", d, err)
	}
}

func TestCorrectedCapsTable(t *testing.T) {
	// The council corrects the 2023 cap: its own table is used, confirmed.
	rows := append([]CapRow(nil), DefaultCaps().Rows()...)
	for i, r := range rows {
		if r.Region == AllRegions && r.From.Equal(day(2023, time.April, 6)) {
			rows[i].Cap, rows[i].Confirmed, rows[i].Note, rows[i].Source = domain.Pounds(95_900), true, "", "the order, checked by the council"
		}
	}
	caps, err := NewCaps(rows)
	if err != nil {
		t.Fatal(err)
	}
	d, err := CalculateDiscount(DiscountClaim{Value: domain.Pounds(400_000), Years: 30, Property: House, Region: NorthWest,
		Received: day(2023, time.June, 1), Caps: caps})
	if err != nil || d.Discount.String() != "95900.00" || !d.CapConfirmed || strings.Contains(d.Reason, "UNCONFIRMED") {
		t.Fatalf("corrected cap not used: %+v %v", d, err)
	}
}

func TestNewCapsRefuses(t *testing.T) {
	base := func() []CapRow { return append([]CapRow(nil), DefaultCaps().Rows()[:3]...) }
	tests := []struct {
		name string
		edit func([]CapRow) []CapRow
		row  int
		want string
	}{
		{"no source", func(r []CapRow) []CapRow { r[1].Source = ""; return r }, 1, "source"},
		{"an unconfirmed cap with no note", func(r []CapRow) []CapRow { r[2].Confirmed = false; return r }, 2, "note"},
		{"a cap of nothing", func(r []CapRow) []CapRow { r[0].Cap = domain.Zero; return r }, 0, "cap"},
		{"an unknown region", func(r []CapRow) []CapRow { r[0].Region = "wales"; return r }, 0, "region"},
		{"two caps for one region at once", func(r []CapRow) []CapRow { return append(r, r[1]) }, 3, "overlaps row 2"},
		{"a council in two regions", func(r []CapRow) []CapRow {
			a := CapRow{From: day(2030, time.January, 1), Region: East, Authority: "Testborough", Cap: domain.Pounds(16_000), Confirmed: true, Source: "x"}
			b := a
			b.Region, b.From = NorthWest, day(2031, time.January, 1)
			return append(r, a, b)
		}, 4, "Testborough is in East of England on row 4"},
		{"a council's cap with no region", func(r []CapRow) []CapRow { r[0].Region, r[0].Authority = AllRegions, "Watford"; return r }, 0, "authority"},
		{"an end before the start", func(r []CapRow) []CapRow { r[0].To = r[0].From.AddDays(-1); return r }, 0, "to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCaps(tt.edit(base()))
			var re *domain.RowError
			if !errors.As(err, &re) || re.Row != tt.row || !domain.IsValidation(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewCaps error %v, want row %d saying %q", err, tt.row+1, tt.want)
			}
		})
	}
	if _, err := NewCaps(shippedCaps); err != nil {
		t.Fatalf("the shipped caps fail their own checks: %v", err)
	}
}

func TestCapRowRoundTrip(t *testing.T) {
	for _, r := range shippedCaps {
		row := map[string]string{}
		for i, f := range r.Fields() {
			row[CapColumns[i]] = f
		}
		got, err := ParseCapRow(row)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Fields(), "|") != strings.Join(r.Fields(), "|") {
			t.Fatalf("round trip changed %v into %v", r.Fields(), got.Fields())
		}
	}
}
