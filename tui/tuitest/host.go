package tuitest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/tui/common"
)

// Pane is what every pane package's Model offers the harness.
type Pane[M any] interface {
	Init() tea.Cmd
	Update(tea.Msg) (M, tea.Cmd)
	View() string
	SetSize(w, h int) M
	Capturing() bool
}

// Host is the one pane harness: it fits a pane into a tea.Model for
// teatest and Drive as the root shows it — the window less one line, and
// under it a status line for the StatusMsg and ErrMsg the pane sends. q
// quits unless the pane is capturing text; ctrl+c always quits.
type Host[M Pane[M]] struct {
	Pane   M
	Status string
	ref    string
	width  int
	height int
}

var (
	quit      = key.NewBinding(key.WithKeys("q"))
	forceQuit = key.NewBinding(key.WithKeys("ctrl+c"))
)

// Open hosts a pane; ref, when not empty, is the account selected at start.
func Open[M Pane[M]](m M, ref string) Host[M] { return Host[M]{Pane: m, ref: ref} }

// Init starts the pane and selects the account.
func (h Host[M]) Init() tea.Cmd {
	if h.ref == "" {
		return h.Pane.Init()
	}
	return tea.Batch(h.Pane.Init(), common.Select(h.ref))
}

// Update gives the pane the window less the status line and keeps the
// status; everything else goes to the pane.
func (h Host[M]) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
		h.Pane = h.Pane.SetSize(msg.Width, max(msg.Height-1, 1))
		return h, nil
	case tea.KeyMsg:
		if key.Matches(msg, forceQuit) || (key.Matches(msg, quit) && !h.Pane.Capturing()) {
			return h, tea.Quit
		}
	case common.StatusMsg:
		h.Status = msg.Text
		return h, nil
	case common.ErrMsg:
		h.Status = "✗ " + msg.Err.Error()
		return h, nil
	}
	var cmd tea.Cmd
	h.Pane, cmd = h.Pane.Update(msg)
	return h, cmd
}

// View is the pane, cut or padded to its height, and the status line.
func (h Host[M]) View() string {
	status := common.Truncate(h.Status, max(h.width, 1))
	if h.height == 0 {
		return h.Pane.View() + "\n" + status
	}
	return common.FitHeight(h.Pane.View(), h.height-1) + "\n" + status
}

// Start hosts a pane at w×h with ref selected and runs its first loads
// (Drive), as the first frame an officer sees.
func Start[M Pane[M]](m M, ref string, w, h int) tea.Model {
	var host tea.Model = Open(m, ref)
	host, _ = host.Update(tea.WindowSizeMsg{Width: w, Height: h})
	host, _ = Drive(host, host.Init())
	return host
}

// generatedID is an id the store makes up (a record's "c42b0a16-163", a
// replica's UUID): new on every run, so a golden screen shows it as x's of
// the same width.
var generatedID = regexp.MustCompile(`\b[0-9a-f]{8}(-[0-9a-f]{1,12})+\b`)

// packSize is a pack file's size as the sync pane shows it ("5.0 KB"):
// compression makes it vary by a few bytes with the ids inside, so a
// golden screen shows it as x.x of the same width.
var packSize = regexp.MustCompile(`\b[0-9]+\.[0-9] (KB|MB|GB)\b`)

// RequireScreen compares the screen m shows with the golden file
// testdata/<test name>.golden (go test -update rewrites it), generated ids
// and pack sizes masked. Run it under NoColour, on the fixed Today.
func RequireScreen(t *testing.T, m tea.Model) {
	t.Helper()
	mask := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == '.' || r == ' ' || r == 'K' || r == 'M' || r == 'G' || r == 'B' {
				return r
			}
			return 'x'
		}, s)
	}
	screen := generatedID.ReplaceAllStringFunc(m.View(), mask)
	screen = packSize.ReplaceAllStringFunc(screen, mask)
	teatest.RequireEqualOutput(t, []byte(screen+"\n"))
}

// Steps drives m through steps: each is a key's name (Key), or text typed
// rune by rune when it starts with "type:".
func Steps(m tea.Model, steps ...string) tea.Model {
	for _, s := range steps {
		if text, ok := strings.CutPrefix(s, "type:"); ok {
			m, _ = Type(m, text)
		} else {
			m, _ = Press(m, s)
		}
	}
	return m
}
