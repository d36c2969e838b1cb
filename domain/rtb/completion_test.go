package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestCompletionBarred(t *testing.T) {
	// Fact sheet §8 vector 4: £400 demanded Mon 1 Sep 2025.
	demanded := day(2025, time.September, 1)
	tests := []struct {
		name   string
		unpaid domain.Money
		today  domain.Date
		barred bool
		words  string
	}{
		{"still unpaid 4 weeks after demand: not bound to complete", domain.Pounds(400), day(2025, time.September, 29), true, "not bound to complete until it is paid"},
		{"unpaid but not yet 4 weeks", domain.Pounds(400), day(2025, time.September, 28), false, "if it is still unpaid on Mon 29 Sep 2025"},
		{"paid: no bar", domain.Zero, day(2025, time.October, 1), false, "does not apply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			barred, words, err := CompletionBarred(demanded, tt.unpaid, tt.today)
			if err != nil {
				t.Fatal(err)
			}
			if barred != tt.barred || !strings.Contains(words, tt.words) {
				t.Fatalf("barred %v (%q), want %v mentioning %q", barred, words, tt.barred, tt.words)
			}
		})
	}
	_, _, err := CompletionBarred(domain.Date{}, domain.Pounds(400), demanded)
	wantValidation(t, err, "demanded")
	_, _, err = CompletionBarred(demanded, domain.Pounds(400), day(2025, time.August, 31))
	wantValidation(t, err, "after today")
}
