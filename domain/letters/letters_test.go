package letters

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var day = domain.MustDate(2026, 12, 7) // a Monday

// account is a rent account £412.30 in arrears on £110.00 a week, with a
// NOSP served, a suspended order on terms and a broken arrangement, so
// every template has all its fields to show.
func account() Recipient {
	return Recipient{Address: "Flat 4, 12 Mare Street, London", Postcode: "E8 3RH", Facts: worklist.Facts{
		Ref: "HX-000123", Name: "Ann Smith", Kind: domain.KindRent, Balance: domain.MustMoney("412.30"),
		Weekly: domain.MustMoney("110.00"),
		Arrangement: &arrangement.Terms{Start: domain.MustDate(2026, 11, 2), Frequency: arrangement.Weekly,
			Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("380.00")},
		ArrangementStatus: &arrangement.Status{State: arrangement.Broken, Reason: "£20.00 behind what was due by Mon 30 Nov 2026"},
		Events: []worklist.Event{
			{Type: domain.EventNOSPServed, Date: domain.MustDate(2026, 3, 2)},
			{Type: domain.EventOrderSuspended, Date: domain.MustDate(2026, 9, 14), Terms: &court.Terms{Weekly: domain.MustMoney("5.00")}},
		},
	}}
}

// TestTemplateGoldens renders every kind for the same account and
// compares the plain text with testdata/KIND.golden (go test -update
// rewrites them).
func TestTemplateGoldens(t *testing.T) {
	set := Shipped()
	r := account()
	for _, k := range Kinds {
		t.Run(k.ID, func(t *testing.T) {
			doc, err := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Text()
			path := filepath.Join("testdata", k.ID+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update once to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", k.ID, path, got)
			}
			// Every letter names the account, the balance, the officer and
			// the date, and says what to do by when where it asks.
			for _, must := range []string{"HX-000123", "£412.30", "Jo Officer"} {
				if !strings.Contains(got, must) {
					t.Errorf("%s does not name %q", k.ID, must)
				}
			}
			if !k.SMS && !strings.Contains(got, "7 December 2026") {
				t.Errorf("%s is not dated", k.ID)
			}
			if k.ReplyDays > 0 && !strings.Contains(doc.Body, Long(day.AddDays(k.ReplyDays))) {
				t.Errorf("%s does not say by when to act", k.ID)
			}
		})
	}
}

func TestPrepare(t *testing.T) {
	r := account()
	d := Prepare(&r, Kinds[1], "Jo Officer", day, worklist.DefaultPolicy())
	tests := []struct{ name, got, want string }{
		{"weeks of arrears to one decimal (412.30 / 110.00)", d.Weeks, "3.7"},
		{"the arrangement in words", d.Arrangement, "£10.00 a week from Mon 2 Nov 2026 towards £380.00"},
		{"the arrangement's state", d.ArrangementState, "broken"},
		{"the order", d.Order, "Suspended possession order of 14 September 2026"},
		{"the order's terms", d.OrderTerms, "the rent plus £5.00 a week towards the arrears"},
		{"letter 1 gives 14 days", d.ReplyBy.String(), "2026-12-21"},
		{"the NOSP's date after which proceedings may begin (served Mon 2 Mar 2026)", d.ProceedingsFrom.String(), "2026-03-30"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	n := Prepare(&r, mustKind(t, "nosp"), "Jo Officer", day, worklist.DefaultPolicy())
	if n.NOSPServed != day || n.ProceedingsFrom.String() != "2027-01-04" || n.NOSPLastDay.String() != "2028-01-04" {
		t.Errorf("NOSP served Mon 7 Dec 2026: got served %s, proceedings after %s, last day %s; want 2027-01-04 (first Monday on or after +28 days) and 2028-01-04",
			n.NOSPServed, n.ProceedingsFrom, n.NOSPLastDay)
	}
}

func mustKind(t *testing.T, id string) Kind {
	t.Helper()
	k, ok := KindByID(id)
	if !ok {
		t.Fatalf("no kind %s", id)
	}
	return k
}

func TestRenderIsReproducible(t *testing.T) {
	set := Shipped()
	r := account()
	k := mustKind(t, "letter-1")
	a, _ := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	b, _ := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	if a.SHA256 != b.SHA256 || len(a.SHA256) != 64 || !strings.HasPrefix(a.Template, "shipped:") {
		t.Fatalf("same letter, different hash or version: %s %s %s", a.SHA256, b.SHA256, a.Template)
	}
	r.Facts.Balance = domain.MustMoney("412.31")
	c, _ := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	if c.SHA256 == a.SHA256 {
		t.Fatal("a different balance gave the same hash")
	}
}

func TestKindForStep(t *testing.T) {
	hackney, ok, err := worklist.ShippedPolicy("hackney-2020")
	if !ok || err != nil {
		t.Fatal("no hackney-2020 policy", err)
	}
	tests := []struct {
		name   string
		step   string
		policy worklist.Policy
		want   string
	}{
		{"a kind by its id", "letter-1", worklist.DefaultPolicy(), "letter-1"},
		{"a kind by the event it records", "nosp-served", worklist.DefaultPolicy(), "nosp"},
		{"Hackney's court-date step records court-claim: the claim letter", "court-date", hackney, "court-claim"},
		{"Hackney's nosp step", "nosp", hackney, "nosp"},
		{"a step that produces no document", "warrant", hackney, ""},
		{"an unknown step", "letter-9", worklist.DefaultPolicy(), ""},
	}
	for _, tt := range tests {
		k, err := KindForStep(tt.step, tt.policy)
		if tt.want == "" {
			if err == nil || !domain.IsValidation(err) {
				t.Errorf("%s: want a validation error, got %v (%s)", tt.name, err, k.ID)
			}
			continue
		}
		if err != nil || k.ID != tt.want {
			t.Errorf("%s: got %s %v, want %s", tt.name, k.ID, err, tt.want)
		}
	}
}

func TestOverride(t *testing.T) {
	set := Shipped()
	tests := []struct {
		name  string
		files map[string][]byte
		err   string
	}{
		{"a council's own letter 1", map[string][]byte{"letter-1.tmpl": []byte("Dear {{.Name}}, you owe {{money .Balance}}.\n")}, ""},
		{"a council's own common parts", map[string][]byte{"common.tmpl": []byte(`{{define "head"}}LBH {{.Ref}}{{end}}{{define "position"}}{{end}}{{define "foot"}}{{.Officer}}{{end}}`)}, ""},
		{"a file named after no document", map[string][]byte{"letter-9.tmpl": []byte("x")}, "letter-9.tmpl is not a template caseload uses"},
		{"a template that does not parse", map[string][]byte{"letter-1.tmpl": []byte("{{.Name")}, "letter-1.tmpl"},
		{"a field that does not exist", map[string][]byte{"letter-2.tmpl": []byte("{{.Arrears}}")}, "Arrears"},
		{"not UTF-8", map[string][]byte{"sms.tmpl": {0xff, 0xfe}}, "not UTF-8"},
		{"a template that renders nothing", map[string][]byte{"sms.tmpl": []byte("{{if false}}x{{end}}")}, "renders nothing"},
		{"too big", map[string][]byte{"sms.tmpl": []byte(strings.Repeat("x", maxTemplate+1))}, "at most"},
	}
	for _, tt := range tests {
		got, err := set.Override(tt.files)
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			r := account()
			k := mustKind(t, "letter-1")
			doc, err := got.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
			if err != nil || !strings.HasPrefix(doc.Template, "file:") {
				t.Errorf("%s: %v %s", tt.name, err, doc.Template)
			}
			continue
		}
		if err == nil || !domain.IsValidation(err) || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: got %v, want a validation error naming %q", tt.name, err, tt.err)
		}
	}
	// The shipped set is left as it was.
	r := account()
	k := mustKind(t, "letter-1")
	doc, _ := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	if !strings.HasPrefix(doc.Template, "shipped:") {
		t.Fatal("Override changed the shipped set")
	}
}

// FuzzOverride: a council's template file (outside input) is refused or
// taken, never a panic, and when taken renders every kind.
func FuzzOverride(f *testing.F) {
	for _, k := range Kinds {
		b, _ := Shipped().Source(k.ID + ".tmpl")
		f.Add(k.ID+".tmpl", b)
	}
	f.Add("common.tmpl", []byte(`{{define "head"}}{{template "head" .}}{{end}}`))
	f.Add("letter-1.tmpl", []byte(`{{range .Tenants}}{{.}}{{end}}{{printf "%v" .Data}}`))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		set, err := Shipped().Override(map[string][]byte{name: src})
		if err != nil {
			if !domain.IsValidation(err) {
				t.Fatalf("not a validation error: %v", err)
			}
			return
		}
		r := account()
		for _, k := range Kinds {
			if _, err := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy())); err != nil && !domain.IsValidation(err) {
				t.Fatalf("%s: %v", k.ID, err)
			}
		}
	})
}

func TestWrap(t *testing.T) {
	long := "- " + strings.Repeat("word ", 30)
	d := Document{Body: "short\n" + long + "\n"}
	for _, l := range strings.Split(d.Text(), "\n") {
		if len([]rune(l)) > Width {
			t.Errorf("line over %d: %q", Width, l)
		}
	}
	if !strings.Contains(d.Text(), "\n  word") {
		t.Errorf("a list item's continuation is not indented:\n%s", d.Text())
	}
}

// TestEventDetailIsStorable: whatever the hashes, the detail an issued
// document keeps is never refused as holding a card number.
func TestEventDetailIsStorable(t *testing.T) {
	r := account()
	k := mustKind(t, "nosp")
	doc, _ := Shipped().Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	for i := range 3000 {
		doc.SHA256 = SHA256([]byte(strings.Repeat("x", i)))
		detail := EventDetail(doc, SHA256([]byte(strings.Repeat("y", i))))
		if err := domain.TextDetail.Check(detail); err != nil {
			t.Fatalf("%s: %v", detail, err)
		}
		if i == 0 && !strings.HasPrefix(detail, "2027-01-04 proceedings may begin after; document nosp, template shipped:") {
			t.Fatalf("detail: %s", detail)
		}
	}
	// A digest with a long run of digits would be refused unless grouped.
	digits := "4111111111111111" + strings.Repeat("a", 48)
	if err := domain.TextDetail.Check("text SHA-256 " + digits); err == nil {
		t.Fatal("the card-number check no longer looks at digit runs: this test proves nothing")
	}
	doc.SHA256 = digits
	if err := domain.TextDetail.Check(EventDetail(doc, digits)); err != nil {
		t.Fatalf("grouped digest refused: %v", err)
	}
}
