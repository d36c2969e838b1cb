package ledger

import (
	"testing"

	"caseload/domain"
	"caseload/store"
)

// The amount fields refuse what the store's posting plan refuses, in its
// words: one rule (domain.PlanPosting) for the form, the CLI and the store.
func TestAmountFieldsUseThePostingPlan(t *testing.T) {
	today := domain.MustDate(2026, 12, 7)
	credit := store.Account{Ref: "NW1006", Balance: domain.MustMoney("-148.00")}
	debt := store.Account{Ref: "NW1001", Balance: domain.MustMoney("1100.00")}
	for _, tt := range []struct {
		kind   store.PostingKind
		a      store.Account
		amount string
	}{
		{store.PostRefund, credit, "200.00"}, {store.PostRefund, credit, "148.00"},
		{store.PostTransfer, credit, "148.01"}, {store.PostWriteOff, debt, "1100.01"},
		{store.PostWriteOff, debt, "0"}, {store.PostPayment, debt, "-1"}, {store.PostAdjustment, debt, "0"},
	} {
		m := domain.MustMoney(tt.amount)
		field := amountRule(tt.kind, tt.a)(m)
		_, plan := domain.PlanPosting(domain.Posting{Ref: tt.a.Ref, Kind: tt.kind, Amount: m, Note: "x", To: "NW1002", Method: domain.MethodCash},
			domain.PostingFacts{Found: true, Balance: tt.a.Balance, ToFound: true}, today, "asmith", domain.DefaultMoneyPolicy())
		if (field == nil) != (plan == nil) || (field != nil && field.Error() != plan.Error()) {
			t.Errorf("%s %s on %s: the form says %v, the plan %v", tt.kind, tt.amount, tt.a.Balance, field, plan)
		}
	}
}
