package seed

import (
	"hash/fnv"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/directdebit"
	"caseload/store"
)

// The demo's Direct Debit mandates: every account that pays by Direct
// Debit has the mandate its collections came from, live since a little
// before its first collection, with made-up bank details (no modulus table
// ships, so they are not checked). A mandate whose ARUDD return said the
// instruction is gone is cancelled on that day, and a former tenancy's
// the working day after its last collection; the dd-notice-late
// scenario's mandate is planned again for a change of charges a day too
// late to give 10 working days' notice.

// seedDDChange is a change of charges `dd amounts` was run for.
type seedDDChange struct {
	effective, on domain.Date
}

// seedSortCodes are the first two digits of the made-up sort codes.
var seedSortCodes = []string{"20", "30", "40", "60", "77", "08", "11", "16", "83", "09"}

// mandate is the account's mandate, or nil when it does not pay by Direct
// Debit.
func (a *seedAccount) mandate(acc Account, today domain.Date, h domain.Holidays) *store.BatchMandate {
	if acc.Account.PaymentMethod != domain.MethodDirectDebit {
		return nil
	}
	var dates []domain.Date
	for _, t := range acc.Ledger {
		if t.Type == domain.TxnPayment && t.Method == domain.MethodDirectDebit && t.Amount.IsNegative() {
			dates = append(dates, t.Date)
		}
	}
	if len(dates) == 0 {
		return nil
	}
	first, last := dates[0], dates[len(dates)-1]
	m := &store.BatchMandate{Payer: acc.Account.Name, AmountOn: today}
	if a.profile == "dd-weekly" {
		m.Frequency = arrangement.Weekly
		// The weekday collections fall due on: a bank holiday only ever
		// moves one later, so the earliest in the week of the latest six.
		offset := 6
		for _, d := range dates[max(0, len(dates)-6):] {
			offset = min(offset, d.DaysSince(domain.RentWeekStart(d)))
		}
		m.First = domain.RentWeekStart(first).AddDays(offset)
		if m.First.Before(first) {
			m.First = m.First.AddDays(7)
		}
		m.Day = policyDay(m.First.Day())
	} else {
		m.Frequency = arrangement.Monthly
		day := last.Day()
		for _, d := range dates[max(0, len(dates)-6):] {
			day = min(day, d.Day())
		}
		m.Day = policyDay(day)
		m.First = domain.MustDate(first.Year(), first.Month(), m.Day)
	}
	m.MadeOn = h.AddWorkingDays(m.First, -15)
	m.LiveOn = h.AddWorkingDays(m.MadeOn, 3)
	hash := fnv.New64a()
	hash.Write([]byte(acc.Account.Ref))
	n := hash.Sum64()
	m.SortCode = seedSortCodes[n%uint64(len(seedSortCodes))] + pad(n/10%10000, 4)
	m.Account = pad(n/100000%100000000, 8)
	for _, e := range acc.Events {
		if e.Type != domain.EventDDUnpaid {
			continue
		}
		switch code := strings.TrimPrefix(e.Detail, "ARUDD "); {
		case strings.HasPrefix(code, "0"):
		default:
			m.CancelledOn, m.CancelReason = e.Date, "returned unpaid, ARUDD "+code
		}
	}
	if end := acc.Account.End; !end.IsZero() && m.CancelledOn.IsZero() {
		// The tenancy ended: the council cancels the instruction (0C) once
		// the last collection it was owed has gone.
		after := last
		if end.After(last) {
			after = end
		}
		on := h.AddWorkingDays(after, 1)
		if on.After(today) {
			on = today
		}
		m.CancelledOn, m.CancelReason = on, "tenancy ended "+end.Human()+": the council cancelled the instruction"
	}
	if a.ddChange != nil {
		m.AmountOn, m.Effective, m.RecalculatedOn = a.ddChange.on, a.ddChange.effective, a.ddChange.on
	}
	return m
}

// policyDay is the collection day on or before day that the policy offers.
func policyDay(day int) int {
	out := 1
	for _, d := range directdebit.DefaultPolicy().Days {
		if d <= day {
			out = d
		}
	}
	return out
}

func pad(n uint64, width int) string {
	s := strings.Repeat("0", width) + uintText(n)
	return s[len(s)-width:]
}

func uintText(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// ddNoticeLate is a monthly Direct Debit payer a few weeks behind who
// agreed yesterday to pay £5 a week towards the arrears from today, on top
// of the Direct Debit: the notice of the new amount, given yesterday, could
// not be 10 working days before the next collection, 6 to 10 days ahead.
func (g *acctGen) ddNoticeLate() {
	var due domain.Date
	for n := 6; n <= 10 && due.IsZero(); n++ {
		d := g.today().AddDays(n)
		if policyDay(d.Day()) == d.Day() {
			due = d
		}
	}
	if due.IsZero() {
		g.ddMonthly()
		return
	}
	g.setup(g.rent(false, domain.MethodDirectDebit, false))
	g.postCharges()
	pays := g.stream(seedPayer{kind: seedPayDDMonthly, day: due.Day()}, g.firstPay(7, 21), g.today(), 100)
	g.add(pays...)
	pivot := domain.MaxDate(seedLastDate(pays), g.ledgerStart())
	g.settleTo(pivot, g.weeksBetween(150, 300))
	g.finish()
	g.a.profile = "dd-monthly"
	made := g.ago(1)
	g.note(made, domain.ChannelPhone, "Agreed £5.00 a week towards the arrears from today, collected with the Direct Debit.")
	g.arrangement(made, g.today(), "weekly", 500, g.balanceAt(made))
	g.a.ddChange = &seedDDChange{effective: g.today(), on: made}
}
