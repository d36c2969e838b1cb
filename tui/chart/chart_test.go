package chart

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ds(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Format
		in   string
		want string
	}{
		{"pounds round half up to the pound", Pounds, "1204.50", "£1,205"},
		{"pounds keep thousands separators", Pounds, "1234567.49", "£1,234,567"},
		{"pounds below zero keep the sign", Pounds, "-35.20", "-£35"},
		{"money is to the penny", Money, "1204.5", "£1,204.50"},
		{"percent to one place", Percent, "97.25", "97.3%"},
		{"percent over a hundred", Percent, "101.4", "101.4%"},
		{"percent of a whole number", Percent, "100", "100.0%"},
		{"count with separators", Count, "30000", "30,000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(d(tt.in)); got != tt.want {
				t.Errorf("%s → %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSpark(t *testing.T) {
	for _, tt := range []struct {
		name   string
		values []decimal.Decimal
		width  int
		want   string
	}{
		{"rising: lowest an eighth, highest full", ds("0", "1", "2", "3", "4", "5", "6", "7"), 10, "▁▂▃▄▅▆▇█"},
		{"falling", ds("70", "0"), 10, "█▁"},
		{"flat is a level line at the middle", ds("5", "5", "5"), 10, "▄▄▄"},
		{"squeezed keeps the last of each run", ds("0", "9", "0", "9", "0", "9"), 3, "▄▄▄"},
		{"squeezed keeps the newest value", ds("9", "9", "9", "0"), 2, "█▁"},
		{"nothing to draw", nil, 10, ""},
		{"money keeps its pence in the scaling", ds("100.00", "100.07", "100.14"), 10, "▁▅█"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spark(tt.values, tt.width); got != tt.want {
				t.Errorf("Spark = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSparkZero(t *testing.T) {
	for _, tt := range []struct {
		name   string
		values []decimal.Decimal
		want   string
	}{
		{"zeros are the lowest line", ds("0", "0", "0"), "▁▁▁"},
		{"a count's height is its size", ds("0", "1", "2", "7"), "▁▂▃█"},
		{"a flat count above zero is full", ds("4", "4"), "██"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := SparkZero(tt.values, 10); got != tt.want {
				t.Errorf("SparkZero = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBars(t *testing.T) {
	for _, tt := range []struct {
		name  string
		bars  []Bar
		width int
		want  []string
	}{
		{
			"lengths against the largest, to the eighth",
			[]Bar{{"under 1", d("8"), "8"}, {"1–4", d("4"), "4"}, {"13+", d("1"), "1"}},
			20,
			[]string{"under 1 ██████████ 8", "1–4     █████      4", "13+     █▎         1"},
		},
		{
			"a small value above zero still shows",
			[]Bar{{"a", d("1000"), "£1,000"}, {"b", d("1"), "£1"}},
			20,
			[]string{"a ███████████ £1,000", "b ▏           £1"},
		},
		{
			"zero and below draw nothing",
			[]Bar{{"a", d("2"), "2"}, {"b", d("0"), "0"}, {"c", d("-3"), "-3"}},
			12,
			[]string{"a ███████ 2", "b         0", "c         -3"},
		},
		{
			"all zero draws no bars",
			[]Bar{{"a", d("0"), "0"}},
			12,
			[]string{"a          0"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Bars(tt.bars, tt.width)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Bars:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, l := range got {
				if lipgloss.Width(l) > tt.width {
					t.Errorf("%q is wider than %d", l, tt.width)
				}
			}
		})
	}
}

func TestLineEndsAndScale(t *testing.T) {
	l := Line{Values: ds("1000", "1500", "3000"), Scale: Pounds, From: "30 Nov 25", To: "23 Nov 26"}
	got := l.Lines(40, 7)
	if len(got) != 7 {
		t.Fatalf("%d lines, want 5 rows, the axis and the ends:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[0], "£3,000 ┤") || !strings.HasPrefix(got[4], "£1,000 ┤") {
		t.Errorf("scale:\n%s", strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[2], "£2,000 ┤") {
		t.Errorf("the middle row is not labelled £2,000:\n%s", strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[5], "       └─") || !strings.HasPrefix(got[6], "        30 Nov 25") || !strings.HasSuffix(got[6], "23 Nov 26") {
		t.Errorf("axis and ends:\n%s", strings.Join(got, "\n"))
	}
	// The first point is at the bottom left, the last at the top right.
	if r := []rune(got[4])[8]; r == ' ' {
		t.Errorf("no dot at the bottom left:\n%s", strings.Join(got, "\n"))
	}
	if r := []rune(got[0]); r[len(r)-1] == ' ' || lipgloss.Width(got[0]) != 40 {
		t.Errorf("no dot at the top right:\n%s", strings.Join(got, "\n"))
	}
}

func TestLineRefusesTooLittleRoom(t *testing.T) {
	l := Line{Values: ds("1", "2"), Scale: Count}
	for _, tt := range []struct{ w, h int }{{80, 3}, {10, 10}, {0, 0}} {
		if got := l.Lines(tt.w, tt.h); got != nil {
			t.Errorf("%d×%d drew %q", tt.w, tt.h, got)
		}
	}
	if got := (Line{}).Lines(80, 10); got != nil {
		t.Errorf("no values drew %q", got)
	}
}

func TestLineWithZeroOnTheScale(t *testing.T) {
	got := Line{Values: ds("90", "95"), Scale: Percent, Zero: true}.Lines(30, 4)
	if !strings.HasPrefix(got[0], "95.0% ┤") || !strings.HasPrefix(got[1], " 0.0% ┤") {
		t.Errorf("scale does not reach zero:\n%s", strings.Join(got, "\n"))
	}
}

// weekly52 is a year of weekly arrears: rising by £37.50 a week, with a
// Christmas dip and a spring spike, ending where it started plus a bit.
func weekly52() []decimal.Decimal {
	out := make([]decimal.Decimal, 52)
	v := d("41250.00")
	for i := range out {
		switch {
		case i == 4 || i == 5:
			v = v.Sub(d("900.25"))
		case i == 20:
			v = v.Add(d("2400.10"))
		case i > 30:
			v = v.Sub(d("52.40"))
		default:
			v = v.Add(d("37.50"))
		}
		out[i] = v
	}
	return out
}

// The charts as they are drawn, at 80 and 160 columns (go test -update
// rewrites the goldens after a deliberate change).
func TestGoldenCharts(t *testing.T) {
	year := weekly52()
	rates := make([]decimal.Decimal, 52)
	for i := range rates {
		rates[i] = d("96.5").Add(decimal.NewFromInt(int64(i % 7)).Mul(d("0.35")))
	}
	for _, tc := range []struct {
		name string
		draw func() []string
	}{
		{"line-80", func() []string {
			return Line{Values: year, Scale: Pounds, From: "30 Nov 25", To: "23 Nov 26"}.Lines(80, 10)
		}},
		{"line-160", func() []string {
			return Line{Values: year, Scale: Pounds, From: "30 Nov 25", To: "23 Nov 26"}.Lines(160, 16)
		}},
		{"line-percent-zero-40", func() []string {
			return Line{Values: rates, Scale: Percent, From: "Dec 25", To: "Nov 26", Zero: true}.Lines(40, 8)
		}},
		{"spark-52", func() []string { return []string{Spark(year, 80), Spark(rates, 26)} }},
		{"bars-bands", func() []string {
			return Bars([]Bar{
				{"under 1 week", d("112"), "112 · £4,102.30"},
				{"1–4 weeks", d("64"), "64 · £14,880.00"},
				{"4–8 weeks", d("23"), "23 · £11,204.50"},
				{"8–13 weeks", d("9"), "9 · £7,306.75"},
				{"13+ weeks", d("4"), "4 · £6,990.00"},
			}, 80)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := tc.draw()
			for _, l := range lines {
				if w := lipgloss.Width(l); w > 160 || (strings.HasSuffix(tc.name, "80") && w > 80) {
					t.Errorf("%q is %d wide", l, w)
				}
			}
			teatest.RequireEqualOutput(t, []byte(strings.Join(lines, "\n")+"\n"))
		})
	}
}
