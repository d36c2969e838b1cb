package possession

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/worklist"
)

// PreActionLines are the Pre-Action Protocol checklist as an officer reads
// it on a case, said once for the account view and the enforcement view
// alike: "5 of 7 done; open: support referral, pre-action letter", a
// pending benefit claim, and what a court claim today still needs once
// the checklist is complete. None for an account without possession steps
// or a former tenant.
func PreActionLines(f *worklist.Facts, today domain.Date, p worklist.Policy) []string {
	if !f.Kind.HasPossessionSteps() || f.Status == domain.StatusFormer {
		return nil
	}
	cl := worklist.PreActionChecklist(f, today)
	n := len(cl.Ticks) - len(cl.Open())
	if n == 0 && !cl.ClaimPending {
		return []string{fmt.Sprintf("not started: 0 of %d done", len(cl.Ticks))}
	}
	line := fmt.Sprintf("%d of %d done", n, len(cl.Ticks))
	if !cl.Complete() {
		line += "; open: " + cl.OpenWords()
	}
	out := []string{line}
	if pending := cl.ClaimWords(); pending != "" {
		out = append(out, "⚠ benefit claim "+pending)
	}
	if !cl.Complete() {
		return out // the open items are what holds a claim
	}
	if r := Check(f, domain.EventCourtClaim, today, p); r == nil {
		out = append(out, "✓ court claim: the protocol is met")
	} else if beyond := r.Beyond(); !r.OutOfOrder && len(beyond) > 0 {
		out = append(out, "✗ court claim also needs: "+strings.Join(beyond, "; "))
	}
	return out
}
