package reports

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/report"
	"caseload/tui/chart"
	"caseload/tui/common"
)

// reportMsg is a computed report, as the pane shows it.
type reportMsg struct {
	seq     int
	choice  choice
	figures []figure
	notes   []string
	bands   []chart.Bar
	err     error
}

// drillMsg is the accounts behind a figure.
type drillMsg struct {
	seq      int
	accounts []account
	err      error
}

// loadReport computes the report for a choice in the background: at
// borough scale it takes a moment, and Update never waits for it. Looking
// writes nothing: the pane reads a closed period as the CLI's report
// would (at its snapshot's cut-off when one is kept) but keeps no
// snapshot itself — `caseload report` does.
func loadReport(ctx *common.Context, cx context.Context, seq int, c choice) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		r, err := st.ReportPreview(cx, c.reportScope(), c.period(), today)
		if err != nil {
			return reportMsg{seq: seq, err: fmt.Errorf("report for %s, %s: %w", c.scopeWords(), c.periodWords(), err)}
		}
		return reportMsg{seq: seq, choice: c, figures: figures(r), notes: notes(r), bands: bandBars(r)}
	}
}

// figures are the report's measures in its order, each with its formula
// (and, where the fact sheet leaves a definition unconfirmed, the reading
// used).
func figures(r report.Report) []figure {
	var out []figure
	for _, t := range r.Tables {
		for _, m := range t.Measures {
			formula := m.Formula
			if m.Note != "" {
				formula += " (" + m.Note + ")"
			}
			f := figure{section: t.Title, name: m.Label, value: m.Shown(), formula: formula, refs: m.Accounts}
			if e, ok := report.EventMeasureOf(m.Key); ok && m.Count > 0 {
				f.events = e.Types
			}
			out = append(out, f)
		}
	}
	return out
}

// bandBars are the accounts in arrears by weeks of the weekly charge at
// the period's end, one bar a band (technical arrears included, and how
// many of them are technical said beside it).
func bandBars(r report.Report) []chart.Bar {
	t, ok := r.Table("bands")
	if !ok {
		return nil
	}
	var out []chart.Bar
	for _, m := range t.Measures {
		if !strings.HasSuffix(m.Label, " (including technical)") {
			continue
		}
		text := common.Count(int64(m.Count))
		if d, ok := t.Find(m.Key + "-difference"); ok && d.Count > 0 {
			text += " (" + common.Count(int64(d.Count)) + " technical)"
		}
		label := strings.TrimSuffix(strings.TrimPrefix(m.Label, "Arrears "), " (including technical)")
		out = append(out, chart.Bar{Label: label, Value: decimal.NewFromInt(int64(m.Count)), Text: text})
	}
	return out
}

// notes say how the report was read: as at which ledger row, how it
// compares with its snapshot, and what arrived too late to count.
func notes(r report.Report) []string {
	out := []string{"Ledger: " + r.AsAt.Words + "."}
	if r.Snapshot != nil {
		out = append(out, r.Snapshot.Words())
	}
	if r.Late.Count > 0 {
		out = append(out, fmt.Sprintf("%s postings (%s) dated in or before the period arrived after it closed: left out here, they count as later adjustments.",
			common.Count(int64(r.Late.Count)), r.Late.Amount.Human()))
	}
	return out
}

// loadDrill reads the accounts behind a figure of the report for c in
// the background: those the report listed, or those with the events it
// counted in the period.
func loadDrill(ctx *common.Context, seq int, c choice, f figure) tea.Cmd {
	st := ctx.Store
	return func() tea.Msg {
		refs := f.refs
		if len(f.events) > 0 {
			var err error
			if refs, err = st.ReportEventAccounts(ctx.Ctx, c.reportScope(), c.period(), f.events); err != nil {
				return drillMsg{seq: seq, err: err}
			}
		}
		rows, err := st.ReportAccounts(ctx.Ctx, refs)
		if err != nil {
			return drillMsg{seq: seq, err: err}
		}
		out := make([]account, len(rows))
		for i, a := range rows {
			paid := "never paid"
			if !a.LastPayment.IsZero() {
				paid = "last paid " + a.LastPayment.Short()
			}
			if a.Status != "" && a.Status != domain.StatusCurrent {
				paid = string(a.Status) + " · " + paid
			}
			out[i] = account{ref: a.Ref, name: a.Name, officer: a.Officer, amount: a.Balance.Balance(), detail: paid}
		}
		return drillMsg{seq: seq, accounts: out}
	}
}
