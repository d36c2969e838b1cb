package rtb

import (
	"fmt"

	"caseload/domain"
)

// arrearsBarDays is how long rent or another tenancy payment may stay
// unpaid after it was lawfully demanded before the council is no longer
// bound to complete (s138(2): 4 weeks).
const arrearsBarDays = 28

// CompletionBarred says whether the arrears bar stops the council being
// bound to complete on today: an amount lawfully demanded on demanded and
// still unpaid (unpaid > 0) four weeks after the demand. The bar lifts when
// it is paid; it does not end the claim.
func CompletionBarred(demanded domain.Date, unpaid domain.Money, today domain.Date) (bool, string, error) {
	if demanded.IsZero() {
		return false, "", domain.Invalid("demanded", "give the date the rent was lawfully demanded")
	}
	if today.Before(demanded) {
		return false, "", domain.Invalid("demanded", "%s is after today (%s)", demanded.Human(), today.Human())
	}
	if !unpaid.IsPositive() {
		return false, "nothing demanded is unpaid: the arrears bar does not apply", nil
	}
	from := demanded.AddDays(arrearsBarDays)
	if today.Before(from) {
		return false, fmt.Sprintf("%s demanded %s is unpaid; if it is still unpaid on %s the council is not bound to complete (s138(2))",
			unpaid.Human(), demanded.Human(), from.Human()), nil
	}
	return true, fmt.Sprintf("%s demanded %s is still unpaid 4 weeks later (from %s): the council is not bound to complete until it is paid (s138(2))",
		unpaid.Human(), demanded.Human(), from.Human()), nil
}
