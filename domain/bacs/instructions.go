package bacs

import (
	"sort"

	"caseload/domain"
)

// InstructionFacts are what an AUDDIS file needs of one mandate.
type InstructionFacts struct {
	MandateFacts
	// Pending: the mandate awaits lodgement with the payer's bank.
	Pending bool
	// Paper: the payer signed a paper instruction the bank already holds,
	// which is converted (0S) rather than lodged (0N).
	Paper bool
	// Cancelled: the mandate is cancelled. When the council cancelled it
	// the bank must be told with a 0C; a cancellation the bank reported
	// (ADDACS, ARUDD) has already ended the lodgement (Lodged is false),
	// so it is never sent back.
	Cancelled bool
	// Lodged: a 0N or 0S has gone in a file and was not rejected.
	Lodged bool
	// CancelSent: a 0C has gone in a file.
	CancelSent bool
}

// InstructionFor is the AUDDIS instruction a mandate needs now, if any:
// 0N (or 0S for a paper instruction) for one pending lodgement, 0C for one
// cancelled while its lodgement stands.
func InstructionFor(f InstructionFacts) (TransactionCode, bool) {
	switch {
	case f.Pending && !f.Lodged && f.Paper:
		return ConvertInstruction, true
	case f.Pending && !f.Lodged:
		return NewInstruction, true
	case f.Cancelled && f.Lodged && !f.CancelSent:
		return CancelInstruction, true
	}
	return "", false
}

// InstructionPlan is the AUDDIS file for one processing date.
type InstructionPlan struct {
	Cycle Cycle
	Due   []Due
}

// PlanInstructions lists the instructions each mandate needs, in account
// order; every instruction carries no amount.
func PlanInstructions(p domain.Date, h domain.Holidays, ms []InstructionFacts) InstructionPlan {
	plan := InstructionPlan{Cycle: CycleForProcessing(p, h)}
	for _, m := range ms {
		code, ok := InstructionFor(m)
		if !ok {
			continue
		}
		plan.Due = append(plan.Due, Due{Mandate: m.ID, Account: m.Account, Cycle: plan.Cycle,
			Key:  CollectionKey{Mandate: m.ID, Due: plan.Cycle.Entry},
			Item: Item{SortCode: m.SortCode, Account: m.Number, PayerName: m.PayerName, Reference: m.Reference, Code: code, Amount: domain.Zero}})
	}
	sort.SliceStable(plan.Due, func(i, j int) bool { return plan.Due[i].Account < plan.Due[j].Account })
	return plan
}
