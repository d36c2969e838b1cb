package worklist

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// The helpers here turn figures into the officer's words. They work on
// whole pence (int64) because every reason on a 30,000-account list is built
// from the same few figures, and pence arithmetic is exact and cheap.

// pence is m in whole pence without the allocations of Money.PenceValue
// for the usual case: amounts parsed or made from pence carry exponent
// −2…0.
func pence(m domain.Money) int64 {
	d := m.Decimal()
	switch d.Exponent() {
	case -2:
		return d.CoefficientInt64()
	case -1:
		return d.CoefficientInt64() * 10
	case 0:
		return d.CoefficientInt64() * 100
	}
	return m.PenceValue()
}

// money is "£1,234.50".
func money(p int64) string { return domain.Pence(p).Human() }

// arrearsWords is "£720.00 = 6.0 weeks", or "£800.00 owed (no weekly
// charge)" when weeks mean nothing.
func arrearsWords(balP, weeklyP int64) string {
	if weeklyP <= 0 {
		return money(balP) + " owed (no weekly charge)"
	}
	return money(balP) + " = " + domain.WeeksOf(balP, weeklyP).Words()
}

// days is "1 day", "11 days".
func days(n int) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " day"
	}
	return strconv.Itoa(n) + " days"
}

// when is "9 Dec", with the year when the date is far from today, so a
// reason never leaves the officer guessing which December.
func when(d, today domain.Date) string {
	if n := d.DaysSince(today); n > 300 || n < -300 {
		return d.DayMonth() + " " + strconv.Itoa(d.Year())
	}
	return d.DayMonth()
}

// lastPaidWords is "no payment for 40 days", "last paid 3 days ago",
// "paid today" or "no payment recorded".
func lastPaidWords(last, today domain.Date) string {
	if last.IsZero() {
		return "no payment recorded"
	}
	n := today.DaysSince(last)
	switch {
	case n <= 0:
		return "paid today"
	case n < 7:
		return "last paid " + days(n) + " ago"
	}
	return "no payment for " + days(n)
}

// frequencyWords is how an arrangement's frequency reads after an amount.
func frequencyWords(f arrangement.Frequency) string {
	if f == arrangement.FourWeekly {
		return "every four weeks"
	}
	return string(f)
}

// arrangementWords is "arrangement £15.00 weekly".
func arrangementWords(t *arrangement.Terms) string {
	return "arrangement " + t.Instalment.Human() + " " + frequencyWords(t.Frequency)
}

// clip shortens free text for a one-line reason.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// firstDate is the first YYYY-MM-DD date in free text (zero when none).
func firstDate(s string) domain.Date {
	for i := 0; i+10 <= len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		if d, err := domain.ParseDate(s[i : i+10]); err == nil {
			return d
		}
	}
	return domain.Date{}
}

// ARUDDCode reads the ARUDD reason code a dd-unpaid event's detail starts
// with: "0", "0 refer to payer", "ARUDD 1", "code: B". It returns "" when the
// detail holds no known code.
func ARUDDCode(detail string) string {
	s := strings.TrimSpace(detail)
	for _, prefix := range []string{"arudd", "code", "reason"} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			s = strings.TrimLeft(s[len(prefix):], " :-#")
		}
	}
	end := strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == ':' || r == '-' || r == ',' || r == ';' })
	if end >= 0 {
		s = s[:end]
	}
	s = strings.ToUpper(s)
	if ARUDDMeaning(s) == "" {
		return ""
	}
	return s
}

// ARUDDMeaning is the reason an ARUDD code gives (law-factsheet §6), or ""
// for an unknown code.
func ARUDDMeaning(code string) string {
	switch code {
	case "0":
		return "refer to payer"
	case "1":
		return "instruction cancelled"
	case "2":
		return "payer deceased"
	case "3":
		return "account transferred"
	case "4":
		return "advance notice disputed"
	case "5":
		return "no account"
	case "6":
		return "no instruction"
	case "7":
		return "amount differs"
	case "8":
		return "amount not yet due"
	case "9":
		return "presentation overdue"
	case "A":
		return "service user differs"
	case "B":
		return "account closed"
	}
	return ""
}

// ddAction is what to do about an unpaid Direct Debit with this code
// (law-factsheet §6: each code has its own action).
func ddAction(code string) string {
	switch code {
	case "0":
		return "contact, agree how to pay; re-present within 1 month of the original collection, telling the payer 5 working days before"
	case "1", "5", "6", "B":
		return "contact, agree another way to pay or a new Direct Debit instruction"
	case "2":
		return "stop collecting; check who is now liable (succession, estate)"
	case "3":
		return "suspend collections; get a new Direct Debit instruction and give fresh advance notice"
	case "4":
		return "do not collect until the dispute is resolved; contact the payer"
	case "7", "8", "9", "A":
		return "check our submission, then contact and agree how to pay"
	}
	return "contact, agree how to pay"
}

// The words of dd-notice-late: the event's detail follows the reason.
const (
	ddNoticeLateReason = "Direct Debit advance notice late — "
	ddNoticeLateAction = "tell the payer the new amount and when it starts; agree how the difference on the collection kept at the old amount is paid"
)
