package worklist

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/court"
)

// compiled is a Policy turned into whole numbers once per Build, so that
// the 30,000 evaluations compare integers instead of decimals.
// Thresholds are in hundredths of a penny: "balance ≥ N weeks' charge" is
// balance×100 ≥ weekly×(N in hundredths of a week), exact for any N with two
// decimals.
type compiled struct {
	p Policy
	// Week thresholds in hundredths of a week.
	newArrearsH, firstLetterH, preActionH, considerH, vulnerableH, creditH int64
	// Money thresholds in pence.
	considerAmountP, zeroWeekP int64
}

func compile(p *Policy) *compiled {
	h := func(d decimal.Decimal) int64 { return d.Shift(2).Round(0).IntPart() }
	return &compiled{
		p:               *p,
		newArrearsH:     h(p.NewArrearsWeeks),
		firstLetterH:    h(p.FirstLetterWeeks),
		preActionH:      h(p.PreActionWeeks),
		considerH:       h(p.ConsiderNOSPWeeks),
		vulnerableH:     h(p.VulnerableReviewWeeks),
		creditH:         h(p.CreditRefundWeeks),
		considerAmountP: pence(p.ConsiderNOSPAmount),
		zeroWeekP:       pence(p.ZeroChargeWeek),
	}
}

// weeks is the threshold of h hundredths of a week's charge; an account
// with no weekly charge uses the policy's zero-charge week.
func (c *compiled) weeks(h, weeklyP int64) int64 {
	if weeklyP <= 0 {
		weeklyP = c.zeroWeekP
	}
	return weeklyP * h
}

// atLeast reports balance ≥ threshold (threshold in hundredths of a penny).
func atLeast(balP, thr int64) bool { return balP*100 >= thr }

// eval is one account's evaluation: the figures every rule shares,
// worked out once, and the items found so far.
type eval struct {
	c     *compiled
	f     *Facts
	today domain.Date

	balP, weeklyP   int64
	current, former bool
	ev              caseEvents
	lastPay         domain.Date
	lastContact     domain.Date
	live, kept      bool // kept: live and kept or not yet due
	broken          bool
	nosp            NOSP
	nospOK          bool
	proceedings     bool
	reached         rung   // the highest ladder step of this arrears episode
	waiting         string // what the ladder waits for, when nothing fired
	wantWaiting     bool   // worded only when asked (Waiting), not per Build

	tech     TechnicalArrears
	techDone bool
	held     bool // technical arrears held back at least one ladder rule

	replaced  [3]Rule // rules vulnerable-review stands in for
	nReplaced int

	buf   [12]Item
	items []Item
	notes []string
}

// evaluate fills e for one account and returns its line. e is reused
// across a whole Build (it is too big to be worth a fresh heap copy per
// account), so everything in it is reset here.
func (c *compiled) evaluate(e *eval, f *Facts, today domain.Date) (Line, bool) {
	*e = eval{c: c, f: f, today: today, wantWaiting: e.wantWaiting}
	e.items = e.buf[:0]
	e.balP, e.weeklyP = pence(f.Balance), pence(f.Weekly)
	e.former = f.Status == domain.StatusFormer || f.Kind == domain.KindFormerTenant
	e.current = !e.former
	paused := !f.PausedUntil.IsZero() && today.Before(f.PausedUntil)

	// A pause holds arrears recovery; it does not stop a statutory RTB
	// clock nor hide a follow-up the officer set themselves.
	e.rtbDeadlines()
	e.diaryDue()
	if paused {
		note := "paused until " + when(f.PausedUntil, today)
		if r := strings.TrimSpace(f.PauseReason); r != "" {
			note += ": " + r
		}
		e.notes = append(e.notes, note)
	} else {
		e.prepare()
		e.nospExpiring()
		e.courtOrderBreach()
		e.arrangementBroken()
		e.ddUnpaid()
		e.ddNoticeLate()
		e.ladder()
		e.formerTenantDebt()
		e.creditRefund()
		e.arrangementNotes()
	}
	return e.line(paused)
}

// prepare works out the shared figures the non-exempt rules read.
func (e *eval) prepare() {
	f := e.f
	e.ev = readEvents(f.Events, e.today, f.ClearedOn)
	e.reached = e.ev.reached(f.ClearedOn)
	e.lastPay = lastPayment(f)
	e.lastContact = f.LastContact
	// Letters and notices are written contact with the resident.
	for _, t := range []domain.EventType{domain.EventLetter1, domain.EventLetter2, domain.EventNOSPServed} {
		e.lastContact = domain.MaxDate(e.lastContact, e.ev.date(t))
	}
	if f.Arrangement != nil {
		state := arrangementState(f.ArrangementStatus)
		e.live = state != arrangement.Completed
		e.broken = state == arrangement.Broken
		e.kept = state == arrangement.Kept || state == arrangement.NotYetDue
	}
	e.nosp, e.nospOK = nospInForce(&e.ev, e.today)
	e.proceedings = inProceedings(&e.ev)
}

// arrangementState reads a monitored state; a missing status or a state
// this package does not know is taken as not yet due, so the arrangement
// still counts as live without being reported broken on no evidence.
func arrangementState(st *arrangement.Status) arrangement.State {
	if st != nil {
		switch st.State {
		case arrangement.Kept, arrangement.Broken, arrangement.Completed:
			return st.State
		}
	}
	return arrangement.NotYetDue
}

// lastPayment is the later of the account's last payment date and the
// latest payment in the list.
func lastPayment(f *Facts) domain.Date {
	last := f.LastPayment
	for i := len(f.Payments) - 1; i >= 0; i-- {
		t := &f.Payments[i]
		// The date test first: it is the cheap one and, oldest first, it
		// fails for all but the last payment.
		if t.Date.After(last) && t.Type.IsPayment() && t.Amount.IsNegative() {
			last = t.Date
		}
	}
	return last
}

func (e *eval) add(r Rule, priority int, reason, action string, due domain.Date) {
	e.items = append(e.items, Item{Rule: r, Priority: priority, Reason: reason, Action: action, Due: due})
}

func (e *eval) replace(r Rule) {
	if e.nReplaced < len(e.replaced) {
		e.replaced[e.nReplaced] = r
		e.nReplaced++
	}
}

// heldAsTechnical reports whether technical arrears hold back a ladder
// rule whose threshold is thr, and remembers that they did.
func (e *eval) heldAsTechnical(thr int64) bool {
	if !e.techDone {
		e.tech = e.c.technical(e.f, e.today, e.balP, e.weeklyP, e.lastPay)
		e.techDone = true
	}
	if e.tech.covers(thr) {
		e.held = true
		return true
	}
	return false
}

func (e *eval) arrears() string { return arrearsWords(e.balP, e.weeklyP) }

func (e *eval) lastPaid() string { return lastPaidWords(e.lastPay, e.today) }

// rtb-deadline: overdue, or due within RTBWithinDays. Statutory deadlines
// do not move for bank holidays, so one falling on a holiday is flagged.
func (e *eval) rtbDeadlines() {
	p := &e.c.p
	for _, d := range e.f.RTBDeadlines {
		if d.Due.IsZero() {
			continue
		}
		if !domain.WithinDaysBefore(d.Due, e.today, p.RTBWithinDays) {
			continue
		}
		left := d.Due.DaysSince(e.today)
		name := strings.TrimSpace(d.Name)
		if name == "" {
			name = "Right to Buy notice"
		}
		var reason string
		priority := p.RTBDuePriority
		switch {
		case left < 0:
			priority = p.RTBOverduePriority
			reason = name + " overdue since " + when(d.Due, e.today) + " (" + days(-left) + ")"
		case left == 0:
			reason = name + " due today"
		default:
			reason = name + " due " + d.Due.Weekday().String()[:3] + " " + when(d.Due, e.today) + " (in " + days(left) + ")"
		}
		if left >= 0 && p.Holidays.IsBankHoliday(d.Due) {
			reason += "; due on a bank holiday — serve earlier"
		}
		e.add(RuleRTBDeadline, priority, reason, "serve the notice", d.Due)
	}
}

// diary-due: every open follow-up due today or before.
func (e *eval) diaryDue() {
	p := &e.c.p
	for _, fu := range e.f.FollowUps {
		if fu.Due.IsZero() || fu.Due.After(e.today) {
			continue
		}
		late := e.today.DaysSince(fu.Due)
		priority, reason := p.DiaryTodayPriority, "follow-up due today"
		if late > 0 {
			priority = p.DiaryOverduePriority
			reason = "follow-up overdue since " + when(fu.Due, e.today) + " (" + days(late) + ")"
		}
		if t := clip(fu.Text, 80); t != "" {
			reason += ": " + t
		}
		e.add(RuleDiaryDue, priority, reason, "do the follow-up", fu.Due)
	}
}

// nosp-expiring: a NOSP in force whose last day to issue proceedings is
// within NOSPExpiringDays while the account is still in arrears. Due on
// that last day: a claim must be issued by then or the notice served again.
// The reason's date and the due date are the same computed date.
func (e *eval) nospExpiring() {
	if !e.current || !e.f.Kind.HasPossessionSteps() || !e.nospOK || e.balP <= 0 {
		return
	}
	last := e.nosp.LastDay
	if !domain.WithinDaysBefore(last, e.today, e.c.p.NOSPExpiringDays) {
		return
	}
	left := "today"
	if n := last.DaysSince(e.today); n > 0 {
		left = "in " + days(n)
	}
	reason := "NOSP " + e.nosp.LastDayWords() + " (" + left + "); " + e.arrears()
	if e.kept {
		reason += "; arrangement kept"
	}
	e.add(RuleNOSPExpiring, e.c.p.NOSPExpiringPriority, reason, "decide: court claim or re-serve", last)
}

// court-order-breach: a suspended or postponed order in force whose terms
// are not kept. The terms are concretely:
//   - with a live arrangement (the court's terms recorded as the
//     arrangement): the arrangement is broken;
//   - with none: still in arrears and either the balance is higher than at
//     the order (the current rent is not being paid) or no payment has come
//     for CourtOrderNoPaymentDays since the later of the last payment and
//     the order.
func (e *eval) courtOrderBreach() {
	if !e.current || !e.f.Kind.HasPossessionSteps() {
		return
	}
	o, why := e.orderBreach()
	if len(why) == 0 {
		return
	}
	if e.vulnerableOverride() {
		e.replace(RuleCourtOrderBreach)
		return
	}
	kind, action := "suspended", "review for warrant (N325A)"
	if o.Type == domain.EventOrderPostponed {
		kind, action = "postponed", "review: apply to fix a date for possession"
	}
	reason := kind + " order of " + when(o.Date, e.today) + ": " + strings.Join(why, "; ")
	e.add(RuleCourtOrderBreach, e.c.p.CourtOrderBreachPriority, reason, action, e.today)
}

// orderBreach is the order in force and how its terms are not kept (none
// when kept, or no order).
func (e *eval) orderBreach() (Event, []string) {
	o, ok := orderInForce(&e.ev)
	if !ok {
		return Event{}, nil
	}
	var why []string
	switch {
	case e.broken:
		why = append(why, e.brokenWords())
	case e.live && e.arrangementOverBreach(o):
		why = append(why, e.overBreachWords(o))
	case e.live:
		return o, nil
	default:
		if from, t, ok := orderTerms(e.f.Events, o, e.today); ok {
			if st := court.Breach(from, e.f.Weekly, t.Weekly, e.f.Payments, e.today); st.Breached() {
				why = append(why, "terms of current rent plus "+t.Weekly.Human()+" a week "+st.Words())
			}
			return o, why
		}
		if e.balP <= 0 {
			return o, nil
		}
		if ob := e.f.OrderBalance; ob != nil {
			if obP := pence(*ob); e.balP > obP {
				why = append(why, "balance "+money(e.balP)+" is "+money(e.balP-obP)+" more than at the order")
			}
		}
		since := domain.MaxDate(e.lastPay, o.Date)
		if domain.ForDays(since, e.today, e.c.p.CourtOrderNoPaymentDays) {
			n := e.today.DaysSince(since)
			if e.lastPay.After(o.Date) {
				why = append(why, "no payment for "+days(n))
			} else {
				why = append(why, "no payment since the order ("+days(n)+")")
			}
		}
	}
	return o, why
}

// brokenWords is "arrangement £15.00 weekly missed: £60.00 behind since 17 Nov".
func (e *eval) brokenWords() string {
	s := arrangementWords(e.f.Arrangement) + " missed"
	if st := e.f.ArrangementStatus; st != nil {
		if st.Behind.IsPositive() {
			s += ": " + st.Behind.Human() + " behind"
		}
		if !st.BrokenOn.IsZero() {
			s += " since " + when(st.BrokenOn, e.today)
		}
	}
	return s
}

// arrangement-broken: from the arrangement's monitored state. Contact is
// due ArrangementContactWorkingDays working days after it was found broken.
func (e *eval) arrangementBroken() {
	if !e.broken {
		return
	}
	from := e.today
	if st := e.f.ArrangementStatus; st != nil && !st.BrokenOn.IsZero() {
		from = st.BrokenOn
	}
	due := e.c.p.Holidays.AddWorkingDays(from, e.c.p.ArrangementContactWorkingDays)
	action := "contact within " + strconv.Itoa(e.c.p.ArrangementContactWorkingDays) + " working days; agree a new arrangement or end this one"
	e.add(RuleArrangementBroken, e.c.p.ArrangementBrokenPriority, e.brokenWords(), action, due)
}

// dd-unpaid: a Direct Debit returned unpaid within DDUnpaidDays (today and
// the days before it: 14 days means returned on or after today − 13). The
// action follows the ARUDD reason code of the latest.
func (e *eval) ddUnpaid() {
	count := 0
	var latest Event
	consider := func(ev Event) {
		// Within the last N days: not yet N days since it came back.
		if ev.Date.IsZero() || ev.Date.After(e.today) || domain.ForDays(ev.Date, e.today, e.c.p.DDUnpaidDays) {
			return
		}
		count++
		if latest.Date.IsZero() || !ev.Date.Before(latest.Date) {
			latest = ev
		}
	}
	for _, ev := range e.f.UnpaidDDs {
		consider(ev)
	}
	for _, ev := range e.f.Events {
		if ev.Type != domain.EventDDUnpaid || listed(e.f.UnpaidDDs, ev) {
			continue
		}
		consider(ev)
	}
	if count == 0 {
		return
	}
	code := ARUDDCode(latest.Detail)
	reason := "Direct Debit unpaid on " + when(latest.Date, e.today)
	if code != "" {
		reason += " (ARUDD " + code + ": " + ARUDDMeaning(code) + ")"
	}
	if count > 1 {
		reason += "; " + strconv.Itoa(count) + " unpaid in " + days(e.c.p.DDUnpaidDays)
	}
	if e.lastPay.After(latest.Date) {
		reason += "; paid since, on " + when(e.lastPay, e.today)
	}
	e.add(RuleDDUnpaid, e.c.p.DDUnpaidPriority, reason, ddAction(code), e.today)
}

// dd-notice-late: a Direct Debit's new amount whose advance notice could
// not be given in time (`caseload dd amounts` records it), within
// DDNoticeLateDays; the event's detail says which collection.
func (e *eval) ddNoticeLate() {
	var latest Event
	for _, ev := range e.f.Events {
		if ev.Type == domain.EventDDNoticeLate && !ev.Date.After(e.today) && (latest.Date.IsZero() || !ev.Date.Before(latest.Date)) {
			latest = ev
		}
	}
	if latest.Date.IsZero() || domain.ForDays(latest.Date, e.today, e.c.p.DDNoticeLateDays) {
		return
	}
	e.add(RuleDDNoticeLate, e.c.p.DDNoticeLatePriority, ddNoticeLateReason+latest.Detail, ddNoticeLateAction, e.today)
}

func listed(evs []Event, ev Event) bool {
	for _, x := range evs {
		if x.Date == ev.Date && x.Detail == ev.Detail {
			return true
		}
	}
	return false
}

// vulnerableOverride: a vulnerable resident with at least
// VulnerableReviewWeeks of arrears gets vulnerable-review instead of
// pre-action, consider-nosp and court-order-breach.
func (e *eval) vulnerableOverride() bool {
	return e.f.Vulnerable && e.current && atLeast(e.balP, e.c.weeks(e.c.vulnerableH, e.weeklyP))
}

// ladder runs the arrears ladder for a current account in arrears: the
// council's own (Policy.Ladder, recovery.go) when the policy has one, its
// conditions deciding arrangements and notices for themselves. A live
// arrangement that is kept (or not yet due) holds every rung; a NOSP in
// force or proceedings under way make the letters (new-arrears,
// first-letter) pointless, so they stop there too. No rung below the
// highest step recorded in this arrears episode fires (e.reached); when
// nothing fires, Waiting says what the next step waits for.
func (e *eval) ladder() {
	if !e.current || e.balP <= 0 {
		return
	}
	if e.c.p.Ladder != nil {
		e.recoveryStep()
		if !e.kept {
			e.ucManagedPayment()
		}
		e.vulnerableReview()
		return
	}
	if !e.kept {
		stage := e.nospOK || e.proceedings
		n := len(e.items)
		e.newArrears(stage)
		e.firstLetter(stage)
		e.preAction(e.proceedings)
		e.considerNOSP()
		if e.wantWaiting && len(e.items) == n && !e.held && !e.live {
			e.waiting = e.nextStep()
		}
		e.ucManagedPayment()
	}
	e.vulnerableReview()
}

// new-arrears: ≥ 1 week, not technical, no live arrangement, no contact
// within NewArrearsContactDays, and no ladder step yet in this episode.
func (e *eval) newArrears(stage bool) {
	thr := e.c.weeks(e.c.newArrearsH, e.weeklyP)
	if e.live || stage || e.reached >= rungLetter1 || !atLeast(e.balP, thr) {
		return
	}
	contact := "no contact recorded"
	if !e.lastContact.IsZero() {
		if !domain.ForDays(e.lastContact, e.today, e.c.p.NewArrearsContactDays) {
			return
		}
		contact = "no contact for " + days(e.today.DaysSince(e.lastContact))
	}
	if e.heldAsTechnical(thr) {
		return
	}
	e.add(RuleNewArrears, e.c.p.NewArrearsPriority, e.arrears()+"; "+contact+"; "+e.lastPaid(), "early contact (call/text)", e.today)
}

// first-letter: ≥ 2 weeks, not technical, no live arrangement, no letter
// within FirstLetterRepeatDays, and no step past the first letter recorded
// in this arrears episode. After a first letter the action is the second.
func (e *eval) firstLetter(stage bool) {
	thr := e.c.weeks(e.c.firstLetterH, e.weeklyP)
	if e.live || stage || e.reached >= rungLetter2 || !atLeast(e.balP, thr) {
		return
	}
	l1, l2 := e.ev.date(domain.EventLetter1), e.ev.date(domain.EventLetter2)
	letter := domain.MaxDate(l1, l2)
	sent := "no arrears letter sent"
	if !letter.IsZero() {
		if !domain.ForDays(letter, e.today, e.c.p.FirstLetterRepeatDays) {
			return
		}
		sent = "last letter " + when(letter, e.today) + " (" + days(e.today.DaysSince(letter)) + " ago)"
	}
	if e.heldAsTechnical(thr) {
		return
	}
	// Below the second letter only: the first letter, or the second after it.
	action := "send first arrears letter / call"
	if !l1.IsZero() {
		action = "send second arrears letter / call"
	}
	e.add(RuleFirstLetter, e.c.p.FirstLetterPriority, e.arrears()+"; "+sent+"; "+e.lastPaid(), action, e.today)
}

// pre-action: ≥ 4 weeks, first letter sent ≥ PreActionLetterDays ago, no
// live arrangement, not technical; not again within PreActionRepeatDays of
// a recorded pre-action step, and never once a NOSP or a court step is
// recorded in this arrears episode (the ladder does not go back).
func (e *eval) preAction(proceedings bool) {
	thr := e.c.weeks(e.c.preActionH, e.weeklyP)
	if e.live || proceedings || e.reached >= rungNOSP || !atLeast(e.balP, thr) {
		return
	}
	first := e.ev.date(domain.EventLetter1)
	if first.IsZero() {
		first = e.ev.date(domain.EventLetter2) // a second letter means a first went before it
	}
	if !domain.ForDays(first, e.today, e.c.p.PreActionLetterDays) {
		return
	}
	if pa := e.ev.date(domain.EventPreAction); !pa.IsZero() && !domain.ForDays(pa, e.today, e.c.p.PreActionRepeatDays) {
		return
	}
	if e.heldAsTechnical(thr) {
		return
	}
	if e.vulnerableOverride() {
		e.replace(RulePreAction)
		return
	}
	reason := e.arrears() + "; first letter sent " + when(first, e.today) + " (" + days(e.today.DaysSince(first)) + " ago); " + e.lastPaid()
	e.add(RulePreAction, e.c.p.PreActionPriority, reason, "pre-action protocol contact, offer affordable arrangement, benefits check", e.today)
}

// consider-nosp: ≥ 8 weeks (≥ £750 with no weekly charge), pre-action
// steps recorded ≥ ConsiderNOSPPreActionDays ago (the latest step: the
// tenant gets that long to respond to it), no live arrangement, not
// vulnerable, not technical, and no NOSP already in force nor proceedings
// under way.
func (e *eval) considerNOSP() {
	if !e.f.Kind.HasPossessionSteps() || e.live || e.nospOK || e.proceedings {
		return
	}
	thr := e.considerThreshold()
	if !atLeast(e.balP, thr) {
		return
	}
	pa, ready := e.preActionReady(thr)
	if !ready {
		return
	}
	if e.heldAsTechnical(thr) {
		return
	}
	if e.f.Vulnerable {
		if e.vulnerableOverride() {
			e.replace(RuleConsiderNOSP)
		}
		return
	}
	reason := e.arrears() + "; pre-action steps recorded " + when(pa, e.today) + " (" + days(e.today.DaysSince(pa)) + " ago); " + e.lastPaid()
	if old := e.ev.date(domain.EventNOSPServed); !old.IsZero() {
		reason += "; last NOSP served " + when(old, e.today) + " has lapsed"
	}
	e.add(RuleConsiderNOSP, e.c.p.ConsiderNOSPPriority, reason, "consider NOSP (manager approval)", e.today)
}

// uc-managed-payment: a UC claimant owing at least UCManagedPaymentMonths
// months' rent (as UC counts it: weekly × (52 − rent-free weeks) × months ÷
// 12, rounded half-up once, domain.MonthsRent) with no managed payment
// requested or in place.
// Only rent and temporary accommodation: UC housing costs do not pay for
// garages, leasehold service charges or sundry debts.
func (e *eval) ucManagedPayment() {
	f := e.f
	if (f.Kind != domain.KindRent && f.Kind != domain.KindTemporary) || !f.UCClaimant || e.weeklyP <= 0 || f.ManagedPayment != domain.APANone {
		return
	}
	free := min(max(f.RentFreeWeeks, 0), 4)
	// Rounded once: £110 a week × 52 × 2 ÷ 12 = £953.33, not £476.67 doubled.
	needP := pence(domain.MonthsRent(f.Weekly, e.c.p.UCManagedPaymentMonths, free))
	thr := needP * 100
	if !atLeast(e.balP, thr) {
		return
	}
	if e.heldAsTechnical(thr) {
		return
	}
	reason := "UC claimant; " + e.arrears() + " ≥ " + strconv.Itoa(e.c.p.UCManagedPaymentMonths) + " months' rent (" + money(needP) + "); no managed payment requested"
	e.add(RuleUCManagedPayment, e.c.p.UCManagedPaymentPriority, reason, "request managed payment", e.today)
}

// vulnerable-review: vulnerable with ≥ 2 weeks' arrears. It always stands
// in for an escalation it replaced; otherwise it is held, like the ladder
// it protects, by a kept arrangement and by technical arrears. A referral
// recorded within VulnerableReviewRepeatDays means the review is in hand.
func (e *eval) vulnerableReview() {
	if !e.vulnerableOverride() {
		return
	}
	thr := e.c.weeks(e.c.vulnerableH, e.weeklyP)
	if e.nReplaced == 0 && (e.kept || e.heldAsTechnical(thr)) {
		return
	}
	instead := ""
	if e.nReplaced > 0 {
		names := make([]string, e.nReplaced)
		for i, r := range e.replaced[:e.nReplaced] {
			names[i] = string(r)
		}
		instead = strings.Join(names, ", ")
	}
	if ref := e.ev.date(domain.EventReferral); !ref.IsZero() && !domain.ForDays(ref, e.today, e.c.p.VulnerableReviewRepeatDays) {
		note := "vulnerable: support referral made " + when(ref, e.today) + "; review again from " + when(ref.AddDays(e.c.p.VulnerableReviewRepeatDays), e.today)
		if instead != "" {
			note += "; held back: " + instead
		}
		e.notes = append(e.notes, note)
		return
	}
	reason := "vulnerable; " + e.arrears() + "; " + e.lastPaid()
	if instead != "" {
		reason += "; instead of " + instead
	}
	e.add(RuleVulnerableReview, e.c.p.VulnerableReviewPriority, reason, domain.VulnerableCaution, e.today)
}

// former-tenant-debt: a former account owing money with no payment for
// FormerTenantNoPaymentDays. A kept arrangement on the debt holds it: the
// debt is being recovered.
func (e *eval) formerTenantDebt() {
	if !e.former || e.balP <= 0 || e.kept {
		return
	}
	if !e.lastPay.IsZero() && !domain.ForDays(e.lastPay, e.today, e.c.p.FormerTenantNoPaymentDays) {
		return
	}
	e.add(RuleFormerTenantDebt, e.c.p.FormerTenantDebtPriority, "former tenant owes "+money(e.balP)+"; "+e.lastPaid(),
		"trace, recover, or recommend write-off", e.today)
}

// credit-refund: a former account in credit, or a current one in credit by
// more than CreditRefundWeeks weeks' charge.
func (e *eval) creditRefund() {
	if e.balP >= 0 {
		return
	}
	credit := -e.balP
	var reason string
	switch {
	case e.former:
		reason = "former tenant: " + money(credit) + " in credit"
	case e.weeklyP <= 0:
		reason = money(credit) + " in credit (no weekly charge)"
	case credit*100 > e.weeklyP*e.c.creditH:
		reason = money(credit) + " in credit = " + domain.WeeksOf(credit, e.weeklyP).Words() + "' charge"
	default:
		return
	}
	action := "refund or transfer the credit"
	if e.paidByHB() {
		action += "; check first for a Housing Benefit overpayment"
	}
	e.add(RuleCreditRefund, e.c.p.CreditRefundPriority, reason, action, e.today)
}

func (e *eval) paidByHB() bool {
	if e.f.PaymentMethod == domain.MethodHB {
		return true
	}
	for i := range e.f.Payments {
		if e.f.Payments[i].Type == domain.TxnHB {
			return true
		}
	}
	return false
}

// arrangementNotes says what a live arrangement that needs no action is
// doing: kept (and holding the ladder), not yet due, or completed.
func (e *eval) arrangementNotes() {
	t := e.f.Arrangement
	if t == nil {
		return
	}
	var st arrangement.Status
	if e.f.ArrangementStatus != nil {
		st = *e.f.ArrangementStatus
	}
	st.State = arrangementState(e.f.ArrangementStatus)
	held := ""
	if e.current && e.balP > 0 {
		held = "; arrears letters and notices held"
	}
	var note string
	switch st.State {
	case arrangement.Kept:
		note = arrangementWords(t) + " kept"
		if !st.NextDue.IsZero() {
			note += "; next due " + when(st.NextDue, e.today)
		}
		note += held
	case arrangement.NotYetDue:
		note = arrangementWords(t) + " from " + when(t.Start, e.today) + ": no instalment checked yet" + held
	case arrangement.Completed:
		note = arrangementWords(t) + " completed: the arrears it was made for are cleared; end it"
	default:
		return
	}
	e.notes = append(e.notes, note)
}

// line assembles the account's line: items most urgent first, those marked
// done today set apart.
func (e *eval) line(paused bool) (Line, bool) {
	items := e.items
	// Most urgent first: priority, then the earlier due date, then table order.
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && itemBefore(&items[j], &items[j-1]); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
	var todo, done []Item
	for _, it := range items {
		if e.isDone(it.Rule) {
			done = append(done, it)
		} else {
			todo = append(todo, it)
		}
	}
	if len(todo) == 0 && len(done) == 0 && !paused && !e.held {
		return Line{}, false
	}
	f := e.f
	l := Line{
		Ref: f.Ref, Name: f.Name, Kind: f.Kind, Status: f.Status, Balance: f.Balance,
		Done: done, Notes: e.notes, Paused: paused,
	}
	if paused {
		l.PausedUntil, l.PauseReason = f.PausedUntil, f.PauseReason
	}
	if e.weeklyP > 0 {
		l.WeeksKnown = true
		l.Weeks = domain.WeeksOf(e.balP, e.weeklyP)
	}
	if e.balP > 0 {
		l.arrearsP = e.balP
	} else {
		l.creditP = -e.balP
	}
	if len(todo) > 0 {
		l.Top = todo[0]
		if len(todo) > 1 {
			l.Others = todo[1:]
		}
	}
	if e.held {
		l.Technical = e.tech.Explanation
	}
	return l, true
}

func itemBefore(a, b *Item) bool {
	if a.Priority != b.Priority {
		return a.Priority > b.Priority
	}
	if a.Due != b.Due {
		return a.Due.Before(b.Due)
	}
	return a.Rule.order() < b.Rule.order()
}

func (e *eval) isDone(r Rule) bool {
	for _, d := range e.f.DoneToday {
		if d == r {
			return true
		}
	}
	return false
}
