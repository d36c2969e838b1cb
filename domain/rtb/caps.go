package rtb

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"caseload/domain"
)

// CapRow is one row of the discount cash caps (s131): the cap for claims
// whose RTB1 was served from From to To (inclusive; a zero To is open), in
// a region or, where it differs, one council. The cap in force on the RTB1
// date applies to the whole claim (s122: the relevant time fixes the law).
// Rows not checked against the published order are unconfirmed and carry a
// note; a discount worked with one says so.
type CapRow struct {
	From, To domain.Date
	// Region is a region key, or AllRegions for every region without a
	// row of its own on the date.
	Region Region
	// Authority is a council whose cap differs from its region's ("" for
	// the whole region).
	Authority string
	Cap       domain.Money
	Confirmed bool
	Source    string
	Note      string
}

// AllRegions in a cap row covers every region without its own row.
const AllRegions Region = "all"

// Caps is the table of cash caps in force: the one shipped with caseload or
// the newest the council loaded (`caseload rtb caps load`).
type Caps struct {
	rows []CapRow
}

const (
	si2024     = "SI 2024/1073 (Housing (Right to Buy) (Limits on Discount) (England) Order 2024) art 2: https://www.legislation.gov.uk/uksi/2024/1073; gov.uk/right-to-buy-buying-your-council-home/discounts"
	capsBefore = "gov.uk/right-to-buy-buying-your-council-home/discounts (before 21 Nov 2024): £102,400 across England, £136,400 in London boroughs, uprated each April by CPI"
	uprated    = "not checked against the published order; "
)

// shippedCaps: the SI 2024/1073 caps from 21 Nov 2024 (confirmed), and the
// caps uprated each 6 April before them. Only the last of those is
// confirmed; the earlier ones come from council and solicitors' pages and,
// where none was read, from the CPI uprating rule (each year's cap is the
// year before's × (1 + September CPI), rounded down to £100), which
// reproduces every figure that was read.
var shippedCaps = func() []CapRow {
	d := domain.MustDate
	rows := []CapRow{}
	from := d(2024, time.November, 21)
	for _, r := range []struct {
		region Region
		cap    int64
	}{{NorthEast, 22_000}, {NorthWest, 26_000}, {YorkshireHumber, 24_000}, {EastMidlands, 24_000}, {WestMidlands, 26_000},
		{East, 34_000}, {SouthEast, 38_000}, {SouthWest, 30_000}, {London, 16_000}} {
		rows = append(rows, CapRow{From: from, Region: r.region, Cap: domain.Pounds(r.cap), Confirmed: true, Source: si2024})
	}
	for _, a := range []struct {
		name   string
		region Region
		cap    int64
	}{{"Watford", East, 16_000}, {"Reading", SouthEast, 16_000}, {"West Berkshire", SouthEast, 16_000}, {"Hart", SouthEast, 16_000},
		{"Oxford", SouthEast, 16_000}, {"Vale of White Horse", SouthEast, 16_000}, {"Tonbridge and Malling", SouthEast, 16_000},
		{"Epsom and Ewell", SouthEast, 16_000}, {"Reigate and Banstead", SouthEast, 16_000},
		{"Barking and Dagenham", London, 38_000}, {"Havering", London, 38_000}} {
		rows = append(rows, CapRow{From: from, Region: a.region, Authority: a.name, Cap: domain.Pounds(a.cap), Confirmed: true, Source: si2024})
	}
	// The uprated caps, newest first: England outside London, London.
	type period struct {
		from            domain.Date
		england, london int64
		confirmed       bool
		source, note    string
	}
	periods := []period{
		{d(2024, time.April, 6), 102_400, 136_400, true, capsBefore, ""},
		{d(2023, time.April, 6), 96_000, 127_900, false, "CPI uprating of the 2022 and 2024 caps", uprated + "from the uprating rule (Sept 2022 CPI 10.1%); no page read gives it"},
		{d(2022, time.April, 6), 87_200, 116_200, false, "CPI uprating of the 2021 cap", uprated + "from the uprating rule (Sept 2021 CPI 3.1%); no page read gives it"},
		{d(2021, time.April, 6), 84_600, 112_800, false, "CPI uprating of the 2020 cap", uprated + "from the uprating rule (Sept 2020 CPI 0.5%); no page read gives it"},
		{d(2020, time.April, 6), 84_200, 112_300, false, "https://www.newham.gov.uk/housing-homes-homelessness/right-buy-home/2 (applications served on or after 6 Apr 2020)", uprated + "a council page"},
		{d(2019, time.April, 6), 82_800, 110_500, false, "https://www.anthonycollins.com/newsroom/ebriefings/increasing-discounts-the-right-to-buy-preserved-right-to-buy-and-voluntary-right-to-buy-from-6-april-2019/", uprated + "a solicitors' briefing"},
		{d(2018, time.April, 6), 80_900, 108_000, false, "CPI uprating of the 2017 cap (Sept 2017 CPI 3.0%)", uprated + "London £108,000 from the uprating rule (it also reproduces 2019's £110,500); £108,100 was remembered, unsourced"},
		{d(2017, time.April, 6), 78_600, 104_900, false, "CPI uprating of the 2016 cap (Sept 2016 CPI 1.0%)", uprated + "from the uprating rule; no page read gives it"},
		{d(2016, time.April, 6), 77_900, 103_900, false, "https://www.stockporthomes.org/find-a-home/homes-to-buy/right-to-buy/ (Sept 2015 CPI was -0.1%: no rise)", uprated + "a landlord's page of unknown date"},
		{d(2015, time.April, 6), 77_900, 103_900, false, "https://sharratts-london.co.uk/right-to-buy-discount-increase/ (6 Apr 2015 – 5 Apr 2016)", uprated + "a solicitors' page"},
		{d(2014, time.April, 6), 77_000, 102_700, false, "CPI uprating of £75,000 and £100,000 (Sept 2013 CPI 2.7%)", uprated + "from the uprating rule; remembered as £77,000 and £102,700 too"},
		{d(2013, time.March, 25), 75_000, 100_000, false, "https://www.mortgagestrategy.co.uk/issues/online-march-2013/budget-13-london-right-to-buy-discount-extended-to-100k/ (London £100,000 from 25 Mar 2013)", uprated + "a press report"},
		{d(2012, time.April, 2), 75_000, 75_000, false, "https://www.mortgagestrategy.co.uk/issues/online-march-2013/budget-13-london-right-to-buy-discount-extended-to-100k/ (£75,000 from April 2012)", uprated + "a press report; the start date 2 Apr 2012 is remembered"},
	}
	to := from.AddDays(-1)
	for _, p := range periods {
		rows = append(rows,
			CapRow{From: p.from, To: to, Region: AllRegions, Cap: domain.Pounds(p.england), Confirmed: p.confirmed, Source: p.source, Note: p.note},
			CapRow{From: p.from, To: to, Region: London, Cap: domain.Pounds(p.london), Confirmed: p.confirmed, Source: p.source, Note: p.note})
		to = p.from.AddDays(-1)
	}
	return rows
}()

// DefaultCaps is the table shipped with caseload (in the order NewCaps
// keeps every table: newest first).
func DefaultCaps() Caps { return defaultCaps }

var defaultCaps = func() Caps {
	c, err := NewCaps(shippedCaps)
	if err != nil {
		panic("the shipped discount caps fail their own checks: " + err.Error())
	}
	return c
}()

// NewCaps checks a whole table. A broken rule names its row
// (*domain.RowError) so a loader can name the line.
func NewCaps(rows []CapRow) (Caps, error) {
	if len(rows) == 0 {
		return Caps{}, domain.Invalid("file", "no caps: the table needs at least one row")
	}
	for i, r := range rows {
		if err := r.check(); err != nil {
			return Caps{}, &domain.RowError{Row: i, Err: err}
		}
		for j := range i {
			o := rows[j]
			if o.Region == r.Region && normaliseAuthority(o.Authority) == normaliseAuthority(r.Authority) && overlap(o, r) {
				return Caps{}, domain.InvalidRow(i, "from", "overlaps row %d for %s", j+1, r.area())
			}
			if r.Authority != "" && normaliseAuthority(o.Authority) == normaliseAuthority(r.Authority) && o.Region != r.Region {
				return Caps{}, domain.InvalidRow(i, "region", "%s is in %s on row %d", r.Authority, o.Region.Label(), j+1)
			}
		}
	}
	out := append([]CapRow(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].From.Equal(out[j].From) {
			return out[j].From.Before(out[i].From)
		}
		if out[i].Region != out[j].Region {
			return out[i].Region < out[j].Region
		}
		return out[i].Authority < out[j].Authority
	})
	return Caps{rows: out}, nil
}

func overlap(a, b CapRow) bool {
	return (a.To.IsZero() || !a.To.Before(b.From)) && (b.To.IsZero() || !b.To.Before(a.From))
}

func (r CapRow) check() error {
	if r.From.IsZero() {
		return domain.Invalid("from", "give the first RTB1 date the cap applies to")
	}
	if !r.To.IsZero() && r.To.Before(r.From) {
		return domain.Invalid("to", "%s is before %s", r.To, r.From)
	}
	if r.Region != AllRegions {
		if _, err := ParseRegion(string(r.Region)); err != nil {
			return domain.Invalid("region", "%q: give a region key or %q", r.Region, AllRegions)
		}
	}
	if r.Authority != "" && (r.Region == AllRegions || normaliseAuthority(r.Authority) == "") {
		return domain.Invalid("authority", "a council's own cap needs its region")
	}
	if !r.Cap.IsPositive() {
		return domain.Invalid("cap", "give the cap, above £0.00")
	}
	if strings.TrimSpace(r.Source) == "" {
		return domain.Invalid("source", "say where the cap comes from")
	}
	if !r.Confirmed && strings.TrimSpace(r.Note) == "" {
		return domain.Invalid("note", "an unconfirmed cap needs a note saying what is not confirmed")
	}
	return nil
}

// area names what the row covers ("North West", "Havering", "England").
func (r CapRow) area() string {
	switch {
	case r.Authority != "":
		return r.Authority
	case r.Region == AllRegions:
		return "England"
	}
	return r.Region.Label()
}

// Rows are the table's rows, newest first.
func (c Caps) Rows() []CapRow {
	if c.rows == nil {
		return defaultCaps.rows
	}
	return c.rows
}

// CapFor is the cap in force for an RTB1 served on received in the region
// (or the council, where it has its own row), and the area it covers. A
// council named with the wrong region is refused; a date before the table
// starts is refused with what to load.
func (c Caps) CapFor(received domain.Date, r Region, authority string) (CapRow, string, error) {
	key := normaliseAuthority(authority)
	var best *CapRow
	rank := func(x CapRow) int {
		switch {
		case x.Authority != "":
			return 2
		case x.Region != AllRegions:
			return 1
		}
		return 0
	}
	rows := c.Rows()
	for i, x := range rows {
		if key != "" && normaliseAuthority(x.Authority) == key && x.Region != r {
			return CapRow{}, "", domain.Invalid("authority", "%s is in the %s region, not %s: check --region or --authority",
				x.Authority, x.Region.Label(), r.Label())
		}
		if received.Before(x.From) || (!x.To.IsZero() && received.After(x.To)) {
			continue
		}
		if x.Authority != "" && normaliseAuthority(x.Authority) != key {
			continue
		}
		if x.Region != AllRegions && x.Region != r {
			continue
		}
		if best == nil || rank(x) > rank(*best) {
			best = &rows[i]
		}
	}
	if best == nil {
		return CapRow{}, "", domain.Invalid("received", "no discount cap for an RTB1 served on %s in %s: add the cap in force then with `caseload rtb caps load FILE`",
			received.Human(), r.Label())
	}
	area := best.area()
	if best.To.IsZero() {
		return *best, area, nil
	}
	return *best, fmt.Sprintf("%s (RTB1s served %s to %s)", area, best.From.Human(), best.To.Human()), nil
}

// CapColumns are the columns of the caps file (`caseload rtb caps load`),
// in the order `caseload rtb caps --format csv` writes them.
var CapColumns = []string{"from", "to", "region", "authority", "cap", "confirmed", "source", "note"}

// ParseCapRow reads one row of the caps file (columns by name); a bad value
// is a ValidationError naming its column.
func ParseCapRow(row map[string]string) (CapRow, error) {
	r := CapRow{Region: Region(strings.ToLower(row["region"])), Authority: row["authority"], Source: row["source"], Note: row["note"]}
	var err error
	if r.From, err = domain.ParseDate(row["from"]); err != nil {
		return r, domain.Invalid("from", "%v", err)
	}
	if row["to"] != "" {
		if r.To, err = domain.ParseDate(row["to"]); err != nil {
			return r, domain.Invalid("to", "%v", err)
		}
	}
	if r.Cap, err = domain.ParseMoney(row["cap"]); err != nil {
		return r, domain.Invalid("cap", "%v", err)
	}
	if r.Confirmed, err = domain.ParseYesNo("confirmed", row["confirmed"]); err != nil {
		return r, err
	}
	return r, r.check()
}

// Fields are the row as a line of the caps file (CapColumns).
func (r CapRow) Fields() []string {
	to := ""
	if !r.To.IsZero() {
		to = r.To.String()
	}
	return []string{r.From.String(), to, string(r.Region), r.Authority, r.Cap.String(), domain.YesNo(r.Confirmed), r.Source, r.Note}
}
