package domain

import (
	"encoding/json"
	"sort"
	"time"
)

// BankHoliday is one England and Wales bank holiday.
type BankHoliday struct {
	Date  Date
	Title string
}

// englandWales is the gov.uk list (https://www.gov.uk/bank-holidays.json,
// division england-and-wales) for 2025–2028, substitute days included.
// Later years are loaded with `caseload holidays load FILE`.
var englandWales = []struct {
	y     int
	m     time.Month
	d     int
	title string
}{
	{2025, time.January, 1, "New Year’s Day"},
	{2025, time.April, 18, "Good Friday"},
	{2025, time.April, 21, "Easter Monday"},
	{2025, time.May, 5, "Early May bank holiday"},
	{2025, time.May, 26, "Spring bank holiday"},
	{2025, time.August, 25, "Summer bank holiday"},
	{2025, time.December, 25, "Christmas Day"},
	{2025, time.December, 26, "Boxing Day"},
	{2026, time.January, 1, "New Year’s Day"},
	{2026, time.April, 3, "Good Friday"},
	{2026, time.April, 6, "Easter Monday"},
	{2026, time.May, 4, "Early May bank holiday"},
	{2026, time.May, 25, "Spring bank holiday"},
	{2026, time.August, 31, "Summer bank holiday"},
	{2026, time.December, 25, "Christmas Day"},
	{2026, time.December, 28, "Boxing Day (substitute day)"},
	{2027, time.January, 1, "New Year’s Day"},
	{2027, time.March, 26, "Good Friday"},
	{2027, time.March, 29, "Easter Monday"},
	{2027, time.May, 3, "Early May bank holiday"},
	{2027, time.May, 31, "Spring bank holiday"},
	{2027, time.August, 30, "Summer bank holiday"},
	{2027, time.December, 27, "Christmas Day (substitute day)"},
	{2027, time.December, 28, "Boxing Day (substitute day)"},
	{2028, time.January, 3, "New Year’s Day (substitute day)"},
	{2028, time.April, 14, "Good Friday"},
	{2028, time.April, 17, "Easter Monday"},
	{2028, time.May, 1, "Early May bank holiday"},
	{2028, time.May, 29, "Spring bank holiday"},
	{2028, time.August, 28, "Summer bank holiday"},
	{2028, time.December, 25, "Christmas Day"},
	{2028, time.December, 26, "Boxing Day"},
}

// Holidays is a set of bank holidays with working-day arithmetic.
// Weekends and bank holidays are not working days (Bacs working days).
type Holidays struct {
	days map[Date]string
}

// DefaultHolidays are the England and Wales bank holidays shipped with caseload.
func DefaultHolidays() Holidays {
	h := Holidays{days: make(map[Date]string, len(englandWales))}
	for _, b := range englandWales {
		h.days[MustDate(b.y, b.m, b.d)] = b.title
	}
	return h
}

// With returns the set with extra holidays added (later years, or a
// one-off such as a royal occasion).
func (h Holidays) With(extra []BankHoliday) Holidays {
	out := Holidays{days: make(map[Date]string, len(h.days)+len(extra))}
	for d, t := range h.days {
		out.days[d] = t
	}
	for _, b := range extra {
		out.days[b.Date] = b.Title
	}
	return out
}

// List returns the holidays in date order.
func (h Holidays) List() []BankHoliday {
	out := make([]BankHoliday, 0, len(h.days))
	for d, t := range h.days {
		out = append(out, BankHoliday{Date: d, Title: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// Covers reports whether the set holds data for year y (so a date in y
// that is not listed really is not a holiday).
func (h Holidays) Covers(y int) bool {
	for d := range h.days {
		if d.Year() == y {
			return true
		}
	}
	return false
}

// Name is the holiday's title, or "" when d is not a bank holiday.
func (h Holidays) Name(d Date) string { return h.days[d] }

// IsBankHoliday reports whether d is a bank holiday.
func (h Holidays) IsBankHoliday(d Date) bool {
	_, ok := h.days[d]
	return ok
}

// IsWorkingDay reports whether d is Monday–Friday and not a bank holiday.
func (h Holidays) IsWorkingDay(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h.IsBankHoliday(d)
}

// AddWorkingDays moves n working days from d (n may be negative); d itself
// is not counted. AddWorkingDays(d, 0) is d.
func (h Holidays) AddWorkingDays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if h.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// NextWorkingDay is d when it is a working day, else the next one.
func (h Holidays) NextWorkingDay(d Date) Date {
	for !h.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// PreviousWorkingDay is d when it is a working day, else the one before.
func (h Holidays) PreviousWorkingDay(d Date) Date {
	for !h.IsWorkingDay(d) {
		d = d.AddDays(-1)
	}
	return d
}

// ParseBankHolidaysJSON reads the gov.uk bank-holidays.json format and
// returns the england-and-wales events. Anything malformed is refused.
func ParseBankHolidaysJSON(b []byte) ([]BankHoliday, error) {
	var doc map[string]struct {
		Division string `json:"division"`
		Events   []struct {
			Title string `json:"title"`
			Date  string `json:"date"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, Invalid("file", "not the gov.uk bank-holidays.json format: %v", err)
	}
	div, ok := doc["england-and-wales"]
	if !ok {
		return nil, Invalid("file", "no \"england-and-wales\" division in the file")
	}
	out := make([]BankHoliday, 0, len(div.Events))
	for i, e := range div.Events {
		d, err := ParseDate(e.Date)
		if err != nil {
			return nil, Invalid("file", "event %d: %v", i+1, err)
		}
		if e.Title == "" {
			return nil, Invalid("file", "event %d (%s): no title", i+1, d)
		}
		out = append(out, BankHoliday{Date: d, Title: e.Title})
	}
	if len(out) == 0 {
		return nil, Invalid("file", "no england-and-wales events")
	}
	return out, nil
}
