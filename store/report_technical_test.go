package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/report"
	"caseload/domain/worklist"
)

// technicalLedger builds accounts whose payments run from January 2025
// to November 2026 in every source, with what can make an account's kept
// payments differ from the ledger's reading at a report's end:
//
//	TA01 Direct Debit weekly; a January 2025 payment reversed on 23 Nov 2026.
//	TA02 UC every 28 days and odd cash; its October 2026 UC reversed six
//	     days later; a DHP.
//	TA03 standing order monthly; the 10 Sep 2026 payment reversed on 5 Nov.
//	TA04 HB fortnightly; the 5 Oct 2026 charge reversed on 6 Oct.
//	TA05 card, irregular; a payment dated 15 Sep 2026 recorded later.
//	TA06 paid in 2025 only.
//
// Then, recorded later: TA05's back-dated payment, TA01's reversal, a
// TA02 payment of 28 Oct and a credit adjustment to TA04.
func technicalLedger(t *testing.T) *Store {
	t.Helper()
	s := newTestStore(t)
	charge := func(d domain.Date) BatchTxn {
		return BatchTxn{Date: d, Type: domain.TxnCharge, Amount: amt("100.00"), RunWeek: d}
	}
	pay := func(d domain.Date, typ domain.TxnType, pounds string, m domain.PaymentMethod) BatchTxn {
		return BatchTxn{Date: d, Type: typ, Amount: amt(pounds).Neg(), Method: m}
	}
	start, end := domain.MustDate(2025, 1, 6), domain.MustDate(2026, 11, 16)
	posts := map[string][]BatchTxn{}
	refs := []string{"TA01", "TA02", "TA03", "TA04", "TA05", "TA06"}
	for _, ref := range refs {
		for d := start; !d.After(end); d = d.AddDays(7) {
			posts[ref] = append(posts[ref], charge(d))
		}
	}
	for d := start.AddDays(2); !d.After(end); d = d.AddDays(7) {
		posts["TA01"] = append(posts["TA01"], pay(d, domain.TxnPayment, "90.00", domain.MethodDirectDebit))
	}
	for i, d := 0, start.AddDays(3); !d.After(end); i, d = i+1, d.AddDays(28) {
		posts["TA02"] = append(posts["TA02"], pay(d, domain.TxnUC, "380.00", ""))
		if i%5 == 2 {
			posts["TA02"] = append(posts["TA02"], pay(d.AddDays(4), domain.TxnPayment, "20.00", domain.MethodCash))
		}
	}
	uc := slices.IndexFunc(posts["TA02"], func(b BatchTxn) bool {
		return b.Type == domain.TxnUC && b.Date.Year() == 2026 && b.Date.Month() == time.October
	})
	posts["TA02"] = append(posts["TA02"], BatchTxn{Date: posts["TA02"][uc].Date.AddDays(6), Type: domain.TxnReversal, Amount: amt("380.00"), Reverses: uc + 1},
		pay(domain.MustDate(2026, 8, 3), domain.TxnDHP, "55.00", ""))
	for d := domain.MustDate(2025, 1, 10); !d.After(end); d = d.AddMonthsClamped(1) {
		posts["TA03"] = append(posts["TA03"], pay(d, domain.TxnPayment, "380.00", domain.MethodStandingOrder))
	}
	so := slices.IndexFunc(posts["TA03"], func(b BatchTxn) bool { return b.Type == domain.TxnPayment && b.Date == domain.MustDate(2026, 9, 10) })
	posts["TA03"] = append(posts["TA03"], BatchTxn{Date: domain.MustDate(2026, 11, 5), Type: domain.TxnReversal, Amount: amt("380.00"), Reverses: so + 1})
	for d := start.AddDays(4); !d.After(end); d = d.AddDays(14) {
		posts["TA04"] = append(posts["TA04"], pay(d, domain.TxnHB, "180.00", ""))
	}
	ch := slices.IndexFunc(posts["TA04"], func(b BatchTxn) bool { return b.Type == domain.TxnCharge && b.Date == domain.MustDate(2026, 10, 5) })
	posts["TA04"] = append(posts["TA04"], BatchTxn{Date: domain.MustDate(2026, 10, 6), Type: domain.TxnReversal, Amount: amt("-100.00"), Reverses: ch + 1})
	for i, d := 0, start.AddDays(1); !d.After(end); i, d = i+1, d.AddDays(9+i%13) {
		posts["TA05"] = append(posts["TA05"], pay(d, domain.TxnPayment, fmt.Sprintf("%d.00", 60+i%4*25), domain.MethodCard))
	}
	for d := start.AddDays(5); d.Year() == 2025; d = d.AddDays(7) {
		posts["TA06"] = append(posts["TA06"], pay(d, domain.TxnPayment, "100.00", domain.MethodCash))
	}
	err := s.WriteBatch(ctx, "technical ledger", func(b *Batch) error {
		for _, ref := range refs {
			if err := b.CreateAccount("tester", testAccount(ref)); err != nil {
				return err
			}
			if _, err := b.Post("tester", ref, posts[ref]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mustPost(t, s, Posting{Ref: "TA05", Kind: PostPayment, Amount: amt("75.00"), Method: domain.MethodCard, Date: domain.MustDate(2026, 9, 15)})
	var first string
	if err := s.db.QueryRow(`SELECT substr(r.id, 1, 8) || '-' || t.seq FROM txn t JOIN replica r ON r.no = t.origin JOIN account a ON a.no = t.account
		WHERE a.ref = 'TA01' AND t.type = 'payment' ORDER BY t.date LIMIT 1`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	mustPost(t, s, Posting{Ref: "TA01", Kind: PostReverse, Of: first, Date: today})
	mustPost(t, s, Posting{Ref: "TA02", Kind: PostPayment, Amount: amt("40.00"), Method: domain.MethodCash, Date: domain.MustDate(2026, 10, 28)})
	mustPost(t, s, Posting{Ref: "TA04", Kind: PostAdjustment, Amount: amt("-10.00"), Date: domain.MustDate(2026, 10, 29), Note: "credit"})
	mustCheck(t, s)
	return s
}

// countedPayments is what the cadence learns from in a list of
// transactions: its payments that no reversal in it names, as sorted text.
func countedPayments(ts []domain.Txn) string {
	named := map[string]bool{}
	for _, t := range ts {
		if t.Reverses != "" {
			named[t.Reverses] = true
		}
	}
	var out []string
	for _, t := range ts {
		if t.Type.IsPayment() && t.Amount.IsNegative() && !(t.ID != "" && named[t.ID]) {
			out = append(out, fmt.Sprintf("%s %s %s %s", t.Date, t.Type, t.Amount, t.Method))
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// TestTechnicalPaymentsFromTheSummariesAreTheLedgers: for months, a week
// and an old month (whose window the kept payments do not reach), at every
// cut-off, each account's payments as the technical arrears read them —
// from its kept payments where those are the ledger's, else from the
// ledger — are the payments read from the ledger alone (back-dated
// payments, reversals in, after and before the window, a reversed charge,
// and a credit adjustment included), and worklist.Technical
// judges them alike; and the report's technical marks are the ledger's.
func TestTechnicalPaymentsFromTheSummariesAreTheLedgers(t *testing.T) {
	s := technicalLedger(t)
	var fromKept, fromLedger int
	err := s.readTx(ctx, func(q queryer) error {
		owing := map[int64]bool{}
		refOf := map[int64]string{}
		payFrom := map[int64]string{}
		err := eachRow(ctx, q, "SELECT a.no, a.ref, s.pay_from FROM account a JOIN account_summary s ON s.account = a.no", nil, func(rs *sql.Rows) error {
			var no int64
			var ref, from string
			if err := rs.Scan(&no, &ref, &from); err != nil {
				return err
			}
			owing[no], refOf[no], payFrom[no] = true, ref, from
			return nil
		})
		if err != nil {
			return err
		}
		var last int64
		if err := q.QueryRowContext(ctx, "SELECT max(no) FROM txn").Scan(&last); err != nil {
			return err
		}
		pol := worklist.DefaultPolicy()
		for _, label := range []string{"2026-10", "2026-11", "2026-W44", "2025-12"} {
			p, err := report.ParsePeriod(label)
			if err != nil {
				return err
			}
			for _, row := range everyRow(last) {
				asAt := report.AsAt{LedgerRow: row}
				late, err := lateAccounts(q, row)
				if err != nil {
					return err
				}
				have, n, err := technicalPayments(ctx, q, owing, payFrom, late, asAt, p.To)
				if err != nil {
					return err
				}
				want, err := ledgerTechnicalPayments(ctx, q, owing, asAt, p.To)
				if err != nil {
					return err
				}
				fromKept += n
				fromLedger += len(owing) - n
				for no := range owing {
					where := fmt.Sprintf("%s %s at row %d", refOf[no], label, row)
					if h, w := countedPayments(have[no]), countedPayments(want[no]); h != w {
						return fmt.Errorf("%s: payments\n%s\nthe ledger's\n%s", where, h, w)
					}
					judge := func(ts []domain.Txn) string {
						f := worklist.Facts{Balance: amt("150.00"), Weekly: amt("100.00"), Payments: ts}
						for _, t := range ts {
							if t.Type.IsPayment() {
								f.LastPayment = domain.MaxDate(f.LastPayment, t.Date)
							}
						}
						return fmt.Sprintf("%+v", worklist.Technical(f, p.To, pol))
					}
					if h, w := judge(have[no]), judge(want[no]); h != w {
						return fmt.Errorf("%s: technical %s; from the ledger %s", where, h, w)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Both readings were taken, many times each.
	if fromKept < 100 || fromLedger < 100 {
		t.Fatalf("%d accounts read from their summaries, %d from the ledger", fromKept, fromLedger)
	}

	// The report's marks: every owing current account's, judged from the
	// ledger alone, at the end of each period.
	for _, label := range []string{"2026-10", "2026-W44", "2025-12"} {
		r := mustReport(t, s, borough(), label, today.AddDays(40))
		m, _ := r.Measure("arrears.technical-accounts")
		err := s.readTx(ctx, func(q queryer) error {
			p, _ := report.ParsePeriod(label)
			in, err := reportInputs(ctx, q, s.Holidays(), borough(), p, today.AddDays(40), r.AsAt, nil)
			if err != nil {
				return err
			}
			nos := map[string]int64{}
			if err := eachRow(ctx, q, "SELECT no, ref FROM account", nil, func(rs *sql.Rows) error {
				var no int64
				var ref string
				if err := rs.Scan(&no, &ref); err != nil {
					return err
				}
				nos[ref] = no
				return nil
			}); err != nil {
				return err
			}
			owing := map[int64]bool{}
			for _, a := range in.Accounts {
				if !a.Former && a.Balance.IsPositive() {
					owing[nos[a.Ref]] = true
				}
			}
			pays, err := ledgerTechnicalPayments(ctx, q, owing, r.AsAt, p.To)
			if err != nil {
				return err
			}
			technical := 0
			for _, a := range in.Accounts {
				no := nos[a.Ref]
				if !owing[no] {
					continue
				}
				f := worklist.Facts{Balance: a.Balance, Weekly: a.Weekly, Payments: pays[no]}
				for _, t := range pays[no] {
					if t.Type.IsPayment() {
						f.LastPayment = domain.MaxDate(f.LastPayment, t.Date)
					}
				}
				want := worklist.Technical(f, p.To, worklist.DefaultPolicy()).Technical
				if a.Technical != want {
					return fmt.Errorf("%s %s: technical %v, from the ledger %v", label, a.Ref, a.Technical, want)
				}
				if want {
					technical++
				}
			}
			if m.Value() != fmt.Sprint(technical) {
				return fmt.Errorf("%s: report counts %s technical accounts, the ledger %d", label, m.Value(), technical)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// lateAccounts are the accounts with a counted row received after ledger
// row row, worked out here straight from the ledger.
func lateAccounts(q queryer, row int64) (map[int64]bool, error) {
	late := map[int64]bool{}
	err := eachRow(ctx, q, "SELECT DISTINCT account FROM txn WHERE no > ? AND void = 0", []any{row}, func(rs *sql.Rows) error {
		var no int64
		if err := rs.Scan(&no); err != nil {
			return err
		}
		late[no] = true
		return nil
	})
	return late, err
}
