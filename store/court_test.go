package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

// A hearing's outcome and the order's terms are kept on the event, the
// order it makes is recorded beside it, and both travel by sync; a body
// written before the court fields existed still reads.
func TestHearingOutcomeKeptAndSynced(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	if _, err := office.AddEvent(ctx, NewEvent{Ref: "NW1001", Type: domain.EventCourtClaim, Date: today.AddDays(-49),
		Override: "claim issued before caseload"}, today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	hearing := today.AddDays(-28)
	five := domain.MustMoney("5.00")
	if _, err := office.AddEvent(ctx, NewEvent{Ref: "NW1001", Type: domain.EventHearing, Date: hearing,
		Outcome: court.SuspendedOnTerms, Terms: court.Terms{Weekly: five}, TermsText: "£5.00 a week towards arrears"}, today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	evs, err := office.Events(ctx, "NW1001")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("events %+v", evs)
	}
	h, o := evs[1], evs[2]
	if h.Type != domain.EventHearing || h.Outcome != court.SuspendedOnTerms || !h.Terms.Weekly.Equal(five) ||
		h.TermsText != "£5.00 a week towards arrears" {
		t.Errorf("hearing %+v", h)
	}
	if o.Type != domain.EventOrderSuspended || o.Date != hearing || !o.Terms.Weekly.Equal(five) || o.Outcome != "" {
		t.Errorf("order %+v", o)
	}
	// The worklist reads the terms: nothing paid in four weeks.
	fs, err := office.WorklistFacts(ctx, "", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, ev := range fs[0].Events {
		if ev.Type == domain.EventOrderSuspended && ev.Terms != nil && ev.Terms.Weekly.Equal(five) {
			found = true
		}
	}
	if !found {
		t.Errorf("worklist facts lack the order's terms: %+v", fs[0].Events)
	}

	pack := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}})
	mustImport(t, laptop, pack, "")
	got, err := laptop.Events(ctx, "NW1001")
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].ID, evs[i].ID = "", ""
	}
	if !reflect.DeepEqual(got, evs) {
		t.Errorf("synced events differ:\noffice %+v\nlaptop %+v", evs, got)
	}
	d1, _ := office.StateDigest(ctx)
	d2, _ := laptop.StateDigest(ctx)
	if d1 != d2 {
		t.Error("state digests differ after sync")
	}

	// Bodies: an old one (no court fields) reads; a bad outcome is refused.
	old, _ := json.Marshal(eventBody{Date: hearing.String(), Type: "hearing"})
	var b eventBody
	if err := decodeStrict(old, &b); err != nil || b.checkCourt() != nil {
		t.Fatalf("old body: %v", err)
	}
	bad := eventBody{Date: hearing.String(), Type: "hearing", Outcome: "bogus"}
	if err := bad.checkCourt(); !domain.IsValidation(err) {
		t.Errorf("bad outcome body: %v", err)
	}
}

// A refused outcome writes nothing: no hearing, no order.
func TestHearingOutcomeRefusedWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	before := dump(t, s)
	for _, e := range []NewEvent{
		{Ref: "NW1001", Type: domain.EventHearing, Date: today.AddDays(-7), Outcome: court.SuspendedOnTerms,
			Terms: court.Terms{Weekly: domain.MustMoney("5.00")}}, // no claim
		{Ref: "NW1001", Type: domain.EventHearing, Date: today.AddDays(-7), Outcome: court.SuspendedOnTerms}, // no terms
		{Ref: "NW1001", Type: domain.EventSMS, Terms: court.Terms{Weekly: domain.MustMoney("5.00")}},
	} {
		if _, err := s.AddEvent(ctx, e, today, worklist.DefaultPolicy()); !domain.IsValidation(err) {
			t.Errorf("%+v: %v", e, err)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused event wrote something")
	}
}
