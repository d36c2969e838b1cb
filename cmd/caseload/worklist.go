package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
)

func init() {
	register("worklist", "worklist [--officer X] [--all] [--section NAME] [--policy FILE|NAME] [--format table|csv|json]",
		"today's triage list, highest priority first; --section: today, broken, notices, rtb, diary, paused or whole (the caseload pane's tabs)", runWorklist)
}

// loadPolicy reads the worklist policy: --policy FILE or the name of a
// shipped policy (hackney-2020), CASELOAD_POLICY, or policy.json beside the
// database; the RULES.md defaults otherwise. A file of that path wins over
// a shipped policy's name.
func loadPolicy(s *settings, flagValue string) (worklist.Policy, error) {
	path := s.value(flagValue, "CASELOAD_POLICY")
	if _, err := os.Stat(path); path != "" && err != nil {
		if p, ok, err := worklist.ShippedPolicy(path); ok {
			return p, err
		}
	}
	if path == "" {
		db, err := s.DBPath("caseload.db")
		if err != nil {
			return worklist.DefaultPolicy(), nil
		}
		path = filepath.Join(filepath.Dir(db), "policy.json")
		if _, err := os.Stat(path); err != nil {
			return worklist.DefaultPolicy(), nil
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return worklist.Policy{}, fmt.Errorf("read the policy file: %w", err)
	}
	p, err := worklist.ParsePolicy(b)
	if err != nil {
		return p, domain.Invalid("", "policy file %s: %v", path, err)
	}
	return p, nil
}

// patchOf is the officer's patch when they have one, else the borough ("").
func patchOf(ctx context.Context, st *store.Store, officer string, all bool) (string, error) {
	if all {
		return "", nil
	}
	has, err := st.HasPatch(ctx, officer)
	if err != nil || !has {
		return "", err
	}
	return officer, nil
}

type worklistJSON struct {
	weeks        domain.Weeks    // the exact figure the table rounds for itself
	Ref          string          `json:"ref"`
	Name         string          `json:"name"`
	Rule         worklist.Rule   `json:"rule"`
	Priority     int             `json:"priority"`
	Reason       string          `json:"reason"`
	Action       string          `json:"action"`
	Due          domain.Date     `json:"due"`
	Balance      domain.Money    `json:"balance"`
	ArrearsWeeks *string         `json:"arrears_weeks"`
	Others       []worklist.Item `json:"others"`
	// A paused account (--section paused) has no item to do: these say
	// until when and why.
	PausedUntil *domain.Date `json:"paused_until,omitempty"`
	PauseReason string       `json:"pause_reason,omitempty"`
}

func runWorklist(e env, args []string) error {
	s := newSettings("worklist", e).withFormat()
	policyFile := s.fs.String("policy", "", "worklist policy file (JSON), or a shipped policy: hackney-2020")
	all := s.fs.Bool("all", false, "the whole borough, not the officer's patch")
	sectionName := s.fs.String("section", "", "one section of the caseload pane: today, broken, notices, rtb, diary, paused, whole")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	section := worklist.SectionToday
	if *sectionName != "" {
		if section, err = worklist.ParseSection(*sectionName); err != nil {
			return err
		}
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	policy, err := loadPolicy(s, *policyFile)
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	patch, err := patchOf(ctx, st, s.Officer(), *all)
	if err != nil {
		return err
	}
	lines, err := st.Caseload(ctx, patch, today, policy)
	if err != nil {
		return err
	}
	var out []worklistJSON
	for _, l := range lines {
		if !l.InSection(section) {
			continue
		}
		j := worklistJSON{Ref: l.Ref, Name: l.Name, Rule: l.Top.Rule, Priority: l.Top.Priority, Reason: l.Top.Reason,
			Action: l.Top.Action, Due: l.Top.Due, Balance: l.Balance, Others: l.Others}
		if l.WeeksKnown {
			w := l.Weeks.Hundredths()
			j.ArrearsWeeks, j.weeks = &w, l.Weeks
		}
		if j.Others == nil {
			j.Others = []worklist.Item{}
		}
		if l.Paused {
			j.PausedUntil, j.PauseReason = datePtr(l.PausedUntil), l.PauseReason
		}
		out = append(out, j)
	}
	switch s.format {
	case "json":
		return writeWorklistJSON(e.stdout, out)
	case "csv":
		t := &table{header: []string{"priority", "ref", "name", "balance", "arrears_weeks", "rule", "reason", "action", "due"}}
		for _, j := range out {
			t.add(fmt.Sprint(j.Priority), j.Ref, j.Name, j.Balance.String(), deref(j.ArrearsWeeks), string(j.Rule), j.Reason, j.Action, j.Due.String())
		}
		return t.write(e.stdout, "csv")
	}
	who := "the whole borough"
	if patch != "" {
		who = patch + "'s patch"
	}
	switch section {
	case worklist.SectionToday:
		fmt.Fprintf(e.stdout, "Worklist for %s on %s: %d to action\n\n", who, today.Human(), len(out))
	default:
		fmt.Fprintf(e.stdout, "%s for %s on %s: %d account(s)\n\n", section.Label(), who, today.Human(), len(out))
	}
	t := &table{header: []string{"pri", "ref", "name", "balance", "weeks", "rule", "reason"}, right: map[int]bool{0: true, 3: true, 4: true}}
	for _, j := range out {
		weeks := ""
		if j.ArrearsWeeks != nil {
			weeks = j.weeks.String() // one decimal, rounded once from the exact figures
		}
		reason := j.Reason
		if j.PausedUntil != nil && j.Rule == "" {
			reason = "paused until " + j.PausedUntil.Human() + ": " + j.PauseReason
		}
		if len(j.Others) > 0 {
			reason += fmt.Sprintf(" (+%d more)", len(j.Others))
		}
		t.add(fmt.Sprint(j.Priority), j.Ref, j.Name, j.Balance.Balance(), weeks, string(j.Rule), reason)
	}
	return t.write(e.stdout, "table")
}
