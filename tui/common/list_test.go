package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

func TestScroll(t *testing.T) {
	for _, tt := range []struct {
		name                string
		row, top, n, height int
		wantRow, wantTop    int
	}{
		{"an empty list has row 0 at the top", 5, 3, 0, 10, 0, 0},
		{"past the end goes to the last row", 50, 0, 20, 10, 19, 10},
		{"above the top scrolls up to it", 2, 5, 20, 10, 2, 2},
		{"below the screen scrolls down to it", 12, 0, 20, 10, 12, 3},
		{"never leaves empty rows below a full screen", 15, 14, 20, 10, 15, 10},
		{"negative goes to the first row", -3, 4, 20, 10, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			row, top := Scroll(tt.row, tt.top, tt.n, tt.height)
			if row != tt.wantRow || top != tt.wantTop {
				t.Fatalf("Scroll(%d, %d, %d, %d) = %d, %d; want %d, %d", tt.row, tt.top, tt.n, tt.height, row, top, tt.wantRow, tt.wantTop)
			}
		})
	}
}

func TestListKeysMove(t *testing.T) {
	k := DefaultListKeys()
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	for _, tt := range []struct {
		msg  tea.KeyMsg
		want int
		ok   bool
	}{
		{runes("j"), 6, true}, {runes("k"), 4, true}, {runes("g"), 0, true}, {runes("G"), 19, true},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 13, true}, {tea.KeyMsg{Type: tea.KeyPgUp}, -3, true}, {runes("x"), 5, false},
	} {
		if got, ok := k.Move(tt.msg, 5, 20, 8); got != tt.want || ok != tt.ok {
			t.Errorf("Move(%q) = %d, %v; want %d, %v", tt.msg, got, ok, tt.want, tt.ok)
		}
	}
}

func TestScrollMovesAViewportByTheListKeys(t *testing.T) {
	k := DefaultListKeys()
	vp := viewport.New(20, 4)
	vp.SetContent(strings.Repeat("line\n", 40))
	for _, tc := range []struct {
		key  tea.KeyMsg
		want int // YOffset after the key
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 1},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 3},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}, 2},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, 37},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")}, 0},
	} {
		if !k.Scroll(&vp, tc.key) || vp.YOffset != tc.want {
			t.Errorf("%s: offset %d, want %d", tc.key, vp.YOffset, tc.want)
		}
	}
	if k.Scroll(&vp, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}) {
		t.Error("x is not a list key but Scroll took it")
	}
}
