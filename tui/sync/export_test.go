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

// The visit form's fields, in order.
const (
	fScope = iota
	fAccounts
	fFile
	fEnc
	fPass
	fAgain
)

// focus moves the form's focus from the first field to field i.
func focus(t testing.TB, m Model, i int) Model {
	t.Helper()
	for range i {
		m, _ = press(t, m, "tab")
	}
	return m
}

func TestExportWritesAnEncryptedVisitPackOnlyAfterConfirmation(t *testing.T) {
	const secret = "correct horse battery"
	office, dir := tuitest.Store(t), t.TempDir()
	m := newPane(t, office, dir, 80, 20)
	m, _ = drive(t, m, func() tea.Msg { return common.VisitMarksMsg{Refs: []string{"NW1001", "NW1003"}} })
	checkView(t, m, "")
	if v := m.View(); !strings.Contains(v, "marked in the caseload: NW1001, NW1003 (2)") {
		t.Fatalf("the export part does not show the marked accounts:\n%s", v)
	}

	m, _ = press(t, m, "v")
	if !m.Capturing() {
		t.Fatal("the open form does not hold the keyboard")
	}
	want := filepath.Join(dir, "caseload-visit-2026-11-23.clpack")
	if v := m.form.Values(); v["accounts"] != "NW1001, NW1003" || v["file"] != want || v["enc"] != encYes {
		t.Fatalf("form prefilled with %v; want the marked accounts, %s, encrypted", v, want)
	}
	m = focus(t, m, fPass)
	m = typeText(t, m, secret)
	checkView(t, m, secret)
	m, _ = press(t, m, "tab")
	m = typeText(t, m, "correct horse")
	if v := checkView(t, m, secret); !strings.Contains(v, "does not match the passphrase above") {
		t.Fatalf("a half-typed confirmation is not flagged as you type:\n%s", v)
	}
	m = typeText(t, m, " battery")
	if v := checkView(t, m, secret); strings.Contains(v, "does not match") {
		t.Fatalf("matching passphrases still flagged:\n%s", v)
	}
	m, msgs := press(t, m, "enter")
	checkView(t, m, secret)
	if text := confirmText(t, msgs); !m.form.Confirming() || !strings.HasPrefix(text,
		"Write an encrypted visit pack of 2 accounts (NW1001, NW1003) to "+want+": ") {
		t.Fatalf("confirmation %q does not say exactly what will be written", text)
	}
	if _, err := os.Stat(want); !os.IsNotExist(err) {
		t.Fatalf("the pack exists before the officer confirmed (%v)", err)
	}

	// y: the form submits; the export runs in a command, showing progress.
	var cmd tea.Cmd
	m, cmd = m.Update(keyMsg("y"))
	submit := cmd()
	if _, ok := submit.(form.SubmitMsg); !ok {
		t.Fatalf("y answered %T, want the form's submit", submit)
	}
	m, cmd = m.Update(submit)
	if v := checkView(t, m, secret); !strings.Contains(v, "Exporting…") {
		t.Fatalf("no progress shown while the export runs:\n%s", v)
	}
	if m.Capturing() {
		t.Error("a running export keeps the keyboard: the officer cannot switch panes")
	}
	m, msgs = drive(t, m, cmd)
	status := statuses(msgs)
	if !strings.Contains(status, "Visit pack ") || !strings.Contains(status, ", encrypted, written to "+want) {
		t.Fatalf("status %q does not summarise the export", status)
	}
	v := checkView(t, m, secret)
	for _, w := range []string{"Written: …", filepath.Base(want) + "\n", "visit pack " + m.lastExport.manifest.PackID, "encrypted"} {
		if !strings.Contains(v, w) {
			t.Errorf("the pane lacks %q after the export:\n%s", w, v)
		}
	}
	if m.form != nil || m.Capturing() {
		t.Error("the form (and its passphrase) outlived a successful export")
	}

	fi, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("pack mode %v, want 0600 (it holds personal data)", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(want)
	if !strings.HasPrefix(string(data), "caseload-pack 2 age\n") {
		t.Fatalf("pack starts %q, want the encrypted magic line", data[:min(len(data), 30)])
	}
	if strings.Contains(string(data), "Alice Example") {
		t.Fatal("the encrypted pack carries a resident's name in the clear")
	}
	lap := laptop(t)
	rep, err := importTrusting(t, lap, data, secret)
	if err != nil || rep.New == 0 {
		t.Fatalf("the laptop cannot import the pack with its passphrase: %+v %v", rep, err)
	}
	for ref, want := range map[string]bool{"NW1001": true, "NW1003": true, "NW1002": false} {
		if _, err := lap.Account(t.Context(), ref); (err == nil) != want {
			t.Errorf("laptop has %s: %v, want %v", ref, err == nil, want)
		}
	}
}

func TestExportFormChecksAsYouTypeAndWritesNothingUntilConfirmed(t *testing.T) {
	office, dir := tuitest.Store(t), t.TempDir()
	m := newPane(t, office, dir, 80, 20)
	m, _ = drive(t, m, common.Select("NW1002"))
	m, _ = press(t, m, "v")
	if v := m.form.Values(); v["scope"] != "the selected account NW1002" {
		t.Fatalf("with nothing marked the pack should default to the selected account, got %q", v["scope"])
	}
	// The listed accounts must be references.
	m, _ = press(t, m, "left")
	m, _ = press(t, m, "tab")
	m = typeText(t, m, "NW1001, N!")
	if v := checkView(t, m, ""); !strings.Contains(v, "\"N!\" must be 4–20 characters") {
		t.Fatalf("a bad reference is not flagged as typed:\n%s", v)
	}
	m = replace(t, m, "NW1001, NW9999")
	// A short passphrase is flagged.
	m = focus(t, m, fPass-fAccounts)
	m = typeText(t, m, "short")
	if v := checkView(t, m, "short"); !strings.Contains(v, "at least 12 characters (5 so far)") {
		t.Fatalf("a short passphrase is not flagged:\n%s", v)
	}
	// Choosing NOT encrypted is deliberate: the flag goes, and the
	// confirmation warns in words.
	m, _ = press(t, m, "shift+tab", "right")
	if v := m.form.Values(); v["enc"] != encNo {
		t.Fatalf("encryption %q after → ", v["enc"])
	}
	if v := checkView(t, m, "short"); strings.Contains(v, "at least 8") {
		t.Fatalf("the passphrase is still required for an unencrypted pack:\n%s", v)
	}
	// An account that is not in the database: the confirmation says so.
	m, msgs := press(t, m, "enter", "enter", "enter")
	if text := confirmText(t, msgs); m.form.Confirming() || !strings.Contains(text, "no account NW9999") {
		t.Fatalf("an unknown account reached the confirmation: %q", text)
	}
	if v := checkView(t, m, "short"); !strings.Contains(v, "no account NW9999") {
		t.Fatalf("the form does not show why it cannot be confirmed:\n%s", v)
	}
	m, _ = press(t, m, "shift+tab", "shift+tab", "shift+tab", "shift+tab")
	m = replace(t, m, "NW1001")
	m, msgs = press(t, m, "enter", "enter", "enter", "enter", "enter")
	text := confirmText(t, msgs)
	file := filepath.Join(dir, "caseload-visit-2026-11-23.clpack")
	if !m.form.Confirming() || !strings.HasPrefix(text, "Write an UNENCRYPTED visit pack of 1 account (NW1001) to "+file) ||
		!strings.HasSuffix(text, "NOT ENCRYPTED: anyone who gets this file can read the residents' personal data.") {
		t.Fatalf("the confirmation does not warn about an unencrypted pack: %q", text)
	}
	checkView(t, m, "short")
	// Any key but y goes back to editing; esc then cancels. Nothing written.
	m, _ = press(t, m, "n")
	if m.form == nil || m.form.Confirming() {
		t.Fatal("n did not go back to editing")
	}
	m, msgs = press(t, m, "esc")
	if m.form != nil || !strings.Contains(statuses(msgs), "nothing was written") {
		t.Fatalf("esc did not cancel: %q", statuses(msgs))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a cancelled export wrote %v", entries)
	}

	// Confirmed, the unencrypted pack is written as asked.
	m, _ = press(t, m, "v")
	m = focus(t, m, fEnc)
	m, _ = press(t, m, "N", "enter", "enter", "enter")
	if !m.form.Confirming() {
		t.Fatalf("no confirmation:\n%s", m.View())
	}
	m, msgs = press(t, m, "y")
	if !strings.Contains(statuses(msgs), "NOT encrypted, written to "+file) {
		t.Fatalf("status %q", statuses(msgs))
	}
	if v := checkView(t, m, ""); !strings.Contains(v, "NOT encrypted: keep the file safe") {
		t.Fatalf("the pane does not say the pack is unencrypted:\n%s", v)
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.HasPrefix(string(data), "caseload-pack 2 plain\n") {
		t.Fatalf("unencrypted pack: %v %q", err, data[:min(len(data), 30)])
	}
}

func TestExportPatchAndChangesPackForAKnownOrTypedReplica(t *testing.T) {
	office, dir := tuitest.Store(t), t.TempDir()
	lap := laptop(t)
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001"}}))
	mustImport(t, office, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"}))
	m := newPane(t, office, dir, 80, 20)
	if v := checkView(t, m, ""); !strings.Contains(v, "known: laptop (last pack ") {
		t.Fatalf("the export part does not list the known replica:\n%s", v)
	}

	// The whole patch.
	m, _ = press(t, m, "v")
	m, _ = press(t, m, "m") // the first choice starting with m: my whole patch
	m = focus(t, m, fEnc)
	m, msgs := press(t, m, "N", "enter", "enter", "enter")
	if text := confirmText(t, msgs); !strings.HasPrefix(text, "Write an UNENCRYPTED visit pack of asmith's whole patch to ") {
		t.Fatalf("patch confirmation %q", text)
	}
	m, _ = press(t, m, "esc", "esc")

	// A changes pack for the laptop: its name is in the default file.
	m, _ = press(t, m, "c")
	lapFile := filepath.Join(dir, "caseload-changes-laptop-2026-11-23.clpack")
	if v := m.form.Values(); v["for"] != "laptop · "+lap.Self().Short() || v["file"] != lapFile {
		t.Fatalf("changes form %v, want the laptop and %s", v, lapFile)
	}
	// Typing another replica's name: the file name follows it.
	m, _ = press(t, m, "right", "tab")
	m = typeText(t, m, "tablet 2")
	typedFile := filepath.Join(dir, "caseload-changes-tablet-2-2026-11-23.clpack")
	if v := m.form.Values(); v["file"] != typedFile {
		t.Fatalf("file %q, want %q", v["file"], typedFile)
	}
	m, _ = press(t, m, "shift+tab", "left")
	if v := m.form.Values(); v["file"] != lapFile {
		t.Fatalf("file %q after going back to the laptop, want %q", v["file"], lapFile)
	}
	m = focus(t, m, 3-0) // from "for" to encryption
	m, msgs = press(t, m, "N", "enter", "enter", "enter")
	if text := confirmText(t, msgs); !strings.HasPrefix(text, "Write an UNENCRYPTED changes pack for laptop to "+lapFile+": ") ||
		!strings.Contains(text, " changes it has not been seen to hold.") {
		t.Fatalf("changes confirmation %q", text)
	}
	m, _ = press(t, m, "y")
	data, err := os.ReadFile(lapFile)
	if err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, lap, data)
	if rep.Kind != "changes" || rep.New == 0 {
		t.Fatalf("the laptop's import of the changes pack: %+v", rep)
	}
}
