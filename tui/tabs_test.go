package tui

import (
	"slices"
	"testing"
)

func TestFitTabs(t *testing.T) {
	seven := []string{"1 Caseload", "2 Ledger", "3 Arrangement", "4 Right to Buy", "5 Sync", "6 Enforcement", "7 Reports"}
	for _, tt := range []struct {
		name   string
		active int
		width  int
		want   []string
	}{
		{"every label whole when they fit", 0, 100, seven},
		{"at 80 columns the longest give way, each keeping its digit", 0, 80,
			[]string{"1 Caseload", "2 Ledger", "3 Arrangem…", "4 Right to…", "5 Sync", "6 Enforcem…", "7 Reports"}},
		{"the active tab is never cut", 3, 80,
			[]string{"1 Caselo…", "2 Ledger", "3 Arrang…", "4 Right to Buy", "5 Sync", "6 Enforc…", "7 Reports"}},
		{"very narrow keeps the digits", 6, 30,
			[]string{"1…", "2…", "3…", "4…", "5…", "6…", "7 Reports"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := fitTabs(seven, tt.active, tt.width)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fitTabs = %q\nwant     %q", got, tt.want)
			}
		})
	}
}
