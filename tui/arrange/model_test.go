package arrange

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// toAmount focuses the instalment (or clear-by) field from browsing.
func toAmount(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = press(t, m, "e")
	for i := 0; i < int(nFields) && m.focus != fAmount; i++ {
		m, _ = press(t, m, "tab")
	}
	if !m.editing || m.focus != fAmount {
		t.Fatalf("not on the amount field: editing %v focus %d", m.editing, m.focus)
	}
	return m
}

// clearField deletes what the focused text field holds.
func clearField(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = press(t, m, "ctrl+u")
	return m
}

// flat is a view's words in one line, without the form's box: a
// confirmation wrapped inside the box reads as one sentence again.
func flat(v string) string {
	v = strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(v)
	return strings.Join(strings.Fields(v), " ")
}

func statuses(msgs []tea.Msg) string {
	var b []string
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			b = append(b, m.Text)
		case common.ErrMsg:
			b = append(b, "ERR "+m.Err.Error())
		}
	}
	return strings.Join(b, "\n")
}

func TestTypingUpdatesTheResultOnEveryKeystroke(t *testing.T) {
	m := selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 80, 20), "NW1001")
	if got := m.inputs[inBalance].Value(); got != "1100.00" {
		t.Fatalf("balance prefilled %q, want the account's arrears 1100.00", got)
	}
	m = toAmount(t, m)
	if !m.Capturing() {
		t.Fatal("a focused field must capture the keyboard")
	}
	steps := []struct {
		key, want string
	}{
		// £1 a week would take 1,100 instalments: refused, in place.
		{"1", "that would take 1,100 instalments (21 years): the limit is 1,040 — raise the instalment to at least £1.06"},
		{"0", "110 instalments of £10.00 a week · total £1,100.00"},
		{"0", "11 instalments of £100.00 a week · total £1,100.00"},
		{".", "11 instalments of £100.00 a week"},
		{"5", "11 instalments of £100.50 a week"},
		{"5", "first Mon 30 Nov 2026 · final Mon 8 Feb 2027: £94.50"},
		{"5", "has more than two decimal places"},
	}
	for _, s := range steps {
		m, _ = press(t, m, s.key)
		if v := flat(m.View()); !strings.Contains(v, s.want) {
			t.Fatalf("after %q the view lacks %q:\n%s", m.inputs[inInstalment].Value(), s.want, v)
		}
	}
	if !strings.Contains(m.View(), "fix the figure marked ✗") {
		t.Error("a refusal does not point at its field")
	}
	// esc leaves the field, so the root's keys (q, digits) work again.
	m, _ = press(t, m, "esc")
	if m.Capturing() || m.editing {
		t.Fatal("esc did not leave field editing")
	}
}

func TestTheOngoingChargeIsShownBesideTheInstalment(t *testing.T) {
	m := selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 80, 20), "NW1001")
	m = toAmount(t, m)
	m = typeText(t, m, "10")
	if v := m.View(); !strings.Contains(v, "£100.00 rent + £10.00 arrears = £110.00 a week") {
		t.Fatalf("no charge line:\n%s", v)
	}
	// Monthly: the weekly charge × 52 ÷ 12 (NW1001 has no rent-free weeks).
	m, _ = press(t, m, "up", "up", "up", "m")
	if v := m.View(); !strings.Contains(v, "£433.33 rent + £10.00 arrears = £443.33 a month") {
		t.Fatalf("no monthly charge line:\n%s", v)
	}
}

func TestEveryRefusalExplainsItselfUnderItsField(t *testing.T) {
	cases := []struct {
		name    string
		balance string
		clearBy bool
		amount  string
		start   string
		field   field
		want    string
	}{
		{"balance with three decimals", "12.345", false, "10", "", fBalance, `amount "12.345" has more than two decimal places`},
		{"balance with a separator", "1,100", false, "10", "", fBalance, "has a thousands separator"},
		{"zero balance", "0", false, "10", "", fBalance, "must be more than £0.00 (got £0.00): there are no arrears to schedule"},
		{"negative balance", "-5", false, "10", "", fBalance, "must be more than £0.00 (got -£5.00)"},
		{"zero instalment", "100", false, "0", "", fAmount, "must be at least £0.01 (got £0.00)"},
		{"instalment that is not a number", "100", false, "ten", "", fAmount, `amount "ten" is not a number`},
		{"more than 1,040 instalments", "1100", false, "1", "", fAmount, "that would take 1,100 instalments"},
		{"clear-by before the start", "100", true, "2026-11-29", "", fAmount, "Sun 29 Nov 2026 is before the start, Mon 30 Nov 2026"},
		{"clear-by too far off", "10000", true, "2060-01-01", "", fAmount, "clearing by Thu 1 Jan 2060 would take 1,725 instalments (33 years): the limit is 1,040 — clear by Mon 29 Oct 2046 or earlier"},
		{"impossible start", "100", false, "10", "2026-02-30", fStart, `"2026-02-30" is not a real date`},
		{"impossible clear-by", "100", true, "31/04/2027", "", fAmount, `"31/04/2027" is not a real date`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newPane(t, nil, tuitest.Today, 80, 20)
			m, _ = press(t, m, "e")
			m = typeText(t, m, c.balance)
			if c.start != "" {
				m, _ = press(t, m, "tab", "tab")
				m = clearField(t, m)
				m = typeText(t, m, c.start)
				m, _ = press(t, m, "shift+tab", "shift+tab")
			}
			if c.clearBy {
				m, _ = press(t, m, "tab", "tab", "tab", "right")
			} else {
				m, _ = press(t, m, "tab", "tab", "tab")
			}
			m, _ = press(t, m, "tab")
			m = typeText(t, m, c.amount)
			if m.planOK {
				t.Fatalf("a plan from refused figures: %+v", m.plan.Summary())
			}
			if !strings.Contains(m.errs[c.field], c.want) {
				t.Fatalf("field %d says %q, want %q (all: %q)", c.field, m.errs[c.field], c.want, m.errs)
			}
			v := m.View()
			// The reason is on the line under its field, marked ✗.
			lines := strings.Split(v, "\n")
			label, _ := m.fieldView(c.field)
			for i, l := range lines {
				if strings.Contains(l, label) && i+1 < len(lines) && strings.Contains(lines[i+1], "✗") {
					return
				}
			}
			t.Fatalf("no ✗ under %s:\n%s", label, v)
		})
	}
}

func TestSchedulesAsTheOfficerTypesThem(t *testing.T) {
	cases := []struct {
		name, balance, start string
		freq, by, amount     string
		want                 []string
	}{
		{"clear-by equal to the start is one payment", "250.00", "2026-11-30", "w", "c", "2026-11-30",
			[]string{"one instalment of £250.00 on Mon 30 Nov 2026", "£250.00 a week"}},
		{"31 January monthly in a leap year", "100.00", "2028-01-31", "m", "c", "2028-03-31",
			[]string{"3 instalments of £33.34 a month", "final Fri 31 Mar 2028: £33.32", "Tue 29 Feb 2028"}},
		{"31 January monthly in a common year", "100.00", "2027-01-31", "m", "i", "40",
			[]string{"3 instalments of £40.00 a month", "Sun 28 Feb 2027", "final Wed 31 Mar 2027: £20.00"}},
		{"a last instalment of a few pence", "100.03", "2026-11-30", "w", "i", "10",
			[]string{"11 instalments of £10.00 a week", "final Mon 8 Feb 2027: £0.03"}},
		{"UK date form", "100.00", "30/11/2026", "w", "c", "28/12/2026",
			[]string{"5 instalments of £20.00 a week"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newPane(t, nil, tuitest.Today, 80, 30)
			m, _ = press(t, m, "e")
			m = typeText(t, m, c.balance)
			m, _ = press(t, m, "tab", c.freq, "tab")
			m = clearField(t, m)
			m = typeText(t, m, c.start)
			m, _ = press(t, m, "tab", c.by, "tab")
			m = typeText(t, m, c.amount)
			v := m.View()
			for _, w := range c.want {
				if !strings.Contains(v, w) {
					t.Errorf("view lacks %q:\n%s", w, v)
				}
			}
		})
	}
}

func TestEveryScheduleLineIsReachable(t *testing.T) {
	m := newPane(t, nil, tuitest.Today, 80, 20)
	m, _ = press(t, m, "e")
	m = typeText(t, m, "1040")
	m, _ = press(t, m, "tab", "tab", "tab", "tab")
	m = typeText(t, m, "1")
	m, _ = press(t, m, "esc", "G")
	v := m.View()
	if !strings.Contains(v, "1,040  Mon 29 Oct 2046") || !strings.Contains(v, "of 1,040") {
		t.Fatalf("the last instalment is not shown after G:\n%s", v)
	}
	m, _ = press(t, m, "g", "j", "j")
	if v := m.View(); !strings.Contains(v, "3–") || !strings.Contains(v, "     3  Mon 14 Dec 2026") {
		t.Fatalf("j does not scroll:\n%s", v)
	}
}

func TestViewFitsItsSizeInEveryState(t *testing.T) {
	st := tuitest.Store(t)
	for _, size := range [][2]int{{80, 20}, {160, 44}, {60, 12}} {
		w, h := size[0], size[1]
		m := newPane(t, st, tuitest.Today, w, h)
		states := map[string]Model{"no account": m}
		m = selectAccount(t, m, "NW1002")
		states["UC account"] = m
		m, _ = press(t, m, "e", "tab", "tab", "tab", "tab", "1", "2", ".", "3", "4", "5")
		states["editing with a refusal"] = m
		m, _ = press(t, m, "backspace", "esc")
		states["a schedule"] = m
		m, _ = press(t, m, "h")
		states["history"] = m
		m2, _ := press(t, m, "f")
		states["affordability"] = m2
		m3, _ := press(t, m, "s")
		states["save form"] = m3
		for name, s := range states {
			v := s.View()
			if n := strings.Count(v, "\n") + 1; n != h {
				t.Errorf("%d×%d %s: %d lines, want %d:\n%s", w, h, name, n, h, v)
			}
			for i, l := range strings.Split(v, "\n") {
				if lipgloss.Width(l) > w {
					t.Errorf("%d×%d %s: line %d is %d wide: %q", w, h, name, i, lipgloss.Width(l), l)
				}
			}
		}
	}
}

func TestAffordabilitySuggestionGoesIntoTheCalculator(t *testing.T) {
	m := selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 80, 20), "NW1001")
	m, _ = press(t, m, "f")
	if !m.Capturing() || !m.affOpen {
		t.Fatal("the sub-form must have the keyboard")
	}
	// Wages £1,500.00 a month; rent is prefilled (£100.00 a week);
	// food £80.00 a week; a loan £50.00 a month.
	m = typeText(t, m, "1500")
	for m.aff.rows[m.aff.cursor].heading.Name != "food" {
		m, _ = press(t, m, "down")
	}
	m = typeText(t, m, "80")
	m, _ = press(t, m, "left", "left", "left") // monthly → weekly
	for m.aff.rows[m.aff.cursor].heading.Name != "loans" {
		m, _ = press(t, m, "down")
	}
	m = typeText(t, m, "50")
	want, err := arrangement.Assess(arrangement.Statement{
		{Group: arrangement.GroupIncome, Name: "wages", Amount: domain.MustMoney("1500"), Period: arrangement.Monthly},
		{Group: arrangement.GroupPriority, Name: "rent", Amount: domain.MustMoney("100"), Period: arrangement.Weekly},
		{Group: arrangement.GroupEssential, Name: "food", Amount: domain.MustMoney("80"), Period: arrangement.Weekly},
		{Group: arrangement.GroupOtherDebts, Name: "loans", Amount: domain.MustMoney("50"), Period: arrangement.Monthly},
	}, arrangement.DefaultAffordability)
	if err != nil {
		t.Fatal(err)
	}
	// £1,500 − £433.33 − £346.67 − £50.00 = £670.00 a month; half of it
	// is £335.00 a month, £77.30 a week (× 12 ÷ 52, rounded down).
	if !m.aff.ok || !m.aff.result.Surplus.Equal(domain.MustMoney("670.00")) || !want.Surplus.Equal(m.aff.result.Surplus) {
		t.Fatalf("surplus %s (ok %v), want £670.00", m.aff.result.Surplus, m.aff.ok)
	}
	if v := m.View(); !strings.Contains(v, "Left over £670.00 a month → suggest £77.30 a week") {
		t.Fatalf("no suggestion shown:\n%s", v)
	}
	// A bad amount explains itself on its line and holds the suggestion back.
	m = typeText(t, m, ".123")
	if v := m.View(); !strings.Contains(v, "✗ amount \"50.123\" has more than two decimal places") {
		t.Fatalf("no reason under the line:\n%s", v)
	}
	m, msgs := press(t, m, "enter")
	if !m.affOpen || !strings.Contains(statuses(msgs), "No suggestion yet") {
		t.Fatalf("applied a suggestion from a bad statement: %v", msgs)
	}
	m, _ = press(t, m, "backspace", "backspace", "backspace", "backspace")
	// One key puts it into the calculator.
	m, msgs = press(t, m, "enter")
	if m.affOpen || m.Capturing() {
		t.Fatal("enter did not return to the calculator")
	}
	if got := m.inputs[inInstalment].Value(); got != "77.30" {
		t.Fatalf("instalment %q, want 77.30", got)
	}
	if !strings.Contains(statuses(msgs), "Instalment set to £77.30 a week") {
		t.Errorf("status %v", msgs)
	}
	if v := m.View(); !strings.Contains(v, "15 instalments of £77.30 a week") {
		t.Fatalf("the result did not follow:\n%s", v)
	}
	// Reopening keeps the statement.
	m, _ = press(t, m, "f")
	if !m.aff.result.Surplus.Equal(domain.MustMoney("670.00")) {
		t.Fatal("the statement was lost")
	}
}

func TestUCDeductionRangeWithItsSource(t *testing.T) {
	// A day in the 2025/26 tax year, the one with confirmed figures.
	today := domain.MustDate(2025, time.November, 24)
	m := selectAccount(t, newPane(t, tuitest.Store(t), today, 100, 30), "NW1002")
	v := flat(m.View())
	for _, want := range []string{"£40.01–£80.03 a month for arrears · Single, 25 or over", "source: UC standard allowance 2025/26", "Sch 6 para 7"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(t, m, "u")
	if v := m.View(); !strings.Contains(v, "£49.76–£99.51 a month for arrears · Couple, both under 25") {
		t.Errorf("claimant type did not change the range:\n%s", v)
	}
	// An unconfirmed year is used, and says so.
	m = selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 100, 30), "NW1002")
	if v := flat(m.View()); !strings.Contains(v, "£42.49–£84.98 a month") || !strings.Contains(v, "UNCONFIRMED figures") {
		t.Errorf("2026/27 not shown as unconfirmed:\n%s", v)
	}
	// A year without figures says so rather than guessing.
	m = selectAccount(t, newPane(t, tuitest.Store(t), domain.MustDate(2027, time.June, 1), 100, 30), "NW1002")
	if v := flat(m.View()); !strings.Contains(v, "no UC standard allowance figures for Tue 1 Jun 2027") {
		t.Errorf("no explanation for a missing year:\n%s", v)
	}
	// Not a claimant: nothing shown.
	m = selectAccount(t, m, "NW1001")
	if strings.Contains(m.View(), "UC deduction") {
		t.Error("deduction range shown for an account that is not a UC claimant")
	}
}

func TestUOnANonClaimantSaysWhyNothingHappens(t *testing.T) {
	m := selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 100, 30), "NW1001")
	before := m.claimant
	m, msgs := press(t, m, "u")
	if m.claimant != before || !strings.Contains(statuses(msgs), "u: NW1001 is not a UC claimant, so it has no UC deduction range.") {
		t.Fatalf("u on a non-claimant: claimant %d→%d, status %v", before, m.claimant, msgs)
	}
	m, msgs = press(t, newPane(t, tuitest.Store(t), tuitest.Today, 100, 30), "u")
	if !strings.Contains(statuses(msgs), "u: no account chosen") {
		t.Fatalf("u with no account: %v", msgs)
	}
}

func TestUCDeductionRangeFromTheLoadedRates(t *testing.T) {
	st := tuitest.Store(t)
	rates := "year,from,to,single_under_25,single_25_plus,couple_under_25,couple_25_plus,confirmed,source,note\n" +
		"2026/27,2026-04-06,2027-04-05,338.58,424.90,528.34,666.97,yes,gov.uk benefit and pension rates 2026 to 2027 (checked),\n"
	if _, err := st.LoadReference(t.Context(), store.RefUCRates, "rates.csv", []byte(rates)); err != nil {
		t.Fatal(err)
	}
	m := selectAccount(t, newPane(t, st, tuitest.Today, 100, 30), "NW1002")
	v := flat(m.View())
	if !strings.Contains(v, "£42.49–£84.98 a month") || strings.Contains(v, "UNCONFIRMED") || !strings.Contains(v, "(checked)") {
		t.Fatalf("the loaded table is not the one in force:\n%s", v)
	}
}

func TestSavingNeedsAnAccountAndValidFigures(t *testing.T) {
	m := newPane(t, nil, tuitest.Today, 80, 20)
	m, msgs := press(t, m, "s")
	if m.form != nil || !strings.Contains(statuses(msgs), "saving needs an account") {
		t.Fatalf("saved without an account: %v", msgs)
	}
	m = selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 80, 20), "NW1001")
	m, msgs = press(t, m, "s")
	if m.form != nil || !strings.Contains(statuses(msgs), "Nothing to save yet: Instalment: give the instalment") {
		t.Fatalf("saved without figures: %v", msgs)
	}
}

func TestSaveEndsTheLiveArrangementAndTheWorklistWatchesIt(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	m := selectAccount(t, newPane(t, st, tuitest.Today, 80, 24), "NW1001")
	m = toAmount(t, m)
	m = typeText(t, m, "5")
	m, _ = press(t, m, "esc", "s")
	if m.form == nil || !m.Capturing() {
		t.Fatal("s did not open the save form")
	}
	m, _ = press(t, m, "enter")
	if v := flat(m.View()); !strings.Contains(v, "Save £5.00 weekly from Mon 30 Nov 2026 towards £1,100.00 on NW1001") ||
		strings.Contains(v, "ends the live") {
		t.Fatalf("confirmation:\n%s", v)
	}
	m, msgs := press(t, m, "y")
	if m.form != nil || m.Dirty() {
		t.Fatalf("form still open after saving: %v", msgs)
	}
	if s := statuses(msgs); !strings.Contains(s, "saved on NW1001: £5.00 a week from Mon 30 Nov 2026") {
		t.Fatalf("status %q", s)
	}
	// The pane reloaded (common.Changed came back to it).
	if live := m.live(); live == nil || !live.Terms.Instalment.Equal(domain.MustMoney("5.00")) {
		t.Fatalf("live arrangement not shown: %+v", m.records)
	}
	if v := m.View(); !strings.Contains(v, "NOT-YET-DUE · £5.00 a week from 30 Nov 26 towards £1,100.00") {
		t.Fatalf("live line:\n%s", v)
	}

	// A second calculation ends it: the confirmation says so.
	m = toAmount(t, m)
	m = clearField(t, m)
	m = typeText(t, m, "10")
	m, _ = press(t, m, "esc", "s", "enter")
	if v := flat(m.View()); !strings.Contains(v, "ends the live £5.00 weekly arrangement") {
		t.Fatalf("confirmation does not say what it ends:\n%s", v)
	}
	m, _ = press(t, m, "y")
	recs, err := st.Arrangements(ctx, "NW1001", tuitest.Today, 7)
	if err != nil || len(recs) != 2 || recs[1].State != store.ArrangementSuperseded || recs[1].SupersededBy != recs[0].ID {
		t.Fatalf("history %+v %v", recs, err)
	}
	m, _ = press(t, m, "h")
	if v := m.View(); !strings.Contains(v, "SUPERSEDED  £5.00 a week") || !strings.Contains(v, "LIVE  £10.00 a week") {
		t.Fatalf("history view:\n%s", v)
	}
	// The worklist watches the new one: its facts carry it, and a live
	// arrangement not yet due holds the arrears ladder back.
	facts, err := st.AccountFacts(ctx, "NW1001", tuitest.Today, worklist.DefaultPolicy())
	if err != nil || facts.Arrangement == nil || !facts.Arrangement.Instalment.Equal(domain.MustMoney("10.00")) ||
		facts.Arrangement.Start != DefaultStart(tuitest.Today) || !facts.Arrangement.Arrears.Equal(domain.MustMoney("1100.00")) {
		t.Fatalf("worklist facts %+v %v", facts.Arrangement, err)
	}
	lines, err := st.Caseload(ctx, tuitest.Officer, tuitest.Today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Ref == "NW1001" {
			for _, it := range l.Items() {
				if it.Rule == worklist.RulePreAction || it.Rule == worklist.RuleFirstLetter || it.Rule == worklist.RuleNewArrears {
					t.Errorf("the arrears ladder still fires with a live arrangement: %+v", it)
				}
			}
		}
	}

	// Cancelling it with a reason brings the earlier one back.
	m, _ = press(t, m, "x")
	m = typeText(t, m, "agreed new terms")
	m, _ = press(t, m, "enter")
	if v := flat(m.View()); !strings.Contains(v, `because "agreed new terms" — the £5.00 weekly arrangement made Mon 23 Nov 2026 becomes live again`) {
		t.Fatalf("cancel confirmation:\n%s", v)
	}
	m, _ = press(t, m, "y")
	if live := m.live(); live == nil || !live.Terms.Instalment.Equal(domain.MustMoney("5.00")) {
		t.Fatalf("after cancelling, live %+v", live)
	}
}

func TestSaveFormEscWritesNothing(t *testing.T) {
	st := tuitest.Store(t)
	m := selectAccount(t, newPane(t, st, tuitest.Today, 80, 24), "NW1001")
	m = toAmount(t, m)
	m = typeText(t, m, "5")
	m, _ = press(t, m, "esc", "s", "enter")
	m, msgs := press(t, m, "esc") // back to editing the form
	m, msgs = press(t, m, "esc")
	if m.form != nil || !strings.Contains(statuses(msgs), "nothing was saved") {
		t.Fatalf("esc did not cancel: %v", msgs)
	}
	if recs, _ := st.Arrangements(t.Context(), "NW1001", tuitest.Today, 7); len(recs) != 0 {
		t.Fatalf("cancelled form wrote %+v", recs)
	}
	// The form's field validates as the officer types.
	m, _ = press(t, m, "s", "ctrl+u")
	m = typeText(t, m, "1100.001")
	if v := m.View(); !strings.Contains(v, "has more than two decimal places") {
		t.Fatalf("form does not validate as you type:\n%s", v)
	}
}

func TestAStaleLoadIsDropped(t *testing.T) {
	st := tuitest.Store(t)
	m := newPane(t, st, tuitest.Today, 80, 20)
	m, first := m.Update(common.AccountSelectedMsg{Ref: "NW1001"})
	m, second := m.Update(common.AccountSelectedMsg{Ref: "NW1002"})
	m, _ = m.Update(second())
	m, _ = m.Update(first()) // NW1001's answer arrives late
	if m.account == nil || m.account.Ref != "NW1002" || m.inputs[inBalance].Value() != m.account.Balance.String() {
		t.Fatalf("a stale load replaced the account: %+v", m.account)
	}
}

func TestDirtyOnlyWithTypedFigures(t *testing.T) {
	m := selectAccount(t, newPane(t, tuitest.Store(t), tuitest.Today, 80, 20), "NW1001")
	if m.Dirty() {
		t.Fatal("dirty before typing")
	}
	m = toAmount(t, m)
	m = typeText(t, m, "5")
	if !m.Dirty() {
		t.Fatal("typed figures for an account are unsaved input")
	}
	m, _ = press(t, m, "esc", "r")
	if m.Dirty() || m.inputs[inBalance].Value() != "1100.00" {
		t.Fatal("r did not reset to the account")
	}
}
