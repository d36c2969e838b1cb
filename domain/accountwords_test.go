package domain

import (
	"testing"
	"time"
)

func TestAccountWords(t *testing.T) {
	d := MustDate(2026, time.November, 2)
	tests := []struct {
		name, got, want string
	}{
		{"not a UC claimant says nothing", UCWords(false, APAInPlace), ""},
		{"a UC claimant", UCWords(true, APANone), "UC claimant"},
		{"managed payment requested", UCWords(true, APARequested), "UC claimant, managed payment requested"},
		{"managed payment in place", UCWords(true, APAInPlace), "UC claimant, managed payment in place"},
		{"no stage yet", StageWords("", Date{}), "no enforcement action"},
		{"the latest step and its date", StageWords(EventLetter1, d), "First arrears letter on " + d.Human()},
		{"NOSP served", StageWords(EventNOSPServed, d), EventNOSPServed.Label() + " on " + d.Human()},
		{"an open tenancy", TenancyWords(TenancySecure, d, Date{}), "secure from " + d.Human()},
		{"an ended tenancy", TenancyWords(TenancyIntroductory, d, d.AddDays(365)), "introductory from " + d.Human() + " to " + d.AddDays(365).Human()},
		{"no tenancy type", TenancyWords(TenancyNone, d, Date{}), "from " + d.Human()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
