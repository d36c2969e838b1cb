package possession

import (
	"slices"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// today is Monday 23 November 2026.
var today = day("2026-11-23")

func day(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ev(t domain.EventType, d string, detail ...string) worklist.Event {
	return worklist.Event{Type: t, Date: day(d), Detail: strings.Join(detail, " ")}
}

// ticked is every checklist item ticked on d.
func ticked(d string) []domain.PreActionMark {
	var ms []domain.PreActionMark
	for _, it := range domain.PreActionItems {
		ms = append(ms, domain.PreActionMark{Item: it, Date: day(d), Done: true})
	}
	return ms
}

// ready is a secure tenancy £1,200 in arrears with the checklist complete
// and a NOSP served on Mon 7 Sep 2026 (proceedings after Mon 5 Oct 2026).
func ready() worklist.Facts {
	return worklist.Facts{
		Ref: "NW1001", Kind: domain.KindRent, Status: domain.StatusCurrent, TenancyType: domain.TenancySecure,
		Balance: domain.MustMoney("1200.00"), Weekly: domain.MustMoney("100.00"), LastPayment: day("2026-09-08"),
		PreAction: ticked("2026-08-20"),
		Events:    []worklist.Event{ev(domain.EventLetter1, "2026-08-01"), ev(domain.EventNOSPServed, "2026-09-07")},
	}
}

func TestCourtClaimGate(t *testing.T) {
	p := worklist.DefaultPolicy()
	tests := []struct {
		name    string
		change  func(f *worklist.Facts)
		date    string
		refused []string // words every refusal must hold; nil: allowed
		missing []domain.PreActionItem
	}{
		{"allowed with the checklist complete, arrears and a NOSP in force", nil, "2026-11-23", nil, nil},
		{"refused while items are open, naming them", func(f *worklist.Facts) {
			f.PreAction = f.PreAction[:5] // referral and letter not ticked
		}, "2026-11-23", []string{"pre-action steps open: support referral, pre-action letter"},
			[]domain.PreActionItem{domain.PreActionReferral, domain.PreActionLetter}},
		{"refused when an item was unticked", func(f *worklist.Facts) {
			f.PreAction = append(f.PreAction, domain.PreActionMark{Item: domain.PreActionStatements, Date: day("2026-09-01")})
		}, "2026-11-23", []string{"rent statements"}, []domain.PreActionItem{domain.PreActionStatements}},
		{"ticks before a stage reset do not count", func(f *worklist.Facts) {
			f.Events = append(f.Events, ev(domain.EventStageReset, "2026-08-25"), ev(domain.EventNOSPServed, "2026-09-07"))
		}, "2026-11-23", []string{"pre-action steps open"}, domain.PreActionItems},
		{"ticks on or before the day the arrears were cleared do not count", func(f *worklist.Facts) {
			f.ClearedOn = day("2026-08-20")
		}, "2026-11-23", []string{"pre-action steps open"}, domain.PreActionItems},
		{"refused when not in arrears", func(f *worklist.Facts) {
			f.Balance = domain.MustMoney("-5.00")
		}, "2026-11-23", []string{"not in arrears (balance"}, nil},
		{"refused with no NOSP", func(f *worklist.Facts) {
			f.Events = f.Events[:1]
		}, "2026-11-23", []string{"no NOSP in force"}, nil},
		{"refused before the date the NOSP allows", nil, "2026-10-05", []string{"allows proceedings only after Mon 5 Oct 2026"}, nil},
		{"allowed the day after the NOSP's date", nil, "2026-10-06", nil, nil},
		{"refused once the NOSP has lapsed", func(f *worklist.Facts) {
			f.Events = []worklist.Event{ev(domain.EventNOSPServed, "2025-10-02")}
		}, "2026-11-23", []string{"no longer in force"}, nil},
		{"refused while a complete benefit claim is pending", func(f *worklist.Facts) {
			f.PreAction = append(f.PreAction, domain.PreActionMark{Date: day("2026-11-01"), Claim: domain.ClaimPending})
		}, "2026-11-23", []string{"benefit claim is pending"}, nil},
		{"allowed once the claim is decided", func(f *worklist.Facts) {
			f.PreAction = append(f.PreAction, domain.PreActionMark{Date: day("2026-11-01"), Claim: domain.ClaimPending},
				domain.PreActionMark{Date: day("2026-11-10"), Claim: domain.ClaimNone})
		}, "2026-11-23", nil, nil},
		{"an introductory tenancy needs a notice of proceedings, not a NOSP", func(f *worklist.Facts) {
			f.TenancyType = domain.TenancyIntroductory
		}, "2026-11-23", []string{"no notice of proceedings in force"}, nil},
		{"an introductory tenancy with a notice of proceedings", func(f *worklist.Facts) {
			f.TenancyType = domain.TenancyIntroductory
			f.Events = append(f.Events, ev(domain.EventNoticeOfProceedings, "2026-09-07"))
		}, "2026-11-23", nil, nil},
		{"a second claim is out of order", func(f *worklist.Facts) {
			f.Events = append(f.Events, ev(domain.EventCourtClaim, "2026-10-10"))
		}, "2026-11-23", []string{"proceedings are under way"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ready()
			if tt.change != nil {
				tt.change(&f)
			}
			r := Check(&f, domain.EventCourtClaim, day(tt.date), p)
			if tt.refused == nil {
				if r != nil {
					t.Fatalf("refused: %s", r.Text())
				}
				return
			}
			if r == nil {
				t.Fatal("allowed, want refused")
			}
			for _, w := range tt.refused {
				if !strings.Contains(r.Text(), w) {
					t.Errorf("%q does not say %q", r.Text(), w)
				}
			}
			if !slices.Equal(r.Missing, tt.missing) {
				t.Errorf("missing %v, want %v", r.Missing, tt.missing)
			}
		})
	}
}

func TestCourtStepsInOrder(t *testing.T) {
	p := worklist.DefaultPolicy()
	claim := ev(domain.EventCourtClaim, "2026-10-06")
	tests := []struct {
		name    string
		events  []worklist.Event
		step    domain.EventType
		refused string
	}{
		{"no hearing without a claim", nil, domain.EventHearing, "no court claim"},
		{"no order without a claim", nil, domain.EventOrderOutright, "no court claim"},
		{"an order after a claim", []worklist.Event{claim}, domain.EventOrderSuspended, ""},
		{"no warrant without an order", []worklist.Event{claim}, domain.EventWarrantApplied, "no possession order"},
		{"a warrant after an outright order", []worklist.Event{claim, ev(domain.EventOrderOutright, "2026-11-02")}, domain.EventWarrantApplied, ""},
		{"no warrant while a suspended order is kept", []worklist.Event{claim, ev(domain.EventOrderSuspended, "2026-11-16")},
			domain.EventWarrantApplied, "is being kept"},
		{"no eviction date without a warrant", []worklist.Event{claim, ev(domain.EventOrderOutright, "2026-11-02")},
			domain.EventEvictionDate, "no warrant"},
		{"an eviction date after a warrant", []worklist.Event{claim, ev(domain.EventOrderOutright, "2026-11-02"),
			ev(domain.EventWarrantApplied, "2026-11-20")}, domain.EventEvictionDate, ""},
		{"no eviction without an eviction date", []worklist.Event{claim, ev(domain.EventOrderOutright, "2026-11-02"),
			ev(domain.EventWarrantApplied, "2026-11-20")}, domain.EventEvicted, "no eviction date"},
		{"a stage reset sends the ladder back to the start", []worklist.Event{claim, ev(domain.EventOrderOutright, "2026-11-02"),
			ev(domain.EventStageReset, "2026-11-10")}, domain.EventWarrantApplied, "no possession order"},
		{"no terms to vary without a suspended or postponed order", []worklist.Event{claim}, domain.EventTermsVaried, "no suspended or postponed order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ready()
			f.Events = tt.events
			f.LastPayment = today.AddDays(-3)
			r := Check(&f, tt.step, today, p)
			if tt.refused == "" {
				if r != nil {
					t.Fatalf("refused: %s", r.Text())
				}
				return
			}
			if r == nil || !r.OutOfOrder || !strings.Contains(r.Text(), tt.refused) {
				t.Fatalf("got %+v, want out of order saying %q", r, tt.refused)
			}
		})
	}
}

func TestWarrantOnBreachedSuspendedOrder(t *testing.T) {
	f := ready()
	f.Events = []worklist.Event{ev(domain.EventCourtClaim, "2026-08-06"), ev(domain.EventOrderSuspended, "2026-09-01")}
	f.LastPayment = day("2026-09-02") // nothing paid for 82 days
	if r := Check(&f, domain.EventWarrantApplied, today, worklist.DefaultPolicy()); r != nil {
		t.Fatalf("a breached suspended order should allow a warrant: %s", r.Text())
	}
	// The terms kept by a live, kept arrangement: no warrant.
	f.Arrangement = &arrangement.Terms{Start: day("2026-09-07"), Frequency: arrangement.Weekly, Instalment: domain.MustMoney("5.00"), Arrears: domain.MustMoney("1200.00")}
	f.ArrangementStatus = &arrangement.Status{State: arrangement.Kept}
	if r := Check(&f, domain.EventWarrantApplied, today, worklist.DefaultPolicy()); r == nil {
		t.Fatal("a kept suspended order should refuse a warrant")
	}
}

func TestNextOffersOnlyLegalSteps(t *testing.T) {
	f := ready()
	got := Next(&f, today, worklist.DefaultPolicy())
	for _, want := range []domain.EventType{domain.EventLetter1, domain.EventNOSPServed, domain.EventCourtClaim, domain.EventStageReset} {
		if !slices.Contains(got, want) {
			t.Errorf("%s not offered", want)
		}
	}
	for _, not := range []domain.EventType{domain.EventHearing, domain.EventOrderOutright, domain.EventWarrantApplied, domain.EventEvictionDate, domain.EventEvicted} {
		if slices.Contains(got, not) {
			t.Errorf("%s offered before a claim", not)
		}
	}
	f.Kind = domain.KindGarage
	if got := Next(&f, today, worklist.DefaultPolicy()); slices.Contains(got, domain.EventCourtClaim) || slices.Contains(got, domain.EventNOSPServed) {
		t.Errorf("a garage is offered possession steps: %v", got)
	}
}

// ClaimToday is `caseload preaction`'s "Court claim today:" line.
func TestClaimToday(t *testing.T) {
	tests := []struct {
		name string
		r    *Refusal
		want string
	}{
		{"nothing refuses", nil, "allowed"},
		{"a refusal in one line", &Refusal{Step: domain.EventCourtClaim, Reasons: []string{"no NOSP in force"}},
			(&Refusal{Step: domain.EventCourtClaim, Reasons: []string{"no NOSP in force"}}).Text()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClaimToday(tt.r); got != tt.want {
				t.Errorf("ClaimToday = %q, want %q", got, tt.want)
			}
		})
	}
	if got := ClaimToday(&Refusal{Step: domain.EventCourtClaim, Reasons: []string{"no NOSP in force"}}); !strings.HasSuffix(got, "refused: no NOSP in force") {
		t.Errorf("ClaimToday = %q, want the refusal's reasons", got)
	}
}
