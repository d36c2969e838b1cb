package caseload

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// courtLabels are the event form's court fields.
var courtLabels = []string{"Court outcome", "Order terms", "Possession date"}

// eventOf is the account's one event of the type (failing otherwise).
func eventOf(t *testing.T, st *store.Store, ref string, typ domain.EventType) store.Event {
	t.Helper()
	evs, err := st.Events(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%s events on %s: %+v", typ, ref, out)
	}
	return out[0]
}

// The event form asks for a court outcome, order terms and a possession
// date only for the events that take them: a first arrears letter is
// saved without them being shown; a hearing shows them and saves its
// outcome.
func TestTheEventFormShowsCourtFieldsOnlyForCourtEvents(t *testing.T) {
	st := tuitest.Store(t)
	for _, e := range []store.NewEvent{
		{Ref: "NW1001", Type: domain.EventNOSPServed, Date: domain.MustDate(2026, time.August, 3)},
		{Ref: "NW1001", Type: domain.EventCourtClaim, Date: domain.MustDate(2026, time.September, 14), Override: "claim issued on paper"},
	} {
		if _, err := st.AddEvent(t.Context(), e, tuitest.Today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("letter-1", func(t *testing.T) {
		m := tuitest.Steps(tuitest.Start(New(tuitest.Context(t, st)), "", 80, 40), "/", "type:NW1004", "enter", "e")
		v := m.View()
		if !strings.Contains(v, "‹ letter-1 ›") {
			t.Fatalf("not the letter:\n%s", v)
		}
		for _, l := range courtLabels {
			if strings.Contains(v, l) {
				t.Errorf("a letter's form shows %q:\n%s", l, v)
			}
		}
		m = tuitest.Steps(m, "ctrl+s", "y")
		eventOf(t, st, "NW1004", domain.EventLetter1)
	})
	t.Run("hearing", func(t *testing.T) {
		m := tuitest.Steps(tuitest.Start(New(tuitest.Context(t, st)), "", 80, 40), "/", "type:NW1001", "enter", "e", "h")
		v := m.View()
		if !strings.Contains(v, "‹ hearing ›") {
			t.Fatalf("not the hearing:\n%s", v)
		}
		for _, l := range courtLabels {
			if !strings.Contains(v, l) {
				t.Errorf("a hearing's form lacks %q:\n%s", l, v)
			}
		}
		m = tuitest.Steps(m, "tab", "tab", "w") // the outcome: withdrawn
		if v := m.View(); !strings.Contains(v, "‹ withdrawn ›") {
			t.Fatalf("outcome not chosen:\n%s", v)
		}
		tuitest.Steps(m, "ctrl+s", "y")
		if h := eventOf(t, st, "NW1001", domain.EventHearing); h.Outcome != court.Withdrawn {
			t.Fatalf("hearing %+v", h)
		}
	})
}
