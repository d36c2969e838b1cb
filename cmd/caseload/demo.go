package main

import (
	"context"
	"fmt"

	"caseload/store/seed"
)

func init() {
	register("demo", "demo [--accounts N] [--seed S]", "create a demo database (if missing) and open the TUI on it", runDemo)
	register("seed", "seed --accounts N [--years Y] [--seed S] [--casework] [--patch-size P]", "write synthetic accounts with Y years of history, in patches of about P accounts an officer (benchmarks)", runSeed)
}

// runDemo creates the demo database when missing and opens the TUI on it.
// It never fills the officer's real database: without --db it uses
// demo.db beside it.
func runDemo(e env, args []string) error {
	s := newSettings("demo", e)
	accounts := s.fs.Int("accounts", 600, "number of accounts")
	seedNo := s.fs.Int64("seed", 1, "random seed (same seed, same caseload)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	if s.value(s.db, "CASELOAD_DB") == "" {
		path, err := s.DBPath("demo.db")
		if err != nil {
			return err
		}
		s.db = path
	}
	if s.value(s.officer, "CASELOAD_OFFICER") == "" {
		s.officer = "asmith" // the demo's biggest patch
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	n, err := st.AccountCount(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(e.stderr, "caseload: creating a demo caseload of %d accounts in %s …\n", *accounts, st.Path())
		if _, err := seed.Write(ctx, st, seed.Options{Accounts: *accounts, Years: 2, Seed: *seedNo, Today: today, Casework: true}); err != nil {
			return err
		}
	}
	return openTUI(e, s, st, "")
}

// runSeed fills a database with synthetic accounts (for benchmarks).
func runSeed(e env, args []string) error {
	s := newSettings("seed", e)
	accounts := s.fs.Int("accounts", 0, "number of accounts")
	years := s.fs.Int("years", 5, "years of history")
	seedNo := s.fs.Int64("seed", 1, "random seed")
	casework := s.fs.Bool("casework", false, "also notes, events, arrangements and RTB cases")
	patchSize := s.fs.Int("patch-size", seed.DefaultPatchSize, "about this many accounts an officer (0: the demo's three patches, the first twice each other)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	if *accounts <= 0 {
		return usagef("caseload seed: --accounts N is required (N > 0)")
	}
	if *years < 1 || *years > 30 {
		return usagef("caseload seed: --years must be 1–30")
	}
	if *patchSize < 0 {
		return usagef("caseload seed: --patch-size must be 0 or more")
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := seed.Write(context.Background(), st, seed.Options{Accounts: *accounts, Years: *years, Seed: *seedNo, Today: today,
		Casework: *casework, PatchSize: *patchSize})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "seeded %d accounts, %d transactions into %s in %d patch(es)\n", sum.Accounts, sum.Transactions, st.Path(), sum.Patches)
	return nil
}
