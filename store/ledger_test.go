package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// amt is a literal amount in a test table.
func amt(s string) domain.Money { return domain.MustMoney(s) }

// balanceOf reads an account's stored balance.
func balanceOf(t testing.TB, s *Store, ref string) domain.Money {
	t.Helper()
	a, err := s.Account(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	return a.Balance
}

// lastLine is the newest ledger line of an account.
func lastLine(t testing.TB, s *Store, ref string) LedgerLine {
	t.Helper()
	lines, err := s.Ledger(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Fatalf("%s has no ledger lines", ref)
	}
	return lines[len(lines)-1]
}

// setBalance brings a fresh account to a balance with a charge (debt) or a
// payment (credit), so each case starts where its rule applies.
func setBalance(t testing.TB, s *Store, ref string, balance string) {
	t.Helper()
	b := amt(balance)
	switch {
	case b.IsPositive():
		mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: b, Date: today.AddDays(-7)})
	case b.IsNegative():
		mustPost(t, s, Posting{Ref: ref, Kind: PostPayment, Amount: b.Abs(), Method: domain.MethodBank, Date: today.AddDays(-7)})
	}
}

func TestEveryPostingTypeTakesItsSign(t *testing.T) {
	cases := []struct {
		name    string
		start   string // the account's balance before
		posting Posting
		typ     domain.TxnType
		method  string
		amount  string // the signed ledger amount
		after   string
	}{
		{"a card payment is a credit", "100.00", Posting{Kind: PostPayment, Amount: amt("50.00"), Method: domain.MethodCard, Reference: "R123"}, domain.TxnPayment, "card", "-50.00", "50.00"},
		{"a cash payment is a credit", "0", Posting{Kind: PostPayment, Amount: amt("20"), Method: domain.MethodCash}, domain.TxnPayment, "cash", "-20.00", "-20.00"},
		{"a Direct Debit is a plain payment by dd", "80.00", Posting{Kind: PostPayment, Amount: amt("80.00"), Method: domain.MethodDirectDebit}, domain.TxnPayment, "dd", "-80.00", "0.00"},
		{"a bank transfer payment", "10.00", Posting{Kind: PostPayment, Amount: amt("5.5"), Method: domain.MethodBank}, domain.TxnPayment, "bank", "-5.50", "4.50"},
		{"a standing order payment", "10.00", Posting{Kind: PostPayment, Amount: amt("10"), Method: domain.MethodStandingOrder}, domain.TxnPayment, "standing-order", "-10.00", "0.00"},
		{"a cheque payment", "10.00", Posting{Kind: PostPayment, Amount: amt("12.34"), Method: domain.MethodCheque}, domain.TxnPayment, "cheque", "-12.34", "-2.34"},
		{"Universal Credit paid to the landlord is its own type", "500.00", Posting{Kind: PostPayment, Amount: amt("411.67"), Method: domain.MethodUC}, domain.TxnUC, "uc", "-411.67", "88.33"},
		{"Housing Benefit is its own type", "500.00", Posting{Kind: PostPayment, Amount: amt("100"), Method: domain.MethodHB}, domain.TxnHB, "hb", "-100.00", "400.00"},
		{"a Discretionary Housing Payment is its own type", "500.00", Posting{Kind: PostPayment, Amount: amt("25"), Method: domain.MethodDHP}, domain.TxnDHP, "dhp", "-25.00", "475.00"},
		{"a charge is a debit", "0", Posting{Kind: PostCharge, Amount: amt("95.20"), Note: "rechargeable repair"}, domain.TxnCharge, "", "95.20", "95.20"},
		{"court costs are a debit", "300.00", Posting{Kind: PostCourtCosts, Amount: amt("355.00")}, domain.TxnCourtCosts, "", "355.00", "655.00"},
		{"an adjustment up is a debit", "0", Posting{Kind: PostAdjustment, Amount: amt("12.00"), Note: "missed week 12"}, domain.TxnAdjustment, "", "12.00", "12.00"},
		{"an adjustment down is a credit", "40.00", Posting{Kind: PostAdjustment, Amount: amt("-15.00"), Note: "overcharged heating"}, domain.TxnAdjustment, "", "-15.00", "25.00"},
		{"a write-off is a credit, at most the debt", "120.00", Posting{Kind: PostWriteOff, Amount: amt("120.00"), Note: "approved by manager 12 Nov"}, domain.TxnWriteOff, "", "-120.00", "0.00"},
		{"a refund pays out a credit: a debit", "-60.00", Posting{Kind: PostRefund, Amount: amt("60.00"), Reference: "BACS 881"}, domain.TxnRefund, "", "60.00", "0.00"},
		{"a part refund leaves the rest of the credit", "-60.00", Posting{Kind: PostRefund, Amount: amt("10.00")}, domain.TxnRefund, "", "10.00", "-50.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "AB1001")
			setBalance(t, s, "AB1001", c.start)
			p := c.posting
			p.Ref = "AB1001"
			preview, err := s.Preview(ctx, p, today)
			if err != nil {
				t.Fatalf("preview: %v", err)
			}
			out := mustPost(t, s, p)
			if !out.Amount.Equal(amt(c.amount)) || !out.Balance.Equal(amt(c.after)) {
				t.Fatalf("posted amount %s balance %s, want %s and %s", out.Amount, out.Balance, c.amount, c.after)
			}
			if !preview.Balance.Equal(out.Balance) || !preview.Amount.Equal(out.Amount) {
				t.Fatalf("preview said %s → %s, the posting did %s → %s", preview.Amount, preview.Balance, out.Amount, out.Balance)
			}
			l := lastLine(t, s, "AB1001")
			if l.Type != c.typ || l.Method != c.method || !l.Amount.Equal(amt(c.amount)) || !l.Balance.Equal(amt(c.after)) || l.ID != out.IDs[0] {
				t.Fatalf("ledger line %+v, want %s %q %s balance %s", l, c.typ, c.method, c.amount, c.after)
			}
			if got := balanceOf(t, s, "AB1001"); !got.Equal(amt(c.after)) {
				t.Fatalf("stored balance %s, want %s", got, c.after)
			}
			if r, err := s.Check(ctx); err != nil || !r.OK() {
				t.Fatalf("check: %v %v", err, r.Problems)
			}
		})
	}
}

func TestPaymentsSetTheLastPaymentDateAndChargesDoNot(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	paid := today.AddDays(-10)
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10"), Method: domain.MethodCash, Date: paid})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("10"), Date: today})
	// An older payment recorded later does not move the date back.
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10"), Method: domain.MethodCash, Date: paid.AddDays(-20)})
	a, _ := s.Account(ctx, "AB1001")
	if a.LastPayment != paid {
		t.Fatalf("last payment %s, want %s", a.LastPayment, paid)
	}
}

func TestTransferMovesCreditBothSidesOrNeither(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "FT1001", "GA1001")
	setBalance(t, s, "FT1001", "-75.00") // a former tenant's credit
	setBalance(t, s, "GA1001", "40.00")  // a garage debt
	out := mustPost(t, s, Posting{Ref: "FT1001", Kind: PostTransfer, Amount: amt("40.00"), To: "GA1001", Note: "clear garage debt"})
	if len(out.IDs) != 2 || !out.Balance.Equal(amt("-35.00")) || !out.ToBalance.Equal(amt("0.00")) || !out.Amount.Equal(amt("40.00")) {
		t.Fatalf("transfer posted %+v", out)
	}
	from, to := lastLine(t, s, "FT1001"), lastLine(t, s, "GA1001")
	if from.Type != domain.TxnTransferOut || !from.Amount.Equal(amt("40.00")) || !strings.Contains(from.Note, "to GA1001") {
		t.Fatalf("out side %+v", from)
	}
	if to.Type != domain.TxnTransferIn || !to.Amount.Equal(amt("-40.00")) || !strings.Contains(to.Note, "from FT1001") {
		t.Fatalf("in side %+v", to)
	}
	// Both sides name one pair and were written by one write (one audit row).
	var pairs, audits int
	s.db.QueryRow("SELECT count(DISTINCT pair) FROM txn WHERE pair <> ''").Scan(&pairs)
	s.db.QueryRow("SELECT count(*) FROM audit WHERE action = 'post transfer'").Scan(&audits)
	if pairs != 1 || audits != 1 {
		t.Fatalf("pairs %d audits %d, want 1 and 1", pairs, audits)
	}
	// Neither side of a transfer can be reversed on its own.
	before := dump(t, s)
	for _, id := range out.IDs {
		ref := "FT1001"
		if id == out.IDs[1] {
			ref = "GA1001"
		}
		if _, err := s.Post(ctx, Posting{Ref: ref, Kind: PostReverse, Of: id}, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), "one side of a transfer") {
			t.Fatalf("reversing %s: %v", id, err)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused reversal of a transfer side wrote something")
	}
}

func TestTransferFailingOnTheSecondSideWritesNeither(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "FT1001", "GA1001")
	setBalance(t, s, "FT1001", "-75.00")
	before := dump(t, s)
	// Fail the insert of the receiving side only: the first side and its
	// change-log row were already written in the transaction.
	if _, err := s.db.Exec(`CREATE TRIGGER fail_in BEFORE INSERT ON txn WHEN NEW.type = 'transfer-in'
		BEGIN SELECT RAISE(ABORT, 'injected failure on the second side'); END`); err != nil {
		t.Fatal(err)
	}
	_, err := s.Post(ctx, Posting{Ref: "FT1001", Kind: PostTransfer, Amount: amt("40.00"), To: "GA1001"}, today)
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("err = %v", err)
	}
	s.db.Exec("DROP TRIGGER fail_in")
	if after := dump(t, s); after != before {
		t.Fatalf("a half transfer was written:\n%s", after)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Fatal(r.Problems)
	}
}

func TestReversalUndoesOnceAndNamesWhatItReverses(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	setBalance(t, s, "AB1001", "100.00")
	pay := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("30.00"), Method: domain.MethodCheque, Reference: "CHQ 100234"})
	rev := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostReverse, Of: pay.IDs[0]})
	if !rev.Amount.Equal(amt("30.00")) || !rev.Balance.Equal(amt("100.00")) {
		t.Fatalf("reversal %+v", rev)
	}
	lines, _ := s.Ledger(ctx, "AB1001")
	l := lines[len(lines)-1]
	if l.Type != domain.TxnReversal || l.Reverses != pay.IDs[0] || l.Method != "cheque" || !strings.Contains(l.Note, "reverses payment") {
		t.Fatalf("reversal line %+v", l)
	}
	if lines[len(lines)-2].ReversedBy != rev.IDs[0] {
		t.Fatalf("the payment does not say it was reversed: %+v", lines[len(lines)-2])
	}
	// Twice is refused, with nothing written.
	before := dump(t, s)
	if _, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostReverse, Of: pay.IDs[0]}, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), "already been reversed") {
		t.Fatalf("second reversal: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused second reversal wrote something")
	}
	// A reversal made in error can itself be reversed — once.
	again := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostReverse, Of: rev.IDs[0]})
	if !again.Balance.Equal(amt("70.00")) || !again.Amount.Equal(amt("-30.00")) {
		t.Fatalf("reversal of the reversal %+v", again)
	}
	if _, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostReverse, Of: rev.IDs[0]}, today); !domain.IsValidation(err) {
		t.Fatalf("reversing the reversal twice: %v", err)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Fatal(r.Problems)
	}
}

// TestRefusalsWriteNothing is every posting an officer may not make: each
// is a validation error (CLI exit 3) and leaves every table as it was.
func TestRefusalsWriteNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002", "CR1001")
	setBalance(t, s, "AB1001", "100.00")
	setBalance(t, s, "CR1001", "-50.00")
	pay := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10"), Method: domain.MethodCash})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostReverse, Of: pay.IDs[0]})
	other := mustPost(t, s, Posting{Ref: "AB1002", Kind: PostCharge, Amount: amt("5")})
	cases := []struct {
		name string
		p    Posting
		want string
	}{
		{"an unknown account", Posting{Ref: "ZZ9999", Kind: PostPayment, Amount: amt("10"), Method: domain.MethodCash}, "no account ZZ9999"},
		{"a zero payment", Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.Zero, Method: domain.MethodCash}, "more than £0.00"},
		{"a negative payment", Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("-10"), Method: domain.MethodCash}, "more than £0.00"},
		{"a negative charge", Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("-10")}, "more than £0.00"},
		{"a payment with no method", Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10")}, "say how it was paid"},
		{"a payment by an unknown method", Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10"), Method: "bitcoin"}, "bitcoin"},
		{"a zero adjustment", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: domain.Zero, Note: "x"}, "must not be zero"},
		{"an adjustment without a reason", Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: amt("5")}, "say why"},
		{"a write-off without a reason", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: amt("5")}, "reason for the write-off"},
		{"a write-off beyond the debt", Posting{Ref: "AB1001", Kind: PostWriteOff, Amount: amt("100.01"), Note: "approved"}, "more than the debt"},
		{"a write-off on an account in credit", Posting{Ref: "CR1001", Kind: PostWriteOff, Amount: amt("1"), Note: "approved"}, "no debt to write off"},
		{"a refund beyond the credit", Posting{Ref: "CR1001", Kind: PostRefund, Amount: amt("50.01")}, "more than the credit"},
		{"a refund with no credit", Posting{Ref: "AB1001", Kind: PostRefund, Amount: amt("1")}, "no credit to refund"},
		{"a transfer to an unknown account", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: amt("10"), To: "ZZ9999"}, "no account ZZ9999"},
		{"a transfer to itself", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: amt("10"), To: "CR1001"}, "two different accounts"},
		{"a transfer with nowhere to go", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: amt("10")}, "name the account"},
		{"a transfer beyond the credit", Posting{Ref: "CR1001", Kind: PostTransfer, Amount: amt("60"), To: "AB1001"}, "more than the credit"},
		{"a transfer from an account with no credit", Posting{Ref: "AB1001", Kind: PostTransfer, Amount: amt("1"), To: "CR1001"}, "no credit to transfer"},
		{"a reversal twice", Posting{Ref: "AB1001", Kind: PostReverse, Of: pay.IDs[0]}, "already been reversed"},
		{"a reversal of an unknown transaction", Posting{Ref: "AB1001", Kind: PostReverse, Of: s.Self().Short() + "-99999"}, "no transaction"},
		{"a reversal of something that is not an id", Posting{Ref: "AB1001", Kind: PostReverse, Of: "payment"}, "not a transaction id"},
		{"a reversal of another account's transaction", Posting{Ref: "AB1001", Kind: PostReverse, Of: other.IDs[0]}, "on account AB1002"},
		{"a posting dated in the future", Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("1"), Date: today.AddDays(1)}, "in the future"},
		{"a reference over 64 characters", Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("1"), Method: domain.MethodCash, Reference: strings.Repeat("x", 65)}, "at most 64"},
		{"an unknown posting kind", Posting{Ref: "AB1001", Kind: "gift", Amount: amt("1")}, "not a posting type"},
	}
	before := dump(t, s)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := s.Preview(ctx, c.p, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("preview: err = %v, want a validation error containing %q", err, c.want)
			}
			_, err := s.Post(ctx, c.p, today)
			if !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a validation error containing %q", err, c.want)
			}
			if after := dump(t, s); after != before {
				t.Fatalf("a refused posting changed the database")
			}
		})
	}
}

func TestPreviewWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002")
	setBalance(t, s, "AB1001", "-20.00")
	before := dump(t, s)
	for _, p := range []Posting{
		{Ref: "AB1001", Kind: PostPayment, Amount: amt("5"), Method: domain.MethodCard, Reference: "4111 1111 1111 1111"},
		{Ref: "AB1001", Kind: PostTransfer, Amount: amt("20"), To: "AB1002"},
		{Ref: "AB1001", Kind: PostRefund, Amount: amt("20")},
	} {
		out, err := s.Preview(ctx, p, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(out.IDs) != 0 {
			t.Fatalf("preview returned ids %v", out.IDs)
		}
	}
	if dump(t, s) != before {
		t.Fatal("preview wrote to the database")
	}
}

func TestCardNumbersAreMaskedBeforeSaving(t *testing.T) {
	cases := []struct {
		name, text, stored string
		masked             int
	}{
		{"a Visa test number in groups of four", "paid by 4111 1111 1111 1111 ok", "paid by **** **** **** 1111 ok", 1},
		{"a Mastercard test number with hyphens", "card 5555-5555-5555-4444", "card ****-****-****-4444", 1},
		{"a 16-digit run that fails Luhn is left alone", "ref 4111111111111112", "ref 4111111111111112", 0},
		{"a receipt number is not a card number", "receipt 20261123-0042", "receipt 20261123-0042", 0},
	}
	for _, c := range cases {
		t.Run(c.name+" (payment reference and note)", func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "AB1001")
			ref := c.text
			if len(ref) > 64 {
				t.Fatal("test reference too long")
			}
			out := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10"), Method: domain.MethodCard, Reference: ref, Note: c.text})
			if out.Masked != 2*c.masked {
				t.Fatalf("masked %d, want %d", out.Masked, 2*c.masked)
			}
			l := lastLine(t, s, "AB1001")
			if l.Reference != c.stored || l.Note != c.stored {
				t.Fatalf("stored reference %q note %q, want %q", l.Reference, l.Note, c.stored)
			}
			assertNoFullCardNumber(t, s, c)
		})
		t.Run(c.name+" (note)", func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "AB1001")
			res, err := s.AddNote(ctx, NewNote{Ref: "AB1001", Channel: domain.ChannelPhone, Text: c.text}, today)
			if err != nil {
				t.Fatal(err)
			}
			if res.Masked != c.masked {
				t.Fatalf("masked %d, want %d", res.Masked, c.masked)
			}
			notes, err := s.Notes(ctx, "AB1001")
			if err != nil || len(notes) != 1 || notes[0].Text != c.stored {
				t.Fatalf("notes %+v %v, want text %q", notes, err, c.stored)
			}
			assertNoFullCardNumber(t, s, c)
		})
	}
}

// assertNoFullCardNumber looks in every table (the change log included)
// for the digits of a masked card number.
func assertNoFullCardNumber(t *testing.T, s *Store, c struct {
	name, text, stored string
	masked             int
}) {
	t.Helper()
	if c.masked == 0 {
		return
	}
	digits := strings.NewReplacer(" ", "", "-", "").Replace(c.text)
	var full string
	for _, f := range strings.Fields(digits) {
		if len(f) >= 13 {
			full = f
		}
	}
	d := dump(t, s)
	for _, form := range []string{full, full[:12]} {
		if strings.Contains(strings.NewReplacer(" ", "", "-", "").Replace(d), form) {
			t.Fatalf("the digits %s are stored somewhere", form)
		}
	}
}

func TestMaskedReferenceMayNotGrowPast64(t *testing.T) {
	// Masking keeps the length, so a reference that fits still fits.
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	ref := "taken by phone, card 4111 1111 1111 1111, auth 0042"
	out := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("1"), Method: domain.MethodCard, Reference: ref})
	if out.Masked != 1 || len(lastLine(t, s, "AB1001").Reference) != len(ref) {
		t.Fatalf("%+v %q", out, lastLine(t, s, "AB1001").Reference)
	}
}

func TestLedgerRunningBalanceInDateOrder(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	d := domain.MustDate(2026, time.November, 2)
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100"), Date: d.AddDays(7)})
	// Posted later but dated earlier: it comes first.
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100"), Date: d})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("150"), Method: domain.MethodCash, Date: d.AddDays(7)})
	lines, err := s.Ledger(ctx, "AB1001")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Date.String()+" "+l.Amount.String()+" "+l.Balance.String())
	}
	want := []string{"2026-11-02 100.00 100.00", "2026-11-09 100.00 200.00", "2026-11-09 -150.00 50.00"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("ledger\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := s.Ledger(ctx, "ZZ9999"); !domain.IsValidation(err) {
		t.Fatalf("unknown account: %v", err)
	}
}

// TestLedgerLeavesOutVoidRowsFromTheBalance: a second reversal of one
// payment merged from another replica is kept and shown, marked void, and
// counts for nothing — as caseload check counts the balance.
func TestLedgerLeavesOutVoidRowsFromTheBalance(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	setBalance(t, s, "AB1001", "100.00")
	pay := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("30"), Method: domain.MethodCash})
	rev := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostReverse, Of: pay.IDs[0]})
	// What sync does when the same reversal arrives from elsewhere: the row
	// stays, voided, and the balance no longer counts it.
	if _, err := s.db.Exec("UPDATE txn SET void = 1 WHERE reverses = ?", pay.IDs[0]); err != nil {
		t.Fatal(err)
	}
	s.db.Exec("UPDATE account SET balance = balance - 3000 WHERE ref = 'AB1001'")
	s.db.Exec("UPDATE account_summary SET balance = balance - 3000 WHERE account = (SELECT no FROM account WHERE ref = 'AB1001')")
	year, day := periodYear(today)
	s.db.Exec("UPDATE account_period SET total = total - 3000, rows = rows || ? WHERE year = ? AND account = (SELECT no FROM account WHERE ref = 'AB1001')",
		appendPeriodRow(nil, day, classOther, -3000), year)
	lines, _ := s.Ledger(ctx, "AB1001")
	last := lines[len(lines)-1]
	if !last.Void || last.ID != rev.IDs[0] || !last.Balance.Equal(amt("70.00")) || !balanceOf(t, s, "AB1001").Equal(last.Balance) {
		t.Fatalf("void line %+v, stored balance %s", last, balanceOf(t, s, "AB1001"))
	}
	if lines[len(lines)-2].ReversedBy != "" {
		t.Fatalf("a void reversal still marks the payment reversed: %+v", lines[len(lines)-2])
	}
	if _, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostReverse, Of: rev.IDs[0]}, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), "void") {
		t.Fatalf("reversing a void row: %v", err)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Fatal(r.Problems)
	}
}

func TestStatementOpeningLinesClosingAndWeeks(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	oct := domain.MustDate(2026, time.October, 26)
	for i := 0; i < 4; i++ {
		mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100"), Date: oct.AddDays(7 * i)})
	}
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("50"), Method: domain.MethodCash, Date: oct.AddDays(9)})
	st, err := s.Statement(ctx, "AB1001", oct.AddDays(7), oct.AddDays(20))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Opening.Equal(amt("100")) || len(st.Lines) != 3 || !st.Closing.Equal(amt("250")) || st.Weeks == nil || st.Weeks.Hundredths() != "2.50" || !st.Weekly.Equal(amt("100")) {
		t.Fatalf("statement opening %s lines %d closing %s weeks %q weekly %s", st.Opening, len(st.Lines), st.Closing, st.Weeks, st.Weekly)
	}
	if !st.Lines[2].Balance.Equal(st.Closing) {
		t.Fatalf("last line balance %s, closing %s", st.Lines[2].Balance, st.Closing)
	}
	// A period with nothing in it opens and closes on the balance before it.
	st, _ = s.Statement(ctx, "AB1001", today.AddDays(-1), today)
	if len(st.Lines) != 0 || !st.Opening.Equal(amt("350")) || !st.Closing.Equal(amt("350")) {
		t.Fatalf("empty period: %+v", st)
	}
	for _, c := range []struct {
		from, to domain.Date
		want     string
	}{
		{domain.Date{}, today, "give both"},
		{today, today.AddDays(-1), "before --from"},
	} {
		if _, err := s.Statement(ctx, "AB1001", c.from, c.to); !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v–%v: %v", c.from, c.to, err)
		}
	}
	if _, err := s.Statement(ctx, "ZZ9999", oct, today); !domain.IsValidation(err) {
		t.Errorf("unknown account: %v", err)
	}
}
