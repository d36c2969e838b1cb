// Package report computes the figures managers ask for — collection, arrears,
// arrangements, enforcement, Right to Buy and worklist throughput — for one
// officer's patch, a team or the whole borough over a period. It is pure: the
// store reads the facts as the ledger stood at the period's end (Inputs) and
// Compute turns them into measures, each carrying the formula that made it.
package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"caseload/domain"
)

// ScopeKind says whose accounts a report covers.
type ScopeKind string

// The scopes. The data has no team of its own, so a team is a list of
// officers (`--officer a,b`).
const (
	ScopeOfficer ScopeKind = "officer"
	ScopeTeam    ScopeKind = "team"
	ScopeBorough ScopeKind = "borough"
)

// Scope is whose accounts a report covers: an officer's patch (one officer),
// a team (the patches of several officers) or the whole borough (none).
type Scope struct {
	Kind     ScopeKind
	Officers []string
}

// NewScope checks a scope as typed: officer needs exactly one officer, team
// at least one, borough none. Officers are trimmed, sorted and deduplicated.
func NewScope(kind string, officers []string) (Scope, error) {
	var names []string
	for _, o := range officers {
		if o = strings.TrimSpace(o); o != "" && !slices.Contains(names, o) {
			names = append(names, o)
		}
	}
	slices.Sort(names)
	s := Scope{Kind: ScopeKind(kind), Officers: names}
	switch s.Kind {
	case ScopeOfficer:
		if len(names) != 1 {
			return Scope{}, domain.Invalid("--officer", "scope officer needs one officer (--officer NAME), got %d", len(names))
		}
	case ScopeTeam:
		if len(names) == 0 {
			return Scope{}, domain.Invalid("--officer", "scope team needs its officers: --officer a,b (there is no team record; a team is a list of officers)")
		}
	case ScopeBorough:
		s.Officers = nil
	default:
		return Scope{}, domain.Invalid("--scope", "%q is not a scope: use officer, team or borough", kind)
	}
	return s, nil
}

// Key names the scope for snapshots: "borough", "officer:jsmith",
// "team:a,b".
func (s Scope) Key() string {
	if s.Kind == ScopeBorough {
		return string(ScopeBorough)
	}
	return string(s.Kind) + ":" + strings.Join(s.Officers, ",")
}

// Label is the scope in words.
func (s Scope) Label() string {
	switch s.Kind {
	case ScopeOfficer:
		return "Patch of " + strings.Join(s.Officers, ", ")
	case ScopeTeam:
		return "Team: " + strings.Join(s.Officers, ", ")
	}
	return "Whole borough"
}

// Period is an inclusive run of calendar days.
type Period struct {
	From, To domain.Date
	// Label is the period as typed or named ("2026-11", "2026-W47").
	Label string
}

// Days is the number of days in the period.
func (p Period) Days() int { return p.To.DaysSince(p.From) + 1 }

// Contains reports whether d is in the period.
func (p Period) Contains(d domain.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// Closed reports whether the period has ended before today.
func (p Period) Closed(today domain.Date) bool { return p.To.Before(today) }

// Words is the period as an officer reads it: "1 Nov 2026 – 30 Nov 2026".
func (p Period) Words() string { return p.From.Human() + " – " + p.To.Human() }

// FinancialYearStart is 1 April of the financial year containing d.
func FinancialYearStart(d domain.Date) domain.Date {
	y := d.Year()
	if d.Month() < time.April {
		y--
	}
	return domain.MustDate(y, time.April, 1)
}

// YearToDate is the financial year to the period's end: from 1 April of the
// financial year containing To.
func (p Period) YearToDate() Period {
	from := FinancialYearStart(p.To)
	return Period{From: from, To: p.To, Label: fmt.Sprintf("%d/%02d to date", from.Year(), (from.Year()+1)%100)}
}

// ParsePeriod reads a period: a month "2026-11", a calendar year "2026", an
// ISO week "2026-W47" (Monday to Sunday, the rent week), or a range of days
// "2026-11-01..2026-11-30".
func ParsePeriod(s string) (Period, error) {
	bad := func(why string) (Period, error) {
		return Period{}, domain.Invalid("--period", "%q %s: use 2026-11, 2026, 2026-W47 or 2026-11-01..2026-11-30", s, why)
	}
	switch {
	case strings.Contains(s, ".."):
		a, b, _ := strings.Cut(s, "..")
		from, err1 := domain.ParseDate(a)
		to, err2 := domain.ParseDate(b)
		if err1 != nil || err2 != nil {
			return bad("is not a range of two dates")
		}
		if to.Before(from) {
			return bad("ends before it starts")
		}
		if to.DaysSince(from) > 366*6 {
			return bad("is longer than six years")
		}
		return Period{From: from, To: to, Label: s}, nil
	case len(s) == 4:
		y, ok := year(s)
		if !ok {
			return bad("is not a year")
		}
		return Period{From: domain.MustDate(y, time.January, 1), To: domain.MustDate(y, time.December, 31), Label: s}, nil
	case len(s) == 7 && s[4] == '-':
		y, ok := year(s[:4])
		m, err := strconv.Atoi(s[5:])
		if !ok || err != nil || !digits(s[5:]) || m < 1 || m > 12 {
			return bad("is not a month")
		}
		from := domain.MustDate(y, time.Month(m), 1)
		return Period{From: from, To: from.AddDays(domain.DaysIn(y, time.Month(m)) - 1), Label: s}, nil
	case len(s) >= 7 && len(s) <= 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w'):
		y, ok := year(s[:4])
		w, err := strconv.Atoi(s[6:])
		if !ok || err != nil || !digits(s[6:]) || w < 1 {
			return bad("is not a week")
		}
		// ISO week 1 is the week with the year's first Thursday.
		monday := domain.RentWeekStart(domain.MustDate(y, time.January, 4)).AddDays(7 * (w - 1))
		if _, iw := isoWeek(monday.AddDays(3)); w > 53 || iw != w {
			return bad("is not a week of that year")
		}
		return Period{From: monday, To: monday.AddDays(6), Label: fmt.Sprintf("%d-W%02d", y, w)}, nil
	}
	return bad("is not a period")
}

// Week is the rent week (Monday to Sunday) containing d.
func Week(d domain.Date) Period {
	m := domain.RentWeekStart(d)
	y, w := isoWeek(m.AddDays(3))
	return Period{From: m, To: m.AddDays(6), Label: fmt.Sprintf("%d-W%02d", y, w)}
}

// Weeks are the n rent weeks ending with the week containing end, oldest
// first.
func Weeks(n int, end domain.Date) []Period {
	last := domain.RentWeekStart(end)
	out := make([]Period, 0, n)
	for i := n - 1; i >= 0; i-- {
		out = append(out, Week(last.AddDays(-7*i)))
	}
	return out
}

func year(s string) (int, bool) {
	y, err := strconv.Atoi(s)
	return y, err == nil && digits(s) && y >= 1900 && y <= 2999
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isoWeek is d's ISO 8601 year and week.
func isoWeek(d domain.Date) (int, int) {
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC).ISOWeek()
}
