package caseload

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
)

// The first screen (issue 14). The worklist (store Caseload) runs the
// rules over every account's payments, events and arrangements, which
// takes a while on a big patch; fifty of its accounts — ref, name,
// balance, weeks, address — are one quick read of a few hundred rows,
// whatever the size of the patch. The pane reads those first and shows
// them, by ref, as the whole caseload ("50 of 30000"),
// saying "loading" where the sections, priorities and reasons will be,
// then reads the worklist, which takes their place. One after the other,
// not side by side: on a busy machine the two reads share the processor,
// and the quick one would wait for the slow one. Nothing shown early is a
// figure the worklist would correct (store.CaseSummaries gives them exactly
// as Caseload does), and nothing the worklist decides (a section, "nothing
// to do") is shown before it; what needs every account or the worklist (a
// search, a sort, the sections) waits for it and says so.

// summariesMsg carries the quick read of load seq.
type summariesMsg struct {
	seq   int
	patch string
	lines []store.CaseLine
	total int // accounts in the patch
	err   error
}

// earlyWindow is how many accounts the quick read shows: a screenful on a
// tall terminal, to start on while the worklist loads. Each costs a few
// page reads scattered over a big file, and a cold read of a 4 GB borough
// takes about a millisecond each on a busy machine.
var earlyWindow = 50

// loadingWords is the marker where the worklist's answers will be.
const loadingWords = "loading the worklist…"

// marker is what stands where the worklist's answers will be: loading, or
// why not.
func (m Model) marker() string {
	if m.stalled {
		return "worklist not loaded (ctrl+r tries again)"
	}
	return loadingWords
}

// patchOf is the patch a load reads: the officer's when they have one and
// the search does not ask for every patch, else the whole borough ("").
func patchOf(ctx context.Context, st store.WorklistSource, officer string, every bool) (string, error) {
	has, err := st.HasPatch(ctx, officer)
	if err != nil || !has || every {
		return "", err
	}
	return officer, nil
}

// summariesCmd reads the accounts of the patch without the worklist.
func (m Model) summariesCmd() tea.Cmd {
	seq, st, officer, today, every := m.loadSeq, m.ctx.Caseload(), m.ctx.Officer, m.ctx.Today, m.everyPatch
	return func() tea.Msg {
		ctx := m.ctx.Ctx
		patch, err := patchOf(ctx, st, officer, every)
		if err != nil {
			return summariesMsg{seq: seq, err: err}
		}
		lines, total, err := st.CaseSummaries(ctx, patch, today, earlyWindow)
		return summariesMsg{seq: seq, patch: patch, lines: lines, total: total, err: err}
	}
}

// firstLoad is the quick read, which then starts the worklist's, when no
// worklist is shown yet; a reload over a shown worklist keeps it on screen
// until the new one arrives.
func (m Model) firstLoad() tea.Cmd {
	if m.loaded {
		return m.loadCmd()
	}
	return m.summariesCmd()
}

// summaries shows the quick read and starts its load's worklist.
func (m Model) summaries(msg summariesMsg) (Model, tea.Cmd) {
	switch {
	case msg.seq != m.loadSeq:
		return m, nil // a newer load has its own
	case msg.err != nil:
		// The worklist's own read shows the caseload or says what
		// went wrong.
		return m, m.loadCmd()
	}
	m.early, m.earlyTotal = true, msg.total
	m.setLines(msg.patch, msg.lines)
	m.counts[len(sections)-1] = msg.total
	m.loaded = false
	return m, m.loadCmd()
}

// fromEarly prepares the pane for the worklist replacing the early
// accounts: the list starts again from the top of the first section, as
// on any first screen, unless the officer chose an account meanwhile (a
// key on the list selects the highlighted one), which setLines keeps.
func (m *Model) fromEarly() {
	if m.early {
		m.lines, m.visible = nil, nil
		m.cursor, m.offset = 0, 0
	}
	m.early, m.stalled = false, false
}

// earlyMore is how many of the patch's accounts the early window leaves
// out.
func (m Model) earlyMore() int {
	if !m.early {
		return 0
	}
	return max(m.earlyTotal-len(m.lines), 0)
}

// shownSection is the section the list shows: the whole caseload while
// only the early accounts are known.
func (m Model) shownSection() worklist.Section {
	if m.early {
		return worklist.SectionWhole
	}
	return sections[m.section]
}

// waitForWorklist refuses a key that needs the worklist's answer (the
// sections, an account's pause) while it is still loading.
func (m Model) waitForWorklist(what string) (Model, tea.Cmd) {
	return m, common.Status("The worklist is still loading: " + what + " when it has.")
}

// lineTo gives the account view its worklist line, or says it is loading.
func (m Model) lineTo(d *detail) {
	d.waiting = m.early && !m.stalled
	if m.early {
		d.withLine(nil)
		return
	}
	d.withLine(m.line(d.ref))
}
