package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

// newPane builds the pane over st, sized w×h, with new packs defaulting to
// dir, and runs its first load.
func newPane(t testing.TB, st *store.Store, dir string, w, h int) Model {
	t.Helper()
	ctx := tuitest.Context(t, st)
	m := New(ctx).WithDir(dir).SetSize(w, h)
	m, _ = drive(t, m, m.Init())
	return m
}

// laptop opens a second, empty database: the officer's laptop.
func laptop(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{Officer: "jsmith", Now: tuitest.Now, ReplicaName: "laptop"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// plainPack cuts an unencrypted pack (no scrypt: fast).
func plainPack(t testing.TB, st *store.Store, o store.ExportOptions) []byte {
	t.Helper()
	o.Plaintext = true
	out, err := st.Export(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	return out.Data
}

func mustImport(t testing.TB, st *store.Store, data []byte) store.ImportReport {
	t.Helper()
	rep, err := importTrusting(t, st, data, "")
	if err != nil {
		t.Fatalf("import into %s: %v", st.Self().Name, err)
	}
	return rep
}

// importTrusting imports as an officer who confirms the sender's key when
// first asked (the first pack between two replicas), with plaintext packs
// allowed.
func importTrusting(t testing.TB, st *store.Store, data []byte, pass string) (store.ImportReport, error) {
	o := store.ImportOptions{Passphrase: pass, Plaintext: true}
	rep, err := st.ImportPack(t.Context(), data, o)
	if u, ok := store.AsUntrustedKey(err); ok {
		o.Trust = u.Fingerprint
		rep, err = st.ImportPack(t.Context(), data, o)
	}
	return rep, err
}

// pair has each store trust the other's signing key, as two officers do
// when they first exchange packs.
func pair(t testing.TB, a, b *store.Store) {
	t.Helper()
	for _, p := range [][2]*store.Store{{a, b}, {b, a}} {
		id, err := p[1].Identity(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p[0].TrustPeer(t.Context(), id.Fingerprint); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.clpack")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func digest(t testing.TB, st *store.Store) string {
	t.Helper()
	d, err := st.StateDigest(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// drive is the unit tests' event loop (tuitest.Drive).
func drive(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Drive(m, cmd)
}

// keyMsg is the key message for a name or runes (tuitest.Key).
func keyMsg(k string) tea.KeyMsg { return tuitest.Key(k) }

// press sends keys one by one, running what each one starts.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Press(m, keys...)
}

// typeText sends each character of s as its own key (spaces as space keys,
// as a terminal sends them).
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		m, _ = press(t, m, k)
	}
	return m
}

// replace clears the focused text field and types s.
func replace(t testing.TB, m Model, s string) Model {
	t.Helper()
	m, _ = press(t, m, "ctrl+u")
	return typeText(t, m, s)
}

// statuses are the status-bar texts among msgs (errors prefixed ✗).
func statuses(msgs []tea.Msg) string {
	var b []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.StatusMsg:
			b = append(b, msg.Text)
		case common.ErrMsg:
			b = append(b, "✗ "+msg.Err.Error())
		}
	}
	return strings.Join(b, "\n")
}

// changed reports whether msgs announce a write, and for which accounts.
func changed(msgs []tea.Msg) (bool, []string) {
	for _, msg := range msgs {
		if c, ok := msg.(common.ChangedMsg); ok {
			return true, c.Refs
		}
	}
	return false, nil
}

// checkView fails when the view is not exactly the pane's size or shows
// the secret.
func checkView(t testing.TB, m Model, secret string) string {
	t.Helper()
	v := m.View()
	if n := strings.Count(v, "\n") + 1; n != m.height {
		t.Errorf("view is %d lines, want %d:\n%s", n, m.height, v)
	}
	for i, line := range strings.Split(v, "\n") {
		if w := cells(line); w > m.width {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, m.width, line)
		}
	}
	if secret != "" && strings.Contains(v, secret) {
		t.Fatalf("the passphrase is on screen:\n%s", v)
	}
	return v
}

// confirmText is the confirmation a form was given among msgs (the view
// wraps long paths, so tests read the text itself).
func confirmText(t testing.TB, msgs []tea.Msg) string {
	t.Helper()
	for _, msg := range msgs {
		if c, ok := msg.(form.ConfirmMsg); ok {
			if c.Err != nil {
				return "✗ " + c.Err.Error()
			}
			return c.Text
		}
	}
	t.Fatalf("no confirmation among %v", msgs)
	return ""
}
