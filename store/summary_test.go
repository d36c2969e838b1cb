package store

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/report"
	"caseload/domain/worklist"
)

// sameFactsBothWays fails when the worklist facts read through the
// summaries differ from those read from the ledger, on any of the days.
func sameFactsBothWays(t testing.TB, s *Store, where string, days ...domain.Date) {
	t.Helper()
	p := worklist.DefaultPolicy()
	for _, day := range days {
		err := s.readTx(ctx, func(q queryer) error {
			for _, arrearsOnly := range []bool{true, false} {
				fast, err := readFacts(ctx, q, s.holidays, "1 = 1", nil, day, p, arrearsOnly, true, nil)
				if err != nil {
					return err
				}
				slow, err := readFacts(ctx, q, s.holidays, "1 = 1", nil, day, p, arrearsOnly, false, nil)
				if err != nil {
					return err
				}
				if len(fast) != len(slow) {
					return fmt.Errorf("%d accounts from the summaries, %d from the ledger", len(fast), len(slow))
				}
				for i := range fast {
					if !reflect.DeepEqual(fast[i], slow[i]) {
						return fmt.Errorf("%s on %s (arrears only %v): from the summary\n%+v\nfrom the ledger\n%+v", fast[i].Ref, day, arrearsOnly, fast[i], slow[i])
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
	}
}

// TestPropertySummariesEqualARecomputation: whatever sequence of payments
// (in date order and back-dated), charges, reversals (on two replicas at
// once, so one is voided), charge changes, orders, arrangements, rent runs
// and pack imports the officers make, every account's summary equals one
// worked out again from the ledger (caseload check), and the worklist
// facts read through the summaries equal those read from the ledger on
// days before, on and after today. Every account's period records equal
// its ledger (check) and the reports' movements read through them equal
// the ledger's.
func TestPropertySummariesEqualARecomputation(t *testing.T) {
	t.Parallel() // its own temporary databases
	for _, seed := range []int64{1, 2, 20261207} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
			refs := []string{"SU1001", "SU1002", "SU1003", "SU1004"}
			mustCreate(t, office, refs...)
			mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: refs}), "")
			steps := map[string]int{}
			day := today.AddDays(-700) // the officers' working day, moving forward
			for i := 0; i < 100; i++ {
				s := office
				if rng.Intn(3) == 0 {
					s = laptop
				}
				day = day.AddDays(rng.Intn(12))
				if day.After(today) {
					day = today
				}
				op, err := summaryStep(rng, s, refs, day)
				switch {
				case err == nil:
					steps[op]++
					if op == "cancel arrangement" {
						steps["arrangement"]++ // made, then cancelled
					}
				case !domain.IsValidation(err):
					t.Fatalf("step %d (%s): %v", i, op, err)
				}
				if i%20 == 19 {
					// Both officers reverse the same payment: the import
					// voids one of the two reversals.
					if id := unreversedPayment(t, office, refs[rng.Intn(len(refs))]); id != "" {
						_, e1 := office.Post(ctx, Posting{Ref: refOf(t, office, id), Kind: PostReverse, Of: id}, today)
						_, e2 := laptop.Post(ctx, Posting{Ref: refOf(t, office, id), Kind: PostReverse, Of: id}, today)
						if e1 == nil && e2 == nil {
							steps["double reversal"]++
						}
					}
					mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: refs}), "")
					mustImport(t, office, mustExport(t, laptop, ExportOptions{Accounts: refs}), "")
					steps["sync"]++
				}
				for _, r := range []*Store{office, laptop} {
					mustCheck(t, r)
				}
				sameFactsBothWays(t, s, fmt.Sprintf("step %d (%s)", i, op), today, day, today.AddDays(-60), today.AddDays(15), today.AddDays(-500))
			}
			// The reports' reading through the period records equals the
			// ledger's on both replicas (voided reversals included).
			for _, r := range []*Store{office, laptop} {
				sameMovementsBothWays(t, r, []report.Scope{reportBorough}, []string{"2026-11", "2026-W40", "2025", "2025-11-01..2026-05-31"}, today,
					func(last int64) []int64 { return []int64{last, last * 2 / 3, last - 5} })
			}
			t.Logf("operations: %v", steps)
			for _, op := range []string{"payment", "back-dated payment", "charge", "reverse", "service", "order", "arrangement", "cancel arrangement", "rent run", "sync", "double reversal", "note", "edit"} {
				if steps[op] == 0 {
					t.Errorf("the sequence never made a %s", op)
				}
			}
		})
	}
}

var reportBorough, _ = report.NewScope("borough", nil)

// summaryStep makes one random change on s as of day.
func summaryStep(rng *rand.Rand, s *Store, refs []string, day domain.Date) (string, error) {
	ref := refs[rng.Intn(len(refs))]
	p := worklist.DefaultPolicy()
	pence := func(max int64) domain.Money { return domain.Pence(1 + rng.Int63n(max)) }
	switch n := rng.Intn(100); {
	case n < 25:
		methods := []domain.PaymentMethod{domain.MethodCard, domain.MethodUC, domain.MethodDirectDebit, domain.MethodCash}
		_, err := s.Post(ctx, Posting{Ref: ref, Kind: PostPayment, Amount: pence(30000), Method: methods[rng.Intn(len(methods))], Date: day}, today)
		return "payment", err
	case n < 32:
		_, err := s.Post(ctx, Posting{Ref: ref, Kind: PostPayment, Amount: pence(30000), Method: domain.MethodCard, Date: day.AddDays(-rng.Intn(500))}, today)
		return "back-dated payment", err
	case n < 45:
		_, err := s.Post(ctx, Posting{Ref: ref, Kind: PostCharge, Amount: pence(40000), Date: day}, today)
		return "charge", err
	case n < 58:
		lines, err := s.Ledger(ctx, ref)
		if err != nil || len(lines) == 0 {
			return "reverse", err
		}
		l := lines[rng.Intn(len(lines))]
		_, err = s.Post(ctx, Posting{Ref: ref, Kind: PostReverse, Of: l.ID}, today)
		return "reverse", err
	case n < 66:
		services := []string{"insurance", "care", "garden"}
		_, err := s.SetService(ctx, ref, services[rng.Intn(3)], domain.Pence(rng.Int63n(3)*250), day.AddDays(7*(rng.Intn(5)-2)), day)
		return "service", err
	case n < 74:
		types := []domain.EventType{domain.EventOrderSuspended, domain.EventOrderPostponed, domain.EventNOSPServed, domain.EventDDUnpaid, domain.EventDDUnpaid}
		_, err := s.AddEvent(ctx, NewEvent{Ref: ref, Type: types[rng.Intn(len(types))], Date: day.AddDays(-rng.Intn(90)),
			Override: "property test"}, day, p)
		return "order", err
	case n < 82:
		if rng.Intn(3) > 0 {
			_, err := s.AddArrangement(ctx, NewArrangement{Ref: ref, Start: day, Frequency: arrangement.Weekly, Instalment: domain.MustMoney("5.00")}, day, p)
			return "arrangement", err
		}
		// One made and cancelled: the one it replaced, if any, is live again.
		id, err := s.AddArrangement(ctx, NewArrangement{Ref: ref, Start: day.AddDays(-rng.Intn(30)), Frequency: arrangement.Weekly,
			Instalment: domain.MustMoney("5.00"), Arrears: domain.MustMoney("100.00")}, day, p)
		if err == nil {
			_, err = s.CancelArrangement(ctx, id, "property test", day)
		}
		return "cancel arrangement", err
	case n < 90:
		_, err := s.RentRun(ctx, domain.RentWeekStart(day).AddDays(7*rng.Intn(2)))
		return "rent run", err
	case n < 94:
		channels := []domain.Channel{domain.ChannelPhone, domain.ChannelVisit, domain.ChannelLetter, ""}
		_, err := s.AddNote(ctx, NewNote{Ref: ref, Date: day.AddDays(-rng.Intn(30)), Channel: channels[rng.Intn(len(channels))], Text: "property test"}, day)
		return "note", err
	case n < 98:
		// What the kept worklist row holds of the account, its resident
		// and its property (worklistrow.go).
		edits := []map[string]string{{"name": fmt.Sprintf("Resident %d", rng.Intn(100))}, {"address": fmt.Sprintf("%d High Street", rng.Intn(100))},
			{"postcode": "E8 1AA"}, {"payment_method": string(domain.MethodCard)}, {"vulnerable": "yes"}, {"rent_free_weeks": "2"}, {"tenancy_type": "flexible"}}
		return "edit", s.SetAccountFields(ctx, ref, edits[rng.Intn(len(edits))])
	default:
		err := s.Pause(ctx, ref, day.AddDays(14), "property test", day)
		return "pause", err
	}
}

// TestCheckFindsADamagedSummary: a summary edited behind the store's back
// is reported by check, whichever part was changed.
func TestCheckFindsADamagedSummary(t *testing.T) {
	for _, c := range []struct {
		name, sql, want string
	}{
		{"balance", "UPDATE account_summary SET balance = balance + 1", "account summary balance"},
		{"cleared", "UPDATE account_summary SET cleared_on = '2020-01-01'", "account summary cleared on"},
		{"last day", "UPDATE account_summary SET last_date = '2019-01-01'", "account summary last ledger day"},
		{"payments", "UPDATE account_pays SET pays = x''", "account summary payments differ"},
		{"charges", "UPDATE account_summary SET charges = x''", "account summary charges differ"},
		{"order", "UPDATE account_summary SET order_date = '2026-01-05'", "account summary order"},
		{"contact", "UPDATE account_summary SET last_contact = '2026-11-01'", "account summary last contact"},
		{"events", "UPDATE account_summary SET events = x''", "account summary events differ"},
		{"note", "UPDATE account_summary SET note_officer = 'someone else'", "account summary latest pre-action note"},
		{"missing", "DELETE FROM account_summary", "no account summary"},
		{"worklist row", "UPDATE account_summary SET facts = x''", "kept worklist row differs"},
		{"worklist row name", "UPDATE account_summary SET facts = CAST(replace(facts, 'Sam Example', 'Sam Exampel') AS BLOB)", "kept worklist row differs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "SD1001")
			mustPost(t, s, Posting{Ref: "SD1001", Kind: PostCharge, Amount: amt("100.00"), Date: today.AddDays(-14)})
			mustPost(t, s, Posting{Ref: "SD1001", Kind: PostPayment, Amount: amt("100.00"), Method: domain.MethodCash, Date: today.AddDays(-10)})
			mustPost(t, s, Posting{Ref: "SD1001", Kind: PostCharge, Amount: amt("100.00"), Date: today.AddDays(-7)})
			if _, err := s.AddNote(ctx, NewNote{Ref: "SD1001", Date: today.AddDays(-3), Channel: domain.ChannelPhone, Text: "called"}, today); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddEvent(ctx, NewEvent{Ref: "SD1001", Type: domain.EventDDUnpaid, Date: today.AddDays(-2), Detail: "0 refer to payer"}, today, worklist.DefaultPolicy()); err != nil {
				t.Fatal(err)
			}
			damageAndCheck(t, s, c.sql, "SD1001: "+c.want)
		})
	}
}

// TestSummaryKeepsTheCadenceWindow: payments in date order are added in
// place, the window of kept payments follows the last ledger day, and a
// back-dated row or a reversal works the summary out again.
func TestSummaryKeepsTheCadenceWindow(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "SW1001")
	start := today.AddDays(-600)
	for d := start; !d.After(today); d = d.AddDays(28) {
		mustPost(t, s, Posting{Ref: "SW1001", Kind: PostCharge, Amount: amt("400.00"), Date: d})
		mustPost(t, s, Posting{Ref: "SW1001", Kind: PostPayment, Amount: amt("380.00"), Method: domain.MethodUC, Date: d.AddDays(3)})
	}
	read := func() summary {
		t.Helper()
		sum, err := scanSummary(s.db.QueryRow(summarySQL+" ", accountNoOf(t, s, "SW1001")))
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	sum := read()
	pays, err := decodePays(sum.pays)
	if err != nil {
		t.Fatal(err)
	}
	last := dateText(sum.lastDate)
	if sum.payFrom > last.AddDays(-payWindow).String() || sum.payFrom < last.AddDays(-payWindow-paySlack).String() ||
		len(pays) == 0 || pays[0].date.String() < sum.payFrom || len(pays) > 18 {
		t.Fatalf("pay_from %s, last day %s, %d payments from %s", sum.payFrom, sum.lastDate, len(pays), pays[0].date)
	}
	mustCheck(t, s)
	lines, _ := s.Ledger(ctx, "SW1001")
	mustPost(t, s, Posting{Ref: "SW1001", Kind: PostReverse, Of: lines[len(lines)-1].ID})
	mustPost(t, s, Posting{Ref: "SW1001", Kind: PostPayment, Amount: amt("1.00"), Method: domain.MethodCash, Date: start.AddDays(1)})
	mustCheck(t, s)
	sameFactsBothWays(t, s, "after a reversal and a back-dated payment", today, today.AddDays(-300), today.AddDays(-600))
}

func accountNoOf(t testing.TB, s *Store, ref string) int64 {
	t.Helper()
	var no int64
	if err := s.db.QueryRow("SELECT no FROM account WHERE ref = ?", ref).Scan(&no); err != nil {
		t.Fatal(err)
	}
	return no
}

// unreversedPayment is the id of the oldest payment on the account that
// counts and has not been reversed ("" when none).
func unreversedPayment(t testing.TB, s *Store, ref string) string {
	t.Helper()
	lines, err := s.Ledger(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Type == domain.TxnPayment && l.ReversedBy == "" && !l.Void {
			return l.ID
		}
	}
	return ""
}

func refOf(t testing.TB, s *Store, id string) string {
	t.Helper()
	var ref string
	if err := s.db.QueryRow(`SELECT a.ref FROM txn t JOIN account a ON a.no = t.account JOIN replica r ON r.no = t.origin
		WHERE substr(r.id, 1, 8) || '-' || t.seq = ?`, id).Scan(&ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// TestAWriteBiggerThanTheRowLimitWorksSummariesOutFromTheLedger: a write
// adding more ledger rows than sumRowLimit (a whole-borough import, a long
// extract) stops keeping rows in memory and works every account it touched
// out again from its ledger; the summaries still equal a recomputation, for
// the accounts whose rows came before the limit and those after.
func TestAWriteBiggerThanTheRowLimitWorksSummariesOutFromTheLedger(t *testing.T) {
	s := newTestStore(t)
	refs := []string{"SL1001", "SL1002", "SL1003"}
	days := (sumRowLimit+600)/(2*len(refs)) + 1
	for _, r := range refs {
		a := testAccount(r)
		a.Start = today.AddDays(-days - 1)
		mustCreateAccount(t, s, a)
	}
	var b strings.Builder
	b.WriteString("ref,date,type,amount\n")
	for day := 0; day < days; day++ {
		d := today.AddDays(day - days)
		for _, r := range refs {
			fmt.Fprintf(&b, "%s,%s,charge,10.00\n%s,%s,payment,-9.50\n", r, d, r, d)
		}
	}
	if _, err := s.IngestTransactions(ctx, "t.csv", []byte(b.String()), today); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
}
