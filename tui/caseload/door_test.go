package caseload

import (
	"context"
	"slices"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// fakeWorklist is a small store.CaseloadDoor: a patch of two accounts,
// recording which patch the pane asked for.
type fakeWorklist struct {
	store.CaseReader // the detail is not opened here
	lines            []store.CaseLine
	asked            []string
}

func (f *fakeWorklist) HasPatch(_ context.Context, officer string) (bool, error) {
	return officer == tuitest.Officer, nil
}

func (f *fakeWorklist) Caseload(_ context.Context, officer string, today domain.Date, p worklist.Policy) ([]store.CaseLine, error) {
	f.asked = append(f.asked, officer)
	return f.lines, nil
}

func (f *fakeWorklist) CaseLines(_ context.Context, officer string, refs []string, today domain.Date, p worklist.Policy) ([]store.CaseLine, error) {
	var out []store.CaseLine
	for _, l := range f.lines {
		if slices.Contains(refs, l.Ref) {
			out = append(out, l)
		}
	}
	return out, nil
}

// CaseSummaries are the first lines without the worklist, as the store
// gives them.
func (f *fakeWorklist) CaseSummaries(_ context.Context, officer string, today domain.Date, limit int) ([]store.CaseLine, int, error) {
	var out []store.CaseLine
	for _, l := range f.lines[:min(limit, len(f.lines))] {
		out = append(out, store.CaseLine{Line: worklist.Line{Ref: l.Ref, Name: l.Name, Balance: l.Balance}})
	}
	return out, len(f.lines), nil
}

// TestCaseloadPaneReadsItsWorklistThroughItsDoor: the pane's list comes
// through store.WorklistSource (no database: Store is nil) — the officer's
// patch when they have one.
func TestCaseloadPaneReadsItsWorklistThroughItsDoor(t *testing.T) {
	fake := &fakeWorklist{lines: []store.CaseLine{
		{Line: worklist.Line{Ref: "ZZ9001", Name: "Fay Fake", Balance: domain.MustMoney("300.00")}, OnList: true},
		{Line: worklist.Line{Ref: "ZZ9002", Name: "Finn Fake", Balance: domain.MustMoney("0.00")}},
	}}
	ctx := tuitest.Context(t, nil)
	ctx.CaseloadSource = fake
	m := New(ctx).SetSize(100, 30)
	m, _ = tuitest.Drive(m, m.Init())
	if len(fake.asked) != 1 || fake.asked[0] != tuitest.Officer {
		t.Fatalf("pane asked for patches %q, want the officer's own", fake.asked)
	}
	if len(m.lines) != 2 || m.lines[0].Ref != "ZZ9001" || m.patch != tuitest.Officer {
		t.Fatalf("pane holds %d lines of patch %q", len(m.lines), m.patch)
	}
}
