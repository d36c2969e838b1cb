package ledger

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/store"
)

var chartToday = domain.MustDate(2026, time.November, 23)

// weeklyLedger is one line a week for n weeks up to today, each moving the
// balance by step pounds from start.
func weeklyLedger(n int, start, step int64) []store.LedgerLine {
	var out []store.LedgerLine
	bal := domain.Pounds(start)
	first := domain.RentWeekStart(chartToday).AddDays(-7 * (n - 1))
	for i := 0; i < n; i++ {
		bal = bal.Add(domain.Pounds(step))
		out = append(out, store.LedgerLine{Date: first.AddDays(7 * i), Type: domain.TxnCharge, Amount: domain.Pounds(step), Balance: bal})
	}
	return out
}

func TestChartOfARisingDebt(t *testing.T) {
	lines := weeklyLedger(20, 0, 50) // £50 more owed each week: £1,000 now
	c := chartLines(lines, chartToday, 80, 4)
	if len(c) != 5 {
		t.Fatalf("%d lines, want 4 rows and an axis:\n%s", len(c), strings.Join(c, "\n"))
	}
	t.Log("\n" + strings.Join(c, "\n"))
	if !strings.HasPrefix(c[0], "£1,000 ┤") || !strings.HasPrefix(c[3], "    £0 ┤") {
		t.Errorf("scale labels:\n%s", strings.Join(c, "\n"))
	}
	// The newest column is full height; the weeks before the first line
	// are empty; heights never fall while the debt rises.
	if !strings.HasSuffix(c[0], "█") {
		t.Errorf("top row %q does not end full", c[0])
	}
	bottom := []rune(c[3])[8:]
	if bottom[0] != ' ' || bottom[len(bottom)-1] != '█' {
		t.Errorf("bottom row %q", string(bottom))
	}
	if !strings.HasSuffix(c[4], " weekly, 12 months") {
		t.Errorf("axis %q has no caption", c[4])
	}
	for _, l := range c {
		if lipgloss.Width(l) > 80 {
			t.Errorf("wider than 80: %q", l)
		}
	}
}

func TestChartOfACreditIsLabelledCR(t *testing.T) {
	lines := weeklyLedger(10, 0, -20) // £200 in credit now
	c := chartLines(lines, chartToday, 80, 3)
	if !strings.Contains(c[0], "£0 ┤") || !strings.Contains(c[2], "£200 CR ┤") {
		t.Fatalf("a credit must read as one:\n%s", strings.Join(c, "\n"))
	}
}

func TestChartCrossingZeroMarksTheZeroRow(t *testing.T) {
	lines := weeklyLedger(40, -600, 30) // from £570 in credit to £600 owed
	c := chartLines(lines, chartToday, 80, 6)
	joined := strings.Join(c, "\n")
	if !strings.Contains(c[0], "£600 ┤") || !strings.Contains(c[5], "£570 CR ┤") || strings.Count(joined, "£0 ┤") != 1 {
		t.Fatalf("scale across zero:\n%s", joined)
	}
}

func TestNarrowChartsUseMonthsAndTinyOnesNone(t *testing.T) {
	lines := weeklyLedger(52, 0, 10)
	c := chartLines(lines, chartToday, 40, 3)
	if len(c) != 4 {
		t.Fatalf("narrow chart:\n%s", strings.Join(c, "\n"))
	}
	if !strings.Contains(c[3], "Nov") && !strings.Contains(c[3], "month") {
		t.Errorf("monthly axis %q", c[3])
	}
	bars := []rune(strings.SplitN(c[0], "┤", 2)[1])
	if len(bars) < 12 || len(bars) > 40 {
		t.Errorf("monthly bars %q", string(bars))
	}
	if c := chartLines(lines, chartToday, 15, 3); c != nil {
		t.Errorf("a 15-wide chart was drawn:\n%s", strings.Join(c, "\n"))
	}
	if c := chartLines(nil, chartToday, 80, 3); c != nil {
		t.Error("a chart of no transactions was drawn")
	}
}

func TestBalanceAtIsTheLastLineOnOrBeforeTheDate(t *testing.T) {
	lines := weeklyLedger(3, 0, 10)
	for _, c := range []struct {
		d    domain.Date
		want string
		ok   bool
	}{
		{lines[0].Date.AddDays(-1), "0.00", false},
		{lines[0].Date, "10.00", true},
		{lines[1].Date.AddDays(3), "20.00", true},
		{chartToday, "30.00", true},
	} {
		got, ok := balanceAt(lines, c.d)
		if ok != c.ok || got.String() != c.want {
			t.Errorf("balance at %s = %s %v, want %s %v", c.d, got, ok, c.want, c.ok)
		}
	}
}
