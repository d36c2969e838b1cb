package bacs

import (
	"fmt"
	"strconv"

	"caseload/domain"
)

// julian writes a date as Bacs does in labels: a space, two-digit year and
// three-digit day of the year (" 26091" is 1 April 2026).
func julian(d domain.Date) string {
	doy := d.DaysSince(domain.MustDate(d.Year(), 1, 1)) + 1
	return fmt.Sprintf(" %02d%03d", d.Year()%100, doy)
}

// parseJulian reads " yyddd"; years are taken as 20yy, Bacs dates being
// within a month or so of the day the file is made.
func parseJulian(s string) (domain.Date, error) {
	if len(s) != 6 || s[0] != ' ' || !isDigits(s[1:]) {
		return domain.Date{}, fmt.Errorf("date %q is not \" yyddd\" (space, year, day of year)", s)
	}
	yy, _ := strconv.Atoi(s[1:3])
	ddd, _ := strconv.Atoi(s[3:])
	y := 2000 + yy
	days := 365
	if domain.DaysIn(y, 2) == 29 {
		days = 366
	}
	if ddd < 1 || ddd > days {
		return domain.Date{}, fmt.Errorf("date %q: day %d does not exist in %d", s, ddd, y)
	}
	return domain.MustDate(y, 1, 1).AddDays(ddd - 1), nil
}
