package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// TestVisitPacksDefaultToThePacksFolderBesideTheDatabase: with no folder
// given, a new pack's file is in "packs" beside the database (not the
// folder caseload was started in); the folder is made owner-only when the
// pack is written, and not before.
func TestVisitPacksDefaultToThePacksFolderBesideTheDatabase(t *testing.T) {
	office := tuitest.Store(t)
	packs := filepath.Join(filepath.Dir(office.Path()), "packs")
	ctx := tuitest.Context(t, office)
	m := New(ctx).SetSize(80, 20)
	m, _ = drive(t, m, m.Init())
	m, _ = drive(t, m, common.Select("NW1001"))

	m, _ = press(t, m, "v")
	want := filepath.Join(packs, "caseload-visit-2026-11-23.clpack")
	if v := m.form.Values(); v["file"] != want {
		t.Fatalf("default pack file %q, want %q", v["file"], want)
	}
	m = focus(t, m, fEnc)
	m, msgs := press(t, m, "N", "enter", "enter", "enter")
	if text := confirmText(t, msgs); !m.form.Confirming() || !strings.Contains(text, want) {
		t.Fatalf("a missing default packs folder stopped the confirmation: %q\n%s", text, m.View())
	}
	if _, err := os.Stat(packs); !os.IsNotExist(err) {
		t.Fatalf("the packs folder was made before the officer confirmed (%v)", err)
	}
	m, msgs = press(t, m, "y")
	if !strings.Contains(statuses(msgs), "written to "+want) {
		t.Fatalf("status %q", statuses(msgs))
	}
	fi, err := os.Stat(packs)
	if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Fatalf("packs folder: %v %v, want an owner-only folder", fi, err)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
}
