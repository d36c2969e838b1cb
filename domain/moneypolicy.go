package domain

import "strings"

// MoneyPolicy is the council's controls on money operations, as data: what
// one officer may do alone and what needs a second officer's approval.
type MoneyPolicy struct {
	// WriteOffApprovalLimit is the largest write-off one officer may post
	// alone; a larger one needs a second officer's approval recorded.
	WriteOffApprovalLimit Money
}

// DefaultMoneyPolicy is the default controls: write-offs above £500 need a
// second officer.
func DefaultMoneyPolicy() MoneyPolicy {
	return MoneyPolicy{WriteOffApprovalLimit: Pounds(500)}
}

// WriteOffNeedsApproval reports whether a write-off of amount needs a
// second officer's approval.
func (p MoneyPolicy) WriteOffNeedsApproval(amount Money) bool {
	return amount.Abs().GreaterThan(p.WriteOffApprovalLimit)
}

// CheckWriteOff applies the approval rule to a write-off of amount posted
// by officer with approvedBy ("" when none was given). Above the limit the
// approver must be named and be someone else; an approver given for a
// smaller write-off is accepted (and recorded) but must still be someone
// else.
func (p MoneyPolicy) CheckWriteOff(amount Money, officer, approvedBy string) error {
	approvedBy = strings.TrimSpace(approvedBy)
	if approvedBy == "" {
		if p.WriteOffNeedsApproval(amount) {
			return Invalid("approved-by", "a write-off above %s needs a second officer's approval: name them (--approved-by)",
				p.WriteOffApprovalLimit.Human())
		}
		return nil
	}
	if strings.EqualFold(approvedBy, strings.TrimSpace(officer)) {
		return Invalid("approved-by", "%s cannot approve their own write-off: name a second officer", approvedBy)
	}
	return nil
}
