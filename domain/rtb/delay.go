package rtb

import (
	"fmt"

	"caseload/domain"
)

// RentCredit is where one RTB6 notice of delay leaves the tenant's rent: once
// an RTB8 operative notice is served, rent paid from the default date counts
// as paid towards the price, until a counter notice, completion, withdrawal
// or the tenant ceasing to be entitled (s153B). Rates, council tax and
// service charges never count.
type RentCredit struct {
	// Notice numbers the RTB6 within the case: 1 for the first.
	Notice       int
	Ground       DelayGround
	RTB6Served   domain.Date
	ResponseEnds domain.Date
	// RTB8From is the first day an operative notice may be served.
	RTB8From domain.Date
	// Cancelled: a counter notice within the response period cancelled the
	// RTB6, so no credit can arise from it.
	Cancelled bool
	// OperativeOn is when the RTB8 was served (zero if not).
	OperativeOn domain.Date
	// From is the first day whose rent counts: the default date, or for
	// other delays the RTB8's date. Zero until it is known.
	From domain.Date
	// Until is the day the credit stopped ("ending with"); zero while it runs.
	Until     domain.Date
	StoppedBy string
	// Running: operative and not stopped.
	Running bool
	Words   string
}

// RentCredits is the rent-credit position of each RTB6 served on the case,
// oldest first.
func RentCredits(c Case) []RentCredit {
	p := c.p
	out := make([]RentCredit, 0, len(p.delays))
	for _, n := range p.delays {
		rc := RentCredit{
			Notice: n.n, Ground: n.ground, RTB6Served: n.served, ResponseEnds: n.responseEnds,
			RTB8From: n.responseEnds.AddDays(1), Cancelled: n.cancelled(), OperativeOn: n.operative,
		}
		from, fromWords := creditFrom(n)
		rc.From = from
		endWords, ended := p.ended()
		switch {
		case rc.Cancelled:
			rc.Words = fmt.Sprintf("RTB6 of %s cancelled by the counter notice of %s, within the response period: no rent credit",
				n.served.Human(), n.counter.Human())
		case n.operative.IsZero() && !n.counter.IsZero():
			rc.Words = fmt.Sprintf("RTB6 of %s: the counter notice of %s came after the response period ended on %s, so it did not "+
				"cancel the RTB6; no RTB8 has been served, and any credit (rent from %s) would stop at %s",
				n.served.Human(), n.counter.Human(), n.responseEnds.Human(), fromWords, n.counter.Human())
		case n.operative.IsZero() && !ended.IsZero():
			rc.Words = fmt.Sprintf("RTB6 of %s: no RTB8 was served before %s: no rent credit", n.served.Human(), endWords)
		case n.operative.IsZero():
			rc.Words = fmt.Sprintf("RTB6 of %s (%s): if the council serves no counter notice by %s, the tenant may serve an RTB8 from %s, "+
				"and rent paid from %s then counts towards the price", n.served.Human(), n.ground.Label(), n.responseEnds.Human(),
				rc.RTB8From.Human(), fromWords)
		default:
			rc.Until, rc.StoppedBy = stopOf(n, p)
			if rc.Until.IsZero() {
				rc.Running = true
				rc.Words = fmt.Sprintf("RTB8 served %s: rent paid from %s counts towards the price (not rates, council tax or "+
					"service charges); it runs until a counter notice, completion or withdrawal", n.operative.Human(), fromWords)
			} else {
				rc.Words = fmt.Sprintf("RTB8 served %s: rent paid from %s up to %s counts towards the price (not rates, council tax "+
					"or service charges); stopped by %s", n.operative.Human(), fromWords, rc.Until.Human(), rc.StoppedBy)
			}
		}
		out = append(out, rc)
	}
	return out
}

// stopOf is the earliest event that stops an operative notice's credit.
func stopOf(n delayNotice, p progress) (domain.Date, string) {
	if !n.counter.IsZero() {
		return n.counter, "the counter notice (RTB7) of " + n.counter.Human()
	}
	if words, on := p.ended(); !on.IsZero() {
		return on, words
	}
	return domain.Date{}, ""
}
