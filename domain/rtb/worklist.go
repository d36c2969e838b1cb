package rtb

import (
	"fmt"

	"caseload/domain"
)

// Due is what the worklist rule `rtb-deadline` needs from a case: the next
// council deadline that is overdue or close (RULES.md "The default worklist
// policy").
type Due struct {
	Ref      string
	Stage    Stage
	Deadline Deadline
	// DaysLeft is 0 on the due date and negative once it has passed.
	DaysLeft int
	Overdue  bool
	// Reason is the item's reason in words: "RTB2 (admit or deny the right)
	// OVERDUE by 3 days (due Mon 31 Mar 2025)", with any warning after it.
	Reason string
}

// CouncilDue is the case's most urgent open council deadline on today when
// it is overdue or due within the next `within` days (the policy's
// threshold; negative counts as 0), and false otherwise. Only deadlines
// count: the council's option to serve an s125E default notice is not one.
func CouncilDue(c Case, h domain.Holidays, today domain.Date, within int) (Due, bool) {
	within = max(within, 0)
	u, ok := nextOpen(Deadlines(c, h, today), today, func(d Deadline) bool { return d.Who == Council })
	if !ok || u.DaysLeft > within {
		return Due{}, false
	}
	reason := u.Words()
	for _, w := range u.Deadline.Warnings {
		reason += "; " + w
	}
	if u.Deadline.PlusMinusOneDay && u.DaysLeft >= 0 {
		reason += fmt.Sprintf("; serve by %s to be safe on either reading", u.Deadline.Due.AddDays(-1).Human())
	}
	return Due{
		Ref: c.facts.Ref, Stage: c.Stage(), Deadline: u.Deadline,
		DaysLeft: u.DaysLeft, Overdue: u.Overdue(), Reason: reason,
	}, true
}
