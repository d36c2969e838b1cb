package worklist

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// TestRules runs each rule firing and not firing, with the boundaries of its
// thresholds and clocks. Every account is £100.00 a week unless the row says
// otherwise; today is Mon 24 Nov 2025 unless the row says otherwise.
func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		on    domain.Date // zero: today
		facts func(f *Facts)
		want  []Rule // every rule on the line, most urgent first
	}{
		// new-arrears
		{"new-arrears at exactly 1 week with no contact", dflt, func(f *Facts) {
			f.Balance = gbp("100.00")
		}, []Rule{RuleNewArrears}},
		{"new-arrears not under 1 week", dflt, func(f *Facts) {
			f.Balance = gbp("99.99")
		}, nil},
		{"new-arrears not with contact 13 days ago", dflt, func(f *Facts) {
			f.Balance = gbp("150.00")
			f.LastContact = ago(13)
		}, nil},
		{"new-arrears with contact exactly 14 days ago", dflt, func(f *Facts) {
			f.Balance = gbp("150.00")
			f.LastContact = ago(14)
		}, []Rule{RuleNewArrears}},
		{"new-arrears not with a live arrangement", dflt, func(f *Facts) {
			f.Balance = gbp("150.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(30)), status(arrangement.Kept)
		}, nil},
		{"ladder not for a former tenant", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("900.00")
			f.LastPayment = ago(3)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, ago(30))}
		}, nil},

		// first-letter
		{"first-letter at exactly 2 weeks", dflt, func(f *Facts) {
			f.Balance = gbp("200.00")
		}, []Rule{RuleFirstLetter, RuleNewArrears}},
		{"first-letter not under 2 weeks", dflt, func(f *Facts) {
			f.Balance = gbp("199.99")
		}, []Rule{RuleNewArrears}},
		{"first-letter not with a letter 27 days ago, nor new-arrears below it", dflt, func(f *Facts) {
			f.Balance = gbp("250.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(27))}
		}, nil},
		{"first-letter again at exactly 28 days since the last letter", dflt, func(f *Facts) {
			f.Balance = gbp("250.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(28))}
		}, []Rule{RuleFirstLetter}},
		{"letters stop while a NOSP is in force", dflt, func(f *Facts) {
			f.Balance = gbp("250.00")
			f.Events = []Event{ev(domain.EventNOSPServed, ago(60))}
		}, nil},

		// pre-action
		{"pre-action when the first letter was sent exactly 14 days ago", dflt, func(f *Facts) {
			f.Balance = gbp("400.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(14))}
		}, []Rule{RulePreAction}},
		{"pre-action not when the first letter was sent 13 days ago", dflt, func(f *Facts) {
			f.Balance = gbp("400.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(13))}
		}, nil},
		{"pre-action not under 4 weeks", dflt, func(f *Facts) {
			f.Balance = gbp("399.99")
			f.Events = []Event{ev(domain.EventLetter1, ago(20))}
		}, nil},
		{"pre-action not within 28 days of a pre-action step", dflt, func(f *Facts) {
			f.Balance = gbp("500.00")
			f.LastContact = ago(10)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(27))}
		}, nil},
		{"pre-action not with no first letter", dflt, func(f *Facts) {
			f.Balance = gbp("500.00")
			f.LastContact = ago(3)
		}, []Rule{RuleFirstLetter}},
		{"pre-action counts letters from the last stage reset only", dflt, func(f *Facts) {
			f.Balance = gbp("500.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventLetter1, ago(400)), ev(domain.EventStageReset, ago(100))}
		}, []Rule{RuleFirstLetter}},

		// consider-nosp
		{"consider-nosp at 8 weeks with pre-action steps exactly 14 days ago", dflt, func(f *Facts) {
			f.Balance = gbp("800.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(14))}
			f.PreAction = checklistDone(ago(14))
		}, []Rule{RuleConsiderNOSP}},
		{"consider-nosp not 13 days after pre-action steps", dflt, func(f *Facts) {
			f.Balance = gbp("800.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(13))}
			f.PreAction = append(checklistDone(ago(20)), domain.PreActionMark{Item: domain.PreActionLetter, Done: true, Date: ago(13)})
		}, nil},
		{"consider-nosp not under 8 weeks", dflt, func(f *Facts) {
			f.Balance = gbp("799.99")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(20))}
		}, nil},
		{"consider-nosp not without pre-action steps", dflt, func(f *Facts) {
			f.Balance = gbp("900.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20))}
		}, []Rule{RulePreAction}},
		{"consider-nosp at £750.00 on a zero weekly charge", dflt, func(f *Facts) {
			f.Weekly = domain.Zero
			f.Balance = gbp("750.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(20))}
			f.PreAction = checklistDone(ago(20))
		}, []Rule{RuleConsiderNOSP}},
		{"consider-nosp held by open pre-action items, naming them", dflt, func(f *Facts) {
			f.Balance = gbp("800.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(14))}
			f.PreAction = checklistDone(ago(14))[:5]
		}, []Rule{RulePreAction}},
		{"consider-nosp not on ticks from before the arrears were last cleared", dflt, func(f *Facts) {
			f.Balance = gbp("800.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(30))}
			f.PreAction = checklistDone(ago(30))
			f.ClearedOn = ago(30)
		}, []Rule{RulePreAction}},
		{"consider-nosp not at £749.99 on a zero weekly charge", dflt, func(f *Facts) {
			f.Weekly = domain.Zero
			f.Balance = gbp("749.99")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(20))}
		}, nil},
		{"consider-nosp not with a live arrangement, even broken", dflt, func(f *Facts) {
			f.Balance = gbp("900.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, ago(30))}
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
		}, []Rule{RuleArrangementBroken}},
		{"consider-nosp not while a NOSP is in force, nor pre-action below it", dflt, func(f *Facts) {
			f.Balance = gbp("900.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(90)), ev(domain.EventPreAction, ago(60)), ev(domain.EventNOSPServed, ago(40))}
		}, nil},
		{"consider-nosp never for a vulnerable resident: vulnerable-review instead", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("800.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(20))}
			f.PreAction = checklistDone(ago(20))
		}, []Rule{RuleVulnerableReview}},
		{"garage account: ladder without consider-nosp", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Weekly = gbp("10.00")
			f.Balance = gbp("100.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, ago(20))}
		}, nil},
		{"garage account: pre-action again 28 days after the last, never a letter", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Weekly = gbp("10.00")
			f.Balance = gbp("100.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, ago(28))}
		}, []Rule{RulePreAction}},
		{"garage account: pre-action still applies", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Weekly = gbp("10.00")
			f.Balance = gbp("100.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20))}
		}, []Rule{RulePreAction}},

		// uc-managed-payment: 2 months' rent is weekly × 52 × 2 ÷ 12 rounded
		// once: £100.00 a week → £866.67 (not £433.33 doubled, £866.66).
		{"uc-managed-payment at exactly 2 months' rent", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.Balance = gbp("866.67")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, []Rule{RuleUCManagedPayment}},
		{"uc-managed-payment not a penny under 2 months' rent (the doubled rounded month)", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.Balance = gbp("866.66")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, nil},
		{"RULES.md: uc-managed-payment at £953.33 on £110 a week", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.Weekly = gbp("110.00")
			f.Balance = gbp("953.33")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, []Rule{RuleUCManagedPayment}},
		{"uc-managed-payment not at £953.32 on £110 a week", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.Weekly = gbp("110.00")
			f.Balance = gbp("953.32")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, nil},
		{"uc-managed-payment counts rent-free weeks (2: £833.33)", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.RentFreeWeeks = 2
			f.Balance = gbp("833.33")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, []Rule{RuleUCManagedPayment}},
		{"uc-managed-payment with rent-free weeks not a penny under (2: £833.32)", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.RentFreeWeeks = 2
			f.Balance = gbp("833.32")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, nil},
		{"uc-managed-payment not once requested", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.ManagedPayment = domain.APARequested
			f.Balance = gbp("900.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, nil},
		{"uc-managed-payment not for a garage", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.UCClaimant = true
			f.Balance = gbp("900.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, nil},

		// vulnerable-review
		{"vulnerable-review at exactly 2 weeks", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("200.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(5))}
		}, []Rule{RuleVulnerableReview}},
		{"vulnerable-review not under 2 weeks", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("199.99")
			f.LastContact = ago(5)
		}, nil},
		{"vulnerable-review replaces pre-action", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("450.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20))}
		}, []Rule{RuleVulnerableReview}},
		{"vulnerable-review held for 28 days after a referral", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("450.00")
			f.LastContact = ago(5)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventReferral, ago(27))}
		}, nil},
		{"vulnerable-review held by a kept arrangement", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("450.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(30)), status(arrangement.Kept)
		}, nil},

		// kept arrangement
		{"kept arrangement holds the whole ladder at 9 weeks", dflt, func(f *Facts) {
			f.UCClaimant = true
			f.Balance = gbp("900.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(90)), ev(domain.EventPreAction, ago(60))}
			f.Arrangement, f.ArrangementStatus = terms(ago(30)), status(arrangement.Kept)
		}, nil},
		{"arrangement not yet due holds the ladder too", dflt, func(f *Facts) {
			f.Balance = gbp("900.00")
			f.Events = []Event{ev(domain.EventLetter1, ago(90)), ev(domain.EventPreAction, ago(60))}
			f.Arrangement, f.ArrangementStatus = terms(today.AddDays(3)), status(arrangement.NotYetDue)
		}, nil},
		{"completed arrangement no longer holds the ladder", dflt, func(f *Facts) {
			f.Balance = gbp("250.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(200)), status(arrangement.Completed)
		}, []Rule{RuleFirstLetter, RuleNewArrears}},

		// arrangement-broken
		{"arrangement-broken from a broken arrangement", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
		}, []Rule{RuleArrangementBroken}},
		{"arrangement-broken not while the arrangement is kept", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Kept)
		}, nil},
		{"arrangement-broken on a former tenant's arrangement", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("300.00")
			f.LastPayment = ago(10)
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
		}, []Rule{RuleArrangementBroken}},

		// court-order-breach
		{"court-order-breach: the order's arrangement is broken", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventCourtClaim, ago(120)), ev(domain.EventOrderSuspended, ago(70))}
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
		}, []Rule{RuleCourtOrderBreach, RuleArrangementBroken}},
		{"court-order-breach not while the order's arrangement is kept", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Kept)
		}, nil},
		{"court-order-breach stays when an arrangement was saved over the breach", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
			f.Arrangement, f.ArrangementStatus = terms(ago(20)), status(arrangement.Kept)
			f.ArrangementOverBreach = ago(70)
		}, []Rule{RuleCourtOrderBreach}},
		{"court-order-breach goes once the court varies the terms", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70)), ev(domain.EventTermsVaried, ago(5))}
			f.Arrangement, f.ArrangementStatus = terms(ago(20)), status(arrangement.Kept)
			f.ArrangementOverBreach = ago(70)
		}, nil},
		{"court-order-breach goes with a new order", dflt, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(5))}
			f.Arrangement, f.ArrangementStatus = terms(ago(20)), status(arrangement.Kept)
			f.ArrangementOverBreach = ago(70)
		}, nil},
		{"court-order-breach with no arrangement: balance up since the order", dflt, func(f *Facts) {
			f.Balance = gbp("600.00")
			f.OrderBalance = gbpPtr("500.00")
			f.LastPayment = ago(3)
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
		}, []Rule{RuleCourtOrderBreach}},
		{"court-order-breach with no arrangement: no payment for exactly 14 days", dflt, func(f *Facts) {
			f.Balance = gbp("500.00")
			f.OrderBalance = gbpPtr("500.00")
			f.LastPayment = ago(14)
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
		}, []Rule{RuleCourtOrderBreach}},
		{"court-order-breach not at 13 days without payment and no rise", dflt, func(f *Facts) {
			f.Balance = gbp("500.00")
			f.OrderBalance = gbpPtr("500.00")
			f.LastPayment = ago(13)
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
		}, nil},
		{"court-order-breach not once a warrant was applied for", dflt, func(f *Facts) {
			f.Balance = gbp("600.00")
			f.OrderBalance = gbpPtr("500.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70)), ev(domain.EventWarrantApplied, ago(10))}
		}, nil},
		{"court-order-breach replaced by vulnerable-review", dflt, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("600.00")
			f.OrderBalance = gbpPtr("500.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventOrderSuspended, ago(70))}
		}, []Rule{RuleVulnerableReview}},
		{"garage account never gets court-order-breach", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Weekly = gbp("10.00")
			f.Balance = gbp("30.00")
			f.OrderBalance = gbpPtr("10.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventLetter1, ago(3)), ev(domain.EventOrderSuspended, ago(70))}
		}, nil},

		// nosp-expiring: served Wed 6 Nov 2024 → proceedings from Sun 8 Dec 2024 → last day to issue Mon 8 Dec 2025
		{"nosp-expiring 14 days before the computed last day", dflt, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06"))}
		}, []Rule{RuleNOSPExpiring}},
		{"nosp-expiring at exactly 28 days (stated date)", dflt, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-20"), "proceedings after 2024-12-22")}
		}, []Rule{RuleNOSPExpiring}},
		{"nosp-expiring not at 29 days", dflt, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-20"), "2024-12-23")}
		}, nil},
		{"nosp-expiring not once a court claim was issued", dflt, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.LastPayment = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06")), ev(domain.EventCourtClaim, day("2025-03-01"))}
		}, nil},
		{"nosp-expiring not out of arrears", dflt, func(f *Facts) {
			f.Balance = domain.Zero
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06"))}
		}, nil},
		{"nosp-expiring on its last day to issue", day("2025-12-08"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2025-12-07")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06")), ev(domain.EventLetter1, day("2025-12-01"))}
		}, []Rule{RuleNOSPExpiring}},
		{"RULES.md: nosp-expiring not on 4 Oct 2026, 29 days before the last day (2 Nov)", day("2026-10-04"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2026-10-01")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2025-10-02"))}
		}, nil},
		{"RULES.md: nosp-expiring from 5 Oct 2026, 28 days before the last day", day("2026-10-05"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2026-10-01")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2025-10-02"))}
		}, []Rule{RuleNOSPExpiring}},
		{"nosp-expiring not the day after its last day", day("2025-12-09"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2025-12-08")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06")), ev(domain.EventLetter1, day("2025-12-01"))}
		}, nil},
		{"nosp-expiring not for a garage", dflt, func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06"))}
		}, nil},

		// dd-unpaid
		{"dd-unpaid returned 13 days ago", dflt, func(f *Facts) {
			f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, ago(13), "0 refer to payer")}
		}, []Rule{RuleDDUnpaid}},
		{"dd-unpaid not 14 days ago", dflt, func(f *Facts) {
			f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, ago(14), "0")}
		}, nil},
		{"dd-unpaid from a case event too", dflt, func(f *Facts) {
			f.Events = []Event{ev(domain.EventDDUnpaid, ago(2), "1")}
		}, []Rule{RuleDDUnpaid}},

		// diary-due
		{"diary-due today", dflt, func(f *Facts) {
			f.FollowUps = []FollowUp{{ID: "N1", Due: today, Text: "call back"}}
		}, []Rule{RuleDiaryDue}},
		{"diary-due overdue", dflt, func(f *Facts) {
			f.FollowUps = []FollowUp{{ID: "N1", Due: ago(1), Text: "call back"}}
		}, []Rule{RuleDiaryDue}},
		{"diary-due not tomorrow", dflt, func(f *Facts) {
			f.FollowUps = []FollowUp{{ID: "N1", Due: today.AddDays(1), Text: "call back"}}
		}, nil},

		// rtb-deadline
		{"rtb-deadline due in exactly 7 days", dflt, func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "RTB1", Name: "RTB2 (admit or deny)", Due: today.AddDays(7)}}
		}, []Rule{RuleRTBDeadline}},
		{"rtb-deadline not due in 8 days", dflt, func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "RTB1", Name: "RTB2 (admit or deny)", Due: today.AddDays(8)}}
		}, nil},
		{"rtb-deadline overdue", dflt, func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "RTB1", Name: "RTB2 (admit or deny)", Due: ago(3)}}
		}, []Rule{RuleRTBDeadline}},

		// former-tenant-debt
		{"former-tenant-debt at exactly 28 days without payment", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("300.00")
			f.LastPayment = ago(28)
		}, []Rule{RuleFormerTenantDebt}},
		{"former-tenant-debt not at 27 days", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("300.00")
			f.LastPayment = ago(27)
		}, nil},
		{"former-tenant-debt with no payment ever (former-tenant account kind)", dflt, func(f *Facts) {
			f.Kind = domain.KindFormerTenant
			f.Weekly = domain.Zero
			f.Balance = gbp("300.00")
		}, []Rule{RuleFormerTenantDebt}},
		{"former-tenant-debt held by a kept arrangement", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("300.00")
			f.LastPayment = ago(40)
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Kept)
		}, nil},

		// credit-refund
		{"credit-refund for a former account a penny in credit", dflt, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("-0.01")
		}, []Rule{RuleCreditRefund}},
		{"credit-refund for a current account more than 4 weeks in credit", dflt, func(f *Facts) {
			f.Balance = gbp("-400.01")
		}, []Rule{RuleCreditRefund}},
		{"credit-refund not at exactly 4 weeks in credit", dflt, func(f *Facts) {
			f.Balance = gbp("-400.00")
		}, nil},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			on := today
			if !tt.on.IsZero() {
				on = tt.on
			}
			f := rent()
			tt.facts(&f)
			l, ok := Evaluate(f, on, p)
			got := fired(l)
			if !sameRules(got, tt.want) {
				t.Fatalf("fired %v, want %v\nline: %+v", got, tt.want, l)
			}
			if ok != (len(tt.want) > 0 || l.Technical != "" || len(l.Done) > 0 || l.Paused) {
				t.Fatalf("ok = %v with %v", ok, got)
			}
			for _, it := range l.Items() {
				if it.Reason == "" || it.Action == "" || it.Due.IsZero() || it.Priority == 0 {
					t.Fatalf("incomplete item %+v", it)
				}
			}
		})
	}
}

// dflt marks a row that runs on the package's today.
var dflt domain.Date

// TestReasonsAndDues pins the words, priorities and due dates officers see.
func TestReasonsAndDues(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		name   string
		on     domain.Date
		facts  func(f *Facts)
		rule   Rule
		prio   int
		reason string
		action string
		due    domain.Date
	}{
		{"new-arrears says arrears, contact and payment", today, func(f *Facts) {
			f.Balance = gbp("150.00")
			f.LastContact = ago(20)
			f.LastPayment = ago(40)
		}, RuleNewArrears, 40, "£150.00 = 1.5 weeks; no contact for 20 days; no payment for 40 days", "early contact (call/text)", today},
		{"first-letter after a first letter asks for the second", today, func(f *Facts) {
			f.Balance = gbp("250.00")
			f.Events = []Event{ev(domain.EventLetter1, day("2025-10-20"))}
		}, RuleFirstLetter, 50, "£250.00 = 2.5 weeks; last letter 20 Oct (35 days ago); no payment recorded", "send second arrears letter / call", today},
		{"pre-action names the first letter", today, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastPayment = ago(40)
			f.Events = []Event{ev(domain.EventLetter1, day("2025-11-03"))}
		}, RulePreAction, 60, "£720.00 = 7.2 weeks; first letter sent 3 Nov (21 days ago); no payment for 40 days",
			"pre-action protocol contact, offer affordable arrangement, benefits check", today},
		{"consider-nosp held: the pre-action item names the open steps", today, func(f *Facts) {
			f.Balance = gbp("1000.00")
			f.LastContact = ago(2)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, ago(3))}
			f.PreAction = checklistDone(ago(3))[:5]
		}, RulePreAction, 60, "£1,000.00 = 10.0 weeks; pre-action steps open: support referral, pre-action letter; no payment recorded",
			"complete the pre-action protocol before a NOSP", today},
		{"consider-nosp names the pre-action steps", today, func(f *Facts) {
			f.Balance = gbp("1000.00")
			f.LastContact = ago(2)
			f.Events = []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventPreAction, day("2025-11-04"))}
			f.PreAction = checklistDone(day("2025-11-04"))
		}, RuleConsiderNOSP, 70, "£1,000.00 = 10.0 weeks; pre-action steps recorded 4 Nov (20 days ago); no payment recorded",
			"consider NOSP (manager approval)", today},
		{"uc-managed-payment gives the 2 months' figure", today, func(f *Facts) {
			f.UCClaimant = true
			f.Balance = gbp("900.00")
			f.LastContact = ago(2)
			f.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventPreAction, ago(5))}
		}, RuleUCManagedPayment, 65, "UC claimant; £900.00 = 9.0 weeks ≥ 2 months' rent (£866.67); no managed payment requested",
			"request managed payment", today},
		{"vulnerable-review says what it replaces", today, func(f *Facts) {
			f.Vulnerable = true
			f.Balance = gbp("450.00")
			f.LastContact = ago(5)
			f.LastPayment = ago(30)
			f.Events = []Event{ev(domain.EventLetter1, ago(20))}
		}, RuleVulnerableReview, 60, "vulnerable; £450.00 = 4.5 weeks; no payment for 30 days; instead of pre-action",
			"support referral / safeguarding review before any enforcement", today},
		{"arrangement-broken: contact due 2 working days after it broke", today, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
			f.ArrangementStatus.BrokenOn = day("2025-11-20") // Thu → Fri 21, Mon 24
		}, RuleArrangementBroken, 80, "arrangement £15.00 weekly missed: £60.00 behind since 20 Nov",
			"contact within 2 working days; agree a new arrangement or end this one", day("2025-11-24")},
		{"arrangement-broken: 2 working days skip Christmas bank holidays", day("2025-12-24"), func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
			f.ArrangementStatus.BrokenOn = day("2025-12-24") // Wed → (25, 26 holidays) Mon 29, Tue 30
		}, RuleArrangementBroken, 80, "arrangement £15.00 weekly missed: £60.00 behind since 24 Dec",
			"contact within 2 working days; agree a new arrangement or end this one", day("2025-12-30")},
		{"court-order-breach on a suspended order's broken arrangement", today, func(f *Facts) {
			f.Balance = gbp("300.00")
			f.Events = []Event{ev(domain.EventOrderSuspended, day("2025-10-03"))}
			f.Arrangement, f.ArrangementStatus = terms(day("2025-10-06")), status(arrangement.Broken)
		}, RuleCourtOrderBreach, 85, "suspended order of 3 Oct: arrangement £15.00 weekly missed: £60.00 behind since 17 Nov",
			"review for warrant (N325A)", today},
		{"court-order-breach on a postponed order with no payment since", today, func(f *Facts) {
			f.Balance = gbp("820.00")
			f.OrderBalance = gbpPtr("720.00")
			f.LastPayment = day("2025-09-01")
			f.LastContact = ago(1)
			f.Events = []Event{ev(domain.EventOrderPostponed, day("2025-10-03"))}
		}, RuleCourtOrderBreach, 85, "postponed order of 3 Oct: balance £820.00 is £100.00 more than at the order; no payment since the order (52 days)",
			"review: apply to fix a date for possession", today},
		{"nosp-expiring: the words name the last day to issue and it is the due date", day("2025-11-23"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2025-11-20")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06"))}
		}, RuleNOSPExpiring, 85, "NOSP last day to issue: Mon 8 Dec 2025 (in 15 days); £720.00 = 7.2 weeks",
			"decide: court claim or re-serve", day("2025-12-08")},
		{"nosp-expiring: RULES.md example fires from 5 Oct 2026, due Mon 2 Nov 2026", day("2026-10-05"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2026-10-01")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2025-10-02"))}
		}, RuleNOSPExpiring, 85, "NOSP last day to issue: Mon 2 Nov 2026 (in 28 days); £720.00 = 7.2 weeks",
			"decide: court claim or re-serve", day("2026-11-02")},
		{"nosp-expiring on the last day says today", day("2026-11-02"), func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = day("2026-10-30")
			f.Events = []Event{ev(domain.EventNOSPServed, day("2025-10-02"))}
		}, RuleNOSPExpiring, 85, "NOSP last day to issue: Mon 2 Nov 2026 (today); £720.00 = 7.2 weeks",
			"decide: court claim or re-serve", day("2026-11-02")},
		{"nosp-expiring: stated date exact", today, func(f *Facts) {
			f.Balance = gbp("720.00")
			f.LastContact = ago(3)
			f.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-01"), "2024-12-05")}
		}, RuleNOSPExpiring, 85, "NOSP last day to issue: Fri 5 Dec 2025 (in 11 days); £720.00 = 7.2 weeks",
			"decide: court claim or re-serve", day("2025-12-05")},
		{"dd-unpaid ARUDD 0: re-present", today, func(f *Facts) {
			f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, day("2025-11-18"), "0 refer to payer"), ev(domain.EventDDUnpaid, day("2025-11-12"), "0")}
		}, RuleDDUnpaid, 75, "Direct Debit unpaid on 18 Nov (ARUDD 0: refer to payer); 2 unpaid in 14 days",
			"contact, agree how to pay; re-present within 1 month of the original collection, telling the payer 5 working days before", today},
		{"dd-unpaid ARUDD 1: another way to pay", today, func(f *Facts) {
			f.LastPayment = ago(1)
			f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, day("2025-11-18"), "ARUDD code 1 instruction cancelled")}
		}, RuleDDUnpaid, 75, "Direct Debit unpaid on 18 Nov (ARUDD 1: instruction cancelled); paid since, on 23 Nov",
			"contact, agree another way to pay or a new Direct Debit instruction", today},
		{"diary-due overdue says how late", today, func(f *Facts) {
			f.FollowUps = []FollowUp{{ID: "N1", Due: day("2025-11-15"), Text: "  ring  back about the I&E form "}}
		}, RuleDiaryDue, 90, "follow-up overdue since 15 Nov (9 days): ring back about the I&E form", "do the follow-up", day("2025-11-15")},
		{"diary-due today", today, func(f *Facts) {
			f.FollowUps = []FollowUp{{ID: "N1", Due: today, Text: "visit"}}
		}, RuleDiaryDue, 70, "follow-up due today: visit", "do the follow-up", today},
		{"rtb-deadline due soon", today, func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "C1", Name: "RTB2 (admit or deny)", Due: day("2025-11-28")}}
		}, RuleRTBDeadline, 75, "RTB2 (admit or deny) due Fri 28 Nov (in 4 days)", "serve the notice", day("2025-11-28")},
		{"rtb-deadline overdue", today, func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "C1", Name: "s125 offer", Due: day("2025-11-21")}}
		}, RuleRTBDeadline, 95, "s125 offer overdue since 21 Nov (3 days)", "serve the notice", day("2025-11-21")},
		{"rtb-deadline on a bank holiday warns to serve earlier", day("2025-12-22"), func(f *Facts) {
			f.RTBDeadlines = []RTBDeadline{{CaseID: "C1", Name: "s125 offer", Due: day("2025-12-25")}}
		}, RuleRTBDeadline, 75, "s125 offer due Thu 25 Dec (in 3 days); due on a bank holiday — serve earlier", "serve the notice", day("2025-12-25")},
		{"former-tenant-debt", today, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("1234.56")
			f.LastPayment = ago(45)
		}, RuleFormerTenantDebt, 30, "former tenant owes £1,234.56; no payment for 45 days", "trace, recover, or recommend write-off", today},
		{"credit-refund on a current account in weeks", today, func(f *Facts) {
			f.Balance = gbp("-480.00")
		}, RuleCreditRefund, 20, "£480.00 in credit = 4.8 weeks' charge", "refund or transfer the credit", today},
		{"credit-refund for an HB payer checks for overpayment", today, func(f *Facts) {
			f.Status = domain.StatusFormer
			f.Balance = gbp("-120.00")
			f.PaymentMethod = domain.MethodHB
		}, RuleCreditRefund, 20, "former tenant: £120.00 in credit", "refund or transfer the credit; check first for a Housing Benefit overpayment", today},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			tt.facts(&f)
			l, _ := Evaluate(f, tt.on, p)
			it := item(t, l, tt.rule)
			if it.Priority != tt.prio || it.Reason != tt.reason || it.Action != tt.action || !it.Due.Equal(tt.due) {
				t.Fatalf("got  %d %q %q due %s\nwant %d %q %q due %s", it.Priority, it.Reason, it.Action, it.Due,
					tt.prio, tt.reason, tt.action, tt.due)
			}
		})
	}
}

func TestNOSPDates(t *testing.T) {
	tests := []struct {
		name                 string
		served, stated       string
		proceedings, lastDay string
		isStated             bool
	}{
		{"RULES.md: served Mon 12 May 2025 → Mon 9 Jun 2025", "2025-05-12", "", "2025-06-09", "2026-06-09", false},
		{"RULES.md: served Thu 2 Oct 2025 → Sun 2 Nov 2025, last day to issue 2 Nov 2026", "2025-10-02", "", "2025-11-02", "2026-11-02", false},
		// Service on each weekday of one week: + 28 days is the same weekday,
		// then the first Sunday or Monday on or after it.
		{"served on a Monday: 28 days later is a Monday", "2025-05-12", "", "2025-06-09", "2026-06-09", false},
		{"served on a Tuesday: the Sunday after 28 days", "2025-05-13", "", "2025-06-15", "2026-06-15", false},
		{"served on a Wednesday: the Sunday after 28 days", "2025-05-14", "", "2025-06-15", "2026-06-15", false},
		{"served on a Thursday: the Sunday after 28 days", "2025-05-15", "", "2025-06-15", "2026-06-15", false},
		{"served on a Friday: the Sunday after 28 days", "2025-05-16", "", "2025-06-15", "2026-06-15", false},
		{"served on a Saturday: the Sunday after 28 days", "2025-05-17", "", "2025-06-15", "2026-06-15", false},
		{"served on a Sunday: 28 days later is a Sunday", "2025-05-18", "", "2025-06-15", "2026-06-15", false},
		{"the Sunday a council states is kept", "2025-05-07", "2025-06-08", "2025-06-08", "2026-06-08", true},
		{"a stated date before service is ignored", "2025-11-03", "2025-10-01", "2025-12-01", "2026-12-01", false},
		{"the last day clamps 29 Feb to 28 Feb", "2023-12-29", "2024-02-29", "2024-02-29", "2025-02-28", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stated domain.Date
			if tt.stated != "" {
				stated = day(tt.stated)
			}
			n := NOSPDates(day(tt.served), stated)
			if n.ProceedingsFrom.String() != tt.proceedings || n.LastDay.String() != tt.lastDay || n.Stated != tt.isStated {
				t.Fatalf("got %s / %s stated %v, want %s / %s %v", n.ProceedingsFrom, n.LastDay, n.Stated, tt.proceedings, tt.lastDay, tt.isStated)
			}
			if !n.InForce(n.LastDay) || n.InForce(n.LastDay.AddDays(1)) {
				t.Fatalf("in force to the end of %s and not a day after", n.LastDay)
			}
			if d, w := n.ProceedingsFrom.DaysSince(n.Served), n.ProceedingsFrom.Weekday(); !n.Stated &&
				(d < 28 || d > 33 || (w != time.Sunday && w != time.Monday)) {
				t.Fatalf("%s, %d days after service: want a Sunday or Monday 28–33 days after", w, d)
			}
		})
	}
}

func TestARUDDCode(t *testing.T) {
	for _, tt := range []struct{ detail, want string }{
		{"0", "0"}, {"0 refer to payer", "0"}, {"ARUDD 1", "1"}, {"arudd code: b", "B"},
		{"Code 3 - account transferred", "3"}, {"Bank said no", ""}, {"", ""}, {"reason: 6", "6"},
	} {
		if got := ARUDDCode(tt.detail); got != tt.want {
			t.Errorf("ARUDDCode(%q) = %q, want %q", tt.detail, got, tt.want)
		}
	}
}

// TestArrangementNotes: kept and completed arrangements explain themselves
// without an item.
func TestArrangementNotes(t *testing.T) {
	f := rent()
	f.Balance = gbp("900.00")
	f.Events = []Event{ev(domain.EventLetter1, ago(90))}
	f.Arrangement, f.ArrangementStatus = terms(ago(30)), status(arrangement.Kept)
	f.FollowUps = []FollowUp{{ID: "N1", Due: today, Text: "check payment"}}
	l, _ := Evaluate(f, today, DefaultPolicy())
	if len(l.Notes) != 1 || l.Notes[0] != "arrangement £15.00 weekly kept; next due 1 Dec; arrears letters and notices held" {
		t.Fatalf("notes %q", l.Notes)
	}
	f.Balance = domain.Zero
	f.ArrangementStatus = status(arrangement.Completed)
	l, _ = Evaluate(f, today, DefaultPolicy())
	if len(l.Notes) != 1 || !strings.Contains(l.Notes[0], "completed: the arrears it was made for are cleared") {
		t.Fatalf("notes %q", l.Notes)
	}
}
