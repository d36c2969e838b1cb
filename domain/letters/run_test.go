package letters

import (
	"slices"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// owing is a current rent account at £100.00 a week owing £450.00, with
// no payments, letters or arrangement: the default ladder's first letter
// is due.
func owing(ref string) Recipient {
	return Recipient{Address: "1 Sample Street", Postcode: "E8 1AA", Facts: worklist.Facts{
		Ref: ref, Name: "Tenant " + ref, Kind: domain.KindRent, Status: domain.StatusCurrent, TenancyType: domain.TenancySecure,
		Balance: domain.MustMoney("450.00"), Weekly: domain.MustMoney("100.00"),
	}}
}

func refs(list []Skipped) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Ref)
	}
	return out
}

func dueRefs(run Run) []string {
	var out []string
	for _, r := range run.Due {
		out = append(out, r.Facts.Ref)
	}
	return out
}

func TestPlanFirstLetterRun(t *testing.T) {
	p := worklist.DefaultPolicy()
	tests := []struct {
		name  string
		edit  func(f *worklist.Facts)
		where string // due, held, refused, issued, or "" (not in the run)
	}{
		{"4.5 weeks' arrears, no letter, no arrangement: letter 1", func(f *worklist.Facts) {}, "due"},
		{"vulnerable: held back for review, listed", func(f *worklist.Facts) { f.Vulnerable = true }, "held"},
		{"letter 1 already recorded today: nothing new", func(f *worklist.Facts) {
			f.Events = []worklist.Event{{Type: domain.EventLetter1, Date: day}}
		}, "issued"},
		{"a letter 27 days ago: not yet", func(f *worklist.Facts) {
			f.Events = []worklist.Event{{Type: domain.EventLetter1, Date: day.AddDays(-27)}}
		}, ""},
		{"a live arrangement being kept: no letter", func(f *worklist.Facts) {
			f.Arrangement = &arrangement.Terms{Start: day.AddDays(-21), Frequency: arrangement.Weekly, Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("450.00")}
			f.ArrangementStatus = &arrangement.Status{State: arrangement.Kept, Reason: "kept"}
		}, ""},
		{"in credit: no letter", func(f *worklist.Facts) { f.Balance = domain.MustMoney("-20.00") }, ""},
		{"paused: no letter", func(f *worklist.Facts) { f.PausedUntil = day.AddDays(7); f.PauseReason = "in hospital" }, ""},
		{"under 2 weeks' arrears: no letter", func(f *worklist.Facts) { f.Balance = domain.MustMoney("199.99") }, ""},
	}
	k := mustKind(t, "letter-1")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := owing("NW1")
			tt.edit(&r.Facts)
			run := Plan([]Recipient{r}, k, day, p)
			got := map[string][]string{"due": dueRefs(run), "held": refs(run.Held), "refused": refs(run.Refused), "issued": refs(run.Issued)}
			for where, list := range got {
				want := where == tt.where
				if slices.Contains(list, "NW1") != want {
					t.Errorf("%s: %v (want it in %q)", where, list, tt.where)
				}
			}
		})
	}
}

// TestPlanHackneyNOSPRefusedWhilePreActionOpen: Hackney's ladder
// recommends a NOSP a week after letter 2 at 4 weeks' arrears after
// grace; the document is refused while the pre-action checklist is open,
// and listed with the reason.
func TestPlanHackneyNOSPRefusedWhilePreActionOpen(t *testing.T) {
	p, ok, err := worklist.ShippedPolicy("hackney-2020")
	if !ok || err != nil {
		t.Fatal(err)
	}
	r := owing("NW2")
	r.Facts.Balance = domain.MustMoney("550.00") // £450.00 after grace: over 4 weeks' rent
	r.Facts.Events = []worklist.Event{{Type: domain.EventLetter1, Date: day.AddDays(-40)}, {Type: domain.EventLetter2, Date: day.AddDays(-8)}}
	k, err := KindForStep("nosp", p)
	if err != nil {
		t.Fatal(err)
	}
	run := Plan([]Recipient{r}, k, day, p)
	if len(run.Due) != 0 || len(run.Refused) != 1 || run.Refused[0].Reason == "" {
		t.Fatalf("due %v refused %+v", dueRefs(run), run.Refused)
	}
	// The same account is not in a letter-1 run: its ladder is past it.
	if run := Plan([]Recipient{r}, mustKind(t, "letter-1"), day, p); len(run.Due)+len(run.Held)+len(run.Refused) != 0 {
		t.Fatalf("letter-1 run took an account past letter 1: %+v", run)
	}
}

func TestRefusal(t *testing.T) {
	p := worklist.DefaultPolicy()
	tests := []struct {
		name string
		kind string
		edit func(f *worklist.Facts)
		want bool
	}{
		{"letter 1 on arrears", "letter-1", func(f *worklist.Facts) {}, false},
		{"no letter on an account not in arrears", "letter-1", func(f *worklist.Facts) { f.Balance = domain.Zero }, true},
		{"a NOSP while the pre-action checklist is open", "nosp", func(f *worklist.Facts) {}, true},
		{"a NOSP on an introductory tenancy", "nosp", func(f *worklist.Facts) { f.TenancyType = domain.TenancyIntroductory }, true},
		{"a court claim letter with no NOSP in force", "court-claim", func(f *worklist.Facts) {}, true},
		{"a court breach letter with no order", "court-breach-letter", func(f *worklist.Facts) {}, true},
		{"a court warning on a garage", "court-warning", func(f *worklist.Facts) { f.Kind = domain.KindGarage }, true},
		{"an SMS on a garage", "sms", func(f *worklist.Facts) { f.Kind = domain.KindGarage }, false},
	}
	for _, tt := range tests {
		r := owing("NW3")
		tt.edit(&r.Facts)
		why := Refusal(&r.Facts, mustKind(t, tt.kind), day, p)
		if (why != "") != tt.want {
			t.Errorf("%s: refusal %q", tt.name, why)
		}
		if err := Check(&r.Facts, mustKind(t, tt.kind), day, p); (err != nil) != tt.want || (err != nil && !domain.IsValidation(err)) {
			t.Errorf("%s: Check %v", tt.name, err)
		}
	}
}

func TestProduceCopyAndRefusal(t *testing.T) {
	p := worklist.DefaultPolicy()
	r := owing("NW4")
	k := mustKind(t, "letter-1")
	first, err := Produce(Shipped(), &r, k, "Jo Officer", day, p, "", true)
	if err != nil || first.Copy || first.PDFSHA == "" || first.Detail == "" {
		t.Fatalf("%+v %v", first, err)
	}
	again, err := Produce(Shipped(), &r, k, "Jo Officer", day, p, first.Detail, false)
	if err != nil || !again.Copy || again.Detail != "" || !slices.Contains([]string{string(again.Bytes[:5])}, "COPY:") {
		t.Fatalf("a re-print: %+v %v", again.Copy, err)
	}
	r.Facts.Balance = domain.Zero
	if _, err := Produce(Shipped(), &r, k, "Jo Officer", day, p, "", false); !domain.IsValidation(err) {
		t.Fatalf("no arrears: %v", err)
	}
}
