package store

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"caseload/domain"
)

// failurePoints are places a write can fail after some of its rows were
// written: the ledger row itself, the balance update at the end, and the
// audit row that is the last statement of every write.
var failurePoints = []string{
	"AFTER INSERT ON txn",
	"BEFORE UPDATE OF balance ON account",
	"BEFORE INSERT ON audit",
}

// propertyRun is one random sequence of money operations against a model
// of what every balance should be.
type propertyRun struct {
	t     *testing.T
	s     *Store
	rng   *rand.Rand
	refs  []string
	model map[string]int64            // expected balance in pence
	known map[string]map[string]int64 // ref → txn id → amount
	steps map[string]int              // operation → successful count
}

// TestPropertyRandomPostingsKeepBalanceEqualToLedger: whatever sequence of
// postings, reversals, transfers, rent runs and service changes an officer
// makes — some refused, some failing mid-transaction — every balance stays
// equal to the sum of its ledger, matches an independent model, no row
// appears that the model did not expect, and caseload check passes.
func TestPropertyRandomPostingsKeepBalanceEqualToLedger(t *testing.T) {
	t.Parallel() // its own temporary database
	for _, seed := range []int64{1, 2, 3, 20261123, 4242} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			p := &propertyRun{t: t, s: newTestStore(t), rng: rand.New(rand.NewSource(seed)),
				model: map[string]int64{}, known: map[string]map[string]int64{}, steps: map[string]int{}}
			for _, ref := range []string{"PA1001", "PA1002", "PA1003", "PA1004"} {
				mustCreateAccount(t, p.s, rentAccount(ref, domain.MustDate(2026, time.September, 7), "95.50", 0))
				p.refs = append(p.refs, ref)
				p.known[ref] = map[string]int64{}
			}
			for i := 0; i < 150; i++ {
				p.step(i)
			}
			t.Logf("successful operations: %v", p.steps)
			for _, op := range []string{"payment", "charge", "reverse", "transfer", "rent run", "refund", "write-off", "injected failure"} {
				if p.steps[op] == 0 {
					t.Errorf("the sequence never exercised %s", op)
				}
			}
		})
	}
}

func (p *propertyRun) pick() string { return p.refs[p.rng.Intn(len(p.refs))] }

func (p *propertyRun) amount(maxPence int64) domain.Money {
	return domain.Pence(1 + p.rng.Int63n(maxPence))
}

// withinCredit is an amount for a refund or transfer: mostly within the
// account's credit, sometimes beyond it (to be refused).
func (p *propertyRun) withinCredit(balance int64) domain.Money {
	if balance < 0 && p.rng.Intn(4) != 0 {
		return p.amount(-balance)
	}
	return p.amount(max(-balance, 0) + 2000)
}

func (p *propertyRun) step(i int) {
	t, s := p.t, p.s
	inject := p.rng.Intn(5) == 0
	if inject {
		point := failurePoints[p.rng.Intn(len(failurePoints))]
		if _, err := s.db.Exec("CREATE TRIGGER inject " + point + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"); err != nil {
			t.Fatal(err)
		}
	}
	before := dump(t, s)
	op, err, apply := p.operation()
	if inject {
		if _, dropErr := s.db.Exec("DROP TRIGGER inject"); dropErr != nil {
			t.Fatal(dropErr)
		}
	}
	switch {
	case err != nil:
		if after := dump(t, s); after != before {
			t.Fatalf("step %d (%s) failed with %v but changed the database", i, op, err)
		}
		if inject && !domain.IsValidation(err) {
			p.steps["injected failure"]++
		} else if !domain.IsValidation(err) {
			t.Fatalf("step %d (%s): %v", i, op, err)
		}
	default:
		apply()
		p.steps[op]++
	}
	p.verify(i, op)
}

// operation performs one random operation; apply records its effect in
// the model when it succeeded.
func (p *propertyRun) operation() (op string, err error, apply func()) {
	s, ref := p.s, p.pick()
	date := today.AddDays(-p.rng.Intn(60))
	post := func(posting Posting, delta map[string]int64) (Posted, error, func()) {
		out, err := s.Post(ctx, posting, today)
		return out, err, func() {
			refs := []string{posting.Ref, posting.To}
			for i, id := range out.IDs {
				p.known[refs[i]][id] = delta[refs[i]]
			}
			for r, d := range delta {
				p.model[r] += d
			}
		}
	}
	balance := p.model[ref]
	switch n := p.rng.Intn(100); {
	case n < 25:
		m := domain.PaymentMethods[p.rng.Intn(len(domain.PaymentMethods))]
		a := p.amount(60000) // large enough to put accounts in credit
		_, err, apply := post(Posting{Ref: ref, Kind: PostPayment, Amount: a, Method: m, Date: date,
			Reference: "card 4111 1111 1111 1111"}, map[string]int64{ref: -a.PenceValue()})
		return "payment", err, apply
	case n < 35:
		a := p.amount(20000)
		_, err, apply := post(Posting{Ref: ref, Kind: PostCharge, Amount: a, Date: date}, map[string]int64{ref: a.PenceValue()})
		return "charge", err, apply
	case n < 40:
		a := p.amount(40000)
		_, err, apply := post(Posting{Ref: ref, Kind: PostCourtCosts, Amount: a, Date: date}, map[string]int64{ref: a.PenceValue()})
		return "court-costs", err, apply
	case n < 47:
		a := p.amount(10000)
		if p.rng.Intn(2) == 0 {
			a = a.Neg()
		}
		_, err, apply := post(Posting{Ref: ref, Kind: PostAdjustment, Amount: a, Date: date, Note: "property test"}, map[string]int64{ref: a.PenceValue()})
		return "adjustment", err, apply
	case n < 53:
		// Mostly within the debt, sometimes beyond it (refused).
		a := p.amount(max(balance, 0) + 2000)
		if balance > 0 && p.rng.Intn(4) != 0 {
			a = p.amount(balance)
		}
		_, err, apply := post(Posting{Ref: ref, Kind: PostWriteOff, Amount: a, Date: date, Note: "approved", ApprovedBy: "second officer"}, map[string]int64{ref: -a.PenceValue()})
		return "write-off", err, apply
	case n < 60:
		a := p.withinCredit(balance)
		_, err, apply := post(Posting{Ref: ref, Kind: PostRefund, Amount: a, Date: date}, map[string]int64{ref: a.PenceValue()})
		return "refund", err, apply
	case n < 68:
		to := p.pick()
		if p.rng.Intn(8) == 0 {
			to = "ZZ9999" // an unknown account: both sides untouched
		}
		a := p.withinCredit(balance)
		_, err, apply := post(Posting{Ref: ref, Kind: PostTransfer, Amount: a, To: to, Date: date},
			map[string]int64{ref: a.PenceValue(), to: -a.PenceValue()})
		if to == ref {
			apply = func() {}
		}
		return "transfer", err, apply
	case n < 80:
		var ids []string
		for id := range p.known[ref] {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			return "reverse", invalid("of", "nothing to reverse yet"), nil
		}
		sortStrings(ids)
		id := ids[p.rng.Intn(len(ids))]
		_, err, apply := post(Posting{Ref: ref, Kind: PostReverse, Of: id}, map[string]int64{ref: -p.known[ref][id]})
		return "reverse", err, apply
	case n < 90:
		week := domain.MustDate(2026, time.September, 7).AddDays(7 * p.rng.Intn(12))
		_, err := s.RentRun(ctx, week)
		return "rent run", err, p.absorbNewLines
	case n < 96:
		services := []string{"insurance", "care", "garden"}
		weekly := domain.Pence(p.rng.Int63n(3) * 250)
		from := today.AddDays(-7 * p.rng.Intn(8))
		_, err := s.SetService(ctx, ref, services[p.rng.Intn(3)], weekly, from, today)
		return "service", err, p.absorbNewLines
	default:
		_, err := s.AddNote(ctx, NewNote{Ref: ref, Channel: domain.ChannelPhone, Text: "paid by 5555-5555-5555-4444"}, today)
		return "note", err, func() {}
	}
}

// absorbNewLines adds to the model the rows a rent run or a service change
// wrote, so later steps can reverse them.
func (p *propertyRun) absorbNewLines() {
	for _, ref := range p.refs {
		lines, err := p.s.Ledger(ctx, ref)
		if err != nil {
			p.t.Fatal(err)
		}
		for _, l := range lines {
			if _, ok := p.known[ref][l.ID]; !ok {
				p.known[ref][l.ID] = l.Amount.PenceValue()
				p.model[ref] += l.Amount.PenceValue()
			}
		}
	}
}

// verify is the property: for every account the stored balance, the last
// running balance and the model agree; the ledger holds exactly the rows
// the model knows; card numbers never reach the ledger; check passes.
func (p *propertyRun) verify(i int, op string) {
	t := p.t
	for _, ref := range p.refs {
		lines, err := p.s.Ledger(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, l := range lines {
			sum += l.Amount.PenceValue()
			want, ok := p.known[ref][l.ID]
			if !ok || want != l.Amount.PenceValue() {
				t.Fatalf("step %d (%s): %s has an unexpected line %+v", i, op, ref, l)
			}
			if l.Reference != "" && l.Reference != "card **** **** **** 1111" {
				t.Fatalf("step %d: reference stored as %q", i, l.Reference)
			}
		}
		if len(lines) != len(p.known[ref]) {
			t.Fatalf("step %d (%s): %s has %d lines, the model %d", i, op, ref, len(lines), len(p.known[ref]))
		}
		stored := balanceOf(t, p.s, ref).PenceValue()
		if stored != sum || stored != p.model[ref] || (len(lines) > 0 && lines[len(lines)-1].Balance.PenceValue() != sum) {
			t.Fatalf("step %d (%s): %s stored %d, ledger sum %d, model %d", i, op, ref, stored, sum, p.model[ref])
		}
	}
	r, err := p.s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("step %d (%s): check: %v %v", i, op, err, r.Problems)
	}
}

// sortStrings orders ids so a seed picks the same one on every run.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
