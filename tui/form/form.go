// Package form is the one form component of the TUI: labelled text fields
// that validate as the officer types, choice fields cycled with ←/→, and a
// confirmation step that shows what will happen ("balance after: £645.00")
// before anything is written.
package form

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/tui/common"
	"caseload/tui/theme"
)

// Field describes one input.
type Field struct {
	Key         string
	Label       string
	Placeholder string
	Hint        string
	Value       string
	// Choices make a choice field: ←/→ cycle through them, typing a letter
	// jumps to the first choice starting with it.
	Choices []string
	// Validate says what is wrong with a value (nil when right).
	Validate func(string) error
	// Check is validation that reads the other fields too (a date whose
	// rule depends on the event chosen); it runs after Validate, again
	// whenever any field changes.
	Check func(value string, values Values) error
	// Masked hides the value (passphrases).
	Masked bool
	// When, if set, shows the field only while it holds for the values of
	// every field (a court outcome only for the events that take one). A
	// field not shown is skipped by tab, not checked, and not in Values,
	// so what it held while shown is not saved.
	When func(Values) bool
}

// Values are the fields' values by key.
type Values map[string]string

// SubmitMsg is sent when the officer confirms the form.
type SubmitMsg struct {
	ID     string
	Values Values
}

// CancelMsg is sent when the officer leaves the form with esc.
type CancelMsg struct{ ID string }

// ConfirmMsg carries the confirmation text for a form (or why it cannot be
// confirmed), computed by the pane's Confirm command.
type ConfirmMsg struct {
	ID   string
	Text string
	Err  error
}

// KeyMap is the form's keys.
type KeyMap struct {
	Next, Prev, Left, Right, Submit, Save, Cancel, Yes, Edit key.Binding
}

// DefaultKeyMap is the form's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Left:   key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "change choice")),
		Right:  key.NewBinding(key.WithKeys("right", " ")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Yes:    key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y/enter", "confirm and save")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("any other key", "back to editing")),
	}
}

type field struct {
	Field
	input  textinput.Model
	choice int
	err    string
	// notice tells the officer what saving will do to the text (a card
	// number masked): not an error, but not a surprise either.
	notice string
	// touched: the officer typed in the field, left it, or tried to save;
	// only then does a problem with it show (an empty field just opened
	// is not yet a mistake).
	touched bool
	// selected: a pre-filled value is selected, as in a spreadsheet cell:
	// the first character typed replaces it; an arrow key keeps it and
	// starts editing it.
	selected bool
}

// textRules are the cleaner's rules (domain.TextField) for the text
// fields every pane names the same way; any other text field (a file, an
// amount, a date) is one line of at most 200 characters, and what looks
// like a card number in it is nobody's concern (a temporary folder's
// digits can pass Luhn).
var textRules = map[string]domain.TextField{
	"note": domain.TextNote, "text": domain.TextNote, "detail": domain.TextDetail, "reason": domain.TextReason,
	"reference": domain.TextReference, "name": domain.TextName, "address": domain.TextAddress, "postcode": domain.TextPostcode,
	"phone": domain.TextPhone, "email": domain.TextEmail, "officer": domain.TextOfficer,
}

// textRule is the field's text rules, under its label.
func (f *field) textRule() domain.TextField {
	rule, ok := textRules[f.Key]
	if !ok {
		rule = domain.TextField{Max: 200, MaskCards: true}
	}
	return rule.As(f.Label)
}

func (f *field) value() string {
	if len(f.Choices) > 0 {
		return f.Choices[f.choice]
	}
	if f.Masked {
		return f.input.Value() // a passphrase's spaces are part of it
	}
	return strings.TrimSpace(f.input.Value())
}

func (f *field) validate(values Values) {
	f.err, f.notice = "", ""
	if len(f.Choices) == 0 && !f.Masked {
		// Every typed text passes the one cleaner before the pane's own
		// rule: control characters and escape sequences are refused as
		// they are typed or pasted, with the field named.
		_, masked, err := f.textRule().Clean(f.value())
		if err != nil {
			f.err = reason(err)
			return
		}
		if _, named := textRules[f.Key]; !named {
			masked = 0
		}
		switch {
		case masked == 1:
			f.notice = "a card number will be masked to its last four digits"
		case masked > 1:
			f.notice = fmt.Sprintf("%d card numbers will be masked to their last four digits", masked)
		}
	}
	if f.Validate != nil {
		if err := f.Validate(f.value()); err != nil {
			f.err = reason(err)
			return
		}
	}
	if f.Check != nil {
		if err := f.Check(f.value(), values); err != nil {
			f.err = reason(err)
		}
	}
}

// reason is a problem as it reads under its field: a domain validation
// error without its field name (the label is beside it).
func reason(err error) string {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return err.Error()
}

// validateAll checks every field shown against the values as they stand;
// a field not shown has nothing wrong with it.
func (m *Model) validateAll() {
	v, shown := m.Values(), m.shown()
	for i := range m.fields {
		if !shown[i] {
			m.fields[i].err, m.fields[i].notice = "", ""
			continue
		}
		m.fields[i].validate(v)
	}
}

// shown says, field by field, whether it is shown (Field.When) for the
// values of every field, shown or not.
func (m Model) shown() []bool {
	all := Values{}
	for _, f := range m.fields {
		all[f.Key] = f.value()
	}
	out := make([]bool, len(m.fields))
	for i, f := range m.fields {
		out[i] = f.When == nil || f.When(all)
	}
	return out
}

// step is the first field shown from i in the direction dir (+1 or -1),
// going round; i itself when no other is shown.
func (m Model) step(i, dir int) int {
	shown, n := m.shown(), len(m.fields)
	for k := 1; k <= n; k++ {
		if j := ((i+dir*k)%n + n) % n; shown[j] {
			return j
		}
	}
	return i
}

// own gives this copy of the form its own fields before it changes one:
// a form is a value, and a copy kept elsewhere (the pane before this
// Update) must not see the change.
func (m *Model) own() { m.fields = slices.Clone(m.fields) }

// Model is a form.
type Model struct {
	ID      string
	Title   string
	fields  []field
	focus   int
	keys    KeyMap
	styles  *theme.Styles
	confirm func(Values) tea.Cmd
	// waiting: the confirmation is being computed; confirming: it is shown.
	waiting    bool
	confirming bool
	confirmTxt string
	problem    string
	dirty      bool
}

// New builds a form. confirm computes the confirmation text from the
// values (it may read the store: it returns a command that answers with a
// ConfirmMsg for this form's id).
func New(id, title string, styles *theme.Styles, fields []Field, confirm func(Values) tea.Cmd) Model {
	m := Model{ID: id, Title: title, keys: DefaultKeyMap(), styles: styles, confirm: confirm}
	for _, f := range fields {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = f.Placeholder
		in.Cursor.SetMode(cursor.CursorStatic)
		if f.Masked {
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '•'
		}
		ff := field{Field: f}
		// Typing stops a little past the limit, so the officer sees why.
		in.CharLimit = ff.textRule().Max + 1
		in.SetValue(f.Value)
		// A value filled in for the officer counts as touched: if it is
		// wrong, they should see why at once.
		ff.input = in
		ff.touched = f.Value != "" && len(f.Choices) == 0
		for i, c := range f.Choices {
			if c == f.Value {
				ff.choice = i
			}
		}
		m.fields = append(m.fields, ff)
	}
	m.validateAll()
	first := 0
	if len(m.fields) > 0 && !m.shown()[0] {
		first = m.step(0, 1)
	}
	m.focusField(first)
	return m
}

// focusField gives field i the keyboard; the field left behind counts as
// touched, and a pre-filled text field arrives selected.
func (m *Model) focusField(i int) {
	m.own()
	if i != m.focus && m.focus < len(m.fields) {
		m.fields[m.focus].touched = true
	}
	for j := range m.fields {
		f := &m.fields[j]
		f.selected = false
		if j == i {
			f.input.Focus()
			f.input.CursorEnd()
			f.selected = len(f.Choices) == 0 && f.input.Value() != ""
		} else {
			f.input.Blur()
		}
	}
	m.focus = i
}

// Dirty reports whether the officer has typed anything.
func (m Model) Dirty() bool { return m.dirty }

// Confirming reports whether the confirmation step is showing.
func (m Model) Confirming() bool { return m.confirming }

// Values are the current values of the fields shown.
func (m Model) Values() Values {
	v, shown := Values{}, m.shown()
	for i, f := range m.fields {
		if shown[i] {
			v[f.Key] = f.value()
		}
	}
	return v
}

// Err is the first field problem ("" when every field is right).
func (m Model) Err() string {
	for _, f := range m.fields {
		if f.err != "" {
			return f.Label + ": " + f.err
		}
	}
	return ""
}

// SetValue sets a field's value (e.g. prefilled from the account).
func (m *Model) SetValue(key, value string) {
	m.own()
	for i := range m.fields {
		f := &m.fields[i]
		if f.Key == key {
			f.input.SetValue(value)
			for i, c := range f.Choices {
				if c == value {
					f.choice = i
				}
			}
		}
	}
	m.validateAll()
}

// Update handles keys and the confirmation answer.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ConfirmMsg:
		if msg.ID != m.ID || !m.waiting {
			return m, nil
		}
		m.waiting = false
		if msg.Err != nil {
			m.problem = msg.Err.Error()
			return m, nil
		}
		m.confirming, m.confirmTxt, m.problem = true, msg.Text, ""
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	id := m.ID
	if m.confirming {
		switch {
		case key.Matches(msg, m.keys.Yes):
			values := m.Values()
			return m, func() tea.Msg { return SubmitMsg{ID: id, Values: values} }
		default:
			// Any other key goes back to editing; nothing was written.
			m.confirming = false
			return m, nil
		}
	}
	m.own()
	f := &m.fields[m.focus]
	switch {
	case key.Matches(msg, m.keys.Cancel):
		return m, func() tea.Msg { return CancelMsg{ID: id} }
	case key.Matches(msg, m.keys.Next):
		m.focusField(m.step(m.focus, 1))
		return m, nil
	case key.Matches(msg, m.keys.Prev):
		m.focusField(m.step(m.focus, -1))
		return m, nil
	case key.Matches(msg, m.keys.Save):
		return m.submit(true)
	case key.Matches(msg, m.keys.Submit):
		return m.submit(false)
	}
	if len(f.Choices) > 0 {
		switch {
		case key.Matches(msg, m.keys.Left):
			f.choice = (f.choice + len(f.Choices) - 1) % len(f.Choices)
		case key.Matches(msg, m.keys.Right):
			f.choice = (f.choice + 1) % len(f.Choices)
		case msg.Type == tea.KeyRunes && len(msg.Runes) == 1:
			for i, c := range f.Choices {
				if strings.HasPrefix(c, string(msg.Runes)) {
					f.choice = i
					break
				}
			}
		default:
			return m, nil
		}
		m.dirty, f.touched = true, true
		m.validateAll()
		return m, nil
	}
	if f.selected {
		f.selected = false
		switch msg.Type {
		case tea.KeyRunes, tea.KeySpace:
			f.input.SetValue("") // the first character replaces the value
		case tea.KeyBackspace, tea.KeyDelete:
			f.input.SetValue("")
			m.dirty, f.touched = true, true
			m.validateAll()
			return m, nil
		}
	}
	var cmd tea.Cmd
	before := f.input.Value()
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		m.dirty, f.touched = true, true
		m.validateAll()
	}
	return m, cmd
}

// submit checks every field and asks for the confirmation: at the last
// field with enter (the others move on), from anywhere with save.
func (m Model) submit(anywhere bool) (Model, tea.Cmd) {
	id := m.ID
	m.own()
	m.validateAll()
	for i, ff := range m.fields {
		if ff.err != "" {
			for j := range m.fields {
				m.fields[j].touched = true
			}
			m.focusField(i)
			m.problem = ""
			return m, nil
		}
	}
	if next := m.step(m.focus, 1); !anywhere && next > m.focus {
		m.focusField(next)
		return m, nil
	}
	m.problem = ""
	if m.confirm == nil {
		values := m.Values()
		return m, func() tea.Msg { return SubmitMsg{ID: id, Values: values} }
	}
	m.waiting = true
	return m, m.confirm(m.Values())
}

// FullHelp is every key of the form, for the full help.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.confirming {
		return [][]key.Binding{{k.Yes, k.Edit}}
	}
	return [][]key.Binding{{k.Save, k.Submit, k.Cancel}, {k.Next, k.Prev, k.Left}}
}

// ShortHelp is the form's one-line help: how to save is always on it.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.confirming:
		return []key.Binding{k.Yes, k.Edit}
	case m.waiting:
		return []key.Binding{k.Cancel}
	}
	return []key.Binding{k.Save, k.Submit, k.Cancel}
}

// labelWidth is the width of the longest label.
func (m Model) labelWidth() int {
	w := 0
	for _, f := range m.fields {
		w = max(w, lipgloss.Width(f.Label))
	}
	return w
}

// SetWidth lays the form out for width cells: each text field is as wide
// as the box leaves it, so a long value scrolls inside it as it is typed.
// A pane calls it when it opens the form and when it is resized.
func (m *Model) SetWidth(width int) {
	m.own()
	w := max(max(width-4, 20)-m.labelWidth()-6, 8)
	for i := range m.fields {
		m.fields[i].input.Width = w
	}
}

// Sized is f laid out for width cells (SetWidth) as a form of its own;
// nil stays nil, so a pane's SetSize can pass its form on whether or not
// one is open.
func Sized(f *Model, width int) *Model {
	if f == nil {
		return nil
	}
	g := *f
	g.SetWidth(width)
	return &g
}

// View renders the form in width cells. It changes nothing: the fields
// were sized by SetWidth.
func (m Model) View(width int) string {
	s := m.styles
	labelW := m.labelWidth()
	inner := max(width-4, 20)
	var b strings.Builder
	b.WriteString(s.Title.Render(m.Title) + "\n")
	indent := strings.Repeat(" ", labelW+4)
	// under writes a message under its field, wrapped to the box and
	// indented to the field's value, never back at the left edge.
	under := func(style lipgloss.Style, text string) {
		for _, line := range common.Wrap(text, inner-labelW-4) {
			b.WriteString(indent + style.Render(line) + "\n")
		}
	}
	shown := m.shown()
	for i, f := range m.fields {
		if !shown[i] {
			continue
		}
		focused := i == m.focus && !m.confirming
		marker := "  "
		if focused {
			marker = "› "
		}
		var value string
		switch {
		case len(f.Choices) > 0:
			value = "‹ " + f.value() + " ›"
		case f.selected && focused:
			shown := f.input.Value()
			if f.Masked {
				shown = strings.Repeat("•", len([]rune(shown)))
			}
			value = s.Selected.Render(shown)
		default:
			value = f.input.View()
		}
		b.WriteString(marker + s.Label.Render(padRight(f.Label, labelW)) + "  " + value + "\n")
		switch {
		case f.err != "" && f.touched:
			under(s.Error, "✗ "+f.err)
		case f.notice != "":
			under(s.Warning, "⚠ "+f.notice)
		case focused && f.selected:
			under(s.Muted, strings.TrimSpace(f.Hint+" · typing replaces it; ←/→ edits it"))
		case focused && f.Hint != "":
			under(s.Muted, f.Hint)
		}
	}
	switch {
	case m.confirming:
		b.WriteString("\n" + s.Warning.Render("Confirm: ") + m.confirmTxt + "\n")
		b.WriteString(s.Help.Render("y/enter save · any other key to edit · nothing is written until you confirm"))
	case m.waiting:
		b.WriteString("\n" + s.Muted.Render("checking…"))
	case m.problem != "":
		b.WriteString("\n" + s.Error.Render("✗ "+m.problem) + "\n")
		b.WriteString(s.Help.Render("fix it and press enter · esc cancel"))
	default:
		b.WriteString("\n" + s.Help.Render("ctrl+s save · enter next/save · tab/↑↓ move · ←/→ choose · esc cancel"))
	}
	return s.Box.Width(max(width-s.Box.GetHorizontalBorderSize(), 10)).Render(b.String())
}

func padRight(s string, w int) string {
	if n := w - lipgloss.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// Fail shows why saving failed and returns to editing: the officer's input
// is kept so they can correct it.
func (m *Model) Fail(err error) {
	m.confirming, m.waiting = false, false
	m.problem = err.Error()
}
