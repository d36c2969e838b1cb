package enforcement

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

func d(y int, m time.Month, day int) domain.Date { return domain.MustDate(y, m, day) }

// caseOf is a secure tenancy owing balance at £100.00 a week with the
// steps recorded (by asmith), the facts' events read from them.
func caseOf(balance string, steps ...Step) Case {
	c := Case{Ref: "NW1", Name: "Jo Example", Facts: worklist.Facts{Ref: "NW1", Kind: domain.KindRent,
		Status: domain.StatusCurrent, TenancyType: domain.TenancySecure, Balance: domain.MustMoney(balance),
		Weekly: domain.MustMoney("100.00")}}
	for _, s := range steps {
		if s.Officer == "" {
			s.Officer = "asmith"
		}
		c.Steps = append(c.Steps, s)
		ev := worklist.Event{Type: s.Type, Date: s.Date, Detail: s.Detail, Outcome: s.Outcome}
		if s.Terms != "" {
			w, _ := court.ParseWeekly(s.Terms)
			ev.Terms = &court.Terms{Weekly: w}
		}
		c.Facts.Events = append(c.Facts.Events, ev)
		if s.Type.IsLadder() && s.Type != domain.EventStageReset {
			c.Stage, c.StageDate = s.Type, s.Date
		}
	}
	return c
}

func step(t domain.EventType, on domain.Date) Step { return Step{Type: t, Date: on, Label: t.Label()} }

func nextTypes(v View) map[domain.EventType]string {
	out := map[domain.EventType]string{}
	for _, n := range v.Next {
		out[n.Type] = n.Refused
	}
	return out
}

func TestNoticeDatesAndHowTheyWereCounted(t *testing.T) {
	for _, tc := range []struct {
		name       string
		served     domain.Date
		detail     string
		today      domain.Date
		from, last domain.Date
		inForce    bool
		status     string
		counted    string
	}{
		{"served Thu 2 Oct 2025: proceedings after Sun 2 Nov 2025, last day Mon 2 Nov 2026",
			d(2025, time.October, 2), "", d(2025, time.October, 20), d(2025, time.November, 2), d(2026, time.November, 2), true,
			"in force: proceedings may begin after Sun 2 Nov 2025 (issue from Mon 3 Nov 2025, in 14 days)",
			"served Thu 2 Oct 2025 + 28 days → first Sun/Mon on or after: Sun 2 Nov 2025"},
		{"served Mon 12 May 2025: proceedings after Mon 9 Jun 2025",
			d(2025, time.May, 12), "", d(2025, time.July, 1), d(2025, time.June, 9), d(2026, time.June, 9), true,
			"in force: proceedings may be issued now; last day to issue: Tue 9 Jun 2026 (343 days left)",
			"served Mon 12 May 2025 + 28 days → first Sun/Mon on or after: Mon 9 Jun 2025"},
		{"the date stated in the notice wins",
			d(2025, time.October, 2), "proceedings after 2025-11-10", d(2025, time.October, 20), d(2025, time.November, 10), d(2026, time.November, 10), true,
			"in force: proceedings may begin after Mon 10 Nov 2025", "as stated in the notice: Mon 10 Nov 2025"},
		{"in force to the end of its last day",
			d(2025, time.October, 2), "", d(2026, time.November, 2), d(2025, time.November, 2), d(2026, time.November, 2), true,
			"last day to issue: Mon 2 Nov 2026 (0 days left)", "nosp-expiring from Mon 5 Oct 2026 (28 days before the last day)"},
		{"lapsed the day after its last day",
			d(2025, time.October, 2), "", d(2026, time.November, 3), d(2025, time.November, 2), d(2026, time.November, 2), false,
			"LAPSED: its last day to issue was Mon 2 Nov 2026", "last day to issue: Sun 2 Nov 2025 + 12 months → same date: Mon 2 Nov 2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := step(domain.EventNOSPServed, tc.served)
			s.Detail = tc.detail
			v := Read(caseOf("1200.00", s), tc.today, worklist.DefaultPolicy())
			if len(v.Notices) != 1 {
				t.Fatalf("notices %+v", v.Notices)
			}
			n := v.Notices[0]
			if n.ProceedingsFrom != tc.from || n.LastDay != tc.last || n.InForce != tc.inForce {
				t.Errorf("from %s last %s in force %v", n.ProceedingsFrom, n.LastDay, n.InForce)
			}
			if !strings.Contains(n.Status, tc.status) {
				t.Errorf("status %q lacks %q", n.Status, tc.status)
			}
			if all := strings.Join(n.Counted, "\n"); !strings.Contains(all, tc.counted) {
				t.Errorf("counted %q lacks %q", all, tc.counted)
			}
		})
	}
}

func TestAClaimUsesTheNoticeAndOpensTheCourtSteps(t *testing.T) {
	c := caseOf("1200.00", step(domain.EventLetter1, d(2026, time.June, 1)), step(domain.EventNOSPServed, d(2026, time.August, 3)),
		step(domain.EventCourtClaim, d(2026, time.September, 14)))
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	if len(v.Notices) != 1 || v.Notices[0].InForce || !strings.Contains(v.Notices[0].Status, "used: court claim issued on Mon 14 Sep 2026") {
		t.Fatalf("notice %+v", v.Notices)
	}
	next := nextTypes(v)
	for _, want := range []domain.EventType{domain.EventHearing, domain.EventOrderOutright, domain.EventOrderSuspended} {
		if _, ok := next[want]; !ok {
			t.Errorf("%s not offered after a claim: %v", want, next)
		}
	}
	for _, not := range []domain.EventType{domain.EventLetter1, domain.EventNOSPServed, domain.EventCourtClaim,
		domain.EventWarrantApplied, domain.EventEvicted, domain.EventReferral} {
		if _, ok := next[not]; ok {
			t.Errorf("%s offered after a claim", not)
		}
	}
	if v.Court == nil || v.Court.Lines[0] != "claim issued on Mon 14 Sep 2026" || v.Court.Order {
		t.Fatalf("court %+v", v.Court)
	}
}

func TestBeforeAClaimTheGateSaysWhyAClaimIsHeld(t *testing.T) {
	c := caseOf("1200.00", step(domain.EventNOSPServed, d(2026, time.September, 7)))
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	next := nextTypes(v)
	if r, ok := next[domain.EventCourtClaim]; !ok || !strings.Contains(r, "pre-action steps open") {
		t.Fatalf("court claim %q (offered %v)", r, ok)
	}
	if r, ok := next[domain.EventCourtWarning]; !ok || r != "" {
		t.Errorf("court-warning: %q %v", r, ok)
	}
	for _, not := range []domain.EventType{domain.EventLetter1, domain.EventLetter2, domain.EventSMS, domain.EventHearing, domain.EventNoticeOfProceedings, domain.EventInformalBreachLetter} {
		if _, ok := next[not]; ok {
			t.Errorf("%s offered on a secure tenancy before a claim with no arrangement", not)
		}
	}
	if len(v.PreAction) == 0 || !strings.HasPrefix(v.PreAction[0], "not started: 0 of 7 done") {
		t.Errorf("pre-action %q", v.PreAction)
	}
	if v.Court != nil {
		t.Errorf("court before a claim: %+v", v.Court)
	}
	if v.Stage != "NOSP served on Mon 7 Sep 2026" || v.Arrears != "£1,200.00 owed (12.0 weeks)" {
		t.Errorf("stage %q arrears %q", v.Stage, v.Arrears)
	}
}

func TestIntroductoryTenancyNoticeOfProceedings(t *testing.T) {
	c := caseOf("600.00", step(domain.EventNoticeOfProceedings, d(2026, time.November, 2)))
	c.Facts.TenancyType = domain.TenancyIntroductory
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	if len(v.Notices) != 1 || v.Notices[0].ReviewBy != d(2026, time.November, 15) || !v.Notices[0].LastDay.IsZero() {
		t.Fatalf("notice %+v", v.Notices)
	}
	next := nextTypes(v)
	if _, ok := next[domain.EventNOSPServed]; ok {
		t.Error("a NOSP offered on an introductory tenancy")
	}
	if _, ok := next[domain.EventNoticeOfProceedings]; !ok {
		t.Error("no notice of proceedings offered on an introductory tenancy")
	}
}

func TestTheTimelineKeepsEveryEnforcementStepAndWho(t *testing.T) {
	ref := step(domain.EventReferral, d(2026, time.May, 1))
	sms := step(domain.EventSMS, d(2026, time.May, 4))
	sms.Officer = "bjones"
	c := caseOf("1200.00", ref, sms, step(domain.EventLetter1, d(2026, time.June, 1)), step(domain.EventStageReset, d(2026, time.July, 1)),
		step(domain.EventNOSPServed, d(2026, time.June, 8)))
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	var got []string
	for _, s := range v.Timeline {
		got = append(got, string(s.Type)+" "+s.Officer)
	}
	if want := "sms bjones|letter-1 asmith|stage-reset asmith|nosp-served asmith"; strings.Join(got, "|") != want {
		t.Errorf("timeline %q, want %q", strings.Join(got, "|"), want)
	}
	if len(v.Notices) != 0 {
		t.Errorf("a notice served before the stage reset is still shown: %+v", v.Notices)
	}
}

func TestSuspendedOrderBreachedWithNothingPaid(t *testing.T) {
	hearing := step(domain.EventHearing, d(2026, time.October, 26))
	hearing.Outcome = court.SuspendedOnTerms
	order := step(domain.EventOrderSuspended, d(2026, time.October, 26))
	order.Terms = "£5.00 a week towards arrears"
	c := caseOf("1200.00", step(domain.EventNOSPServed, d(2026, time.August, 3)), step(domain.EventCourtClaim, d(2026, time.September, 14)),
		hearing, order)
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	if v.Court == nil || !v.Court.Order || !v.Court.Breached {
		t.Fatalf("court %+v", v.Court)
	}
	all := strings.Join(v.Court.Lines, "\n")
	for _, want := range []string{"hearing on Mon 26 Oct 2026: possession suspended on terms", "Suspended possession order of Mon 26 Oct 2026",
		"£5.00 a week towards the arrears", "BREACHED"} {
		if !strings.Contains(all, want) {
			t.Errorf("court lines lack %q:\n%s", want, all)
		}
	}
	if _, ok := nextTypes(v)[domain.EventWarrantApplied]; !ok {
		t.Errorf("no warrant offered after a breached suspended order: %v", nextTypes(v))
	}
}

func TestAGarageHasNoNoticesOrCourt(t *testing.T) {
	c := caseOf("50.00", step(domain.EventLetter1, d(2026, time.November, 2)))
	c.Facts.Kind = domain.KindGarage
	v := Read(c, d(2026, time.November, 23), worklist.DefaultPolicy())
	if v.Possession || len(v.Notices) != 0 || v.Court != nil || len(v.PreAction) != 0 {
		t.Fatalf("garage %+v", v)
	}
	for _, n := range v.Next {
		if n.Type.NeedsPossessionSteps() {
			t.Errorf("%s offered on a garage", n.Type)
		}
	}
}

// Once a rung is reached the steps below it are no longer next: after
// letter 2, no text or first letter; a new arrears episode starts again.
func TestTheLettersMoveTheCaseOn(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cleared domain.Date
		want    []domain.EventType
		not     []domain.EventType
	}{
		{"after letter 2 the letters below it are behind", domain.Date{},
			[]domain.EventType{domain.EventLetter2, domain.EventNOSPServed, domain.EventPreAction},
			[]domain.EventType{domain.EventSMS, domain.EventLetter1}},
		{"arrears cleared since start the ladder again", d(2026, time.October, 1),
			[]domain.EventType{domain.EventSMS, domain.EventLetter1, domain.EventLetter2}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseOf("800.00", step(domain.EventLetter1, d(2026, time.August, 3)), step(domain.EventLetter2, d(2026, time.September, 7)))
			c.Facts.ClearedOn = tc.cleared
			next := nextTypes(Read(c, d(2026, time.November, 23), worklist.DefaultPolicy()))
			for _, w := range tc.want {
				if _, ok := next[w]; !ok {
					t.Errorf("%s not offered: %v", w, next)
				}
			}
			for _, n := range tc.not {
				if _, ok := next[n]; ok {
					t.Errorf("%s offered: %v", n, next)
				}
			}
		})
	}
}

func TestNothingOwedOffersNoLetterOrNotice(t *testing.T) {
	for _, tc := range []struct {
		name    string
		balance string
		notDue  bool
	}{
		{"a clear account is offered no letter, text or notice", "0.00", true},
		{"an account in credit neither", "-25.00", true},
		{"an account owing a penny is", "0.01", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Read(caseOf(tc.balance), d(2026, time.November, 23), worklist.DefaultPolicy())
			next := nextTypes(v)
			for _, ty := range []domain.EventType{domain.EventSMS, domain.EventLetter1, domain.EventNOSPServed, domain.EventPreAction} {
				if _, ok := next[ty]; ok == tc.notDue {
					t.Errorf("%s offered %v with balance %s: %v", ty, ok, tc.balance, next)
				}
			}
			if (v.NotDue != "") != tc.notDue {
				t.Errorf("NotDue = %q", v.NotDue)
			}
			if r, ok := next[domain.EventCourtClaim]; !ok || strings.Contains(r, "not in arrears") != tc.notDue {
				t.Errorf("court claim: refused %q (listed %v)", r, ok)
			}
		})
	}
}
