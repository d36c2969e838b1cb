package reports

import (
	"strings"

	"caseload/tui/common"
)

// drillRows is the accounts the drill-down shows at once: the body less
// its heading and column names.
func (m Model) drillRows() int { return max(m.bodyHeight()-3, 1) }

// drillView lists the accounts behind the figure being drilled into.
func (m Model) drillView() string {
	s := m.ctx.Styles
	d := m.drill
	var b strings.Builder
	head := "Accounts behind “" + d.fig.name + "”"
	if !d.loading && d.err == nil {
		n := common.Count(int64(len(d.accounts)))
		if len(d.accounts) == 1 {
			head = "1 account" + head[len("Accounts"):]
		} else {
			head = n + " a" + head[1:]
		}
	}
	b.WriteString(s.Title.Render(common.Truncate(head, m.width)) + "\n")
	b.WriteString(s.Muted.Render(common.Truncate(strings.TrimSpace(d.fig.value)+" · enter opens an account in the caseload · esc back", m.width)) + "\n")
	switch {
	case d.loading:
		b.WriteString(s.Muted.Render("  Finding the accounts (loading)…"))
		return b.String()
	case d.err != nil:
		b.WriteString(s.Error.Render(common.Truncate("  ✗ "+d.err.Error(), m.width)))
		return b.String()
	case len(d.accounts) == 0:
		b.WriteString(s.Muted.Render("  No accounts behind this figure."))
		return b.String()
	}
	b.WriteString(s.Label.Render(m.drillRow("", "ref", "name", "officer", "balance now", "why")) + "\n")
	end := min(d.offset+m.drillRows(), len(d.accounts))
	for i := d.offset; i < end; i++ {
		a := d.accounts[i]
		glyph := ""
		if i == d.cursor {
			glyph = common.SelectGlyph
		}
		row := m.drillRow(glyph, a.ref, a.name, a.officer, a.amount, a.detail)
		if i == d.cursor {
			row = s.Selected.Render(row)
		}
		b.WriteString(row)
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// drillRow lays out one row of the accounts: the name and the reason get
// what the fixed columns leave.
func (m Model) drillRow(glyph, ref, name, officer, amount, detail string) string {
	rest := max(m.width-2-8-1-10-1-12-2, 20)
	nameW := min(max(rest/2, 12), 28)
	detailW := max(rest-nameW-1, 8)
	return strings.TrimRight(common.PadRight(glyph, 2)+common.PadRight(ref, 8)+" "+common.PadRight(name, nameW)+" "+
		common.PadRight(officer, 10)+" "+common.PadLeft(amount, 12)+"  "+common.Truncate(detail, detailW), " ")
}
