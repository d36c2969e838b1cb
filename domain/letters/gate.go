package letters

import (
	"strings"

	"caseload/domain"
	"caseload/domain/possession"
	"caseload/domain/worklist"
)

// Refusal says why a document may not be issued today for an account
// ("" when it may), as the step's event would be refused: every document
// asks for arrears; a possession document needs an account with
// possession steps; the NOSP waits for the Pre-Action Protocol checklist
// (issue 15: "a NOSP while the pre-action checklist is open" is refused)
// and is the wrong notice for an introductory tenancy; the court steps
// (a court claim, a breach of a court order's terms) pass the possession
// gate (possession.Check) under the policy p.
func Refusal(f *worklist.Facts, k Kind, today domain.Date, p worklist.Policy) string {
	name := strings.ToLower(k.Title)
	if !f.Balance.IsPositive() {
		return name + " refused: the account is not in arrears (balance " + f.Balance.Balance() + ")"
	}
	if k.Event.NeedsPossessionSteps() && !f.Kind.HasPossessionSteps() {
		return name + " refused: a " + strings.ToLower(f.Kind.Label()) + " account has no possession steps"
	}
	if k.Event == domain.EventNOSPServed {
		var why []string
		if f.TenancyType == domain.TenancyIntroductory {
			why = append(why, "an introductory tenancy is ended by a notice of proceedings (Housing Act 1996 s128), not a NOSP")
		}
		if cl := worklist.PreActionChecklist(f, today); len(cl.Open()) > 0 {
			why = append(why, "pre-action steps open: "+cl.OpenWords())
		}
		if len(why) > 0 {
			return name + " refused: " + strings.Join(why, "; ")
		}
		return ""
	}
	if k.Event.NeedsPossessionSteps() {
		if r := possession.Check(f, k.Event, today, p); r != nil {
			return name + " refused: " + strings.Join(r.Reasons, "; ")
		}
	}
	return ""
}

// Check is Refusal as an error: bad input, nothing written (exit 3).
func Check(f *worklist.Facts, k Kind, today domain.Date, p worklist.Policy) error {
	if why := Refusal(f, k, today, p); why != "" {
		return domain.Invalid("step", "%s", why)
	}
	return nil
}
