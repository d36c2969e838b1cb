package store

import (
	"testing"
	"time"

	"caseload/domain"
)

// A holidays load made by another process (here another handle on the same
// file, as `caseload holidays load` opens one) reaches a store that stays
// open once it refreshes, and only then; a refresh with nothing new loaded
// re-reads nothing.
func TestRefreshReferenceSeesAnotherProcesssHolidaysLoad(t *testing.T) {
	tui := newReplica(t, "office")
	cli, err := Open(tui.Path(), Options{Officer: "batch"})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	newYear := domain.MustDate(2029, time.January, 1)
	if tui.Holidays().IsBankHoliday(newYear) {
		t.Fatal("the fixture already knows New Year's Day 2029")
	}
	if changed, err := tui.RefreshReference(ctx); err != nil || changed {
		t.Fatalf("refresh with nothing loaded: changed %v, %v", changed, err)
	}
	mustLoad(t, cli, RefHolidays, holidays2029)
	if tui.Holidays().IsBankHoliday(newYear) {
		t.Fatal("the open store changed its calendar before refreshing")
	}
	if changed, err := tui.RefreshReference(ctx); err != nil || !changed {
		t.Fatalf("refresh after another's load: changed %v, %v", changed, err)
	}
	if !tui.Holidays().IsBankHoliday(newYear) {
		t.Fatal("the refreshed store does not know the loaded holiday")
	}
	if changed, err := tui.RefreshReference(ctx); err != nil || changed {
		t.Fatalf("a second refresh: changed %v, %v", changed, err)
	}
}
