package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store/storetest"
	"caseload/tui/common"
)

// The caseload pane's speed targets, on a seeded borough of
// CASELOAD_BENCH_ACCOUNTS accounts (default 30,000) with 5 years of history:
//
//	go test -run '^$' -bench . ./tui/
//
// BenchmarkFirstFrame: from building the app to the first frame showing
// the worklist (target: under 300 ms), for the first officer's patch and
// for the whole borough (an officer with no patch sees it all). The
// first frame shows the accounts from their summaries (ms-accounts/op);
// ns/op runs until the worklist has replaced them.
func BenchmarkFirstFrame(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	st := storetest.Seeded(b, n, 5)
	for _, bc := range []struct{ name, officer string }{{"patch", storetest.Officers(n)[0]}, {"borough", "nobody"}} {
		b.Run(bc.name, func(b *testing.B) {
			var accounts time.Duration
			for i := 0; i < b.N; i++ {
				start := time.Now()
				var m tea.Model = New(Options{Context: b.Context(), Store: st, Today: storetest.Today, Officer: bc.officer, Policy: worklist.DefaultPolicy()})
				m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
				// The event loop, looking at each frame for the first row.
				shown := false
				queue := []tea.Cmd{m.Init()}
				for len(queue) > 0 {
					c := queue[0]
					queue = queue[1:]
					if c == nil {
						continue
					}
					msg := c()
					if batch, ok := msg.(tea.BatchMsg); ok {
						queue = append(queue, batch...)
						continue
					}
					var next tea.Cmd
					m, next = m.Update(msg)
					queue = append(queue, next)
					if !shown && strings.Contains(m.View(), "\n"+common.SelectGlyph) {
						shown = true
						accounts += time.Since(start)
					}
				}
				if v := m.View(); !shown || strings.Contains(v, "loading") {
					b.Fatalf("no worklist on screen:\n%s", v)
				}
			}
			b.ReportMetric(float64(accounts.Milliseconds())/float64(b.N), "ms-accounts/op")
		})
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
