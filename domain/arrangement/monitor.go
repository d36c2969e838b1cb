package arrangement

import (
	"fmt"
	"slices"
	"strconv"

	"caseload/domain"
)

// Validate refuses terms that cannot be monitored: no start, an unknown
// frequency, or an instalment that is not a positive whole-pence amount.
func (t Terms) Validate() error {
	if t.Start.IsZero() {
		return domain.Invalid("start", "give the date of the first instalment")
	}
	if _, err := ParseFrequency(string(t.Frequency)); err != nil {
		return err
	}
	return checkPositivePence("instalment", t.Instalment, "must be at least £0.01 (got %s): an instalment has to repay something")
}

// Check is the arrangement as found on one check date.
type Check struct {
	// N is the period whose check this is: instalment N's, or past the
	// last instalment, the Nth period's check of the ongoing charges.
	N int
	// Due is its due date; On is its check date, Due + grace days.
	Due, On domain.Date
	// Expected, Received and Behind are as in Status, on that date.
	Expected, Received, Behind domain.Money
	// State is Kept or Broken.
	State State
}

// Monitor is the state of a live arrangement on today (RULES.md
// "Arrangement monitoring"), from the account's ledger.
//
// The rule, precisely:
//   - Instalment k falls due on Terms.DueDate(k) and is checked graceDays
//     later (its check date). Only instalments whose check date is on or
//     before today count: on due + graceDays − 1 the instalment is not yet
//     checked, on due + graceDays it is.
//   - Expected, after the check of instalment k = the charges posted from
//     the start up to instalment k's due date + the instalments due up to k.
//     The charges get the same grace as the instalment, so a resident who
//     pays rent and instalment together a few days after the due date (or
//     monthly, when Universal Credit arrives) is not broken by the charges
//     of the weeks in between. The instalments due are the schedule's
//     amounts: the last is the remainder, so together they never come to
//     more than Terms.Arrears. Once the last instalment has fallen due and
//     the arrears are still not cleared, the checks go on at the same
//     frequency for the ongoing charges, so an unfinished arrangement can
//     still be found broken.
//   - Received = the resident's payments dated from the start to today:
//     every type that IsPayment (payment, Housing Benefit, Universal Credit,
//     DHP), less reversals of those payments on the reversal's date (a
//     returned Direct Debit puts the account behind from the day it came
//     back). Adjustments, transfers, write-offs and refunds are the
//     council's entries, not the resident's payments, and do not count. A
//     reversal counts only when what it reverses is itself counted (dated
//     from the start to today). A reversed charge was posted in error, so
//     it comes off the charges from the charge's own date.
//   - Kept while Received ≥ Expected − one instalment; broken otherwise.
//     It is judged on each check date and again whenever money comes in or
//     a payment is reversed, so a resident who catches up is kept again at
//     once. BrokenOn is the date the current breach began: walking the
//     check dates in order, the check that found it broken (or, when a
//     payment reversed after the last check put it behind, the reversal's
//     date). A breach that was caught up and then recurred starts again.
//   - Completed once the payments since the start exceed the charges since
//     the start by at least Terms.Arrears: the arrears it was made for are
//     paid off on top of every charge. Only money that stayed paid counts
//     here: a lump sum that was later reversed never completed it.
//     Completion is final; arrears that
//     build up afterwards are new arrears for the worklist, not a breach of
//     a finished arrangement. Write-offs do not complete it (the officer
//     ends the arrangement when writing off). Terms with no arrears
//     (Arrears ≤ 0) have nothing to clear and are completed from the start.
//   - NotYetDue until the first check date (and for terms that fail
//     Validate, with the reason; nothing can be checked on them).
//
// Status.InstalmentsDue and Status.Checked count instalments, so they stop
// at the schedule's last one; NextDue is zero once no instalment is left.
// txns should be the account's whole ledger (in any order), so that a
// reversal can find what it reverses; transactions after today are ignored.
// A negative graceDays is taken as 0.
func Monitor(terms Terms, txns []domain.Txn, today domain.Date, graceDays int) Status {
	st, _ := monitor(terms, txns, today, graceDays, false)
	return st
}

// History lists every check made up to today, in date order: what was
// expected, what had been received, and whether it was kept. It stops at
// completion. Terms that fail Validate have no history.
func History(terms Terms, txns []domain.Txn, today domain.Date, graceDays int) []Check {
	_, checks := monitor(terms, txns, today, graceDays, true)
	return checks
}

// flow is one ledger entry's effect on the arrangement, in pence. paid is
// what had been received as it stood on the day; settled is what stayed
// paid (a payment later reversed is taken out from its own date), which is
// what completion is judged on.
type flow struct {
	date    domain.Date
	charge  int64
	paid    int64
	settled int64
}

func monitor(t Terms, txns []domain.Txn, today domain.Date, grace int, record bool) (Status, []Check) {
	if err := t.Validate(); err != nil {
		return Status{State: NotYetDue, Reason: "not monitored: " + err.Error()}, nil
	}
	cal, _ := newCalendar(t.Start, t.Frequency)
	grace = max(grace, 0)
	inst := t.Instalment.PenceValue()
	arrears := t.Arrears.PenceValue()
	if arrears <= 0 {
		return Status{State: Completed, Reason: fmt.Sprintf("completed: there were no arrears to clear when it started on %s", when(t.Start, today))}, nil
	}
	count := int(ceilDiv(arrears, inst)) // instalments in the whole schedule

	flows := flowsOf(t.Start, txns, today)

	instalmentsDue := 0
	for instalmentsDue < count && !cal.due(instalmentsDue+1).After(today) {
		instalmentsDue++
	}

	var (
		checks                    []Check
		cumCharge, cumPaid, toDue int64 // toDue: charges up to the last checked due date
		cumSettled                int64
		expected                  int64
		k, i, j                   int // k: checks made; i, j: flows read in full and up to the due date
		brokenSince, completedOn  domain.Date
		paidAtEnd, chargedAtEnd   int64
		checkedDue                domain.Date // due date of period k
		nextCheck                 = cal.due(1).AddDays(grace)
	)
	for {
		// The next moment anything can change: a ledger entry or a check date.
		var x domain.Date
		if i < len(flows) {
			x = flows[i].date
		}
		if !nextCheck.After(today) && (x.IsZero() || nextCheck.Before(x)) {
			x = nextCheck
		}
		if x.IsZero() {
			break
		}
		for i < len(flows) && flows[i].date.Equal(x) {
			cumCharge += flows[i].charge
			cumPaid += flows[i].paid
			cumSettled += flows[i].settled
			i++
		}
		isCheck := x.Equal(nextCheck)
		if isCheck {
			k++
			checkedDue = cal.due(k)
			for j < len(flows) && !flows[j].date.After(checkedDue) {
				toDue += flows[j].charge
				j++
			}
			nextCheck = cal.due(k + 1).AddDays(grace)
		}
		if k > 0 {
			expected = toDue + min(int64(k)*inst, arrears)
		}
		if cumSettled-cumCharge >= arrears {
			completedOn, paidAtEnd, chargedAtEnd = x, cumSettled, cumCharge
			break
		}
		if k == 0 {
			continue
		}
		broken := expected-cumPaid > inst
		switch {
		case !broken:
			brokenSince = domain.Date{}
		case brokenSince.IsZero():
			brokenSince = x
		}
		if record && isCheck {
			c := Check{N: k, Due: checkedDue, On: x, Expected: domain.Pence(expected), Received: domain.Pence(cumPaid),
				Behind: domain.Pence(max(expected-cumPaid, 0)), State: Kept}
			if broken {
				c.State = Broken
			}
			checks = append(checks, c)
		}
	}
	// Whatever the walk stopped short of (it stops at completion) still
	// belongs in today's received figure.
	for ; i < len(flows); i++ {
		cumPaid += flows[i].paid
	}

	st := Status{
		InstalmentsDue: instalmentsDue,
		Checked:        min(k, count),
		Expected:       domain.Pence(expected),
		Received:       domain.Pence(cumPaid),
		Behind:         domain.Pence(max(expected-cumPaid, 0)),
	}
	if instalmentsDue < count {
		st.NextDue = cal.due(instalmentsDue + 1)
	}
	per := t.Instalment.Human() + " " + t.Frequency.Per()
	switch {
	case !completedOn.IsZero():
		st.State = Completed
		st.NextDue = domain.Date{}
		st.Reason = fmt.Sprintf("completed on %s: the %s of arrears is cleared (%s paid since %s against %s of charges)",
			when(completedOn, today), t.Arrears.Human(), domain.Pence(paidAtEnd).Human(), when(t.Start, today), domain.Pence(chargedAtEnd).Human())
	case k == 0:
		st.State = NotYetDue
		first := cal.due(1)
		st.Reason = fmt.Sprintf("not yet checked: the first instalment of %s is due %s and checked on %s",
			t.Instalment.Human(), when(first, today), when(first.AddDays(grace), today))
	case !brokenSince.IsZero():
		st.State = Broken
		st.BrokenOn = brokenSince
		st.Reason = fmt.Sprintf("%s behind: %s expected by %s, %s paid; broken since %s",
			st.Behind.Human(), st.Expected.Human(), when(checkedDue, today), st.Received.Human(), when(brokenSince, today))
	default:
		st.State = Kept
		st.Reason = fmt.Sprintf("kept: %s since %s, %s paid of %s due", per, when(t.Start, today), st.Received.Human(), st.Expected.Human())
		if st.Behind.IsPositive() {
			st.Reason += fmt.Sprintf("; %s behind, within one instalment", st.Behind.Human())
		}
	}
	return st, checks
}

// flowsOf picks out of the ledger what the arrangement counts, dated from
// start to today, oldest first.
func flowsOf(start domain.Date, txns []domain.Txn, today domain.Date) []flow {
	inWindow := func(d domain.Date) bool { return !d.Before(start) && !d.After(today) }
	var byID map[string]*domain.Txn
	for n := range txns {
		if txns[n].Type == domain.TxnReversal && txns[n].Reverses != "" && inWindow(txns[n].Date) {
			byID = make(map[string]*domain.Txn, len(txns))
			for m := range txns {
				byID[txns[m].ID] = &txns[m]
			}
			break
		}
	}
	var flows []flow
	for n := range txns {
		tx := &txns[n]
		if !inWindow(tx.Date) {
			continue
		}
		role, date := tx.Type, tx.Date
		if role == domain.TxnReversal {
			target, ok := byID[tx.Reverses]
			if !ok || !inWindow(target.Date) {
				continue
			}
			role = target.Type
			if role == domain.TxnCharge {
				// A charge reversed is a charge posted in error: it is
				// treated as never posted, so no check ever expected it.
				date = target.Date
			}
		}
		pence := tx.Amount.PenceValue()
		switch {
		case role == domain.TxnCharge:
			flows = append(flows, flow{date: date, charge: pence})
		case role.IsPayment() && tx.Type == domain.TxnReversal:
			flows = append(flows, flow{date: date, paid: -pence}, flow{date: byID[tx.Reverses].Date, settled: -pence})
		case role.IsPayment():
			flows = append(flows, flow{date: date, paid: -pence, settled: -pence})
		}
	}
	slices.SortStableFunc(flows, func(a, b flow) int { return a.date.Compare(b.date) })
	return flows
}

// when is "2 Mar" in today's year and "2 Mar 2025" otherwise, so a reason
// never leaves the year to guess.
func when(d, today domain.Date) string {
	if d.Year() == today.Year() {
		return d.DayMonth()
	}
	return d.DayMonth() + " " + strconv.Itoa(d.Year())
}
