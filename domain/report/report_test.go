package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func d(y int, m time.Month, day int) domain.Date { return domain.MustDate(y, m, day) }

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		name, in string
		from, to domain.Date
	}{
		{"a month runs from the 1st to its last day", "2026-11", d(2026, 11, 1), d(2026, 11, 30)},
		{"February in a leap year has 29 days", "2028-02", d(2028, 2, 1), d(2028, 2, 29)},
		{"a year is the calendar year", "2026", d(2026, 1, 1), d(2026, 12, 31)},
		{"ISO week 47 of 2026 is Monday 16 to Sunday 22 November", "2026-W47", d(2026, 11, 16), d(2026, 11, 22)},
		{"ISO week 1 of 2026 starts on Monday 29 December 2025", "2026-W01", d(2025, 12, 29), d(2026, 1, 4)},
		{"2026 has 53 ISO weeks", "2026-W53", d(2026, 12, 28), d(2027, 1, 3)},
		{"a range of days includes both ends", "2026-11-01..2026-11-30", d(2026, 11, 1), d(2026, 11, 30)},
		{"a one-day range", "2026-11-05..2026-11-05", d(2026, 11, 5), d(2026, 11, 5)},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParsePeriod(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if p.From != c.from || p.To != c.to {
				t.Errorf("%s = %s..%s, want %s..%s", c.in, p.From, p.To, c.from, c.to)
			}
		})
	}
	for _, bad := range []string{"", "2026-13", "2026-00", "2026-1", "26-11", "2027-W53", "2026-W00", "2026-W5x",
		"2026-11-30..2026-11-01", "2026-11-01..", "2026-11-31..2026-12-01", "1899", "20x6", "2026-11-01..2036-11-01"} {
		if _, err := ParsePeriod(bad); err == nil || !domain.IsValidation(err) {
			t.Errorf("ParsePeriod(%q) = %v, want a validation error", bad, err)
		}
	}
}

func TestYearToDateStartsOnFirstApril(t *testing.T) {
	for _, c := range []struct {
		name string
		to   domain.Date
		from domain.Date
	}{
		{"November is in the year from 1 April", d(2026, 11, 30), d(2026, 4, 1)},
		{"March belongs to the year begun the April before", d(2027, 3, 31), d(2026, 4, 1)},
		{"1 April starts a new year", d(2026, 4, 1), d(2026, 4, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := (Period{From: c.to, To: c.to}).YearToDate().From; got != c.from {
				t.Errorf("year to date from %s, want %s", got, c.from)
			}
		})
	}
}

func TestNewScope(t *testing.T) {
	if s, err := NewScope("team", []string{" bkhan", "asmith", "bkhan", ""}); err != nil || s.Key() != "team:asmith,bkhan" {
		t.Errorf("team = %+v %v, want the officers sorted, once each", s, err)
	}
	for _, c := range []struct {
		kind     string
		officers []string
	}{{"officer", nil}, {"officer", []string{"a", "b"}}, {"team", nil}, {"fleet", nil}} {
		if _, err := NewScope(c.kind, c.officers); !domain.IsValidation(err) {
			t.Errorf("NewScope(%q, %v) = %v, want a validation error", c.kind, c.officers, err)
		}
	}
	if s, _ := NewScope("borough", []string{"x"}); s.Key() != "borough" {
		t.Errorf("borough key %q", s.Key())
	}
}

func TestBands(t *testing.T) {
	w := domain.MustMoney("100.00")
	for _, c := range []struct {
		name    string
		balance string
		want    string
	}{
		{"a penny owed is under 1 week", "0.01", "under-1"},
		{"99.99 is under 1 week", "99.99", "under-1"},
		{"exactly 1 week is 1 to 4", "100.00", "1-4"},
		{"399.99 is still under 4 weeks", "399.99", "1-4"},
		{"exactly 4 weeks is 4 to 8", "400.00", "4-8"},
		{"exactly 8 weeks is 8 to 13", "800.00", "8-13"},
		{"exactly 13 weeks is 13 plus", "1300.00", "13-plus"},
		{"far more is 13 plus", "99999.00", "13-plus"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := bands[band(domain.MustMoney(c.balance), w)].key; got != c.want {
				t.Errorf("band(%s) = %s, want %s", c.balance, got, c.want)
			}
		})
	}
	if band(domain.MustMoney("10.00"), domain.Money{}) != -1 {
		t.Error("no weekly charge has no band")
	}
}

func TestPercentRoundsHalfUpToOnePlace(t *testing.T) {
	for _, c := range []struct {
		name, num, den, want string
	}{
		{"450 of 1200 is 37.5", "450.00", "1200.00", "37.5"},
		{"450 of 1300 is 34.615… → 34.6", "450.00", "1300.00", "34.6"},
		{"1 of 8 is 12.5 exactly", "1.00", "8.00", "12.5"},
		{"1 of 16 is 6.25 → 6.3 (half up)", "1.00", "16.00", "6.3"},
		{"more collected than due goes over 100", "1014.00", "1000.00", "101.4"},
		{"nothing due is not defined", "5.00", "0.00", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := percent("k", "l", domain.MustMoney(c.num), domain.MustMoney(c.den), "f")
			if got := m.Value(); got != c.want {
				t.Errorf("= %q, want %q", got, c.want)
			}
		})
	}
}

func TestReachedStage(t *testing.T) {
	ev := func(day int, ty domain.EventType) StageEvent { return StageEvent{Date: d(2026, 11, day), Type: ty} }
	for _, c := range []struct {
		name string
		evs  []StageEvent
		asAt int
		want Stage
	}{
		{"no events: no action", nil, 30, StageNone},
		{"the highest step counts, not the latest", []StageEvent{ev(2, domain.EventNOSPServed), ev(9, domain.EventLetter2)}, 30, StageNOSP},
		{"a step after the day is not yet reached", []StageEvent{ev(2, domain.EventLetter1), ev(20, domain.EventCourtClaim)}, 10, StageLetter1},
		{"a stage reset starts the ladder again", []StageEvent{ev(2, domain.EventNOSPServed), ev(5, domain.EventStageReset), ev(9, domain.EventLetter1)}, 30, StageLetter1},
		{"a reset after the day does not count yet", []StageEvent{ev(2, domain.EventNOSPServed), ev(25, domain.EventStageReset)}, 10, StageNOSP},
		{"a suspended order is an order", []StageEvent{ev(2, domain.EventOrderSuspended)}, 30, StageOrder},
		{"eviction is the top", []StageEvent{ev(2, domain.EventEvicted), ev(3, domain.EventWarrantApplied)}, 30, StageEvicted},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Reached(c.evs, d(2026, 11, c.asAt)); got != c.want {
				t.Errorf("= %s, want %s", got.Label(), c.want.Label())
			}
		})
	}
}

// TestCompute works the measures of a small hand-made set of inputs.
func TestCompute(t *testing.T) {
	m := domain.MustMoney
	p, _ := ParsePeriod("2026-11")
	in := Inputs{Period: p, Events: map[domain.EventType]int{domain.EventNOSPServed: 2, domain.EventNoticeOfProceedings: 1, domain.EventEvicted: 1},
		Flows:        Flows{Due: m("1000.00"), Collected: m("950.00"), WrittenOff: m("20.00")},
		YTDFlows:     Flows{Due: m("8000.00"), Collected: m("8100.00"), WrittenOff: m("20.00")},
		Arrangements: Arrangements{Made: 2, Live: 4, Kept: 3, Broken: 1},
		Accounts: []Account{
			// £250 owed on £100 a week: 2.5 weeks, 1 to 4.
			{Ref: "A", Balance: m("250.00"), OpeningPeriod: m("200.00"), OpeningYTD: m("50.00"), Weekly: m("100.00"), ChargedWeeks: 50, Stage: StageLetter2},
			// Technical: £90 owed, under 1 week.
			{Ref: "B", Balance: m("90.00"), Weekly: m("100.00"), ChargedWeeks: 50, Technical: true},
			// In credit.
			{Ref: "C", Balance: m("-30.00"), OpeningPeriod: m("-10.00"), Weekly: m("100.00"), ChargedWeeks: 50},
			// Former tenant owing £500.
			{Ref: "D", Former: true, Balance: m("500.00"), OpeningPeriod: m("600.00")},
		}}
	r := Compute(in)
	for key, want := range map[string]string{
		// 950 ÷ 1000.
		"period.rate": "95.0",
		// b/f: current accounts owing at 31 Oct: A £200 (C in credit, D former).
		"period.arrears-bf": "200.00", "period.rate-with-bf": "79.2", // 950 ÷ 1200 = 79.16…
		"ytd.rate": "101.3", "ytd.arrears-bf": "50.00", // 8100 ÷ 8000 = 101.25 → 101.3; 8100 ÷ 8050 = 100.62…
		"ytd.rate-with-bf": "100.6",
		// Debit: 3 current × £100 × 50 = £15,000.
		"arrears.annual-debit": "15000.00", "arrears.total": "340.00", "arrears.accounts": "2",
		"arrears.pct-debit":          "2.3", // 340 ÷ 15000 = 2.266…
		"arrears.total-ex-technical": "250.00", "arrears.technical": "90.00", "arrears.technical-accounts": "1",
		"bands.under-1": "1", "bands.under-1-ex-technical": "0", "bands.1-4": "1", "bands.1-4-ex-technical": "1",
		"former.total": "500.00", "former.pct-debit": "3.3", "credits.total": "30.00", "credits.accounts": "1",
		"writeoffs.period": "20.00", "arrangements.kept-rate": "75.0",
		"stage.letter-2": "1", "stage.none": "2", "events.nosp": "3", "events.evictions": "1", "events.claims": "0",
	} {
		got, ok := r.Measure(key)
		if !ok {
			t.Errorf("%s: missing", key)
			continue
		}
		if got.Value() != want {
			t.Errorf("%s = %s, want %s", key, got.Value(), want)
		}
	}
	if _, ok := r.Measure("worklist.open"); ok {
		t.Error("worklist.open shown for a period whose open items are unknown ")
	}
}

func TestTrendWords(t *testing.T) {
	m := domain.MustMoney
	weeks := Weeks(YearWeeks, d(2026, 11, 29))
	pts := make([]Point, YearWeeks)
	for i := range pts {
		pts[i] = NewPoint(weeks[i], m("1000.00"), 10, m("500.00"), m("450.00"), nil)
	}
	pts[51] = NewPoint(weeks[51], m("1200.00"), 11, m("500.00"), m("500.00"), nil)
	pts[52] = NewPoint(weeks[52], m("1150.50"), 11, m("500.00"), m("525.00"), nil)
	// Last week: 1,200.00 → 1,150.50 is down £49.50, 49.50/1,200 = 4.125%
	// → 4.1%. The same week last year (pts[0], 52 weeks back): 1,000.00 →
	// 1,150.50 is up 15.05% → 15.1%. The rate: 525/500 = 105.0% against
	// 100.0% last week (5.0 points) and 90.0% a year ago (15.0 points).
	want := []string{
		"Arrears £1,150.50 in the week to Sun 29 Nov 2026: down £49.50 (4.1%) on last week; up 15.1% on the same week last year",
		"Collection rate 105.0% in the week to Sun 29 Nov 2026: up 5.0 points on last week; up 15.0 points on the same week last year",
	}
	if got := TrendWords(pts); !slices.Equal(got, want) {
		t.Errorf("TrendWords =\n%q\nwant\n%q", got, want)
	}
	// A trend that does not reach last year says there is no figure then.
	short := TrendWords(pts[1:])
	if len(short) != 2 || !strings.HasSuffix(short[0], "no figure for the same week last year") {
		t.Errorf("52 points: %q", short)
	}
}

func TestCompareExplainsDifferences(t *testing.T) {
	p, _ := ParsePeriod("2026-11")
	r := Compute(Inputs{Period: p, Flows: Flows{Due: domain.MustMoney("100.00"), Collected: domain.MustMoney("90.00")}})
	snap := Snapshot{Taken: "2026-12-01T09:00:00Z", Figures: r.Figures()}
	if c := Compare(snap, r, "why"); len(c.Differences) != 0 {
		t.Fatalf("same figures differ: %+v", c.Differences)
	}
	snap.Figures["period.collected"] = "80.00"
	c := Compare(snap, r, "an account moved patch")
	if len(c.Differences) != 1 || c.Differences[0].Was != "80.00" || c.Differences[0].Now != "90.00" || c.Differences[0].Why != "an account moved patch" {
		t.Errorf("differences %+v", c.Differences)
	}
}
