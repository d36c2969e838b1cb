// Package theme is caseload's one set of styles: a palette of adaptive
// colours and the styles built from it once. Panes ask the theme and never
// write colour literals. Colour is never the only signal: every state that
// has a colour also has a word or a glyph.
package theme

import "github.com/charmbracelet/lipgloss"

// Palette colours adapt to light and dark terminals.
var (
	accent  = lipgloss.AdaptiveColor{Light: "#1F4E8C", Dark: "#7AB0F5"}
	muted   = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#9A9A9A"}
	danger  = lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF6B6B"}
	warning = lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#F2C14E"}
	good    = lipgloss.AdaptiveColor{Light: "#1B6E2E", Dark: "#6BD68A"}
	barBg   = lipgloss.AdaptiveColor{Light: "#E4E9F2", Dark: "#263042"}
	selBg   = lipgloss.AdaptiveColor{Light: "#D6E4FF", Dark: "#2F3F5C"}
)

// Styles are every style the TUI uses.
type Styles struct {
	Header      lipgloss.Style // the top bar
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	StatusBar   lipgloss.Style
	Help        lipgloss.Style
	Title       lipgloss.Style // a pane's heading
	Label       lipgloss.Style // "Balance:"
	Muted       lipgloss.Style
	Selected    lipgloss.Style // the highlighted row (also marked with a glyph)
	Danger      lipgloss.Style // overdue, broken, vulnerable
	Warning     lipgloss.Style // due soon
	Good        lipgloss.Style // kept, in credit
	Badge       lipgloss.Style // section counts
	BadgeActive lipgloss.Style
	Error       lipgloss.Style // a form field's problem
	Box         lipgloss.Style // a bordered panel (forms, details)
	Money       lipgloss.Style
}

// Default builds the styles.
func Default() *Styles {
	return &Styles{
		Header:      lipgloss.NewStyle().Background(barBg).Bold(true),
		TabActive:   lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true),
		TabInactive: lipgloss.NewStyle().Foreground(muted),
		StatusBar:   lipgloss.NewStyle().Background(barBg),
		Help:        lipgloss.NewStyle().Foreground(muted),
		Title:       lipgloss.NewStyle().Foreground(accent).Bold(true),
		Label:       lipgloss.NewStyle().Foreground(muted),
		Muted:       lipgloss.NewStyle().Foreground(muted),
		Selected:    lipgloss.NewStyle().Background(selBg).Bold(true),
		Danger:      lipgloss.NewStyle().Foreground(danger).Bold(true),
		Warning:     lipgloss.NewStyle().Foreground(warning).Bold(true),
		Good:        lipgloss.NewStyle().Foreground(good),
		Badge:       lipgloss.NewStyle().Foreground(muted),
		BadgeActive: lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true),
		Error:       lipgloss.NewStyle().Foreground(danger),
		Box:         lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Money:       lipgloss.NewStyle(),
	}
}
