package tui

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/store"
)

// A long note is one cut line on the timeline; enter shows it in full.
func TestATimelineNoteOpensInFullWithEnter(t *testing.T) {
	m := start(t, 80, 40)
	st := m.(App).ctx.Store
	text := "Visited with the support worker; agreed to apply for DHP and to pay ten pounds extra from Friday, last words here"
	if _, err := st.AddNote(t.Context(), store.NewNote{Ref: "NW1005", Channel: domain.ChannelVisit, Text: text}, m.(App).ctx.Today); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "NW1005")
	m = press(t, m, "enter")
	if v := m.View(); !strings.Contains(v, "Visited with the support") || strings.Contains(v, "last words here") {
		t.Fatalf("the note is not one cut line:\n%s", v)
	}
	m = press(t, m, "enter")
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "last words here") {
		t.Fatalf("enter did not show the note in full:\n%s", m.View())
	}
}
