package domain

import (
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // machine form, or "" when refused
		errWord string // a word the refusal must contain
	}{
		{"two decimals", "95.20", "95.20", ""},
		{"one decimal", "95.2", "95.20", ""},
		{"whole pounds", "95", "95.00", ""},
		{"negative", "-25.00", "-25.00", ""},
		{"zero", "0", "0.00", ""},
		{"pence only", "0.01", "0.01", ""},
		{"large", "123456.78", "123456.78", ""},
		{"three decimals refused", "95.205", "", "more than two decimal places"},
		{"thousands separator refused", "1,234.50", "", "thousands separator"},
		{"pound sign refused", "£95.20", "", "currency symbol"},
		{"letters refused", "ninety", "", "not a number"},
		{"exponent refused", "1e3", "", "not a number"},
		{"plus refused", "+5", "", "not a number"},
		{"double minus refused", "--5", "", "not a number"},
		{"trailing point refused", "5.", "", "not a number"},
		{"leading point refused", ".50", "", "not a number"},
		{"space refused", "95 20", "", "not a number"},
		{"empty refused", "", "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ParseMoney(%q) = %s, want refusal", tt.in, got)
				}
				if !strings.Contains(err.Error(), tt.errWord) {
					t.Fatalf("ParseMoney(%q) error %q does not say %q", tt.in, err, tt.errWord)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMoney(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Fatalf("ParseMoney(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestMoneyFormats(t *testing.T) {
	tests := []struct {
		in, human, balance string
		pence              int64
	}{
		{"1234.5", "£1,234.50", "£1,234.50", 123450},
		{"0", "£0.00", "£0.00", 0},
		{"-95.2", "-£95.20", "£95.20 CR", -9520},
		{"1234567.89", "£1,234,567.89", "£1,234,567.89", 123456789},
		{"999", "£999.00", "£999.00", 99900},
		{"100000", "£100,000.00", "£100,000.00", 10000000},
	}
	for _, tt := range tests {
		m := MustMoney(tt.in)
		if m.Human() != tt.human {
			t.Errorf("Human(%s) = %s, want %s", tt.in, m.Human(), tt.human)
		}
		if m.Balance() != tt.balance {
			t.Errorf("Balance(%s) = %s, want %s", tt.in, m.Balance(), tt.balance)
		}
		if m.PenceValue() != tt.pence {
			t.Errorf("PenceValue(%s) = %d, want %d", tt.in, m.PenceValue(), tt.pence)
		}
		if !Pence(tt.pence).Equal(m) {
			t.Errorf("Pence(%d) = %s, want %s", tt.pence, Pence(tt.pence), m)
		}
	}
}

func TestMoneyJSONRoundTrip(t *testing.T) {
	m := MustMoney("-0.07")
	b, _ := m.MarshalText()
	if string(b) != "-0.07" {
		t.Fatalf("MarshalText = %s", b)
	}
	var back Money
	if err := back.UnmarshalText(b); err != nil || !back.Equal(m) {
		t.Fatalf("UnmarshalText(%s) = %s, %v", b, back, err)
	}
}

func TestPenceValue(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		want int64
	}{
		{MustMoney("95.20"), 9520}, {MustMoney("95.2"), 9520}, {MustMoney("95"), 9500}, {MustMoney("-0.01"), -1},
		{Pence(-123456), -123456}, {Zero, 0}, {FromDecimal(MustMoney("1").Decimal().Div(MustMoney("3").Decimal())), 33},
		{MustMoney("999999999999.99"), 99999999999999}, {Pounds(1000), 100000},
	} {
		if got := tt.m.PenceValue(); got != tt.want {
			t.Errorf("%s.PenceValue() = %d, want %d", tt.m, got, tt.want)
		}
	}
}
