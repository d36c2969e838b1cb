// Package tuitest builds the small, fixed caseload the TUI tests run on: a
// temporary database with accounts that each show one thing (arrears on
// the ladder, technical arrears, a vulnerable resident, a diary follow-up,
// an account in order, a garage in credit), on a fixed today.
package tuitest

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
)

// Today is the fixed date of every TUI test: Monday 23 November 2026.
var Today = domain.MustDate(2026, time.November, 23)

// Officer is the fixture's officer, whose patch every account is in.
const Officer = "asmith"

// Now is the fixed wall clock for the store.
func Now() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

// NoColour makes renders deterministic: no colour, bold or reverse.
func NoColour() { lipgloss.SetColorProfile(termenv.Ascii) }

// Store opens a temporary database holding the fixture caseload.
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tui.db"), store.Options{Officer: Officer, Now: Now, ReplicaName: "office"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := t.Context()
	start := domain.MustDate(2026, time.June, 1) // a Monday
	account := func(ref, name string, kind domain.AccountKind, weekly string, method domain.PaymentMethod, uc, vulnerable bool) {
		component := "rent"
		if kind == domain.KindGarage {
			component = "garage"
		}
		err := st.CreateAccount(ctx, store.NewAccount{
			Ref: ref, Kind: kind, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent, Name: name,
			Address: "1 " + name + " Street, Newtown", Postcode: "ZZ99 1AA", PropertyType: domain.PropertyFlat,
			Start: start, PaymentMethod: method, UCClaimant: uc, Vulnerable: vulnerable, Officer: Officer, Phone: "07700 900123",
			Charges: []domain.ChargeComponent{{Component: component, Weekly: domain.MustMoney(weekly)}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	post := func(p store.Posting) {
		if _, err := st.Post(ctx, p, Today); err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
	}
	pay := func(ref string, d domain.Date, amount string, m domain.PaymentMethod) {
		post(store.Posting{Ref: ref, Kind: store.PostPayment, Amount: domain.MustMoney(amount), Date: d, Method: m})
	}
	account("NW1001", "Alice Example", domain.KindRent, "100.00", domain.MethodCash, false, false)
	account("NW1002", "Bob Sample", domain.KindRent, "95.00", domain.MethodUC, true, false)
	account("NW1003", "Carol Fictional", domain.KindRent, "90.00", domain.MethodCard, false, true)
	account("NW1004", "Dan Demo", domain.KindRent, "80.00", domain.MethodDirectDebit, false, false)
	account("NW1005", "Eve Placeholder", domain.KindRent, "85.00", domain.MethodDirectDebit, false, false)
	account("NW1006", "Fay Garage", domain.KindGarage, "12.00", domain.MethodCard, false, false)
	for w := start; !w.After(Today); w = w.AddDays(7) {
		if _, err := st.RentRun(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	// Alice: paid until mid-September, then nothing: arrears on the ladder.
	for d := start; d.Before(domain.MustDate(2026, time.September, 14)); d = d.AddDays(7) {
		pay("NW1001", d.AddDays(1), "100.00", domain.MethodCash)
	}
	if _, err := st.AddEvent(ctx, store.NewEvent{Ref: "NW1001", Type: domain.EventLetter1, Date: Today.AddDays(-40)}, Today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	// Bob: Universal Credit pays a month in arrears on the 28th.
	for _, d := range []domain.Date{
		domain.MustDate(2026, time.June, 28), domain.MustDate(2026, time.July, 28), domain.MustDate(2026, time.August, 28),
		domain.MustDate(2026, time.September, 28), domain.MustDate(2026, time.October, 28),
	} {
		pay("NW1002", d, "411.67", domain.MethodUC)
	}
	// Carol: vulnerable, short payments.
	for d := start; d.Before(Today); d = d.AddDays(7) {
		pay("NW1003", d.AddDays(2), "75.00", domain.MethodCard)
	}
	// Dan: paid up, with a follow-up due today.
	for d := start; !d.After(Today); d = d.AddDays(7) {
		pay("NW1004", d, "80.00", domain.MethodDirectDebit)
	}
	if _, err := st.AddNote(ctx, store.NewNote{Ref: "NW1004", Date: Today.AddDays(-7), Channel: domain.ChannelPhone,
		Text: "Asked about a transfer; call back", FollowUp: Today.AddDays(-7)}, Today.AddDays(-7)); err != nil {
		t.Fatal(err)
	}
	// Eve: paid up.
	for d := start; !d.After(Today); d = d.AddDays(7) {
		pay("NW1005", d, "85.00", domain.MethodDirectDebit)
	}
	// Fay: a garage paid well ahead.
	pay("NW1006", start, "500.00", domain.MethodCard)
	return st
}
