package ledger

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
)

// chartRows is the height of the chart's bars: more on a taller screen,
// none on a very short one.
func (m Model) chartRows() int {
	switch {
	case m.height < 14:
		return 0
	case m.height < 22:
		return 3
	case m.height < 30:
		return 4
	case m.height < 40:
		return 6
	}
	return 8
}

// chartHeight is the lines the chart takes (bars and axis), 0 without one.
func (m Model) chartHeight() int {
	if m.chartRows() == 0 || len(m.lines) == 0 {
		return 0
	}
	return m.chartRows() + 1
}

// tableHeight is the number of transaction rows the ledger view shows:
// what is left after the header, charges line, chart, column heading and
// the highlighted line's details.
func (m Model) tableHeight() int {
	return max(m.height-4-m.chartHeight(), 1)
}

// statementHeight is the rows of the statement preview: what is left after
// the header, title, summary, print hint and column heading.
func (m Model) statementHeight() int { return max(m.height-5, 1) }

// weeklyNow is the weekly charge the header and arrears in weeks use: the
// charge in force today, or on the last day of a tenancy that has ended.
func (m Model) weeklyNow() (weekly domain.Money, ended bool) {
	a, on := m.account, m.ctx.Today
	if !a.End.IsZero() && a.End.Before(on) {
		on, ended = a.End, true
	}
	return a.WeeklyCharge(on), ended
}

// balanceWords is the balance with what it means: "£1,100.00 owed",
// "£20.00 CR (in credit)", "£0.00 (clear)".
func balanceWords(b domain.Money) string {
	switch {
	case b.IsPositive():
		return b.Balance() + " owed"
	case b.IsNegative():
		return b.Balance() + " (in credit)"
	}
	return b.Balance() + " (clear)"
}

// header is the line that is always shown: the account, its balance, the
// arrears in weeks and the weekly charge. The balance comes before the
// name so a narrow screen cuts the name, never the balance.
func (m Model) header() string {
	s := m.ctx.Styles
	a := m.account
	weekly, ended := m.weeklyNow()
	bal := "Balance " + balanceWords(a.Balance)
	if a.Balance.IsPositive() {
		bal = s.Danger.Render(bal)
	} else if a.Balance.IsNegative() {
		bal = s.Good.Render(bal)
	}
	// Arrears in weeks of the weekly charge, beside the balance they measure.
	if w, ok := domain.ArrearsWeeks(a.Balance, weekly); ok && a.Balance.IsPositive() {
		bal += " (" + w.Words() + ")"
	}
	parts := []string{s.Title.Render(a.Ref), bal}
	switch {
	case ended:
		// Weeks of arrears are still weeks of the last charge, but nothing
		// more is charged: say so rather than show a weekly charge.
		parts = append(parts, "ended "+a.End.Short())
	case weekly.IsPositive():
		parts = append(parts, "weekly "+weekly.Human())
	default:
		parts = append(parts, "no weekly charge")
	}
	line := strings.Join(parts, " · ")
	if named := s.Title.Render(a.Ref+" "+a.Name) + " · " + strings.Join(parts[1:], " · "); lipgloss.Width(named) <= m.width {
		line = named
	}
	return common.Truncate(line, m.width)
}

// chargesLine is the weekly charge and its parts.
func (m Model) chargesLine() string {
	s := m.ctx.Styles
	a := m.account
	weekly, ended := m.weeklyNow()
	on := m.ctx.Today
	if ended {
		on = a.End
	}
	var parts []string
	for _, c := range domain.ChargesOn(a.Charges, on) {
		parts = append(parts, domain.ComponentLabel(c.Component)+" "+c.Weekly.Human())
	}
	text := a.Kind.Label() + " · "
	switch {
	case ended:
		text += "ended " + a.End.Human() + "; last weekly charge " + weekly.Human()
	case len(parts) == 0:
		text += "no weekly charge"
	default:
		text += "weekly charge " + weekly.Human()
	}
	if len(parts) > 0 {
		text += " = " + strings.Join(parts, " + ")
	}
	if a.RentFreeWeeks > 0 {
		text += fmt.Sprintf(" · %d rent-free weeks", a.RentFreeWeeks)
	}
	return s.Muted.Render(common.Truncate(text, m.width))
}

// View draws the pane in exactly the height it was given.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.ctx.Styles
	var b []string
	switch {
	case m.ref == "":
		b = append(b, s.Title.Render("Ledger"), "",
			common.Truncate("No account chosen yet.", m.width),
			common.Truncate("Choose one on the Caseload pane (press 1), then press enter on it:", m.width),
			common.Truncate("its transactions, balance and charges show here.", m.width))
		return common.FitHeight(strings.Join(b, "\n"), m.height)
	case !m.loaded:
		return common.FitHeight(s.Muted.Render(common.Truncate("Loading the ledger of "+m.ref+"…", m.width)), m.height)
	case m.err != nil:
		return common.FitHeight(s.Error.Render(common.Truncate("✗ "+m.err.Error(), m.width)), m.height)
	}
	b = append(b, m.header())
	if m.form != nil {
		f := m.form.View(m.width)
		room := m.height - 1 - lipgloss.Height(f)
		if room >= 3 {
			b = append(b, m.tableHeading())
			b = append(b, m.rowsAround(room-1)...)
		}
		b = append(b, f)
		return common.FitHeight(strings.Join(b, "\n"), m.height)
	}
	if m.statement != nil {
		b = append(b, m.statementView()...)
		return common.FitHeight(strings.Join(b, "\n"), m.height)
	}
	b = append(b, m.chargesLine())
	if m.chartHeight() > 0 {
		b = append(b, chartLines(m.lines, m.ctx.Today, m.width, m.chartRows())...)
	}
	b = append(b, m.tableHeading())
	h := m.tableHeight()
	if len(m.lines) == 0 {
		b = append(b, s.Muted.Render(common.Truncate("  No transactions yet. p posts a payment, a an adjustment.", m.width)))
	}
	for i := m.offset; i < min(m.offset+h, len(m.lines)); i++ {
		b = append(b, m.row(m.lines[i], i == m.cursor))
	}
	for len(b) < m.height-1 {
		b = append(b, "")
	}
	b = append(b, m.detailLine())
	return common.FitHeight(strings.Join(b, "\n"), m.height)
}

// rowsAround is up to n rows ending at (or just past) the cursor, for the
// space left above a form.
func (m Model) rowsAround(n int) []string {
	end := min(len(m.lines), max(m.cursor+1, n))
	start := max(end-n, 0)
	var out []string
	for i := start; i < end; i++ {
		out = append(out, m.row(m.lines[i], i == m.cursor))
	}
	return out
}

// columns are the widths of the ledger table at the pane's width; the
// reference (and, on a wide screen, the note) take what is left.
type columns struct {
	date, typ, method, ref, amount, balance, note int
}

func (m Model) columns() columns {
	c := columns{date: 9, typ: 16, method: 14, amount: 12, balance: 13}
	if m.width < 100 {
		c.typ, c.method, c.amount = 15, 11, 11
	}
	rest := m.width - 2 - c.date - c.typ - c.method - c.amount - c.balance - 6
	if m.width >= 130 {
		c.ref = min(max(rest/3, 12), 24)
		c.note = max(rest-c.ref-1, 0)
	} else {
		c.ref = max(rest, 4)
	}
	return c
}

func (m Model) cells(glyph, date, typ, method, ref, amount, balance, note string) string {
	c := m.columns()
	line := common.PadRight(glyph, 2) + common.PadRight(date, c.date) + " " + common.PadRight(typ, c.typ) + " " +
		common.PadRight(method, c.method) + " " + common.PadRight(ref, c.ref) + " " + common.PadLeft(amount, c.amount) + " " +
		common.PadLeft(balance, c.balance)
	if c.note > 0 {
		line += "  " + common.Truncate(note, c.note)
	}
	return line
}

func (m Model) tableHeading() string {
	return m.ctx.Styles.Label.Render(common.Truncate(m.cells("", "date", "type", "method", "reference", "amount", "balance", "note"), m.width))
}

// methodText is the method column: blank where the type already says it
// (Universal Credit, Housing Benefit, DHP).
func methodText(l store.LedgerLine) string {
	if l.Method == "" {
		return ""
	}
	label := domain.PaymentMethod(l.Method).Label()
	if label == l.Type.Label() {
		return ""
	}
	return label
}

// refText is the reference column with what happened to the line, in
// words so it survives NO_COLOR.
func refText(l store.LedgerLine) string {
	ref := l.Reference
	switch {
	case l.Type == domain.TxnTransferIn || l.Type == domain.TxnTransferOut:
		// "to GA1001 …" / "from FT1001 …": where the credit went.
		ref = strings.TrimSpace(l.Note + " " + ref)
	case l.Void:
		ref = strings.TrimSpace("VOID duplicate " + ref)
	case l.Reverses != "":
		ref = strings.TrimSpace("of " + l.Reverses + " " + ref)
	}
	if l.ReversedBy != "" {
		ref = strings.TrimSpace(ref + " [reversed]")
	}
	return ref
}

func (m Model) row(l store.LedgerLine, selected bool) string {
	s := m.ctx.Styles
	glyph := ""
	if selected {
		glyph = common.SelectGlyph
	}
	line := common.Truncate(m.cells(glyph, l.Date.Short(), l.Type.Label(), methodText(l), refText(l), l.Amount.Human(), l.Balance.Balance(), l.Note), m.width)
	switch {
	case selected:
		return s.Selected.Render(common.PadRight(line, m.width))
	case l.Void || l.ReversedBy != "":
		return s.Muted.Render(line)
	}
	return line
}

// detailLine is the highlighted transaction in full: its id (for `caseload
// post --type reverse --of`), note and reversal.
func (m Model) detailLine() string {
	l, ok := m.current()
	if !ok {
		return ""
	}
	parts := []string{common.SelectGlyph + " " + l.ID, l.Date.Human(), l.Type.Label() + " " + l.Amount.Human()}
	if l.Reference != "" {
		parts = append(parts, "ref "+l.Reference)
	}
	if l.Note != "" {
		parts = append(parts, l.Note)
	}
	if l.Reverses != "" {
		parts = append(parts, "reverses "+l.Reverses)
	}
	if l.ReversedBy != "" {
		parts = append(parts, "reversed by "+l.ReversedBy)
	}
	if l.Void {
		parts = append(parts, "void: a duplicate reversal from another machine, not counted")
	}
	parts = append(parts, fmt.Sprintf("%d of %d", m.cursor+1, len(m.lines)))
	return m.ctx.Styles.Muted.Render(common.Truncate(strings.Join(parts, " · "), m.width))
}

// statementView is the statement preview: the period's opening balance,
// its transactions and the closing balance with arrears in weeks.
func (m Model) statementView() []string {
	s := m.ctx.Styles
	v := m.statement
	title := fmt.Sprintf("Statement %s to %s", v.from.Human(), v.to.Human())
	switch {
	case !v.loaded:
		return []string{s.Title.Render(common.Truncate(title, m.width)), s.Muted.Render("Loading…")}
	case v.err != nil:
		return []string{s.Title.Render(common.Truncate(title, m.width)), s.Error.Render(common.Truncate("✗ "+v.err.Error(), m.width))}
	}
	st := v.st
	summary := "opening " + st.Opening.Balance() + " · closing " + balanceWords(st.Closing)
	if st.Weeks != nil && st.Closing.IsPositive() {
		summary += " · " + st.Weeks.Words() + " of " + st.Weekly.Human()
	}
	out := []string{
		s.Title.Render(common.Truncate(title, m.width)),
		common.Truncate(summary, m.width),
		s.Muted.Render(common.Truncate(fmt.Sprintf("To print: caseload statement %s --from %s --to %s", st.Account.Ref, v.from, v.to), m.width)),
		m.tableHeading(),
	}
	rows := []string{m.cells("", v.from.Short(), "Opening balance", "", "", "", st.Opening.Balance(), "")}
	for _, l := range st.Lines {
		rows = append(rows, m.row(l, false))
	}
	rows = append(rows, m.cells("", v.to.Short(), "Closing balance", "", "", "", st.Closing.Balance(), ""))
	h := m.statementHeight()
	start := min(v.offset, max(len(rows)-h, 0))
	for i := start; i < min(start+h, len(rows)); i++ {
		out = append(out, common.Truncate(rows[i], m.width))
	}
	return out
}
