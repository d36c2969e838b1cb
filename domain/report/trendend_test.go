package report

import (
	"testing"
	"time"

	"caseload/domain"
)

func TestTrendEnd(t *testing.T) {
	nov := func(d int) domain.Date { return domain.MustDate(2026, time.November, d) }
	month := Period{From: nov(1), To: nov(30), Label: "2026-11"}
	october := Period{From: domain.MustDate(2026, time.October, 1), To: domain.MustDate(2026, time.October, 31), Label: "2026-10"}
	for _, tt := range []struct {
		name  string
		p     Period
		today domain.Date
		want  domain.Date
	}{
		{"on a Monday the running week is left out", Week(nov(23)), nov(23), nov(22)},
		{"on a Sunday the week ending today counts", Week(nov(23)), nov(29), nov(29)},
		{"a month still running ends with its last whole week to today", month, nov(25), nov(22)},
		{"a closed month ends with its last whole week, not one running into the next month", october, nov(23), domain.MustDate(2026, time.October, 25)},
		{"a month ending on a Saturday leaves out its part week", Period{From: domain.MustDate(2026, time.February, 1), To: domain.MustDate(2026, time.February, 28)}, nov(23), domain.MustDate(2026, time.February, 22)},
		{"a month ending on a Sunday ends with that week", Period{From: domain.MustDate(2026, time.May, 1), To: domain.MustDate(2026, time.May, 31)}, nov(23), domain.MustDate(2026, time.May, 31)},
		{"a closed week is itself", Week(nov(9)), nov(23), nov(15)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := TrendEnd(tt.p, tt.today); got != tt.want {
				t.Errorf("TrendEnd = %s, want %s", got, tt.want)
			}
		})
	}
}
