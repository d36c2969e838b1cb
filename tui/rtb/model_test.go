package rtb

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

func day(y int, mo time.Month, d int) domain.Date { return domain.MustDate(y, mo, d) }

// claims are the fixture's Right to Buy cases, on top of tuitest.Store's
// accounts (tenancies from 1 Jun 2026; today Mon 23 Nov 2026):
//
//	NW1001 Alice: RTB1 Thu 1 Oct 2026, a house: RTB2 due Thu 29 Oct — 25 days OVERDUE, with a fraud concern
//	NW1002 Bob:   RTB1 Mon 2 Nov 2026, a flat: RTB2 due Mon 30 Nov — DUE SOON, 7 days
//	NW1003 Carol: offer served Tue 1 Sep 2026: the tenant's reply is due today
//	NW1004 Dan:   RTB2 Mon 2 Nov 2026, a house: the offer is due Mon 28 Dec, a bank holiday
//	NW1005 Eve:   withdrawn (closed)
type claims struct {
	st                          *store.Store
	alice, bob, carol, dan, eve string
}

func fixture(t *testing.T) claims {
	t.Helper()
	st := tuitest.Store(t)
	ctx := t.Context()
	add := func(ref string, received domain.Date, p rtb.Property, events ...rtb.Event) string {
		id, err := st.AddRTBCase(ctx, store.NewRTBCase{Ref: ref, Received: received, Property: p}, tuitest.Today)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if err := st.AddRTBEvent(ctx, id, e, tuitest.Today); err != nil {
				t.Fatalf("%s %s: %v", ref, e.Type, err)
			}
		}
		return id
	}
	c := claims{st: st}
	c.alice = add("NW1001", day(2026, time.October, 1), rtb.House)
	if err := st.SetFraudCheck(ctx, c.alice, rtb.CheckResult{Check: rtb.CheckPrincipalHome, Status: rtb.Concern, Note: "NFI match"}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	c.bob = add("NW1002", day(2026, time.November, 2), rtb.Flat)
	c.carol = add("NW1003", day(2026, time.June, 15), rtb.Flat,
		rtb.Event{Type: rtb.EventRTB2Admitted, Date: day(2026, time.July, 13)}, rtb.Event{Type: rtb.EventS125Served, Date: day(2026, time.September, 1)})
	c.dan = add("NW1004", day(2026, time.October, 12), rtb.House, rtb.Event{Type: rtb.EventRTB2Admitted, Date: day(2026, time.November, 2)})
	c.eve = add("NW1005", day(2026, time.July, 1), rtb.House, rtb.Event{Type: rtb.EventTenantWithdrew, Date: day(2026, time.July, 20)})
	return c
}

func newPane(t testing.TB, st *store.Store) Model {
	return New(tuitest.Context(t, st))
}

// drive is the unit tests' event loop (tuitest.Drive).
func drive(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	m, _ = tuitest.Drive(m, cmd)
	return m
}

// statuses collects the status-bar texts a pane sends while driven.
type statuses struct {
	tuitest.Host[Model]
	said *[]string
}

func (s statuses) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if st, ok := msg.(common.StatusMsg); ok {
		*s.said = append(*s.said, st.Text)
	}
	h, cmd := s.Host.Update(msg)
	s.Host = h.(tuitest.Host[Model])
	return s, cmd
}

// keyMsg is the key message for a name or runes (tuitest.Key).
func keyMsg(k string) tea.KeyMsg { return tuitest.Key(k) }

// press sends keys one by one, running what each one starts.
func press(t *testing.T, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	m, _ = tuitest.Press(m, keys...)
	return m
}

// typeText types text one rune at a time.
func typeText(t *testing.T, m tea.Model, text string) tea.Model {
	t.Helper()
	m, _ = tuitest.Type(m, text)
	return m
}

func start(t *testing.T, st *store.Store, w, h int) tea.Model {
	t.Helper()
	var m tea.Model = tuitest.Open(newPane(t, st), "")
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return drive(t, m, m.Init())
}

func pane(m tea.Model) Model {
	switch h := m.(type) {
	case tuitest.Host[Model]:
		return h.Pane
	case statuses:
		return h.Pane
	}
	panic("not a pane harness")
}

func wantIn(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

// wantWords is wantIn for text that wraps: every run of spaces and line
// breaks counts as one space.
func wantWords(t *testing.T, text string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(strings.ReplaceAll(text, "│", " ")), " ")
	for _, w := range wants {
		if !strings.Contains(flat, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

func wantHeight(t *testing.T, view string, h int) {
	t.Helper()
	if n := strings.Count(view, "\n") + 1; n != h {
		t.Errorf("view is %d lines, want exactly %d:\n%s", n, h, view)
	}
}

// inOrder fails unless the fragments appear in view in that order.
func inOrder(t *testing.T, view string, fragments ...string) {
	t.Helper()
	at := -1
	for _, f := range fragments {
		i := strings.Index(view, f)
		if i < 0 || i < at {
			t.Fatalf("%q is missing or out of order in:\n%s", f, view)
		}
		at = i
	}
}

func TestListIsMostUrgentFirstWithWordMarkers(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	v := m.View()
	wantHeight(t, v, 20)
	inOrder(t, v, "NW1001", "NW1003", "NW1002", "NW1004")
	wantIn(t, v, "4 open", "1 OVERDUE", "2 DUE SOON",
		"OVERDUE 25d", "DUE TODAY", "DUE SOON 7d", "in 35d",
		"Awaiting RTB2 · ⚑ FRAUD CONCERN · ±1 day", "bank holiday · ±1 day",
		"Awaiting RTB2", "Awaiting tenant's reply", "Awaiting offer (s125)")
	if strings.Contains(v, "NW1005") {
		t.Errorf("a closed claim is listed by default:\n%s", v)
	}
	// The preview says the highlighted claim's next date in full, and how
	// it was counted.
	wantIn(t, v, "Next: RTB2 (admit or deny the right) OVERDUE by 25 days (due Thu 29 Oct 2026)", "⚑ FRAUD CONCERN: principal home (NFI match)")
	t.Log("\n" + v)

	// a shows the closed claims too, last.
	m = press(t, m, "a")
	v = m.View()
	inOrder(t, v, "NW1004", "NW1005")
	wantIn(t, v, "closed shown", "Withdrawn")

	// More room: more of the preview, full dates.
	wide := start(t, c.st, 160, 44)
	v = wide.View()
	wantHeight(t, v, 44)
	wantIn(t, v, "due Thu 29 Oct 2026 · RTB2 (admit or deny the right) · council", "⚑ FRAUD CONCERN — clocks keep running · ±1 day", "⚑ FRAUD CONCERN: principal home (NFI match) — the clocks keep running.",
		"How: 4 weeks from the RTB1 received Thu 1 Oct 2026")
	t.Log("\n" + v)
}

func TestAccountSelectedElsewhereHighlightsAndOpensItsClaim(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1004"} })
	if l, _ := pane(m).current(); l.ID != c.dan {
		t.Fatalf("highlighted %s, want Dan's claim %s", l.Ref, c.dan)
	}
	// With a claim open, choosing another account opens that account's.
	m = press(t, m, "enter")
	if p := pane(m); !p.viewing || p.viewID != c.dan {
		t.Fatalf("enter did not open the highlighted claim")
	}
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1002"} })
	if p := pane(m); !p.viewing || p.viewID != c.bob {
		t.Fatalf("viewing %s, want Bob's claim", p.viewID)
	}
	wantIn(t, m.View(), "Right to Buy · NW1002 Bob Sample")
	// An account with no claim says so, and n offers to open one.
	m = press(t, m, "esc")
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1006"} })
	wantIn(t, m.View(), "NW1006 has no claim")
}

func TestClaimViewShowsEveryDateAndHowItWasCounted(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1003"} })
	m = press(t, m, "enter")
	wantHeight(t, m.View(), 20)
	content := pane(m).renderCase(func() store.RTBLine { l, _ := pane(m).lineByID(c.carol); return l }())
	wantWords(t, content,
		"Next: Tenant's reply to the offer (s125D) due TODAY (Mon 23 Nov 2026) — tenant to act",
		"Dates, and how each was counted",
		"met", "RTB2 (admit or deny the right) — council, due Mon 13 Jul 2026 · ±1 day",
		"how: 4 weeks from the RTB1 received Mon 15 Jun 2026",
		"outcome: RTB2 admitting the right served Mon 13 Jul 2026, on time",
		"s125 offer notice (price and terms) — council, due Mon 5 Oct 2026",
		"12 weeks beginning with the s125 offer served Tue 1 Sep 2026",
		"DUE TODAY", "if missed: the council may serve an s125E default notice from Tue 24 Nov 2026",
		"Timeline", "Mon 15 Jun 2026", "RTB1 claim received", "Tue 1 Sep 2026", "s125 offer notice served (asmith)",
		"Fraud checklist", "not started", "Identity of every applicant",
		"Rent credit", "No notice of delay served: no rent credit.")

	// Alice's claim: the fraud concern is marked and the clocks keep running.
	m = press(t, m, "esc")
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1001"} })
	m = press(t, m, "enter")
	v := m.View()
	wantIn(t, v, "Right to Buy · NW1001 Alice Example", "OVERDUE by 25 days", "⚑ FRAUD CONCERN: principal home (NFI match). The clocks keep")
	l, _ := pane(m).lineByID(c.alice)
	wantWords(t, pane(m).renderCase(l), "⚑ CONCERN", "fraud checks do not pause this clock",
		"RTB6 initial notice of delay may be served (RTB2 late) — tenant may serve from Fri 30 Oct 2026", "can serve")
	// It scrolls.
	m = press(t, m, "j", "j")
	if pane(m).vp.YOffset != 2 {
		t.Fatalf("j did not scroll the claim: offset %d", pane(m).vp.YOffset)
	}
}

func TestEventFormOffersOnlyLegalStepsAndConfirmsTheResult(t *testing.T) {
	c := fixture(t)
	cases, err := c.st.RTBCases(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.RTBCase{}
	for _, k := range cases {
		byID[k.ID] = k
	}
	awaitingRTB2 := legalNext(byID[c.alice].Case, tuitest.Today)
	for _, want := range []rtb.EventType{rtb.EventRTB2Admitted, rtb.EventRTB2Denied, rtb.EventTenantWithdrew, rtb.EventRTB6Served} {
		if !slices.Contains(awaitingRTB2, want) {
			t.Errorf("awaiting the RTB2: %s not offered (%v)", want, awaitingRTB2)
		}
	}
	for _, never := range []rtb.EventType{rtb.EventRTB1Received, rtb.EventS125Served, rtb.EventTenantAccepted, rtb.EventCompleted, rtb.EventRTB8Served} {
		if slices.Contains(awaitingRTB2, never) {
			t.Errorf("awaiting the RTB2: %s offered", never)
		}
	}
	if got := legalNext(byID[c.eve].Case, tuitest.Today); len(got) != 0 {
		t.Errorf("a withdrawn claim offers %v", got)
	}
	// Carol's reply is due today: an s125E may not be served yet, so it is
	// not offered; the tenant's reply is.
	replying := legalNext(byID[c.carol].Case, tuitest.Today)
	if slices.Contains(replying, rtb.EventS125EServed) || !slices.Contains(replying, rtb.EventTenantAccepted) {
		t.Errorf("awaiting the reply: %v", replying)
	}

	var said []string
	var m tea.Model = statuses{Host: pane(start(t, c.st, 80, 20)).asHarness(), said: &said}
	// A withdrawn claim has nothing to record.
	m = press(t, m, "a")
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1005"} })
	m = press(t, m, "e")
	if pane(m).form != nil || !strings.Contains(strings.Join(said, "\n"), "nothing more can be recorded") {
		t.Fatalf("e on a withdrawn claim: form %v, said %q", pane(m).form != nil, said)
	}
	m = press(t, m, "a")

	// Dan: an offer dated before his RTB2 is refused at the confirmation,
	// with the domain's reason, and nothing is written.
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1004"} })
	m = press(t, m, "e")
	p := pane(m)
	if p.form == nil || !p.Capturing() {
		t.Fatalf("e opened no form")
	}
	wantIn(t, m.View(), "Record the next step on NW1004 Dan Demo", "‹ s125 offer notice served ›", "2026-11-23")
	wantHeight(t, m.View(), 20)
	before, _ := c.st.RTBCase(t.Context(), c.dan)
	m = press(t, m, "tab")
	for range 10 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "2026-11-01")
	m = press(t, m, "enter", "enter", "enter")
	wantIn(t, m.View(), "before the previous event")
	after, _ := c.st.RTBCase(t.Context(), c.dan)
	if len(after.History) != len(before.History) {
		t.Fatalf("a refused step was written")
	}
	// Corrected: the confirmation shows the stage and next date after it.
	m = press(t, m, "up", "up")
	for range 10 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "2026-11-20")
	m = press(t, m, "enter", "enter", "enter")
	wantWords(t, m.View(), "Confirm:", "It meets s125 offer notice (price and terms), due Mon 28 Dec 2026: on time.",
		"Stage then: Awaiting tenant's reply", "next: Tenant's reply to the offer (s125D) due Thu 11 Feb 2027")
	m = press(t, m, "y")
	if pane(m).form != nil {
		t.Fatalf("the form stayed open after saving")
	}
	saved, _ := c.st.RTBCase(t.Context(), c.dan)
	if saved.Case.Stage() != rtb.StageAwaitingReply || saved.History[len(saved.History)-1].Event.Date != day(2026, time.November, 20) {
		t.Fatalf("saved %s", saved.Case)
	}
	wantIn(t, strings.Join(said, "\n"), "s125 offer notice served recorded on NW1004. Stage: Awaiting tenant's reply")
	wantIn(t, m.View(), "Awaiting tenant's reply")
}

// asHarness wraps a pane for driving.
func (m Model) asHarness() tuitest.Host[Model] { return tuitest.Open(m, "") }

func TestCheckFormKeepsTheClocksAndNeedsANoteForAConcern(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1002"} })
	m = press(t, m, "c")
	wantIn(t, m.View(), "Fraud check on NW1002", "‹ Identity ›", "‹ passed ›")
	// Principal home, concern, no note: refused at the confirmation.
	m = press(t, m, "right", "tab", "right", "tab", "enter")
	wantIn(t, m.View(), "say what the concern is")
	m = typeText(t, m, "NFI match")
	m = press(t, m, "enter")
	wantWords(t, m.View(), "Confirm:", "Principal home: concern on NW1002", "The statutory clocks keep running (next: RTB2 (admit or deny the right) due Mon 30 Nov 2026")
	m = press(t, m, "y")
	v := m.View()
	wantIn(t, v, "⚑ FRAUD CONCERN")
	saved, _ := c.st.RTBCase(t.Context(), c.bob)
	if r := saved.Case.Fraud().Result(rtb.CheckPrincipalHome); r.Status != rtb.Concern || r.Note != "NFI match" {
		t.Fatalf("saved %+v", r)
	}
	if u, _ := rtb.Next(saved.Case, domain.DefaultHolidays(), tuitest.Today); u.Deadline.Due != day(2026, time.November, 30) {
		t.Fatalf("the concern moved the RTB2 to %s", u.Deadline.Due)
	}
}

func TestNewClaimForTheSelectedAccountOpensIt(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	// Alice already has an open claim: the form says so as it is filled in.
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1001"} })
	m = press(t, m, "n")
	wantIn(t, m.View(), "New Right to Buy claim on NW1001 Alice Example", "NW1001 already has open claim "+c.alice)
	m = press(t, m, "esc")
	if pane(m).form != nil {
		t.Fatal("esc left the form open")
	}
	// Fay's account is a garage: the store refuses the claim at saving, the
	// form stays open with the reason, and nothing is written.
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1006"} })
	m = press(t, m, "n", "enter", "enter", "enter", "enter", "enter")
	wantWords(t, m.View(), "Confirm:", "open a Right to Buy claim on NW1006")
	m = press(t, m, "y")
	wantWords(t, m.View(), "current rent account")
	if cases, _ := c.st.RTBCases(t.Context(), ""); len(cases) != 5 || pane(m).form == nil {
		t.Fatalf("after a refused claim: %d cases, form open %v", len(cases), pane(m).form != nil)
	}
	m = press(t, m, "esc")
	// With no account chosen, the form starts blank and asks for one.
	// (Its problem shows once the officer tries to go on without one.)
	blank := press(t, start(t, c.st, 80, 20), "n", "enter")
	wantWords(t, blank.View(), "New Right to Buy claim", "Account", "give the tenancy's account ref")
	// Eve withdrew; she claims again. Her property is a flat (fixture).
	m = drive(t, m, func() tea.Msg { return common.AccountSelectedMsg{Ref: "NW1005"} })
	m = press(t, m, "n")
	wantIn(t, m.View(), "New Right to Buy claim on NW1005 Eve Placeholder", "‹ flat ›")
	m = press(t, m, "tab")
	for range 10 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "2026-11-16")
	m = press(t, m, "enter", "enter", "enter", "enter")
	wantWords(t, m.View(), "Confirm:", "open a Right to Buy claim on NW1005: RTB1 received Mon 16 Nov 2026",
		"a flat, sold on a lease", "next: RTB2 (admit or deny the right) due Mon 14 Dec 2026: 21 days left")
	m = press(t, m, "y")
	p := pane(m)
	l, ok := p.lineByID(p.viewID)
	if !p.viewing || !ok || l.Ref != "NW1005" || !l.Open {
		t.Fatalf("the new claim was not opened: viewing %v %s", p.viewing, l.Ref)
	}
	wantIn(t, m.View(), "Right to Buy · NW1005 Eve Placeholder", "Awaiting RTB2")
}

func TestDiscountCalculatorWorksAsYouType(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	m = press(t, m, "enter", "d") // Alice's claim: a house, RTB1 1 Oct 2026
	p := pane(m)
	if p.form == nil || p.formKind != formDiscount {
		t.Fatal("d opened no calculator")
	}
	wantIn(t, m.View(), "Discount for NW1001 Alice Example (nothing is saved)", "‹ house ›", "2026-10-01")
	wantHeight(t, m.View(), 20)
	// Fact sheet (a): £200,000, 12 years, North West.
	m = typeText(t, m, "200000")
	m = press(t, m, "tab", "backspace")
	m = typeText(t, m, "12")
	m = press(t, m, "tab", "tab", "right")
	v := m.View()
	wantIn(t, v, "‹ north-west ›", "Discount 42%: £26,000.00 (cap £26,000.00, North West); price £174,000.00.")
	wantHeight(t, v, 20)
	// Under 3 years: no right to buy, said as soon as it is typed.
	m = press(t, m, "up", "up", "backspace", "backspace")
	m = typeText(t, m, "2")
	wantIn(t, m.View(), "No right to buy: under the qualifying period.")
	m = press(t, m, "backspace")
	m = typeText(t, m, "12")
	// Finishing keeps the answer on the claim and remembers the region.
	var said []string
	m = statuses{Host: pane(m).asHarness(), said: &said}
	m = press(t, m, "enter", "enter", "enter", "enter", "enter", "enter")
	p = pane(m)
	if p.form != nil || p.region != "north-west" {
		t.Fatalf("form open %v, region %q", p.form != nil, p.region)
	}
	wantIn(t, strings.Join(said, "\n"), "Discount 42%: £26,000.00", "Nothing was saved.")
	l, _ := p.lineByID(c.alice)
	wantWords(t, p.renderCase(l), "Discount — calculated here, not saved", "42% of £200,000.00 = £84,000.00")
	m = press(t, m, "d")
	wantIn(t, m.View(), "‹ north-west ›")
}

func TestViewIsExactlyItsHeight(t *testing.T) {
	c := fixture(t)
	for _, size := range [][2]int{{80, 20}, {80, 10}, {160, 44}, {60, 16}} {
		m := start(t, c.st, size[0], size[1])
		for _, keys := range [][]string{nil, {"enter"}, {"enter", "e"}, {"esc", "esc", "c"}, {"esc", "d"}, {"esc", "n"}, {"esc", "a"}} {
			m = press(t, m, keys...)
			v := m.View()
			wantHeight(t, v, size[1])
			for _, line := range strings.Split(v, "\n") {
				if w := len([]rune(line)); w > size[0] {
					t.Errorf("%dx%d after %v: a line is %d wide: %q", size[0], size[1], keys, w, line)
				}
			}
		}
	}
}

func TestShortHelpFitsBesideTheRootKeysAt80Columns(t *testing.T) {
	c := fixture(t)
	m := start(t, c.st, 80, 20)
	h := help.New()
	h.Width = 80
	root := []key.Binding{
		key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
	for _, keys := range [][]string{nil, {"enter"}, {"e"}, {"esc", "esc", "d"}} {
		m = press(t, m, keys...)
		line := h.ShortHelpView(append(pane(m).ShortHelp(), root...))
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("after %v the help line is %d wide: %q", keys, w, line)
		}
		if !strings.Contains(line, "? all keys") {
			t.Errorf("after %v the root's ? is crowded out: %q", keys, line)
		}
	}
	if len(pane(m).FullHelp()) == 0 {
		t.Fatal("no full help")
	}
}

// ---- teatest: the pane as a program sees it ----

// waitFor waits until the output holds every one of wants (tuitest.WaitFor).
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	tuitest.WaitFor(t, tm, wants...)
}

func TestTeatestFirstFrameListsClaimsByUrgency(t *testing.T) {
	c := fixture(t)
	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, c.st), ""), teatest.WithInitialTermSize(80, 24))
	var frame string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		frame = string(b)
		return strings.Contains(frame, "NW1004") && strings.Contains(frame, "OVERDUE 25d")
	}, teatest.WithDuration(5*time.Second))
	inOrder(t, frame, "OVERDUE 25d", "DUE TODAY", "DUE SOON 7d", "in 35d")
	inOrder(t, frame, "NW1001", "NW1003", "NW1002", "NW1004")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestTeatestOpeningAClaimShowsItsDates(t *testing.T) {
	c := fixture(t)
	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, c.st), ""), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "OVERDUE 25d")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Right to Buy · NW1001 Alice Example", "Dates, and how each was counted", "4 weeks from the RTB1 received Thu 1 Oct")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestTeatestRecordingAStepUpdatesTheStage(t *testing.T) {
	c := fixture(t)
	tm := teatest.NewTestModel(t, tuitest.Open(newPane(t, c.st), ""), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "OVERDUE 25d", "Awaiting RTB2")
	// Alice is first; e offers the RTB2 first, dated today.
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("e")})
	waitFor(t, tm, "‹ RTB2 served admitting the right ›")
	for range 4 {
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	}
	waitFor(t, tm, "25 days LATE", "Stage then: Awaiting offer")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	// The list reloads: Alice's claim now waits for the offer, due in 8
	// weeks (Mon 18 Jan 2027), the fraud concern still marked.
	waitFor(t, tm, "in 56d", "Awaiting offer (s125) · ⚑ FRAUD CONCERN")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tuitest.Host[Model])
	if l, ok := final.Pane.lineByID(c.alice); !ok || l.Stage != rtb.StageAwaitingOffer {
		t.Fatalf("final stage %q", l.Stage)
	}
	saved, err := c.st.RTBCase(t.Context(), c.alice)
	if err != nil || saved.Case.Stage() != rtb.StageAwaitingOffer || saved.History[0].Event.Date != tuitest.Today {
		t.Fatalf("saved %v, %v", saved.Case, err)
	}
}

func TestDiscountCalculatorTakesTheCapInForceOnTheRTB1Date(t *testing.T) {
	c := fixture(t)
	enterClaim := func(m tea.Model, received string) tea.Model {
		m = press(t, m, "enter", "d") // Alice's claim: a house, RTB1 1 Oct 2026
		m = typeText(t, m, "400000")
		m = press(t, m, "tab", "backspace")
		m = typeText(t, m, "30")
		m = press(t, m, "tab", "tab", "right", "tab", "tab")
		m = press(t, m, strings.Split(strings.Repeat("backspace ", 10), " ")[:10]...)
		return typeText(t, m, received)
	}
	m := enterClaim(start(t, c.st, 160, 30), "2024-11-20")
	wantIn(t, m.View(), "Discount 60%: £102,400.00 (cap £102,400.00, England (RTB1s served Sat 6 Apr 2024 to Wed 20 Nov 2024)); price £297,600.00.")
	m = press(t, m, "backspace")
	m = typeText(t, m, "1")
	wantIn(t, m.View(), "Discount 60%: £26,000.00 (cap £26,000.00, North West)")

	// An older claim: the 2023 cap, unconfirmed until the council checks it…
	m = enterClaim(start(t, c.st, 160, 30), "2023-06-01")
	wantIn(t, m.View(), "£96,000.00 (cap £96,000.00, England (RTB1s served Thu 6 Apr 2023 to Fri 5 Apr 2024), UNCONFIRMED)", "that cap is UNCONFIRMED")
	// …and the council's corrected table once it is loaded.
	text, err := c.st.ReferenceFile(store.RefRTBCaps)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(text, "2023-04-06,2024-04-05,all,,96000.00,no,")
	end := i + strings.Index(text[i:], "\n")
	text = text[:i] + "2023-04-06,2024-04-05,all,,95900.00,yes,the 2023 order (checked)," + text[end:]
	if _, err := c.st.LoadReference(t.Context(), store.RefRTBCaps, "caps.csv", []byte(text)); err != nil {
		t.Fatal(err)
	}
	m = enterClaim(start(t, c.st, 160, 30), "2023-06-01")
	v := m.View()
	wantIn(t, v, "£95,900.00 (cap £95,900.00, England (RTB1s served Thu 6 Apr 2023 to Fri 5 Apr 2024)); price")
	if strings.Contains(v, "UNCONFIRMED") {
		t.Fatalf("the corrected cap still says unconfirmed:\n%s", v)
	}
}
