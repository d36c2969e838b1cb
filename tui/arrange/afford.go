package arrange

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/tui/common"
)

// The affordability sub-form: an income and expenditure statement, one
// line per heading (arrangement.Headings) with an amount and how often it
// is paid, giving the monthly surplus and a suggested instalment
// (arrangement.Assess) that one key puts into the calculator.

// affRow is one line of the statement.
type affRow struct {
	heading arrangement.Heading
	input   textinput.Model
	period  int // index into arrangement.Frequencies
	// rentFree is the account's rent-free weeks, for the rent line only.
	rentFree int
	err      string
}

// affordability is the statement being filled in, kept while the officer
// goes back to the calculator so reopening it loses nothing.
type affordability struct {
	rows   []affRow
	cursor int
	offset int // first display line shown
	result arrangement.Affordability
	ok     bool   // result is from the figures as they stand
	err    string // why there is no result
}

func newAffordability() *affordability {
	a := &affordability{}
	for _, h := range arrangement.Headings {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = "–"
		in.CharLimit = 12
		in.Width = 10
		in.Cursor.SetMode(cursor.CursorStatic)
		a.rows = append(a.rows, affRow{heading: h, input: in, period: freqIndex(arrangement.Monthly)})
	}
	a.focus()
	a.assess()
	return a
}

func freqIndex(f arrangement.Frequency) int {
	for i, x := range arrangement.Frequencies {
		if x == f {
			return i
		}
	}
	return 0
}

// setRent fills the rent line with the account's weekly charge: the
// instalment is paid on top of it, so it belongs in the outgoings.
func (a *affordability) setRent(weekly domain.Money, rentFreeWeeks int) {
	for i := range a.rows {
		r := &a.rows[i]
		if r.heading.Name == "rent" {
			r.input.SetValue(weekly.String())
			r.period, r.rentFree = freqIndex(arrangement.Weekly), rentFreeWeeks
		}
	}
	a.assess()
}

func (a *affordability) focus() {
	for i := range a.rows {
		if i == a.cursor {
			a.rows[i].input.Focus()
		} else {
			a.rows[i].input.Blur()
		}
	}
}

// statement reads the lines; a line that cannot be read keeps its reason.
func (a *affordability) statement() (arrangement.Statement, bool) {
	var s arrangement.Statement
	ok := true
	for i := range a.rows {
		r := &a.rows[i]
		r.err = ""
		v := strings.TrimSpace(r.input.Value())
		if v == "" {
			continue
		}
		amount, err := domain.ParseMoney(typing(v))
		if err != nil {
			r.err, ok = err.Error(), false
			continue
		}
		if amount.IsNegative() {
			r.err, ok = "enter what comes in or goes out as a positive amount", false
			continue
		}
		period := arrangement.Frequencies[r.period]
		it := arrangement.Item{Group: r.heading.Group, Name: r.heading.Name, Amount: amount, Period: period}
		if period != arrangement.Monthly {
			it.RentFreeWeeks = r.rentFree
		}
		s = append(s, it)
	}
	return s, ok
}

// assess redraws the result: it runs on every keystroke.
func (a *affordability) assess() {
	a.ok, a.err = false, ""
	s, ok := a.statement()
	if !ok {
		a.err = "fix the line marked ✗ to see the surplus"
		return
	}
	res, err := arrangement.Assess(s, arrangement.DefaultAffordability)
	if err != nil {
		a.err = err.Error()
		return
	}
	a.result, a.ok = res, true
}

// lineOf is the display line of row i: each group has a heading line, and
// a row with a problem has its reason on the line under it.
func (a *affordability) lineOf(i int) int {
	n := 0
	var group arrangement.Group
	for j := 0; j <= i && j < len(a.rows); j++ {
		if a.rows[j].heading.Group != group {
			group = a.rows[j].heading.Group
			n++
		}
		if j < i {
			n++
			if a.rows[j].err != "" {
				n++
			}
		}
	}
	return n
}

// clamp keeps the cursor's line (and its reason) inside h display lines.
func (a *affordability) clamp(h int) {
	h = max(h, 1)
	top := a.lineOf(a.cursor)
	bottom := top
	if a.rows[a.cursor].err != "" {
		bottom++
	}
	if a.cursor == 0 || (a.cursor > 0 && a.rows[a.cursor-1].heading.Group != a.rows[a.cursor].heading.Group) {
		top-- // show the group's heading with its first line
	}
	if top < a.offset {
		a.offset = top
	}
	if bottom >= a.offset+h {
		a.offset = bottom - h + 1
	}
	a.offset = max(a.offset, 0)
}

func (m Model) openAfford() (Model, tea.Cmd) {
	if m.aff == nil {
		m.aff = newAffordability()
		if m.account != nil {
			m.aff.setRent(m.account.WeeklyCharge(m.ctx.Today), m.account.RentFreeWeeks)
		}
	}
	m.affOpen = true
	m.aff.focus()
	m.aff.clamp(m.affListHeight())
	return m, nil
}

func (m Model) affordKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k, a := m.keys, m.aff
	switch {
	case key.Matches(msg, k.Back):
		m.affOpen = false
		return m, nil
	case key.Matches(msg, k.Apply):
		return m.applySuggestion()
	case key.Matches(msg, k.Next):
		a.cursor = (a.cursor + 1) % len(a.rows)
	case key.Matches(msg, k.Prev):
		a.cursor = (a.cursor + len(a.rows) - 1) % len(a.rows)
	case key.Matches(msg, k.ChoosePrev):
		r := &a.rows[a.cursor]
		r.period = (r.period + len(arrangement.Frequencies) - 1) % len(arrangement.Frequencies)
		a.assess()
	case key.Matches(msg, k.ChooseNext):
		r := &a.rows[a.cursor]
		r.period = (r.period + 1) % len(arrangement.Frequencies)
		a.assess()
	default:
		r := &a.rows[a.cursor]
		before := r.input.Value()
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(msg)
		if r.input.Value() != before {
			a.assess()
		}
		a.clamp(m.affListHeight())
		return m, cmd
	}
	a.focus()
	a.clamp(m.affListHeight())
	return m, nil
}

// applySuggestion puts the suggested instalment, at the calculator's
// frequency, into the calculator.
func (m Model) applySuggestion() (Model, tea.Cmd) {
	a := m.aff
	if !a.ok {
		return m, common.Status("No suggestion yet: " + a.err + ".")
	}
	f := arrangement.Frequencies[m.freq]
	sg := a.result.Suggested(f)
	m.byClearBy = false
	m.inputs[inInstalment].SetValue(sg.Amount.String())
	m.inputs[inInstalment].CursorEnd()
	m.affOpen = false
	m.focus = fAmount
	m.changed(fAmount)
	text := fmt.Sprintf("Instalment set to %s %s from the income and expenditure (%s a month left over).",
		sg.Amount.Human(), f.Per(), a.result.Surplus.Human())
	if sg.AtMinimum {
		text = fmt.Sprintf("Instalment set to the %s %s minimum: %s.", sg.Amount.Human(), f.Per(), a.result.Reason)
	}
	return m, common.Status(text)
}

// affListHeight is how many statement lines fit above the summary.
func (m Model) affListHeight() int { return max(m.height-affSummaryLines-1, 1) }

// affSummaryLines is the height of the figures under the statement.
const affSummaryLines = 5

// affordView draws the sub-form: the statement, scrolled to the cursor,
// and the figures it comes to.
func (m Model) affordView() string {
	s, a, w := m.ctx.Styles, m.aff, m.width
	title := "Income and expenditure"
	if m.ref != "" {
		title += " · " + m.ref
	}
	var lines []string
	var group arrangement.Group
	for i, r := range a.rows {
		if r.heading.Group != group {
			group = r.heading.Group
			lines = append(lines, s.Title.Render(group.Label()))
		}
		marker := "  "
		if i == a.cursor {
			marker = common.SelectGlyph + " "
		}
		period := arrangement.Frequencies[r.period]
		label := r.heading.Label
		if r.rentFree > 0 && period != arrangement.Monthly {
			label += fmt.Sprintf(" (%d rent-free wks)", r.rentFree)
		}
		line := marker + common.PadRight(label, min(38, max(w-46, 16))) + " " + common.PadRight(r.input.View(), 11) + " ‹ " + common.PadRight(string(period), 11) + " ›"
		if v := strings.TrimSpace(r.input.Value()); v != "" && r.err == "" {
			if amount, err := domain.ParseMoney(typing(v)); err == nil && period != arrangement.Monthly {
				rf := r.rentFree
				line += " " + s.Muted.Render("= "+arrangement.ToMonthly(amount, period, rf).Human()+"/mo")
			}
		}
		lines = append(lines, common.Truncate(line, w))
		if r.err != "" {
			lines = append(lines, "    "+s.Error.Render(common.Truncate("✗ "+r.err, max(w-4, 10))))
		}
	}
	h := m.affListHeight()
	start := min(a.offset, max(len(lines)-h, 0))
	view := lines[start:min(start+h, len(lines))]

	var sum []string
	if a.ok {
		r := a.result
		f := arrangement.Frequencies[m.freq]
		sg := r.Suggested(f)
		surplus := r.Surplus.Human()
		if r.Surplus.IsNegative() {
			surplus = s.Danger.Render("DEFICIT " + r.Surplus.Abs().Human())
		}
		sum = append(sum,
			fmt.Sprintf("Monthly: income %s · priority %s · essential %s · debts %s", r.Income.Human(), r.Priority.Human(), r.Essential.Human(), r.OtherDebts.Human()),
			"Left over "+surplus+" a month → suggest "+s.Title.Render(sg.Amount.Human()+" "+f.Per())+" (enter uses it)")
		sum = append(sum, common.Wrap(r.Reason, w)...)
	} else {
		sum = append(sum, s.Error.Render("✗ "+a.err))
	}
	head := s.Title.Render(title) + s.Muted.Render("  ↑↓ line · ←→ how often · enter use · esc back")
	return common.Truncate(head, w) + "\n" + common.FitHeight(strings.Join(view, "\n"), h) + "\n" +
		common.FitHeight(strings.Join(truncAll(sum, w), "\n"), affSummaryLines)
}
