package rtb

import (
	"fmt"
	"slices"

	"caseload/domain"
)

// Deadlines is every computed date of the case on today, in date order:
// the council's and the tenant's deadlines, met ones marked met, and the
// dates from which a right opens (an RTB6 after a missed council deadline,
// an RTB8 after an unanswered RTB6, an s125E after an unanswered offer).
// today decides only which missed deadlines have opened a right yet; the
// holidays only add warnings, never move a date.
func Deadlines(c Case, h domain.Holidays, today domain.Date) []Deadline {
	f, p := c.facts, c.p
	out := []Deadline{rtb2Deadline(f, p)}
	if d, ok := rtb6AfterMissed(f, p, today, KeyRTB6AfterRTB2); ok {
		out = append(out, d)
	}
	if p.admitted {
		out = append(out, s125Deadline(f, p))
		if d, ok := rtb6AfterMissed(f, p, today, KeyRTB6AfterS125); ok {
			out = append(out, d)
		}
	}
	if !p.s125.IsZero() {
		out = append(out, tenantReplyDeadline(p))
		if d, ok := s125EMayServe(p, today); ok {
			out = append(out, d)
		}
	}
	if !p.s125e.IsZero() {
		out = append(out, s125EReplyDeadline(p))
	}
	for _, n := range p.delays {
		out = append(out, rtb6ResponseDeadline(p, n), rtb8MayServe(p, n))
	}
	if !p.s140.IsZero() {
		out = append(out, completionDeadline(p, 1))
	}
	if !p.s141.IsZero() {
		out = append(out, completionDeadline(p, 2))
	}
	concerns := c.fraud.Concerns()
	for i := range out {
		out[i].annotate(h, concerns)
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out
}

// Upcoming is an open deadline and how long is left.
type Upcoming struct {
	Deadline Deadline
	// DaysLeft is 0 on the due date and negative once it has passed.
	DaysLeft int
}

// Overdue reports whether the due date has passed.
func (u Upcoming) Overdue() bool { return u.DaysLeft < 0 }

// Words are the deadline and its time left as an officer says them:
// "RTB2 (admit or deny the right) OVERDUE by 3 days (due Mon 31 Mar 2025)".
func (u Upcoming) Words() string {
	d := u.Deadline
	switch {
	case u.DaysLeft < 0:
		return fmt.Sprintf("%s OVERDUE by %s (due %s)", d.Name, plural(-u.DaysLeft, "day"), d.Due.Human())
	case u.DaysLeft == 0:
		return fmt.Sprintf("%s due TODAY (%s)", d.Name, d.Due.Human())
	}
	return fmt.Sprintf("%s due %s: %s left", d.Name, d.Due.Human(), plural(u.DaysLeft, "day"))
}

// Next is the case's next open deadline on today — either party's, the
// most overdue first — and false when nothing is waiting. Dates from which
// a right opens are not deadlines and are left out.
func Next(c Case, h domain.Holidays, today domain.Date) (Upcoming, bool) {
	return nextOpen(Deadlines(c, h, today), today, func(Deadline) bool { return true })
}

func nextOpen(all []Deadline, today domain.Date, keep func(Deadline) bool) (Upcoming, bool) {
	for _, d := range all { // already in date order
		if d.Kind == DueBy && d.IsOpen() && keep(d) {
			return Upcoming{Deadline: d, DaysLeft: d.DaysLeft(today)}, true
		}
	}
	return Upcoming{}, false
}

// numbered gives the nth key of a repeatable date: "rtb6-response",
// "rtb6-response-2".
func numbered(key string, n int) string {
	if n <= 1 {
		return key
	}
	return fmt.Sprintf("%s-%d", key, n)
}

func rtb2Deadline(f Facts, p progress) Deadline {
	w, due := f.rtb2Weeks(), p.rtb2Due(f)
	why := "all the qualifying years are with this council"
	if f.OtherLandlord {
		why = "the tenant relies on years with another landlord"
	}
	d := Deadline{
		Key: KeyRTB2, Name: "RTB2 (admit or deny the right)", Who: Council, Kind: DueBy, Due: due,
		Rule: fmt.Sprintf("%d weeks from the RTB1 received %s (s124; %s): + %d days. Read inclusively it is %s: ±1 day",
			w, f.Received.Human(), why, 7*w, due.AddDays(-1).Human()),
		PlusMinusOneDay: true,
		Action:          "Serve the RTB2 admitting the right, or denying it with reasons",
		IfMissed:        missedCouncilDeadline(due),
	}
	done := "RTB2 admitting the right served"
	if p.denied {
		done = "RTB2 denying the right served"
	}
	why, ended := p.ended()
	d.settle(p.rtb2, done, ended, why)
	return d
}

func s125Deadline(f Facts, p progress) Deadline {
	w, due := f.s125Weeks(), p.s125Due(f)
	what := "the tenant gets the freehold of a house"
	switch {
	case f.Property == Flat:
		what = "a flat, sold on a lease"
	case f.Leasehold:
		what = "a house the council holds on a lease, sold on a lease"
	}
	d := Deadline{
		Key: KeyS125, Name: "s125 offer notice (price and terms)", Who: Council, Kind: DueBy, Due: due,
		Rule: fmt.Sprintf("%d weeks from the RTB2 admitting the right, served %s (s125; %s): + %d days. Read inclusively it is %s: ±1 day",
			w, p.rtb2.Human(), what, 7*w, due.AddDays(-1).Human()),
		PlusMinusOneDay: true,
		Action:          "Serve the s125 notice: value, discount, price, terms and known defects",
		IfMissed:        missedCouncilDeadline(due),
	}
	why, ended := p.ended()
	d.settle(p.s125, "s125 offer served", ended, why)
	return d
}

// missedCouncilDeadline is what a missed RTB2 or s125 deadline opens to the
// tenant (s153A(1)(a), (b); s153B).
func missedCouncilDeadline(due domain.Date) string {
	return fmt.Sprintf("the tenant may serve an RTB6 initial notice of delay from %s; if the council does not answer it "+
		"within the response period, the tenant may serve an RTB8 and rent paid from %s then counts towards the price (s153A, s153B)",
		due.AddDays(1).Human(), due.Human())
}

// rtb6AfterMissed is the date from which the tenant may serve an RTB6
// because the RTB2 (key KeyRTB6AfterRTB2) or the s125 offer
// (KeyRTB6AfterS125) was not served in time. It is listed once the deadline
// has been missed: passed on today with nothing served, served late, or
// already relied on by an RTB6.
func rtb6AfterMissed(f Facts, p progress, today domain.Date, key string) (Deadline, bool) {
	var due, served domain.Date
	var ground DelayGround
	var what string
	switch key {
	case KeyRTB6AfterRTB2:
		due, served, ground, what = p.rtb2Due(f), p.rtb2, GroundNoRTB2, "RTB2"
	default:
		due, served, ground, what = p.s125Due(f), p.s125, GroundNoS125, "s125 offer"
	}
	var relied *delayNotice
	for i := range p.delays {
		if p.delays[i].ground == ground {
			relied = &p.delays[i]
			break
		}
	}
	// A claim that ended before the deadline passed never missed it.
	asOf := today
	if _, ended := p.ended(); !ended.IsZero() && ended.Before(today) {
		asOf = ended
	}
	missed := served.After(due) || (served.IsZero() && asOf.After(due)) || relied != nil
	if !missed {
		return Deadline{}, false
	}
	d := Deadline{
		Key: key, Name: "RTB6 initial notice of delay may be served (" + what + " late)", Who: Tenant, Kind: MayServeFrom,
		Due: due.AddDays(1),
		Rule: fmt.Sprintf("the day after the %s deadline (%s) passed without it — %s; that deadline is the default date",
			what, due.Human(), ground.Label()),
		PlusMinusOneDay: true,
		Action: fmt.Sprintf("Tenant may serve an RTB6 giving a response period of at least one month; if the council then serves "+
			"no counter notice in time, the tenant may serve an RTB8 and rent paid from %s counts towards the price", due.Human()),
	}
	var done domain.Date
	if relied != nil {
		done = relied.served
	}
	why, ended := p.ended()
	if ended.IsZero() && !served.IsZero() && (relied == nil || served.Before(relied.served)) {
		why, ended = fmt.Sprintf("the %s was served late on %s; a later delay can still ground a notice under s153A(1)(e)", what, served.Human()), served
	}
	d.settle(done, "RTB6 served", ended, why)
	return d, true
}

func tenantReplyDeadline(p progress) Deadline {
	due := p.replyDue()
	from := fmt.Sprintf("the s125 offer served %s", p.s125.Human())
	if !p.dv.IsZero() {
		from = fmt.Sprintf("the notice of the District Valuer's determination served %s (s128(5) restarts the period; the offer was served %s)",
			p.dv.Human(), p.s125.Human())
	}
	d := Deadline{
		Key: KeyTenantReply, Name: "Tenant's reply to the offer (s125D)", Who: Tenant, Kind: DueBy, Due: due,
		Rule:     fmt.Sprintf("12 weeks beginning with %s (s125D): the day of service is day 1, so + 84 days − 1", from),
		Action:   "Tenant serves notice to pursue the claim or to withdraw it",
		IfMissed: fmt.Sprintf("the council may serve an s125E default notice from %s", due.AddDays(1).Human()),
	}
	done, words := p.accepted, "tenant's notice to pursue received"
	if done.IsZero() && !p.withdrew.IsZero() {
		done, words = p.withdrew, "tenant withdrew the claim"
	}
	why, ended := p.ended()
	d.settle(done, words, ended, why)
	return d
}

// s125EMayServe is the date from which the council may serve a default
// notice; listed once the tenant's reply is overdue on today, or when one
// was served.
func s125EMayServe(p progress, today domain.Date) (Deadline, bool) {
	due := p.replyDue()
	repliedInTime := !p.accepted.IsZero() && !p.accepted.After(due)
	if repliedInTime || (p.s125e.IsZero() && !today.After(due)) {
		return Deadline{}, false
	}
	if !p.withdrew.IsZero() && !p.withdrew.After(due) {
		return Deadline{}, false
	}
	d := Deadline{
		Key: KeyS125EMayServe, Name: "s125E default notice may be served", Who: Council, Kind: MayServeFrom,
		Due:    due.AddDays(1),
		Rule:   fmt.Sprintf("the day after the tenant's s125D period ended on %s with no reply (s125E)", due.Human()),
		Action: "Serve the s125E default notice: the tenant then has 28 days to reply, and it must explain the effect of s125E",
	}
	why, ended := p.ended()
	if ended.IsZero() && !p.accepted.IsZero() {
		why, ended = "the tenant replied late, on "+p.accepted.Human(), p.accepted
	}
	d.settle(p.s125e, "s125E default notice served", ended, why)
	return d, true
}

func s125EReplyDeadline(p progress) Deadline {
	due := p.s125eDue()
	d := Deadline{
		Key: KeyS125EReply, Name: "Tenant's reply after the default notice (s125E)", Who: Tenant, Kind: DueBy, Due: due,
		Action: "Tenant serves the s125D notice: pursue or withdraw",
		IfMissed: "the claim is treated as withdrawn (s125E(4)) — first check the period was not extended, in writing or " +
			"because the tenant could not reasonably comply",
	}
	if p.s125eEnds.IsZero() {
		d.Rule = fmt.Sprintf("28 days from the s125E default notice served %s: + 28 days. Read inclusively it is %s: ±1 day",
			p.s125e.Human(), due.AddDays(-1).Human())
		d.PlusMinusOneDay = true
	} else {
		d.Rule = fmt.Sprintf("28 days from the s125E default notice served %s, extended in writing on %s to %s (s125E)",
			p.s125e.Human(), p.s125eExt.Human(), due.Human())
	}
	done, words := p.accepted, "tenant's notice to pursue received"
	if done.IsZero() && !p.withdrew.IsZero() {
		done, words = p.withdrew, "tenant withdrew the claim"
	}
	why, ended := p.ended()
	d.settle(done, words, ended, why)
	return d
}

// creditFrom is the first day whose rent counts towards the price once the
// notice is operative: the default date, or for other delays the
// operative notice's own date (s153B).
func creditFrom(n delayNotice) (domain.Date, string) {
	if n.ground == GroundOtherDelay {
		if n.operative.IsZero() {
			return domain.Date{}, "the day the RTB8 is served"
		}
		return n.operative, n.operative.Human() + " (the RTB8's date)"
	}
	return n.defaultDate, n.defaultDate.Human() + " (the default date)"
}

func rtb6ResponseDeadline(p progress, n delayNotice) Deadline {
	d := Deadline{
		Key: numbered(KeyRTB6Response, n.n), Name: "Answer the RTB6 notice of delay (RTB7 counter notice)",
		Who: Council, Kind: DueBy, Due: n.responseEnds,
		Action: "Serve the overdue notice and an RTB7 counter notice saying so, or an RTB7 saying there is no delay",
	}
	if n.stated {
		d.Rule = fmt.Sprintf("the response period stated in the RTB6 served %s (at least one month beginning with service, s153A)",
			n.served.Human())
	} else {
		d.Rule = fmt.Sprintf("one month beginning with the RTB6 served %s (s153A): ends the day before the same-numbered day "+
			"of the next month. The corresponding-date reading ends it on %s: ±1 day", n.served.Human(), n.responseEnds.AddDays(1).Human())
		d.PlusMinusOneDay = true
	}
	_, fromWords := creditFrom(n)
	d.IfMissed = fmt.Sprintf("the tenant may serve an RTB8 operative notice of delay from %s; rent paid from %s then counts "+
		"towards the price until a counter notice, completion or withdrawal. A later counter notice still stops the credit (s153B)",
		n.responseEnds.AddDays(1).Human(), fromWords)
	why, ended := p.ended()
	d.settle(n.counter, "RTB7 counter notice served", ended, why)
	if d.Status == MetLate {
		d.Outcome += ": too late to cancel the RTB6, so it stops the rent credit from that day instead"
	}
	return d
}

func rtb8MayServe(p progress, n delayNotice) Deadline {
	_, fromWords := creditFrom(n)
	d := Deadline{
		Key: numbered(KeyRTB8MayServe, n.n), Name: "RTB8 operative notice of delay may be served", Who: Tenant, Kind: MayServeFrom,
		Due:             n.responseEnds.AddDays(1),
		Rule:            fmt.Sprintf("the day after the RTB6's response period ends on %s, if no counter notice has been served (s153B)", n.responseEnds.Human()),
		PlusMinusOneDay: !n.stated,
		Action:          fmt.Sprintf("Tenant may serve an RTB8: rent paid from %s then counts towards the price", fromWords),
	}
	why, ended := p.ended()
	if n.cancelled() && (ended.IsZero() || n.counter.Before(ended)) {
		why, ended = "the counter notice served "+n.counter.Human()+" within the response period cancelled the RTB6", n.counter
	}
	d.settle(n.operative, "RTB8 served", ended, why)
	return d
}

func completionDeadline(p progress, which int) Deadline {
	served, ends, stated := p.s140, p.s140Ends, p.s140Stated
	d := Deadline{
		Key: KeyCompletionNotice1, Name: "Completion under the first notice to complete (s140)", Who: Tenant, Kind: DueBy,
		Action:   "Tenant completes the purchase, or says in writing which matters are still outstanding",
		IfMissed: "the council may serve a final notice to complete (s141), giving at least 56 more days",
	}
	section := "s140"
	if which == 2 {
		served, ends, stated = p.s141, p.s141Ends, p.s141Stated
		d.Key, d.Name, section = KeyCompletionNotice2, "Completion under the final notice to complete (s141)", "s141"
		d.Action = "Tenant completes the purchase"
		d.IfMissed = "the RTB1 is treated as withdrawn (s141(4))"
	}
	d.Due = ends
	if stated {
		d.Rule = fmt.Sprintf("the date stated in the %s notice served %s (it must give at least %d days)", section, served.Human(), minimumNoticePeriod)
	} else {
		d.Rule = fmt.Sprintf("%d days from the %s notice served %s (the least it may give): + %d days. Read inclusively it is %s: ±1 day",
			minimumNoticePeriod, section, served.Human(), minimumNoticePeriod, ends.AddDays(-1).Human())
		d.PlusMinusOneDay = true
	}
	why, ended := p.ended()
	if which == 1 && ended.IsZero() && !p.s141.IsZero() {
		why, ended = "superseded by the final notice to complete (s141) served "+p.s141.Human(), p.s141
	}
	d.settle(p.completed, "sale completed", ended, why)
	return d
}
