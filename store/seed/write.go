package seed

import (
	"context"
	"fmt"

	"caseload/domain"
	"caseload/store"
)

// Write writes a deterministic synthetic caseload into an empty database
// through the store's batch API: one transaction (and one audit row) per
// batch of accounts, so that a large seed stays memory-bounded. The
// accounts and ledgers are recorded under the store's officer (who runs
// the seed), the casework under each patch officer. A failure part-way
// keeps the batches already written; seed a fresh database again.
func Write(ctx context.Context, s *store.Store, opt Options) (Summary, error) {
	sum := Summary{Profiles: map[string]int{}}
	plan, err := NewPlan(opt)
	if err != nil {
		return sum, err
	}
	sum.Patches = len(plan.Options().Officers)
	have, err := s.AccountCount(ctx)
	if err != nil {
		return sum, err
	}
	if have > 0 {
		// A second seed would re-create existing refs, which the change log
		// treats as a concurrent creation rather than an error.
		return sum, domain.Invalid("database", "it already holds %d account(s): seed an empty database", have)
	}
	runner := s.Officer()

	// Generating accounts is CPU work and writing them is SQLite work: a
	// second goroutine builds the next batch while this one writes.
	type batch struct {
		from     int
		accounts []Account
		err      error
	}
	batches := make(chan batch, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		// A generator bug must fail the seed, not the program that runs it.
		defer func() {
			if r := recover(); r != nil {
				select {
				case batches <- batch{err: fmt.Errorf("generate the seed accounts: %v", r)}:
				case <-stop:
				}
			}
		}()
		for from := 0; from < plan.Len(); from += seedBatch {
			b := batch{from: from}
			for i := from; i < min(from+seedBatch, plan.Len()); i++ {
				b.accounts = append(b.accounts, plan.Account(i))
			}
			select {
			case batches <- b:
			case <-stop:
				return
			}
		}
	}()
	for b := range batches {
		if b.err != nil {
			return sum, b.err
		}
		action := fmt.Sprintf("seed accounts %d–%d of %d", b.from+1, b.from+len(b.accounts), plan.Len())
		err := s.WriteBatch(ctx, action, func(w *store.Batch) error {
			for _, a := range b.accounts {
				if err := writeAccount(w, runner, a); err != nil {
					return fmt.Errorf("seed %s: %w", a.Account.Ref, err)
				}
			}
			return nil
		})
		if err != nil {
			return sum, err
		}
		for _, a := range b.accounts {
			sum.add(a)
		}
	}
	return sum, nil
}

// writeAccount writes one generated account: the account and its ledger
// under the runner's name, its casework under the patch officer's.
func writeAccount(b *store.Batch, runner string, a Account) error {
	ref, officer := a.Account.Ref, a.Account.Officer
	if err := b.CreateAccount(runner, a.Account); err != nil {
		return err
	}
	if _, err := b.Post(runner, ref, a.Ledger); err != nil {
		return err
	}
	for _, n := range a.Notes {
		if err := b.Note(officer, ref, n); err != nil {
			return err
		}
	}
	for _, e := range a.Events {
		if err := b.Event(officer, ref, e); err != nil {
			return err
		}
	}
	for _, ar := range a.Arrangements {
		if err := b.Arrangement(officer, ref, ar); err != nil {
			return err
		}
	}
	if a.RTB != nil {
		if err := b.RTB(officer, ref, *a.RTB); err != nil {
			return err
		}
	}
	if !a.PauseUntil.IsZero() {
		if err := b.Pause(officer, ref, a.PauseUntil, a.PauseReason); err != nil {
			return err
		}
	}
	if a.Mandate != nil {
		if err := b.Mandate(officer, ref, *a.Mandate); err != nil {
			return err
		}
	}
	if a.Managed != domain.APANone {
		if err := b.ManagedPayment(officer, ref, a.Managed); err != nil {
			return err
		}
	}
	return nil
}

func (sum *Summary) add(a Account) {
	sum.Accounts++
	sum.Transactions += len(a.Ledger)
	sum.Notes += len(a.Notes)
	sum.Events += len(a.Events)
	sum.Arrangements += len(a.Arrangements)
	if a.RTB != nil {
		sum.RTBCases++
	}
	if a.Account.Status == domain.StatusCurrent && a.Balance > 0 {
		sum.InArrears++
	}
	sum.Profiles[a.Profile]++
	if a.DHP {
		sum.Profiles["dhp"]++
	}
}
