package common

import tea "github.com/charmbracelet/bubbletea"

// PaneReports is the Reports pane (after the others in the tab row).
const PaneReports PaneID = "reports"

// OpenAccountMsg asks the caseload pane to open an account's view: a pane
// that lists accounts without showing them (the Reports pane's
// drill-down) ends there.
type OpenAccountMsg struct{ Ref string }

// OpenAccount returns a command that opens an account's view in the
// caseload pane and shows that pane; opening it selects it everywhere.
func OpenAccount(ref string) tea.Cmd {
	return tea.Batch(func() tea.Msg { return OpenAccountMsg{Ref: ref} }, SwitchTo(PaneCaseload))
}
