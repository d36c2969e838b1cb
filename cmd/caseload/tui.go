package main

import (
	"context"

	"caseload/store"
	"caseload/tui"
)

// runTUI opens the TUI on the configured database.
func runTUI(e env, args []string) error {
	s := newSettings("", e)
	policyFile := s.fs.String("policy", "", "worklist policy file (JSON)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown command %q: run `caseload help` for the list", pos[0])
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	return openTUI(e, s, st, *policyFile)
}

func openTUI(e env, s *settings, st *store.Store, policyFile string) error {
	if !e.isTerminal {
		return usagef("the TUI needs a terminal: run a sub-command instead (caseload help)")
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	policy, err := loadPolicy(s, policyFile)
	if err != nil {
		return err
	}
	set, err := templateSet(s, "")
	if err != nil {
		return err
	}
	return tui.Run(tui.Options{Context: context.Background(), Store: st, Today: today, Officer: s.Officer(), Policy: policy, Templates: set})
}
