package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store/storetest"
)

// The caseload pane's speed targets, on a seeded borough of
// CASELOAD_BENCH_ACCOUNTS accounts (default 30,000) with 5 years of history:
//
//	go test -run '^$' -bench . ./tui/
//
// BenchmarkFirstFrame: from building the app to the first frame showing the
// worklist (target: under 300 ms).
func BenchmarkFirstFrame(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	st := storetest.Seeded(b, n, 5)
	officer := storetest.Officers(n)[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var m tea.Model = New(Options{Context: b.Context(), Store: st, Today: storetest.Today, Officer: officer, Policy: worklist.DefaultPolicy()})
		m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		m = benchDrive(m, m.Init())
		if v := m.View(); len(v) < 100 {
			b.Fatal("no worklist on the first frame")
		}
	}
}

// BenchmarkFilterKeystroke: one keystroke in the filter over the whole
// borough's caseload (the Whole caseload section), and the frame after it
// (target: under 16 ms).
func BenchmarkFilterKeystroke(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	st := storetest.Seeded(b, n, 5)
	// An officer with no patch sees the whole borough.
	var m tea.Model = New(Options{Context: b.Context(), Store: st, Today: storetest.Today, Officer: "nobody", Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	m = benchDrive(m, m.Init())
	for i := 0; i < 6; i++ { // to the Whole caseload section
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")})
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	keys := []rune("sample")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%len(keys) == 0 && i > 0 {
			for range keys {
				m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
			}
		}
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{keys[i%len(keys)]}})
		_ = m.View()
	}
}
