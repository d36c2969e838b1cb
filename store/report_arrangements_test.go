package store

import (
	"fmt"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/report"
)

// arrangementLedger is technicalLedger with arrangements made, cancelled
// and made again, then rows recorded after them:
//
//	TA01 made 1 Jun 2026, £10 weekly from 8 Jun: live throughout.
//	TA02 made 1 Mar 2026 from 2 Mar, cancelled 30 Sep; made again 5 Oct
//	     from 12 Oct: live now.
//	TA03 made 1 May 2026 from 4 May, cancelled 20 Nov: none live now.
//	TA05 made 1 Sep 2026 from 7 Sep; then a payment dated 2 Oct recorded
//	     later and a TA01 payment of October reversed.
func arrangementLedger(t *testing.T) *Store {
	t.Helper()
	s := technicalLedger(t)
	weekly := func(made, start domain.Date) BatchArrangement {
		return BatchArrangement{MadeOn: made, Start: start, Frequency: "weekly", Instalment: amt("10.00"), Arrears: amt("500.00")}
	}
	err := s.WriteBatch(ctx, "arrangements", func(b *Batch) error {
		first := weekly(domain.MustDate(2026, 3, 1), domain.MustDate(2026, 3, 2))
		first.Cancelled, first.CancelledOn, first.CancelReason = true, domain.MustDate(2026, 9, 30), "stopped paying"
		gone := weekly(domain.MustDate(2026, 5, 1), domain.MustDate(2026, 5, 4))
		gone.Cancelled, gone.CancelledOn, gone.CancelReason = true, nov(20), "cleared"
		for _, a := range []struct {
			ref string
			arr BatchArrangement
		}{{"TA01", weekly(domain.MustDate(2026, 6, 1), domain.MustDate(2026, 6, 8))}, {"TA02", first},
			{"TA02", weekly(domain.MustDate(2026, 10, 5), domain.MustDate(2026, 10, 12))}, {"TA03", gone},
			{"TA05", weekly(domain.MustDate(2026, 9, 1), domain.MustDate(2026, 9, 7))}} {
			if err := b.Arrangement("tester", a.ref, a.arr); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mustPost(t, s, Posting{Ref: "TA05", Kind: PostPayment, Amount: amt("30.00"), Method: domain.MethodCash, Date: domain.MustDate(2026, 10, 2)})
	var oct string
	if err := s.db.QueryRow(`SELECT substr(r.id, 1, 8) || '-' || t.seq FROM txn t JOIN replica r ON r.no = t.origin JOIN account a ON a.no = t.account
		WHERE a.ref = 'TA01' AND t.type = 'payment' AND t.date >= '2026-10-01' ORDER BY t.date LIMIT 1`).Scan(&oct); err != nil {
		t.Fatal(err)
	}
	mustPost(t, s, Posting{Ref: "TA01", Kind: PostReverse, Of: oct, Date: domain.MustDate(2026, 11, 2)})
	mustCheck(t, s)
	return s
}

// TestArrangementRowsFromThePlansAreTheLedgers: for months before, during
// and after the arrangements' changes and a week, at every cut-off, the
// rows each live arrangement is monitored on — from account_plan where
// those are the ledger's, else from the ledger — are the ledger's (ids,
// reversals and back-dated rows included), and the monitor judges them
// alike.
func TestArrangementRowsFromThePlansAreTheLedgers(t *testing.T) {
	s := arrangementLedger(t)
	var fromPlans, fromLedger int
	err := s.readTx(ctx, func(q queryer) error {
		var last int64
		if err := q.QueryRowContext(ctx, "SELECT max(no) FROM txn").Scan(&last); err != nil {
			return err
		}
		where, args := scopeFilter(borough())
		for _, label := range []string{"2026-08", "2026-10", "2026-11", "2026-W45"} {
			p, err := report.ParsePeriod(label)
			if err != nil {
				return err
			}
			lives, _, err := reportArrangements(ctx, q, where, args, p)
			if err != nil {
				return err
			}
			all := map[int64]bool{}
			for no := range lives {
				all[no] = true
			}
			for _, row := range everyRow(last) {
				asAt := report.AsAt{LedgerRow: row}
				late, err := lateAccounts(q, row)
				if err != nil {
					return err
				}
				have, n, err := arrangementTxns(ctx, q, where, args, lives, late, p.To, asAt)
				if err != nil {
					return err
				}
				want := map[int64][]domain.Txn{}
				if err := ledgerArrangementTxns(ctx, q, where, args, lives, all, p.To, asAt, want); err != nil {
					return err
				}
				fromPlans += n
				fromLedger += len(lives) - n
				for no, l := range lives {
					where := fmt.Sprintf("account %d %s at row %d", no, label, row)
					if h, w := fmt.Sprintf("%+v", have[no]), fmt.Sprintf("%+v", want[no]); h != w {
						return fmt.Errorf("%s: rows\n%s\nthe ledger's\n%s", where, h, w)
					}
					if h, w := arrangement.Monitor(l.terms, have[no], p.To, 7), arrangement.Monitor(l.terms, want[no], p.To, 7); fmt.Sprintf("%+v", h) != fmt.Sprintf("%+v", w) {
						return fmt.Errorf("%s: monitored %+v, from the ledger %+v", where, h, w)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Both readings were taken (the plans' only where nothing was recorded
	// after the cut-off on the account: the last rows touch TA01 and TA05).
	if fromPlans < 10 || fromLedger < 100 {
		t.Fatalf("%d arrangements' rows read from the plans, %d from the ledger", fromPlans, fromLedger)
	}
}
