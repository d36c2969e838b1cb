package domain

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestRoundOnce(t *testing.T) {
	dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	tests := []struct {
		name     string
		num, den string
		r        Rounding
		want     string
	}{
		{"half-up: a third of a pound", "1", "3", HalfUp, "0.33"},
		{"half-up: two thirds", "2", "3", HalfUp, "0.67"},
		{"half-up: an exact half penny goes up", "0.125", "1", HalfUp, "0.13"},
		{"half-up: just under a half penny goes down", "0.12499", "1", HalfUp, "0.12"},
		{"half-up: a negative half penny goes away from zero", "-0.125", "1", HalfUp, "-0.13"},
		{"down: never above the share", "0.129", "1", Down, "0.12"},
		{"down: exact stays", "0.12", "1", Down, "0.12"},
		{"down: a negative goes towards minus infinity", "-0.121", "1", Down, "-0.13"},
		{"up: any fraction of a penny goes up", "0.1201", "1", Up, "0.13"},
		{"up: exact stays", "0.12", "1", Up, "0.12"},
		{"down: a figure a hair under a penny is not lifted by an earlier rounding", "0.99999999999", "1", Down, "0.99"},
		{"a negative divisor", "1", "-3", HalfUp, "-0.33"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RoundOnce(dec(tt.num), dec(tt.den), tt.r).String(); got != tt.want {
				t.Fatalf("RoundOnce(%s ÷ %s) = %s, want %s", tt.num, tt.den, got, tt.want)
			}
		})
	}
}

func TestMonthsRent(t *testing.T) {
	tests := []struct {
		name         string
		weekly       string
		months, free int
		want         string
	}{
		{"RULES.md: one month of £110 a week", "110.00", 1, 0, "476.67"},
		{"RULES.md: 2 months' rent of £110 a week is rounded once, not £476.67 doubled", "110.00", 2, 0, "953.33"},
		{"one month with 4 rent-free weeks", "110.00", 1, 4, "440.00"},
		{"2 months with 2 rent-free weeks", "95.17", 2, 2, "793.08"},
		{"3 months of £100 a week", "100.00", 3, 0, "1300.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MonthsRent(MustMoney(tt.weekly), tt.months, tt.free).String(); got != tt.want {
				t.Fatalf("MonthsRent(%s, %d, %d) = %s, want %s", tt.weekly, tt.months, tt.free, got, tt.want)
			}
		})
	}
}

func TestProRata(t *testing.T) {
	tests := []struct {
		name     string
		amount   string
		num, den int64
		want     string
	}{
		{"3 days of a £100 week", "100.00", 3, 7, "42.86"},
		{"4 days of a £100 week", "100.00", 4, 7, "57.14"},
		{"a whole week is the weekly charge", "131.42", 7, 7, "131.42"},
		{"10% of £400.14", "400.14", 10, 100, "40.01"},
		{"20% of £400.14", "400.14", 20, 100, "80.03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ProRata(MustMoney(tt.amount), tt.num, tt.den).String(); got != tt.want {
				t.Fatalf("ProRata = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestArrearsWeeks(t *testing.T) {
	tests := []struct {
		name            string
		balance, weekly string
		shown, json     string
		ok              bool
	}{
		{"fact sheet example: £437.50 at £87.50 is 5 weeks", "437.50", "87.50", "5.0", "5.00", true},
		{"10.746 weeks show as 10.7, rounded once (not 10.75 then 10.8)", "1074.60", "100.00", "10.7", "10.75", true},
		{"10.75 weeks show as 10.8", "1075.00", "100.00", "10.8", "10.75", true},
		{"10.749 weeks show as 10.7", "1074.90", "100.00", "10.7", "10.75", true},
		{"two decimals from the exact figures", "720.00", "131.42", "5.5", "5.48", true},
		{"7.99 weeks show as 8.0 and stay 7.99 in JSON", "799.00", "100.00", "8.0", "7.99", true},
		{"in credit is zero weeks", "-12.00", "100.00", "0.0", "0.00", true},
		{"zero weekly charge has no weeks", "750.00", "0", "0.0", "0.00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ArrearsWeeks(MustMoney(tt.balance), MustMoney(tt.weekly))
			if ok != tt.ok || got.String() != tt.shown || got.Hundredths() != tt.json {
				t.Fatalf("ArrearsWeeks = %s / %s, %v; want %s / %s, %v", got, got.Hundredths(), ok, tt.shown, tt.json, tt.ok)
			}
		})
	}
	if w := WeeksOf(48000, 10000); w.Words() != "4.8 weeks" {
		t.Fatalf("Words = %q", w.Words())
	}
}
