package sync

import (
	"os"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/tuitest"
)

// officeAndLaptop is the office fixture and a laptop that took NW1001 and
// NW1002 out on a visit and took a £20 card payment and a note there.
func officeAndLaptop(t *testing.T) (office, lap *store.Store) {
	t.Helper()
	office, lap = tuitest.Store(t), laptop(t)
	pair(t, office, lap)
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001", "NW1002"}}))
	if _, err := lap.Post(t.Context(), store.Posting{Ref: "NW1001", Kind: store.PostPayment, Amount: domain.MustMoney("20.00"),
		Method: domain.MethodCard, Date: tuitest.Today}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	if _, err := lap.AddNote(t.Context(), store.NewNote{Ref: "NW1001", Channel: domain.ChannelVisit, Text: "Visited; paid £20 by card"}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	return office, lap
}

// importFile runs the import form on path: passphrase, dry run or not,
// confirm.
func importFile(t *testing.T, m Model, path, pass string, dryRun bool) (Model, string) {
	t.Helper()
	m, _ = press(t, m, "i")
	if !m.Capturing() {
		t.Fatal("the import form does not hold the keyboard")
	}
	m = replace(t, m, path)
	m, _ = press(t, m, "tab")
	m = typeText(t, m, pass)
	m, _ = press(t, m, "tab")
	if dryRun {
		m, _ = press(t, m, "right")
	}
	m, msgs := press(t, m, "enter")
	text := confirmText(t, msgs)
	if !m.form.Confirming() {
		t.Fatalf("no confirmation step: %s", text)
	}
	return m, text
}

func TestImportAppliesAPackAndReportsWhatItDid(t *testing.T) {
	office, lap := officeAndLaptop(t)
	path := writeFile(t, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"}))
	m := newPane(t, office, t.TempDir(), 80, 20)
	before := digest(t, office)
	unsynced := m.unsynced

	// A dry run first: the report, nothing written.
	m, text := importFile(t, m, path, "", true)
	if !strings.HasPrefix(text, "Dry run of the NOT encrypted pack "+path) {
		t.Fatalf("dry-run confirmation %q", text)
	}
	m, msgs := press(t, m, "y")
	if ok, _ := changed(msgs); ok {
		t.Error("a dry run announced a change")
	}
	v := checkView(t, m, "")
	for _, w := range []string{"Dry run of changes pack from laptop", "DRY RUN: nothing was written", "2 new entries would be applied"} {
		if !strings.Contains(v, w) {
			t.Errorf("dry-run report lacks %q:\n%s", w, v)
		}
	}
	if digest(t, office) != before {
		t.Fatal("a dry run changed the database")
	}

	// The import itself; the path is kept from the last try.
	m, _ = press(t, m, "i")
	if got := m.form.Values()["file"]; got != path {
		t.Fatalf("the import form forgot the last file: %q", got)
	}
	m, _ = press(t, m, "esc")
	m, text = importFile(t, m, path, "", false)
	if !strings.HasPrefix(text, "Import the NOT encrypted pack "+path) {
		t.Fatalf("confirmation %q", text)
	}
	m, msgs = press(t, m, "y")
	status := statuses(msgs)
	if !strings.Contains(status, "Imported changes pack from laptop: 2 new entries applied, 0 already present, 0 conflicts raised, 0 probable duplicates flagged.") {
		t.Fatalf("status %q", status)
	}
	if ok, refs := changed(msgs); !ok || refs != nil {
		t.Fatalf("the import did not announce a change to everything (ok %v, refs %v)", ok, refs)
	}
	v = checkView(t, m, "")
	for _, w := range []string{"Imported changes pack from laptop", "2 new entries applied · 0 already present", "0 conflicts raised", "0 probable duplicates flagged"} {
		if !strings.Contains(v, w) {
			t.Errorf("report lacks %q:\n%s", w, v)
		}
	}
	a, err := office.Account(t.Context(), "NW1001")
	if err != nil || !a.Balance.Equal(domain.MustMoney("1080.00")) {
		t.Fatalf("NW1001 balance %s (%v), want £1,080.00 after the laptop's £20", a.Balance, err)
	}
	if m.unsynced >= unsynced {
		t.Errorf("unsynced count %d after the laptop acknowledged the visit pack, was %d", m.unsynced, unsynced)
	}

	// The same pack again: nothing new, nothing changed.
	after := digest(t, office)
	m, _ = importFile(t, m, path, "", false)
	m, msgs = press(t, m, "y")
	if !strings.Contains(statuses(msgs), "already imported") || digest(t, office) != after {
		t.Fatalf("re-import: %q", statuses(msgs))
	}
	if ok, _ := changed(msgs); ok {
		t.Error("a re-import announced a change")
	}
}

func TestImportOfADamagedFileIsRefusedAndChangesNothing(t *testing.T) {
	office, lap := officeAndLaptop(t)
	pack := plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"})
	damaged := append([]byte{}, pack...)
	damaged[len(damaged)/2] ^= 0x40
	path := writeFile(t, damaged)
	m := newPane(t, office, t.TempDir(), 80, 20)
	before := digest(t, office)

	m, _ = importFile(t, m, path, "", false)
	m, msgs := press(t, m, "y")
	status := statuses(msgs)
	if !strings.HasPrefix(status, "✗ import refused: pack is ") || !strings.Contains(status, "nothing imported") {
		t.Fatalf("status %q, want the one-line refusal", status)
	}
	if ok, _ := changed(msgs); ok {
		t.Error("a refused import announced a change")
	}
	v := checkView(t, m, "")
	for _, w := range []string{"✗ REFUSED", "damaged", "Nothing was imported: the database is exactly as it was."} {
		if !strings.Contains(v, w) {
			t.Errorf("the pane lacks %q:\n%s", w, v)
		}
	}
	if digest(t, office) != before {
		t.Fatal("a refused pack changed the database")
	}
	if m.Capturing() || m.form != nil {
		t.Error("the form stayed open after the refusal")
	}
}

func TestImportConfirmationCatchesAMissingPassphraseOrAFileThatIsNoPack(t *testing.T) {
	office := tuitest.Store(t)
	m := newPane(t, office, t.TempDir(), 80, 20)
	for _, tt := range []struct {
		name, content, want string
	}{
		{"encrypted without its passphrase", "caseload-pack 2 age\nage-encryption.org/v1\n", "is encrypted: type its passphrase"},
		{"a CSV extract", "ref,date\nNW1001,2026-01-01\n", "is not a caseload pack"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, []byte(tt.content))
			m, _ := press(t, m, "i")
			m = replace(t, m, path)
			m, msgs := press(t, m, "enter", "enter", "enter")
			if text := confirmText(t, msgs); !strings.Contains(text, tt.want) || m.form.Confirming() {
				t.Fatalf("confirmation %q, want a problem containing %q", text, tt.want)
			}
			if v := checkView(t, m, ""); !strings.Contains(v, tt.want) {
				t.Fatalf("the form does not show the problem:\n%s", v)
			}
		})
	}
	path := writeFile(t, nil)
	os.Remove(path)
	m, _ = press(t, m, "i")
	m = replace(t, m, path)
	_, msgs := press(t, m, "enter", "enter", "enter")
	if text := confirmText(t, msgs); !strings.Contains(text, "there is no file") {
		t.Fatalf("missing file: %q", text)
	}
}

// TestFirstPackFromAnUnknownKeyAsksForTheFingerprint: the pane shows the
// key's fingerprint and imports nothing unless the officer says y.
func TestFirstPackFromAnUnknownKeyAsksForTheFingerprint(t *testing.T) {
	office, lap := tuitest.Store(t), laptop(t)
	path := writeFile(t, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001"}}))
	id, _ := office.Identity(t.Context())
	m := newPane(t, lap, t.TempDir(), 80, 24)
	before := digest(t, lap)

	m, _ = importFile(t, m, path, "", false)
	m, _ = press(t, m, "y")
	v := checkView(t, m, "")
	if m.ask == nil || !strings.Contains(v, id.Fingerprint) || !strings.Contains(v, "Trust this key and import? y/n") {
		t.Fatalf("no fingerprint question:\n%s", v)
	}
	m, msgs := press(t, m, "n")
	if m.ask != nil || !strings.Contains(statuses(msgs), "Cancelled") || digest(t, lap) != before {
		t.Fatalf("saying no: %q", statuses(msgs))
	}
	if keys, _ := lap.TrustedKeys(t.Context()); len(keys) != 0 {
		t.Fatalf("saying no trusted %+v", keys)
	}

	m, _ = importFile(t, m, path, "", false)
	m, _ = press(t, m, "y")
	m, _ = press(t, m, "y")
	v = checkView(t, m, "")
	if !strings.Contains(v, "Imported visit pack from") || !strings.Contains(v, "NOT encrypted") {
		t.Fatalf("after trusting:\n%s", v)
	}
	if keys, _ := lap.TrustedKeys(t.Context()); len(keys) != 1 || keys[0].Fingerprint != id.Fingerprint {
		t.Fatalf("trusted keys %+v", keys)
	}
	// The Import tab shows this replica's own fingerprint, to read to
	// the officers it sends packs to.
	own, _ := lap.Identity(t.Context())
	if !strings.Contains(v, "This replica signs its packs with key "+own.Fingerprint) {
		t.Fatalf("own fingerprint not shown:\n%s", v)
	}
	if _, err := lap.Account(t.Context(), "NW1001"); err != nil {
		t.Fatal(err)
	}
}
