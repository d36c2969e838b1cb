package domain

import "testing"

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		name, pass string
		ok         bool
	}{
		{"one character is refused", "x", false},
		{"eleven characters are refused", "abcdefghijk", false},
		{"twelve characters are enough", "abcdefghijkl", true},
		{"characters, not bytes, are counted", "££££££££££££", true},
		{"eleven pound signs are still too few", "£££££££££££", false},
		{"four words", "correct horse battery staple", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassphrase(tt.pass)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPassphrase(%q) = %v, want ok %v", tt.pass, err, tt.ok)
			}
			if err != nil && !IsValidation(err) {
				t.Fatalf("not a validation error: %v", err)
			}
		})
	}
}
