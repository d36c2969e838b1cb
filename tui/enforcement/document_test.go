package enforcement

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// recorded counts the account's events of type ev dated today.
func recorded(t *testing.T, st *store.Store, ref string, ev domain.EventType) int {
	t.Helper()
	rs, err := st.Recipients(t.Context(), "", ref, tuitest.Today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rs[0].Facts.Events {
		if e.Type == ev && e.Date.Equal(tuitest.Today) {
			n++
		}
	}
	return n
}

// documents lists the files in the documents folder beside the database.
func documents(t *testing.T, st *store.Store) []string {
	t.Helper()
	entries, err := os.ReadDir(st.DocumentsDir())
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func statusOf(msgs []any) string {
	var out []string
	for _, m := range msgs {
		if s, ok := m.(common.StatusMsg); ok {
			out = append(out, s.Text)
		}
	}
	return strings.Join(out, "\n")
}

func anyMsgs[T any](in []T) []any {
	out := make([]any, len(in))
	for i, m := range in {
		out[i] = m
	}
	return out
}

// p previews the document the worklist recommends (Carol is due a first
// letter) and writes nothing until the officer confirms; j scrolls it.
func TestPPreviewsTheRecommendedDocumentAndWritesNothing(t *testing.T) {
	st := tuitest.Store(t)
	m := open(t, st, "NW1003", 80, 24)
	m, _ = tuitest.Press(m, "p")
	v := m.View()
	for _, want := range []string{"First arrears letter for NW1003", "PDF", "Dear Carol Fictional", "£465.00", "enter: print and record"} {
		if !strings.Contains(v, want) {
			t.Errorf("preview lacks %q:\n%s", want, v)
		}
	}
	m, _ = tuitest.Press(m, "j", "j", "j")
	if m.View() == v {
		t.Error("j does not scroll the preview")
	}
	if !m.Capturing() {
		t.Error("the preview does not hold the keyboard (q or a digit would leave it)")
	}
	m, _ = tuitest.Press(m, "right")
	if v := m.View(); strings.Contains(v, "First arrears letter for") {
		t.Errorf("→ did not choose another document:\n%s", v)
	}
	m, _ = tuitest.Press(m, "esc")
	if v := m.View(); !strings.Contains(v, "Enforcement NW1003") {
		t.Errorf("esc does not go back to the case:\n%s", v)
	}
	if got := documents(t, st); got != nil || recorded(t, st, "NW1003", domain.EventLetter1) != 0 {
		t.Fatalf("a preview wrote %v or recorded the step", got)
	}
}

// enter prints the PDF into the documents folder beside the database and
// records letter-1 as `caseload letter` does; a second print the same
// day is a copy marked COPY that records nothing.
func TestConfirmPrintsAndRecordsThenACopyRecordsNothing(t *testing.T) {
	st := tuitest.Store(t)
	m := open(t, st, "NW1003", 80, 24)
	m, _ = tuitest.Press(m, "p")
	m, msgs := tuitest.Press(m, "enter")
	status := statusOf(anyMsgs(msgs))
	if !strings.Contains(status, "✓ first arrears letter for NW1003 written to "+st.DocumentsDir()) || !strings.Contains(status, "letter-1 recorded") {
		t.Fatalf("status after printing: %q", status)
	}
	changed := false
	for _, msg := range msgs {
		if c, ok := msg.(common.ChangedMsg); ok && c.Touches("NW1003") {
			changed = true
		}
	}
	if !changed {
		t.Error("no change announced: the other panes would not reload")
	}
	if n := recorded(t, st, "NW1003", domain.EventLetter1); n != 1 {
		t.Fatalf("letter-1 recorded %d times", n)
	}
	files := documents(t, st)
	if len(files) != 1 || files[0] != "NW1003-letter-1-"+tuitest.Today.String()+".pdf" {
		t.Fatalf("documents folder holds %v", files)
	}
	b, err := os.ReadFile(filepath.Join(st.DocumentsDir(), files[0]))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("not a PDF (%v)", err)
	}
	if v := m.View(); !strings.Contains(v, "✓ first arrears letter for NW1003 written") {
		t.Errorf("the pane does not say where the file went:\n%s", v)
	}

	m, _ = tuitest.Press(m, "esc", "p")
	if v := m.View(); !strings.Contains(v, "COPY") {
		t.Fatalf("a re-print the same day is not marked COPY:\n%s", v)
	}
	_, msgs = tuitest.Press(m, "enter")
	if status := statusOf(anyMsgs(msgs)); !strings.Contains(status, "copy of the first arrears letter") || !strings.Contains(status, "nothing recorded") {
		t.Fatalf("status after the copy: %q", status)
	}
	if n := recorded(t, st, "NW1003", domain.EventLetter1); n != 1 {
		t.Fatalf("the copy recorded letter-1 again: %d", n)
	}
	if files := documents(t, st); len(files) != 2 {
		t.Fatalf("documents folder holds %v, want the letter and its copy", files)
	}
}

// A document the rules refuse (no arrears) says why in words, and enter
// writes and records nothing.
func TestARefusedDocumentWritesNothing(t *testing.T) {
	st := tuitest.Store(t)
	m := open(t, st, "NW1004", 80, 24)
	m, _ = tuitest.Press(m, "p")
	if v := m.View(); !strings.Contains(v, "refused: the account is not in arrears") || !strings.Contains(v, "Nothing is written") {
		t.Fatalf("the refusal is not shown in words:\n%s", v)
	}
	m, msgs := tuitest.Press(m, "enter")
	if status := statusOf(anyMsgs(msgs)); !strings.Contains(status, "Nothing written: ") {
		t.Errorf("enter on a refusal says %q", status)
	}
	for _, k := range letters.Kinds {
		if n := recorded(t, st, "NW1004", k.Event); n != 0 {
			t.Errorf("%s recorded on a refused document", k.Event)
		}
	}
	if got := documents(t, st); got != nil {
		t.Fatalf("a refusal wrote %v", got)
	}
	_ = m
}

// P plans a first-letter run of the patch (who gets it, who is held back
// as vulnerable); enter shows "printing" at once, the run goes on in a
// command, and its answer says where the file was written.
func TestPrintRunPlanThenPrint(t *testing.T) {
	st := tuitest.Store(t)
	m := open(t, st, "NW1001", 80, 24)
	m, _ = tuitest.Press(m, "P")
	v := m.View()
	for _, want := range []string{"Print run: First arrears letter", "1 letter to send:", "NW1001  Alice Example", "held back for review (vulnerable)", "NW1003", "enter: print 1"} {
		if !strings.Contains(v, want) {
			t.Errorf("plan lacks %q:\n%s", want, v)
		}
	}
	if got := documents(t, st); got != nil {
		t.Fatalf("the plan wrote %v", got)
	}
	m, cmd := m.Update(tuitest.Key("enter"))
	if cmd == nil || !strings.Contains(m.View(), "⏳ Printing 1 letters") {
		t.Fatalf("enter does not show the printing marker before the run:\n%s", m.View())
	}
	if _, msgs := tuitest.Press(m, "x"); !strings.Contains(statusOf(anyMsgs(msgs)), "Printing") {
		t.Error("a key while printing is not told to wait")
	}
	m, msgs := tuitest.Drive(m, cmd)
	v = strings.Join(strings.Fields(m.View()), " ") // the path wraps
	if !strings.Contains(v, "✓ 1 written to "+filepath.Join(st.DocumentsDir(), "letter-1-"+tuitest.Today.String()+".pdf")) || !strings.Contains(v, "1 letter-1 events recorded") {
		t.Fatalf("the pane does not say where the run went:\n%s", v)
	}
	if !strings.Contains(statusOf(anyMsgs(msgs)), "✓ 1 written to") {
		t.Error("no status after the run")
	}
	if recorded(t, st, "NW1001", domain.EventLetter1) != 1 || recorded(t, st, "NW1003", domain.EventLetter1) != 0 {
		t.Fatal("the run did not record letter-1 for Alice alone (Carol is held back)")
	}
}

// The preview and the plan as the officer sees them at 80×24.
func TestGoldenDocumentPreview(t *testing.T) {
	m := tuitest.Start(New(tuitest.Context(t, tuitest.Store(t))), "NW1003", 80, 24)
	tuitest.RequireScreen(t, tuitest.Steps(m, "p"))
}

func TestGoldenPrintRunPlan(t *testing.T) {
	m := tuitest.Start(New(tuitest.Context(t, tuitest.Store(t))), "NW1001", 80, 24)
	tuitest.RequireScreen(t, tuitest.Steps(m, "P"))
}
