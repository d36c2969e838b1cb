package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The sign rules of DESIGN.md "Money" and CLI.md `post`: debits positive,
// credits negative; a refund and the giving side of a transfer are +AMOUNT,
// a write-off and the receiving side −AMOUNT; an adjustment carries the
// sign typed; a reversal is the opposite of what it reverses.
func TestPlanPostingSigns(t *testing.T) {
	today := MustDate(2026, time.December, 7)
	m := MustMoney
	owes := PostingFacts{Found: true, Balance: m("120.00")}
	credit := PostingFacts{Found: true, Balance: m("-60.00")}
	charge := &PostedTxn{Ref: "AB1001", Date: MustDate(2026, time.November, 30), Type: TxnCharge, Amount: m("95.20"), RunWeek: "2026-11-30"}
	tests := []struct {
		name     string
		p        Posting
		f        PostingFacts
		types    []TxnType
		amounts  []string // per row, with the ledger sign
		balance  string   // Ref's balance after
		toAfter  string   // transfers: To's balance after
		wantNote string   // the first row's note, when it matters
	}{
		{"a card payment is a credit", Posting{Ref: "AB1001", Kind: PostPayment, Amount: m("50.00"), Method: MethodCard}, owes,
			[]TxnType{TxnPayment}, []string{"-50.00"}, "70.00", "", ""},
		{"Universal Credit is its own type", Posting{Ref: "AB1001", Kind: PostPayment, Amount: m("50.00"), Method: MethodUC}, owes,
			[]TxnType{TxnUC}, []string{"-50.00"}, "70.00", "", ""},
		{"a charge is a debit", Posting{Ref: "AB1001", Kind: PostCharge, Amount: m("10.00")}, owes,
			[]TxnType{TxnCharge}, []string{"10.00"}, "130.00", "", ""},
		{"court costs are a debit", Posting{Ref: "AB1001", Kind: PostCourtCosts, Amount: m("355.00")}, owes,
			[]TxnType{TxnCourtCosts}, []string{"355.00"}, "475.00", "", ""},
		{"a negative adjustment is a credit", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: m("-15.00"), Note: "heating overcharged"}, owes,
			[]TxnType{TxnAdjustment}, []string{"-15.00"}, "105.00", "", "heating overcharged"},
		{"a positive adjustment is a debit", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: m("15.00"), Note: "missed charge"}, owes,
			[]TxnType{TxnAdjustment}, []string{"15.00"}, "135.00", "", ""},
		{"a write-off is a credit, at most the debt", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("120.00"), Note: "uneconomic"}, owes,
			[]TxnType{TxnWriteOff}, []string{"-120.00"}, "0.00", "", "uneconomic"},
		{"an approved write-off records the approver", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("600.00"), Note: "uneconomic", ApprovedBy: "bjones"},
			PostingFacts{Found: true, Balance: m("700.00")}, []TxnType{TxnWriteOff}, []string{"-600.00"}, "100.00", "", "uneconomic (approved by bjones)"},
		{"a refund pays out a credit as a debit", Posting{Ref: "CR1001", Kind: PostRefund, Amount: m("10.00")}, credit,
			[]TxnType{TxnRefund}, []string{"10.00"}, "-50.00", "", ""},
		{"a transfer is both sides or neither", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: m("60.00"), To: "AB1001", Note: "garage debt"},
			PostingFacts{Found: true, Balance: m("-60.00"), ToFound: true, ToBalance: m("120.00")},
			[]TxnType{TxnTransferOut, TxnTransferIn}, []string{"60.00", "-60.00"}, "0.00", "60.00", "to AB1001 garage debt"},
		{"a reversal undoes a charge, keeping its rent week", Posting{Ref: "AB1001", Kind: PostReverse, Of: "9f3a61c2-1042"},
			PostingFacts{Found: true, Balance: m("120.00"), Of: charge}, []TxnType{TxnReversal}, []string{"-95.20"}, "24.80", "", "reverses charge of 2026-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanPosting(tt.p, tt.f, today, "asmith", DefaultMoneyPolicy())
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if len(plan.Rows) != len(tt.types) {
				t.Fatalf("%d rows, want %d: %+v", len(plan.Rows), len(tt.types), plan.Rows)
			}
			for i, r := range plan.Rows {
				if r.Type != tt.types[i] || r.Amount.String() != tt.amounts[i] || r.Date != today {
					t.Errorf("row %d: %s %s on %s, want %s %s on %s", i, r.Type, r.Amount, r.Date, tt.types[i], tt.amounts[i], today)
				}
				if err := r.Type.CheckSign(r.Amount); err != nil {
					t.Errorf("row %d breaks the sign rule: %v", i, err)
				}
			}
			if plan.Balance.String() != tt.balance || plan.Amount.String() != tt.amounts[0] || !plan.BalanceWas.Equal(tt.f.Balance) {
				t.Errorf("balance %s → %s (amount %s), want %s → %s", plan.BalanceWas, plan.Balance, plan.Amount, tt.f.Balance, tt.balance)
			}
			if tt.toAfter != "" && plan.ToBalance.String() != tt.toAfter {
				t.Errorf("receiving balance %s, want %s", plan.ToBalance, tt.toAfter)
			}
			if tt.wantNote != "" && plan.Rows[0].Note != tt.wantNote {
				t.Errorf("note %q, want %q", plan.Rows[0].Note, tt.wantNote)
			}
			if tt.p.Kind == PostReverse && (plan.Rows[0].Reverses != tt.p.Of || plan.Rows[0].RunWeek != charge.RunWeek) {
				t.Errorf("reversal row %+v", plan.Rows[0])
			}
		})
	}
}

// Why a posting is refused: the field to fix and what to do, in the words
// the CLI prints and the ledger pane shows.
func TestPlanPostingRefusals(t *testing.T) {
	today := MustDate(2026, time.December, 7)
	m := MustMoney
	owes := PostingFacts{Found: true, Balance: m("100.00")}
	credit := PostingFacts{Found: true, Balance: m("-50.00")}
	orig := func(edit func(*PostedTxn)) PostingFacts {
		o := &PostedTxn{Ref: "AB1001", Date: today, Type: TxnPayment, Amount: m("-10.00")}
		edit(o)
		return PostingFacts{Found: true, Balance: m("100.00"), Of: o}
	}
	tests := []struct {
		name  string
		p     Posting
		f     PostingFacts
		field string
		want  string
	}{
		{"a date in the future", Posting{Ref: "AB1001", Kind: PostCharge, Amount: m("1"), Date: today.AddDays(1)}, owes, "date", "future"},
		{"no such account", Posting{Ref: "ZZ9999", Kind: PostCharge, Amount: m("1")}, PostingFacts{}, "ref", "no account ZZ9999"},
		{"a zero payment", Posting{Ref: "AB1001", Kind: PostPayment, Amount: Zero, Method: MethodCash}, owes, "amount", "more than £0.00"},
		{"a negative charge", Posting{Ref: "AB1001", Kind: PostCharge, Amount: m("-10")}, owes, "amount", "more than £0.00"},
		{"a payment with no method", Posting{Ref: "AB1001", Kind: PostPayment, Amount: m("10")}, owes, "method", "say how it was paid"},
		{"a payment by an unknown method", Posting{Ref: "AB1001", Kind: PostPayment, Amount: m("10"), Method: "barter"}, owes, "method", ""},
		{"a zero adjustment", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: Zero, Note: "x"}, owes, "amount", "must not be zero"},
		{"an adjustment without a reason", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: m("5")}, owes, "note", "say why"},
		{"a write-off without a reason", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("5")}, owes, "note", "give the reason"},
		{"a write-off with no debt", Posting{Ref: "CR1001", Kind: PostWriteOff, Amount: m("5"), Note: "x"}, credit, "amount", "CR1001 owes nothing (balance £50.00 CR)"},
		{"a write-off beyond the debt", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("100.01"), Note: "x"}, owes, "amount", "£100.01 is more than the debt of £100.00"},
		{"a write-off above the limit, unapproved", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("600"), Note: "x"},
			PostingFacts{Found: true, Balance: m("700")}, "approved-by", "above £500.00 needs a second officer"},
		{"a write-off approved by its poster", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: m("600"), Note: "x", ApprovedBy: "ASmith"},
			PostingFacts{Found: true, Balance: m("700")}, "approved-by", "cannot approve their own"},
		{"a refund with no credit", Posting{Ref: "AB1001", Kind: PostRefund, Amount: m("1")}, owes, "amount", "AB1001 has no credit to refund"},
		{"a refund beyond the credit", Posting{Ref: "CR1001", Kind: PostRefund, Amount: m("50.01")}, credit, "amount", "more than the credit of £50.00"},
		{"a transfer with nowhere to go", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: m("10")}, credit, "to", "name the account"},
		{"a transfer to itself", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: m("10"), To: "CR1001"}, credit, "to", "two different accounts"},
		{"a transfer beyond the credit", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: m("60"), To: "AB1001"}, credit, "amount", "transfer at most the credit"},
		{"a transfer to no account", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: m("10"), To: "ZZ9999"}, credit, "ref", "no account ZZ9999"},
		{"a reversal of an unknown transaction", Posting{Ref: "AB1001", Kind: PostReverse, Of: "9f3a61c2-1"},
			PostingFacts{Found: true, OfErr: Invalid("of", "no transaction 9f3a61c2-1")}, "of", "no transaction"},
		{"a reversal on the wrong account", Posting{Ref: "AB1001", Kind: PostReverse, Of: "t-1"}, orig(func(o *PostedTxn) { o.Ref = "AB1002" }), "of", "is on account AB1002, not AB1001"},
		{"a second reversal", Posting{Ref: "AB1001", Kind: PostReverse, Of: "t-1"}, orig(func(o *PostedTxn) { o.Reversed = true }), "of", "already been reversed"},
		{"a side of a transfer", Posting{Ref: "AB1001", Kind: PostReverse, Of: "t-1"}, orig(func(o *PostedTxn) { o.Paired = true }), "of", "transfer the credit back"},
		{"a void reversal", Posting{Ref: "AB1001", Kind: PostReverse, Of: "t-1"}, orig(func(o *PostedTxn) { o.Void = true }), "of", "counts for nothing"},
		{"an unknown kind", Posting{Ref: "AB1001", Kind: "gift", Amount: m("1")}, owes, "type", "not a posting type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanPosting(tt.p, tt.f, today, "asmith", DefaultMoneyPolicy())
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a refusal, got %v and %+v", err, plan.Rows)
			}
			if ve.Field != tt.field || !strings.Contains(ve.Reason, tt.want) {
				t.Errorf("refused %s: %q, want %s: …%s…", ve.Field, ve.Reason, tt.field, tt.want)
			}
			if len(plan.Rows) != 0 {
				t.Errorf("a refused posting planned rows: %+v", plan.Rows)
			}
		})
	}
}

// The ledger pane checks the amount as the officer types with the plan's
// own rule, so the form and the store never disagree.
func TestCheckPostingAmountIsThePlansRule(t *testing.T) {
	today := MustDate(2026, time.December, 7)
	m := MustMoney
	for _, tt := range []struct {
		kind            PostingKind
		amount, balance string
		ok              bool
	}{
		{PostPayment, "0", "10", false}, {PostPayment, "5", "10", true},
		{PostAdjustment, "0", "10", false}, {PostAdjustment, "-5", "10", true},
		{PostWriteOff, "10", "10", true}, {PostWriteOff, "10.01", "10", false}, {PostWriteOff, "1", "0", false},
		{PostRefund, "10", "-10", true}, {PostRefund, "10.01", "-10", false}, {PostRefund, "1", "0", false},
		{PostTransfer, "10", "-10", true}, {PostTransfer, "10.01", "-10", false},
	} {
		err := CheckPostingAmount(tt.kind, "AB1001", m(tt.amount), m(tt.balance))
		if (err == nil) != tt.ok {
			t.Errorf("%s %s on %s: %v, want ok=%v", tt.kind, tt.amount, tt.balance, err, tt.ok)
		}
		p := Posting{Ref: "AB1001", Kind: tt.kind, Amount: m(tt.amount), Method: MethodCash, Note: "x", To: "AB1002"}
		f := PostingFacts{Found: true, Balance: m(tt.balance), ToFound: true}
		if _, perr := PlanPosting(p, f, today, "asmith", DefaultMoneyPolicy()); err != nil && (perr == nil || perr.Error() != err.Error()) {
			t.Errorf("%s %s on %s: form says %v, plan says %v", tt.kind, tt.amount, tt.balance, err, perr)
		}
	}
}

// CheckPosting is the shape rule the CLI and the ledger pane's forms share:
// approval only on a write-off, a transfer names --to, a reversal names
// --of and carries no amount of its own.
func TestCheckPosting(t *testing.T) {
	m := MustMoney
	tests := []struct {
		name  string
		p     Posting
		field string // "" when the posting is well formed
	}{
		{"a write-off may be approved", Posting{Kind: PostWriteOff, Amount: m("600.00"), ApprovedBy: "jbloggs"}, ""},
		{"a write-off under the limit needs no approval", Posting{Kind: PostWriteOff, Amount: m("6.00")}, ""},
		{"a charge is never approved", Posting{Kind: PostCharge, Amount: m("10.00"), ApprovedBy: "jbloggs"}, "approved_by"},
		{"a payment is never approved", Posting{Kind: PostPayment, Amount: m("10.00"), Method: MethodCash, ApprovedBy: "jbloggs"}, "approved_by"},
		{"a blank approval is no approval", Posting{Kind: PostRefund, Amount: m("10.00"), ApprovedBy: "  "}, ""},
		{"a transfer names the receiving account", Posting{Kind: PostTransfer, Amount: m("40.00"), To: "GA1001"}, ""},
		{"a transfer without --to is refused", Posting{Kind: PostTransfer, Amount: m("40.00")}, "to"},
		{"a reversal names the original", Posting{Kind: PostReverse, Of: "T-1"}, ""},
		{"a reversal takes its amount from the original", Posting{Kind: PostReverse, Of: "T-1", Amount: m("5.00")}, ""},
		{"a reversal without --of is refused", Posting{Kind: PostReverse}, "of"},
		{"a payment needs neither --to nor --of", Posting{Kind: PostPayment, Amount: m("5.00"), Method: MethodCard}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPosting(tt.p)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("CheckPosting = %v, want nil", err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) || v.Field != tt.field {
				t.Fatalf("CheckPosting = %v, want a refusal of %q", err, tt.field)
			}
			// The plan refuses alike, whatever the ledger holds.
			f := PostingFacts{Found: true, Balance: m("-100.00"), ToFound: true}
			if _, perr := PlanPosting(tt.p, f, MustDate(2026, time.December, 7), "tester", MoneyPolicy{}); perr == nil || perr.Error() != err.Error() {
				t.Fatalf("PlanPosting = %v, want %v", perr, err)
			}
		})
	}
}
