package arrange

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/theme"
)

// wideFrom is the width from which the schedule gets its own column beside
// the figures (and the history shows under them) instead of sharing the
// lower panel with the history: from there the figures still get the 78
// cells they have on an 80-column screen.
const wideFrom = scheduleWidth + 2 + 78

// scheduleWidth is the schedule's column in the wide layout: its lines are
// 56 cells; the figures and the history take the rest.
const scheduleWidth = 60

// labelWidth is the width of a field's label.
const labelWidth = 12

// View draws the pane in exactly its height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.affOpen {
		return common.FitHeight(m.affordView(), m.height)
	}
	var body string
	if m.wide() {
		lw := m.width - scheduleWidth - 2
		left := append(m.topLines(lw), "")
		left = append(left, m.historyLines(lw)...)
		rw := scheduleWidth
		l := common.FitHeight(strings.Join(padAll(truncAll(left, lw), lw), "\n"), m.height)
		r := common.FitHeight(strings.Join(m.scheduleLines(rw, m.height), "\n"), m.height)
		body = lipgloss.JoinHorizontal(lipgloss.Top, l, "  ", r)
	} else {
		top := m.topLines(m.width)
		rows := max(m.height-len(top), 0)
		var panel []string
		if m.showHistory {
			panel = m.historyLines(m.width)
			if len(panel) > rows {
				start := min(m.offset, len(panel)-rows)
				panel = panel[max(start, 0):]
			}
		} else {
			panel = m.scheduleLines(m.width, rows)
		}
		body = strings.Join(append(top, panel...), "\n")
	}
	if m.form != nil {
		f := m.form.View(m.width)
		return common.FitHeight(common.FitHeight(body, max(m.height-lipgloss.Height(f), 0))+"\n"+f, m.height)
	}
	return common.FitHeight(body, m.height)
}

func (m Model) wide() bool { return m.width >= wideFrom }

// topLines are the heading, the fields, the result, the UC deduction range
// and the live arrangement.
func (m Model) topLines(w int) []string {
	lines := []string{m.heading(w)}
	lines = append(lines, m.fieldLines(w)...)
	lines = append(lines, m.resultLines(w)...)
	lines = append(lines, m.ucLines(w)...)
	lines = append(lines, m.liveLines(w)...)
	return truncAll(lines, w)
}

func (m Model) heading(w int) string {
	s := m.ctx.Styles
	head := s.Title.Render("Arrangement calculator")
	switch {
	case m.ref == "":
		head += " · no account: a free calculation"
	case m.account == nil:
		head += " · " + m.ref
	default:
		a := m.account
		head += " · " + a.Ref + " " + a.Name + " · " + balanceWords(a.Balance)
		if a.Vulnerable {
			head += " · " + s.Danger.Render("⚠ VULNERABLE")
		}
	}
	if !m.editing && m.form == nil {
		head += s.Muted.Render("  (e edits)")
	}
	return common.Truncate(head, w)
}

func balanceWords(b domain.Money) string {
	switch {
	case b.IsPositive():
		return "owes " + b.Human()
	case b.IsNegative():
		return b.Abs().Human() + " in credit"
	}
	return "balance £0.00"
}

// fieldLines are the fields, each problem on the line under its field.
func (m Model) fieldLines(w int) []string {
	s := m.ctx.Styles
	var lines []string
	for f := range nFields {
		marker := "  "
		if m.editing && m.focus == f {
			marker = common.SelectGlyph + " "
		}
		label, value := m.fieldView(f)
		lines = append(lines, marker+s.Label.Render(common.PadRight(label, labelWidth))+" "+value)
		if e := m.errs[f]; e != "" {
			indent := strings.Repeat(" ", labelWidth+3)
			if m.hint(f) {
				// An empty field nobody has typed in says what it needs.
				lines = append(lines, indent+s.Muted.Render(common.Truncate(e, max(w-labelWidth-3, 10))))
			} else {
				for _, l := range clip(common.Wrap("✗ "+e, max(w-labelWidth-3, 10)), 2, max(w-labelWidth-3, 10)) {
					lines = append(lines, indent+s.Error.Render(l))
				}
			}
		}
	}
	return lines
}

// hint reports whether field f's problem is only that nobody has filled
// it in yet: it is shown as what the field needs, not as a mistake.
func (m Model) hint(f field) bool {
	in := m.inputOf(f)
	return in >= 0 && !m.touched[f] && strings.TrimSpace(m.inputs[in].Value()) == ""
}

// mistaken reports whether a figure is wrong (not merely missing).
func (m Model) mistaken() bool {
	for f := range nFields {
		if m.errs[f] != "" && !m.hint(f) {
			return true
		}
	}
	return false
}

// fieldView is a field's label and value as shown.
func (m Model) fieldView(f field) (string, string) {
	s := m.ctx.Styles
	input := func(i int) string { return common.PadRight(m.inputs[i].View(), m.inputs[i].Width+1) }
	switch f {
	case fBalance:
		return "Balance", input(inBalance)
	case fFrequency:
		return "Frequency", "‹ " + string(arrangement.Frequencies[m.freq]) + " ›"
	case fStart:
		v := input(inStart)
		if d, err := domain.ParseDateUK(strings.TrimSpace(m.inputs[inStart].Value())); err == nil {
			v += " " + s.Muted.Render(d.Human())
		}
		return "Start", v
	case fBy:
		i := 0
		if m.byClearBy {
			i = 1
		}
		return "Work out by", "‹ " + byChoices[i] + " ›"
	}
	if m.byClearBy {
		v := input(inClearBy)
		if d, err := domain.ParseDateUK(strings.TrimSpace(m.inputs[inClearBy].Value())); err == nil {
			v += " " + s.Muted.Render(d.Human())
		}
		if m.planOK {
			v += " → " + s.Title.Render(m.plan.Instalment.Human()+" "+m.plan.Frequency.Per())
		}
		return "Clear by", v
	}
	v := input(inInstalment)
	if m.planOK {
		v += " → clears by " + m.plan.FinalDate.Human()
	}
	return "Instalment", v
}

// resultLines: count, first and final dates and amounts, the total, and
// what the resident pays each time with the ongoing charge.
func (m Model) resultLines(w int) []string {
	s := m.ctx.Styles
	label := func(l string) string { return s.Label.Render(common.PadRight(l, labelWidth+2)) }
	if !m.planOK {
		if m.mistaken() {
			return []string{label("Result") + s.Muted.Render("fix the figure marked ✗ above to see the schedule")}
		}
		return []string{label("Result") + s.Muted.Render("fill in the figures above to see the schedule")}
	}
	p := m.plan
	var first string
	if p.Count == 1 {
		first = fmt.Sprintf("one instalment of %s on %s", p.FinalAmount.Human(), p.FinalDate.Human())
	} else {
		first = fmt.Sprintf("%s instalments of %s %s · total %s", thousands(p.Count), p.Instalment.Human(), p.Frequency.Per(), p.Total.Human())
	}
	lines := []string{label("Result") + s.Title.Render(first)}
	if p.Count > 1 {
		lines = append(lines, label("")+fmt.Sprintf("first %s · final %s: %s", p.FirstDate.Human(), p.FinalDate.Human(), p.FinalAmount.Human()))
	}
	if m.account != nil {
		weekly := m.account.WeeklyCharge(p.FirstDate)
		lines = append(lines, label("Pays")+arrangement.ChargeLine(weekly, p.Instalment, p.Frequency, m.account.RentFreeWeeks))
	} else {
		lines = append(lines, label("Pays")+p.Instalment.Human()+" "+p.Frequency.Per()+" on top of the ongoing charge")
	}
	return lines
}

// rates are the UC standard allowances in force (the shipped table when
// the pane has no database).
func (m Model) rates() arrangement.Allowances {
	if m.ctx.Store == nil {
		return arrangement.DefaultAllowances()
	}
	return m.ctx.Store.UCRates()
}

// ucLines show a Universal Credit claimant's rent-arrears deduction range
// (10%–20% of the standard allowance) with its source, or why there is none.
func (m Model) ucLines(w int) []string {
	if m.account == nil || !m.account.UCClaimant {
		return nil
	}
	s := m.ctx.Styles
	c := arrangement.ClaimantTypes[m.claimant]
	on := m.ctx.Today
	if m.planOK {
		on = m.plan.FirstDate
	}
	label := s.Label.Render(common.PadRight("UC deduction", labelWidth+2))
	lo, hi, source, err := m.rates().DeductionRange(c, on)
	if err != nil {
		lines := []string{label + c.Label() + " (u changes)"}
		for _, l := range clip(common.Wrap(reasonOf(err), max(w-labelWidth-2, 10)), 2, max(w-labelWidth-2, 10)) {
			lines = append(lines, strings.Repeat(" ", labelWidth+2)+s.Warning.Render(l))
		}
		return lines
	}
	lines := []string{label + fmt.Sprintf("%s–%s a month for arrears · %s (u changes)", lo.Human(), hi.Human(), c.Label())}
	// The source in full where there is room; on a short screen its start.
	room := 2
	if m.height >= 30 {
		room = 8
	}
	for _, l := range clip(common.Wrap("source: "+source, max(w-labelWidth-2, 10)), room, max(w-labelWidth-2, 10)) {
		lines = append(lines, strings.Repeat(" ", labelWidth+2)+s.Muted.Render(l))
	}
	return lines
}

// liveLines are the account's live arrangement and its monitored state.
func (m Model) liveLines(w int) []string {
	s := m.ctx.Styles
	label := s.Label.Render(common.PadRight("Live", labelWidth+2))
	switch {
	case m.ref == "":
		return []string{label + s.Muted.Render("choose an account in the caseload to prefill its balance and save an arrangement")}
	case m.loadErr != nil:
		return []string{label + s.Error.Render("✗ "+m.loadErr.Error())}
	case m.account == nil:
		return []string{label + s.Muted.Render("loading "+m.ref+"…")}
	}
	live := m.live()
	if live == nil {
		text := "no live arrangement on " + m.ref
		if n := len(m.records); n > 0 {
			text += fmt.Sprintf(" · %d earlier (h shows them)", n)
		}
		return []string{label + text}
	}
	st := live.Status
	t := live.Terms
	lines := []string{label + stateWord(s, st.State) + fmt.Sprintf(" · %s %s from %s towards %s", t.Instalment.Human(), t.Frequency.Per(), t.Start.Short(), t.Arrears.Human())}
	detail := st.Reason
	if !st.NextDue.IsZero() {
		detail += " · next due " + st.NextDue.Human()
	}
	for _, l := range common.Wrap(detail, max(w-labelWidth-2, 10)) {
		lines = append(lines, strings.Repeat(" ", labelWidth+2)+l)
		if len(lines) == 3 {
			break
		}
	}
	return lines
}

// stateWord is a monitored state in capitals, coloured by the theme: the
// word carries it without colour too.
func stateWord(s *theme.Styles, st arrangement.State) string {
	word := strings.ToUpper(string(st))
	switch st {
	case arrangement.Broken:
		return s.Danger.Render(word)
	case arrangement.Kept, arrangement.Completed:
		return s.Good.Render(word)
	}
	return s.Muted.Render(word)
}

// historyLines are the account's arrangements, newest first, each with
// its terms and its state in words.
func (m Model) historyLines(w int) []string {
	s := m.ctx.Styles
	lines := []string{s.Title.Render("History") + s.Muted.Render(" (newest first)")}
	switch {
	case m.ref == "":
		return append(lines, s.Muted.Render("  no account chosen"))
	case m.account == nil:
		return append(lines, s.Muted.Render("  loading…"))
	case len(m.records) == 0:
		return append(lines, s.Muted.Render("  no arrangements recorded on "+m.ref))
	}
	for _, r := range m.records {
		head := fmt.Sprintf("  %s  %s %s from %s towards %s · made %s by %s", strings.ToUpper(string(r.State)), r.Terms.Instalment.Human(),
			r.Terms.Frequency.Per(), r.Terms.Start.Short(), r.Terms.Arrears.Human(), r.MadeOn.Short(), r.MadeBy)
		lines = append(lines, common.Truncate(head, w))
		for _, l := range common.Wrap(recordDetail(r), max(w-6, 10)) {
			lines = append(lines, "      "+s.Muted.Render(l))
		}
	}
	return lines
}

// recordDetail is what became of an arrangement, in words.
func recordDetail(r store.ArrangementRecord) string {
	text := r.ID + ": " + r.Words()
	if r.State == store.ArrangementLive && !r.Status.NextDue.IsZero() {
		text += " · next due " + r.Status.NextDue.Human()
	}
	return text
}

// scheduleRows is how many instalments the schedule shows in h lines.
func scheduleRows(h int) int { return max(h-2, 0) }

// panelRows is how many instalments fit on screen now.
func (m Model) panelRows() int {
	if m.wide() {
		return scheduleRows(m.height)
	}
	return scheduleRows(m.height - len(m.topLines(m.width)))
}

// clampOffset keeps the schedule's first shown line in range.
func (m *Model) clampOffset() {
	n := 0
	if m.showHistory {
		n = len(m.historyLines(m.width))
	} else if m.planOK {
		n = len(m.plan.Schedule)
	}
	m.offset = min(m.offset, max(n-max(m.panelRows(), 1), 0))
	m.offset = max(m.offset, 0)
}

// scheduleLines draw the schedule in h lines: a heading, the columns and
// the instalments from the scroll offset. Only the lines on screen are
// formatted, so a 1,040-line schedule costs no more than a short one.
func (m Model) scheduleLines(w, h int) []string {
	s := m.ctx.Styles
	if h <= 0 {
		return nil
	}
	if !m.planOK {
		return []string{s.Title.Render("Schedule") + s.Muted.Render(" · none until the figures add up")}
	}
	rows := scheduleRows(h)
	sched := m.plan.Schedule
	start := min(m.offset, max(len(sched)-rows, 0))
	end := min(start+rows, len(sched))
	head := s.Title.Render("Schedule") + s.Muted.Render(fmt.Sprintf(" · %s–%s of %s · j/k scroll", thousands(start+1), thousands(end), thousands(len(sched))))
	if !m.wide() {
		head += s.Muted.Render(" · h history")
	}
	lines := []string{common.Truncate(head, w), s.Label.Render(common.Truncate(fmt.Sprintf("%6s  %-16s %11s %14s", "n", "date", "amount", "balance after"), w))}
	for _, l := range sched[start:end] {
		lines = append(lines, common.Truncate(fmt.Sprintf("%6s  %-16s %11s %14s", thousands(l.N), l.Date.Human(), l.Amount.Human(), l.BalanceAfter.Human()), w))
	}
	return lines
}

// thousands writes n with separators: 1,040.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clip keeps the first n lines, marking a cut with "…" on the last kept.
func clip(lines []string, n, width int) []string {
	if len(lines) <= n {
		return lines
	}
	out := append([]string{}, lines[:n]...)
	out[n-1] = common.Truncate(out[n-1]+" "+lines[n]+"…", width)
	if !strings.HasSuffix(out[n-1], "…") {
		out[n-1] = common.Truncate(out[n-1], width-1) + "…"
	}
	return out
}

func truncAll(lines []string, w int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = common.Truncate(l, w)
	}
	return out
}

func padAll(lines []string, w int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = common.PadRight(l, w)
	}
	return out
}
