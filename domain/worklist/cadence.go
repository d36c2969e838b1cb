package worklist

import (
	"caseload/domain"
)

// Frequency is how often an account's payments arrive, learned from the
// payments themselves.
type Frequency string

// The learned frequencies. FrequencyNone: fewer than two payments, so no
// cadence. FrequencyIrregular: payments whose gaps fit no known cadence.
const (
	FrequencyNone        Frequency = ""
	FrequencyWeekly      Frequency = "weekly"
	FrequencyFortnightly Frequency = "fortnightly"
	FrequencyFourWeekly  Frequency = "four-weekly"
	FrequencyMonthly     Frequency = "monthly"
	FrequencyIrregular   Frequency = "irregular"
)

// Words is how the frequency reads after an amount: "monthly", "every four weeks".
func (f Frequency) Words() string {
	switch f {
	case FrequencyFourWeekly:
		return "every four weeks"
	case FrequencyNone:
		return "with no pattern yet"
	case FrequencyIrregular:
		return "irregularly"
	}
	return string(f)
}

// Cadence is an account's payment pattern: how often and how much.
type Cadence struct {
	Frequency Frequency
	// Interval is the typical gap in days: 7, 14, 28, 30 for monthly (the
	// next date is still a calendar month on), the median gap when irregular,
	// 0 with no cadence.
	Interval int
	// Amount is the typical payment: the median of the recent amounts
	// (positive).
	Amount domain.Money
	// Last and LastAmount are the latest typical payment, the one the next
	// payment is expected after.
	Last       domain.Date
	LastAmount domain.Money
	// Payments is how many paying days the cadence was learned from.
	Payments int
	// Method is who pays when one source dominates: MethodUC, MethodHB,
	// MethodDirectDebit, MethodStandingOrder; MethodNone for the resident's
	// own mixed payments.
	Method domain.PaymentMethod
}

// Regular reports whether the cadence predicts a next payment date.
func (c Cadence) Regular() bool {
	switch c.Frequency {
	case FrequencyWeekly, FrequencyFortnightly, FrequencyFourWeekly, FrequencyMonthly:
		return true
	}
	return false
}

// Next is the date the next payment is expected: Last plus the interval, or
// the same day next month (clamped) for monthly; zero when not Regular.
func (c Cadence) Next() domain.Date {
	switch c.Frequency {
	case FrequencyWeekly, FrequencyFortnightly, FrequencyFourWeekly:
		return c.Last.AddDays(c.Interval)
	case FrequencyMonthly:
		return domain.MonthsAfter(c.Last, 1)
	}
	return domain.Date{}
}

// Words says the cadence as an officer would: "UC pays about £410.50 monthly".
func (c Cadence) Words() string {
	who := "Pays"
	switch c.Method {
	case domain.MethodUC:
		who = "UC pays"
	case domain.MethodHB:
		who = "HB pays"
	case domain.MethodDirectDebit:
		who = "Direct Debit pays"
	case domain.MethodStandingOrder:
		who = "Standing order pays"
	}
	return who + " about " + c.Amount.Human() + " " + c.Frequency.Words()
}

// Learning limits: gaps from the last 13 typical paying days (12 gaps, a
// year of monthly payments), the amount from the last 6, and a source
// counts as "recent" over the 100 days before the latest payment.
const (
	cadenceDays    = 13
	cadenceAmounts = 6
	recentWindow   = 100
)

// Payment sources: benefit and Direct Debit streams are learned apart from
// the resident's own ad-hoc payments, because a £10 top-up between two
// monthly UC payments would otherwise halve the apparent interval.
const (
	srcUC = iota
	srcHB
	srcDD
	srcSO
	srcOther
	nSources
	srcAll = -1
)

var sourceMethod = [nSources]domain.PaymentMethod{domain.MethodUC, domain.MethodHB, domain.MethodDirectDebit, domain.MethodStandingOrder, domain.MethodNone}

func sourceOf(t *domain.Txn) int {
	switch t.Type {
	case domain.TxnUC:
		return srcUC
	case domain.TxnHB:
		return srcHB
	case domain.TxnPayment:
		switch t.Method {
		case domain.MethodDirectDebit:
			return srcDD
		case domain.MethodStandingOrder:
			return srcSO
		}
	}
	return srcOther
}

// payDay is the money one source paid on one day, in pence (positive).
type payDay struct {
	day domain.Date
	p   int64
	src int
}

// LearnCadence learns the cadence from recent payments (any order; types
// that are not payments and reversed payments are ignored).
//
// How: payments on the same day from the same source count as one. The
// source to learn from is the one with two or more paying days that paid
// most in the 100 days before the latest payment (so a UC payer's top-ups
// do not hide the UC cadence); with no such source, all payments together.
// Payments under half the typical amount are set aside as odd ones. The
// median gap between the last 13 typical paying days is snapped to a known
// cadence: 5–9 days weekly, 11–17 fortnightly, 26–29 four-weekly, 29½–34
// monthly, and at least half the gaps must fit it (weekly 5–9, fortnightly
// 11–17, four-weekly 26–30, monthly 27–35); otherwise it is irregular. The
// amount is the median of the last 6 typical payments. One odd payment (an
// extra, a missed month) moves neither median.
func LearnCadence(payments []domain.Txn) Cadence {
	var buf [64]payDay
	all := collectPayDays(payments, buf[:0])
	if len(all) == 0 {
		return Cadence{}
	}
	src := chooseSource(all)
	var sbuf [64]payDay
	stream := sbuf[:0]
	for _, d := range all {
		if src != srcAll && d.src != src {
			continue
		}
		if n := len(stream); n > 0 && stream[n-1].day == d.day {
			stream[n-1].p += d.p // same day across sources when learning from all
			continue
		}
		stream = append(stream, d)
	}
	method := domain.MethodNone
	if src != srcAll {
		method = sourceMethod[src]
	}

	// Set aside odd small payments against the median of the recent ones.
	typical := medianAmount(stream)
	var kbuf [64]payDay
	kept := kbuf[:0]
	for _, d := range stream {
		if d.p*2 >= typical {
			kept = append(kept, d)
		}
	}
	if len(kept) > cadenceDays {
		kept = kept[len(kept)-cadenceDays:]
	}
	last := kept[len(kept)-1]
	c := Cadence{
		Frequency:  FrequencyNone,
		Amount:     domain.Pence(medianAmount(kept)),
		Last:       last.day,
		LastAmount: domain.Pence(last.p),
		Payments:   len(kept),
		Method:     method,
	}
	if len(kept) < 2 {
		return c
	}

	var gaps [cadenceDays]int
	n := 0
	for i := 1; i < len(kept); i++ {
		gaps[n] = kept[i].day.DaysSince(kept[i-1].day)
		n++
	}
	sorted := gaps
	insertionSort(sorted[:n])
	// Twice the median, so the median of an even count stays whole.
	m2 := sorted[n/2] * 2
	if n%2 == 0 {
		m2 = sorted[n/2-1] + sorted[n/2]
	}
	freq, interval, lo, hi := FrequencyIrregular, (m2+1)/2, 0, 0
	switch {
	case m2 >= 10 && m2 <= 18:
		freq, interval, lo, hi = FrequencyWeekly, 7, 5, 9
	case m2 >= 22 && m2 <= 34:
		freq, interval, lo, hi = FrequencyFortnightly, 14, 11, 17
	case m2 >= 52 && m2 <= 58:
		freq, interval, lo, hi = FrequencyFourWeekly, 28, 26, 30
	case m2 >= 59 && m2 <= 68:
		freq, interval, lo, hi = FrequencyMonthly, 30, 27, 35
	}
	if freq != FrequencyIrregular {
		fit := 0
		for _, g := range gaps[:n] {
			if g >= lo && g <= hi {
				fit++
			}
		}
		if fit*2 < n {
			freq, interval = FrequencyIrregular, (m2+1)/2
		}
	}
	c.Frequency, c.Interval = freq, interval
	return c
}

// collectPayDays keeps the real payments as pay days sorted by date, one per
// day and source.
func collectPayDays(payments []domain.Txn, out []payDay) []payDay {
	reversed := func(id string) bool {
		if id == "" {
			return false
		}
		for i := range payments {
			if payments[i].Reverses == id {
				return true
			}
		}
		return false
	}
	anyReversal := false
	for i := range payments {
		if payments[i].Reverses != "" {
			anyReversal = true
			break
		}
	}
	for i := range payments {
		t := &payments[i]
		if !t.Type.IsPayment() || !t.Amount.IsNegative() || t.Date.IsZero() {
			continue
		}
		if anyReversal && reversed(t.ID) {
			continue
		}
		d := payDay{day: t.Date, p: -pence(t.Amount), src: sourceOf(t)}
		// Insert in date order (input is normally oldest first, so this is
		// an append), merging the same day and source.
		j := len(out)
		for j > 0 && out[j-1].day.After(d.day) {
			j--
		}
		merged := false
		for k := j - 1; k >= 0 && out[k].day == d.day; k-- {
			if out[k].src == d.src {
				out[k].p += d.p
				merged = true
				break
			}
		}
		if merged {
			continue
		}
		out = append(out, payDay{})
		copy(out[j+1:], out[j:])
		out[j] = d
	}
	return out
}

// chooseSource picks the source to learn from, or srcAll.
func chooseSource(all []payDay) int {
	var count [nSources]int
	var total [nSources]int64
	var last [nSources]domain.Date
	from := all[len(all)-1].day.AddDays(-recentWindow)
	for _, d := range all {
		count[d.src]++
		last[d.src] = d.day
		if !d.day.Before(from) {
			total[d.src] += d.p
		}
	}
	best := srcAll
	for s := 0; s < nSources; s++ {
		if count[s] < 2 || total[s] <= 0 {
			continue
		}
		if best == srcAll || total[s] > total[best] || (total[s] == total[best] && last[s].After(last[best])) {
			best = s
		}
	}
	return best
}

// medianAmount is the median of the last cadenceAmounts amounts, an even
// count taking the mean of the middle two rounded half-up to the penny.
func medianAmount(ds []payDay) int64 {
	if len(ds) > cadenceAmounts {
		ds = ds[len(ds)-cadenceAmounts:]
	}
	var a [cadenceAmounts]int64
	n := copy64(a[:], ds)
	insertionSort(a[:n])
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return a[n/2]
	}
	return (a[n/2-1] + a[n/2] + 1) / 2
}

func copy64(dst []int64, ds []payDay) int {
	for i, d := range ds {
		dst[i] = d.p
	}
	return len(ds)
}

// insertionSort sorts a handful of values without the allocation of sort.Slice.
func insertionSort[T int | int64](a []T) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// TechnicalArrears says whether an account's arrears are only the timing of
// its payments (RULES.md "Technical arrears are not arrears").
type TechnicalArrears struct {
	Cadence Cadence
	// NextExpected is the date the next payment is expected (zero with no
	// regular cadence).
	NextExpected domain.Date
	// Expected is the payment the rules wait for: the cadence's amount, or
	// with no regular cadence the last payment's.
	Expected domain.Money
	// By is the last day the arrears count as technical: NextExpected plus
	// the grace days, or with no regular cadence the last payment date plus
	// the no-cadence days less one (the payment is then "under 14 days old").
	By domain.Date
	// Waiting is true while today is on or before By.
	Waiting bool
	// After is the balance once the expected payment arrives.
	After domain.Money
	// Technical is true when all of today's arrears are technical: waiting,
	// and the expected payment would bring the balance under the lowest
	// arrears-ladder threshold (one week's charge by default).
	Technical bool
	// Explanation is the account detail's "why", in words:
	// "UC pays about £410.50 monthly; next expected about 9 Dec".
	Explanation string
	afterP      int64
}

// Covers reports whether the arrears are technical for a rule whose
// threshold is the given amount: waiting for a payment that would bring the
// balance under it.
func (t TechnicalArrears) Covers(threshold domain.Money) bool {
	return t.covers(pence(threshold) * 100)
}

// covers takes the threshold in hundredths of a penny (see compiled).
func (t TechnicalArrears) covers(thr int64) bool {
	return t.Waiting && t.afterP*100 < thr
}

// Technical works out whether f's current arrears are technical on today
// under p (the rule and its clocks are on LearnCadence and TechnicalArrears).
func Technical(f Facts, today domain.Date, p Policy) TechnicalArrears {
	c := compile(&p)
	return c.technical(&f, today, pence(f.Balance), pence(f.Weekly), lastPayment(&f))
}

func (c *compiled) technical(f *Facts, today domain.Date, balP, weeklyP int64, lastPay domain.Date) TechnicalArrears {
	cad := LearnCadence(f.Payments)
	t := TechnicalArrears{Cadence: cad}
	var expP int64
	if cad.Regular() {
		t.NextExpected = cad.Next()
		t.By = t.NextExpected.AddDays(c.p.TechnicalGraceDays)
		expP = pence(cad.Amount)
	} else if !lastPay.IsZero() && c.p.TechnicalNoCadenceDays > 0 {
		t.By = domain.DaysBeginningWith(lastPay, c.p.TechnicalNoCadenceDays)
		switch {
		case cad.Frequency == FrequencyIrregular:
			expP = pence(cad.Amount)
		case cad.Payments > 0:
			expP = pence(cad.LastAmount)
		}
	}
	t.Expected = domain.Pence(expP)
	t.Waiting = !t.By.IsZero() && expP > 0 && !today.After(t.By)
	t.afterP = balP - expP
	t.After = domain.Pence(t.afterP)
	t.Technical = balP > 0 && t.covers(c.weeks(c.newArrearsH, weeklyP))
	t.Explanation = t.words(today, lastPay)
	return t
}

func (t TechnicalArrears) words(today, lastPay domain.Date) string {
	cad := t.Cadence
	if cad.Regular() {
		s := cad.Words() + "; "
		if t.Waiting || !today.After(t.NextExpected) {
			return s + "next expected about " + when(t.NextExpected, today)
		}
		return s + "next was expected about " + when(t.NextExpected, today) + " (" + days(today.DaysSince(t.NextExpected)) + " ago)"
	}
	if lastPay.IsZero() {
		return "no payments recorded"
	}
	s := "no regular pattern yet"
	if cad.Frequency == FrequencyIrregular {
		s = "payments irregular"
	}
	s += "; last paid " + when(lastPay, today)
	if cad.Payments > 0 && cad.Last == lastPay {
		s += " (" + cad.LastAmount.Human() + ")"
	}
	if t.Waiting {
		return s + "; arrears held as technical until " + when(t.By, today)
	}
	return s + ", " + days(today.DaysSince(lastPay)) + " ago"
}
