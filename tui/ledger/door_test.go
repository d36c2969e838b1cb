package ledger

import (
	"context"
	"errors"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/form"
	"caseload/tui/tuitest"
)

// fakeLedger is a small store.LedgerDoor: one account and its lines,
// recording what was posted.
type fakeLedger struct {
	account store.Account
	lines   []store.LedgerLine
	posted  []store.Posting
}

func (f *fakeLedger) Account(_ context.Context, ref string) (store.Account, error) {
	if ref != f.account.Ref {
		return store.Account{}, errors.New("no account " + ref)
	}
	return f.account, nil
}

func (f *fakeLedger) Ledger(_ context.Context, ref string) ([]store.LedgerLine, error) {
	return f.lines, nil
}

func (f *fakeLedger) Statement(_ context.Context, ref string, from, to domain.Date) (store.Statement, error) {
	return store.Statement{Account: f.account, Lines: f.lines}, nil
}

func (f *fakeLedger) MoneyPolicy() domain.MoneyPolicy { return domain.DefaultMoneyPolicy() }

func (f *fakeLedger) Preview(_ context.Context, p store.Posting, today domain.Date) (store.Posted, error) {
	return store.Posted{Amount: p.Amount.Neg(), Balance: f.account.Balance.Sub(p.Amount)}, nil
}

func (f *fakeLedger) Post(ctx context.Context, p store.Posting, today domain.Date) (store.Posted, error) {
	f.posted = append(f.posted, p)
	out, err := f.Preview(ctx, p, today)
	out.IDs = []string{"fake-1"}
	return out, err
}

// TestLedgerPaneThroughItsDoor: the pane reads and posts only through the
// narrow store.LedgerDoor (no database here: Store is nil), so it shows a
// fake's account and lines and posts a payment to it.
func TestLedgerPaneThroughItsDoor(t *testing.T) {
	fake := &fakeLedger{
		account: store.Account{Ref: "ZZ9001", Name: "Fay Fake", Balance: domain.MustMoney("120.00"), Start: tuitest.Today.AddDays(-70)},
		lines: []store.LedgerLine{{ID: "abc-1", Date: tuitest.Today.AddDays(-7), Type: domain.TxnCharge, Amount: domain.MustMoney("120.00"),
			Balance: domain.MustMoney("120.00"), Reference: "FAKE-RENT-WEEK"}},
	}
	ctx := tuitest.Context(t, nil)
	ctx.LedgerSource = fake
	m := opened(t, ctx, "ZZ9001", 100, 30)
	if len(m.lines) != 1 || m.account.Name != "Fay Fake" {
		t.Fatalf("pane loaded %v / %q, want the fake's line and account", m.lines, m.account.Name)
	}
	if !strings.Contains(m.View(), "FAKE-RENT-WEEK") {
		t.Fatalf("view does not show the fake's line:\n%s", m.View())
	}
	v := form.Values{"amount": "20.00", "method": string(domain.MethodCash), "date": tuitest.Today.String()}
	msg := saveCmd(ctx, formPayment, "ZZ9001", store.LedgerLine{}, v)()
	if saved, ok := msg.(form.SavedMsg); !ok || saved.Err != nil || saved.Made != "fake-1" {
		t.Fatalf("save answered %#v", msg)
	}
	if len(fake.posted) != 1 || fake.posted[0].Kind != store.PostPayment || fake.posted[0].Amount.String() != "20.00" {
		t.Fatalf("posted %+v, want one £20.00 payment", fake.posted)
	}
}
