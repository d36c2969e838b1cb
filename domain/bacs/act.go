package bacs

import (
	"fmt"

	"caseload/domain"
)

// What each advice does to an account, decided here so the CLI, the TUI
// and the demo act alike; the store carries it out in one transaction.

// ReturnAction is what an unpaid collection (an ARUDD return) leads to.
type ReturnAction struct {
	// Unpaid is the dd-unpaid event's detail: it starts with the ARUDD
	// reason code, which the worklist's dd-unpaid rule reads.
	Unpaid string
	// ReversalNote goes on the reversal of the payment the collection
	// posted.
	ReversalNote string
	// Represent: present it again (code 18) in a file on or after
	// RepresentFrom; Why says why or why not, for the run log.
	Represent     bool
	RepresentFrom domain.Date
	Why           string
	// EndsMandate: the instruction cannot be collected on again.
	EndsMandate bool
}

// ActOnReturn decides what a matched return leads to. first is the first
// presentation's processing date (a returned re-presentation keeps its
// original's month), attempts the re-presentations already made, advice
// the ARUDD's date: the payer is given RepresentationNotice working days'
// notice of a re-presentation, and it must still fall within the month.
func ActOnReturn(r ReturnedDebit, first domain.Date, attempts int, advice domain.Date, h domain.Holidays, p RepresentationPolicy) ReturnAction {
	a := ReturnAction{
		Unpaid: fmt.Sprintf("%s %s: %s £%s collected %s (%s %s)", r.Reason.Code, r.Reason.Meaning, r.Reference, r.Amount,
			r.OriginalProcessingDate, string(r.Code), r.Code.Meaning()),
		ReversalNote: fmt.Sprintf("Direct Debit returned unpaid: ARUDD %s %s", r.Reason.Code, r.Reason.Meaning),
		EndsMandate:  r.Reason.EndsInstruction,
	}
	if r.ReturnCode != "" {
		a.ReversalNote += " (Bacs " + r.ReturnCode + ")"
	}
	orig := r
	if !first.IsZero() {
		orig.OriginalProcessingDate = first
	}
	from := h.NextWorkingDay(h.AddWorkingDays(advice, RepresentationNotice))
	a.Represent, a.Why = p.MayRepresent(orig, attempts, CycleForProcessing(from, h).Entry)
	if a.Represent {
		a.RepresentFrom = from
		a.Why = fmt.Sprintf("%s, in a file from %s (the payer is told %d working days ahead)", a.Why, from, RepresentationNotice)
	}
	return a
}

// AmendmentAction is what an ADDACS advice does to its mandate.
type AmendmentAction struct {
	// Cancel: the instruction is cancelled (at source: no 0C is sent).
	Cancel bool
	// Suspend: collect nothing until an officer resumes it.
	Suspend bool
	// Reinstate: the instruction is live again.
	Reinstate bool
	// NewSortCode and NewNumber are applied to the mandate when given.
	NewSortCode, NewNumber string
	// Relodge: lodge a new instruction (0N) on the new account (reason 3
	// with new details); never a 0C to the old bank.
	Relodge bool
	// Timeline is the note on the account: the reason code's meaning and
	// what it means for the tenant.
	Timeline string
	// FollowUp is when an officer must act by (zero when no one need):
	// ADDACS changes are acted on within 3 working days.
	FollowUp domain.Date
}

// AmendmentWorkingDays is how soon an ADDACS change is acted on (factsheet
// §1(b): "within 3 working days").
const AmendmentWorkingDays = 3

// ActOnAmendment decides what an ADDACS advice received on advice does.
func ActOnAmendment(a Amendment, advice domain.Date, h domain.Holidays) AmendmentAction {
	r := a.Reason
	out := AmendmentAction{}
	switch r.Effect {
	case EffectCancelled:
		out.Cancel = true
	case EffectSuspended:
		out.Suspend = true
	case EffectReinstated:
		out.Reinstate = true
	case EffectTransferred:
		if a.HasNewDetails() {
			out.NewSortCode, out.NewNumber = a.NewSortCode, a.NewAccount
			out.Relodge = true
		} else {
			out.Suspend = true
		}
	case EffectBranchChange, EffectAmended:
		out.NewSortCode, out.NewNumber = a.NewSortCode, a.NewAccount
	}
	out.Timeline = fmt.Sprintf("ADDACS %s: %s, effective %s (Direct Debit %s). %s", r.Code, r.Meaning, a.EffectiveDate, a.Reference, capitalise(r.Action))
	if a.HasNewDetails() {
		out.Timeline += fmt.Sprintf(". New bank details applied: sort code %s, account %s", a.NewSortCode, MaskAccount(a.NewAccount))
	}
	if r.Team != "" {
		out.Timeline += ". Refer to the " + r.Team + " team"
	}
	if r.NeedsOfficer {
		out.FollowUp = h.AddWorkingDays(advice, AmendmentWorkingDays)
	}
	return out
}

// InstructionWords is the note an AUDDIS advice puts on the account.
func InstructionWords(in AUDDISInstruction) string {
	return fmt.Sprintf("AUDDIS: Direct Debit %s rejected by the payer's bank, reason %s: %s. %s; the mandate is back to pending lodgement",
		in.Reference, in.Reason.Code, in.Reason.Meaning, capitalise(in.Reason.Action))
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
