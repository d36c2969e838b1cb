package main

import (
	"context"
	"errors"
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("check", "check", "integrity: schema, balances == sum of ledger, change log", runCheck)
	register("replica", "replica [--name NAME]", "show or rename this database's replica", runReplica)
}

func runCheck(e env, args []string) error {
	s := newSettings("check", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Check(context.Background())
	if err != nil {
		return err
	}
	if s.format == "json" {
		problems := r.Problems
		if problems == nil {
			problems = []string{}
		}
		if err := writeJSON(e.stdout, map[string]any{"ok": r.OK(), "accounts": r.Accounts, "transactions": r.Txns, "changes": r.Changes, "pre_chain": r.PreChain, "problems": problems}); err != nil {
			return err
		}
	} else {
		for _, p := range r.Problems {
			fmt.Fprintln(e.stdout, "FAIL "+p)
		}
		if r.OK() {
			fmt.Fprintf(e.stdout, "ok: %d accounts, %d transactions, %d changes; every balance equals its ledger; every change matches its hash and the ledger and registers match the change log\n", r.Accounts, r.Txns, r.Changes)
			if r.PreChain > 0 {
				fmt.Fprintf(e.stdout, "note: %d changes were made before the hash chain existed: each is hashed on its own, not linked to its neighbours\n", r.PreChain)
			}
		}
	}
	if !r.OK() {
		return errors.New("the database failed its check: see the lines above; restore from a backup or ask for support before writing more")
	}
	return nil
}

func runReplica(e env, args []string) error {
	s := newSettings("replica", e).withFormat()
	name := s.fs.String("name", "", "rename this replica")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	// A replica's name is shown in every header: one line of clean text.
	if *name, err = textArg(e, domain.TextOfficer, "--name", *name); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if *name != "" {
		if err := st.RenameReplica(context.Background(), *name); err != nil {
			return err
		}
	}
	r := st.Self()
	id, err := st.Identity(context.Background())
	if err != nil {
		return err
	}
	if s.format == "json" {
		return writeJSON(e.stdout, struct {
			store.Replica
			store.Identity
		}{r, id})
	}
	fmt.Fprintf(e.stdout, "replica %s (%s)\ncaseload %s\nsigning key %s\n", r.Name, r.ID, id.Caseload, id.Fingerprint)
	return nil
}
