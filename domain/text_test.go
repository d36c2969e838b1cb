package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextFieldClean(t *testing.T) {
	tests := []struct {
		name   string
		field  TextField
		in     string
		want   string
		masked int
		err    string // part of the refusal; "" when accepted
	}{
		{"a plain name is kept", TextName, "  Ada Lovelace ", "Ada Lovelace", 0, ""},
		{"accented and non-Latin names are kept", TextName, "Zoë Ní Bhriain 王秀英", "Zoë Ní Bhriain 王秀英", 0, ""},
		{"a name of 200 characters is accepted", TextName, strings.Repeat("é", 200), strings.Repeat("é", 200), 0, ""},
		{"a name of 201 characters is refused", TextName, strings.Repeat("a", 201), "", 0, "name: is 201 characters long: at most 200"},
		{"a reference over 64 characters is refused", TextReference, strings.Repeat("R", 65), "", 0, "reference: is 65 characters long: at most 64"},
		{"a clear-screen escape in a name is refused", TextName, "Ada\x1b[2J", "", 0, "name: holds an escape character"},
		{"an OSC title sequence in a note is refused", TextNote, "hi \x1b]0;pwned\x07", "", 0, "note: holds an escape character"},
		{"a NUL is refused", TextReference, "REF\x00X", "", 0, "reference: holds a NUL character"},
		{"DEL is refused", TextOfficer, "jsmith\x7f", "", 0, "officer: holds a DEL"},
		{"a C1 CSI is refused", TextName, "Ada\u009b2J", "", 0, "name: holds a control character (U+009B)"},
		{"a bell is refused", TextNote, "ding\adong", "", 0, "note: holds a control character (U+0007)"},
		{"a right-to-left override is refused", TextReference, "pay\u202egnp.exe", "", 0, "bidirectional"},
		{"an isolate is refused", TextName, "a\u2066b", "", 0, "bidirectional"},
		{"invalid UTF-8 is refused", TextNote, "caf\xe9", "", 0, "note: is not valid UTF-8"},
		{"a newline in a one-line field is refused", TextName, "Ada\nLovelace", "", 0, "name: holds a line break"},
		{"a tab in a one-line field is refused", TextReference, "A\tB", "", 0, "reference: holds a tab"},
		{"newlines and tabs are kept in a note", TextNote, "line one\n\tline two", "line one\n\tline two", 0, ""},
		{"CRLF in a note becomes LF", TextNote, "one\r\ntwo", "one\ntwo", 0, ""},
		{"a lone CR is refused", TextNote, "one\rtwo", "", 0, "note: holds a control character (U+000D)"},
		{"a card number in a note is masked", TextNote, "paid 4111 1111 1111 1111", "paid **** **** **** 1111", 1, ""},
		{"a card number in a reference is masked", TextReference, "4111.1111.1111.1111", "****.****.****.1111", 1, ""},
		{"a card number in a name is refused", TextName, "4111111111111111", "", 0, "name: holds what looks like a card number"},
		{"a card number in a phone is refused", TextPhone, "4111 1111 1111 1111", "", 0, "phone: holds what looks like a card number"},
		{"the label names the field as the form calls it", TextNote.As("What was said"), "\x1b[31m", "", 0, "What was said: holds an escape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, masked, err := tt.field.Clean(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !IsValidation(err) {
					t.Fatalf("Clean(%q) = %q, %v; want a refusal with %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want || masked != tt.masked {
				t.Fatalf("Clean(%q) = %q, %d, %v; want %q, %d", tt.in, got, masked, err, tt.want, tt.masked)
			}
		})
	}
}

func TestTextFieldCheck(t *testing.T) {
	if err := TextNote.Check("paid **** **** **** 1111"); err != nil {
		t.Fatalf("a masked note was refused: %v", err)
	}
	if err := TextNote.Check("paid 4111 1111 1111 1111"); err == nil || !strings.Contains(err.Error(), "not masked") {
		t.Fatalf("an unmasked card number from elsewhere was accepted: %v", err)
	}
	if err := TextOfficer.Check("jsmith\x1b]0;x\x07"); err == nil {
		t.Fatal("an officer name with an escape sequence was accepted")
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is unchanged", "Ada Lovelace £12.50", "Ada Lovelace £12.50"},
		{"a clear-screen sequence is removed whole", "Ada\x1b[2JLovelace", "AdaLovelace"},
		{"colour codes are removed whole", "\x1b[31;1mred\x1b[0m", "red"},
		{"an OSC title ended by BEL is removed whole", "a\x1b]0;pwned\x07b", "ab"},
		{"an OSC title ended by ST is removed whole", "a\x1b]2;pwned\x1b\\b", "ab"},
		{"an OSC hyperlink is removed whole", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"a C1 CSI sequence is removed whole", "a\u009b2Jb", "ab"},
		{"a two-character escape is removed", "a\x1bcb", "ab"},
		{"other controls are dropped", "a\x00b\x07c\x7fd\re", "abcde"},
		{"bidi overrides are dropped", "pay\u202egnp.exe", "paygnp.exe"},
		{"newlines and tabs stay", "one\n\ttwo", "one\n\ttwo"},
		{"invalid UTF-8 is shown as a replacement", "caf\xe9", "caf\ufffd"},
		{"an escape at the very end is dropped", "abc\x1b", "abc"},
		{"an unterminated OSC drops the rest", "abc\x1b]0;title", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Printable(tt.in); got != tt.want {
				t.Fatalf("Printable(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Ada Lovelace", "a\x1b[2Jb", "4111 1111 1111 1111", "one\r\ntwo", "\u202e", "caf\xe9", ""} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		field := TextFields[int(which)%len(TextFields)]
		clean, masked, err := field.Clean(s)
		if err != nil {
			if !IsValidation(err) || !strings.HasPrefix(err.Error(), field.Name+": ") {
				t.Fatalf("refusal %v does not name the field %s", err, field.Name)
			}
			return
		}
		if !utf8.ValidString(clean) || Printable(clean) != clean {
			t.Fatalf("Clean(%q) = %q, which is not printable", s, clean)
		}
		if n := utf8.RuneCountInString(clean); n > field.Max {
			t.Fatalf("Clean kept %d characters; the limit is %d", n, field.Max)
		}
		if masked > 0 && !field.MaskCards {
			t.Fatalf("masked a card number in %s instead of refusing it", field.Name)
		}
		if err := field.Check(clean); err != nil {
			t.Fatalf("the clean value %q fails Check: %v", clean, err)
		}
		if again, n, err := field.Clean(clean); err != nil || again != clean || n != 0 {
			t.Fatalf("cleaning twice changed %q to %q (%d, %v)", clean, again, n, err)
		}
	})
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"Ada", "\x1b[2J", "\x1b]0;t\x07", "\u009b31m", "caf\xe9", "\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, out)
		}
		for _, c := range out {
			if !showable(c) {
				t.Fatalf("Printable(%q) = %q keeps %U", s, out, c)
			}
		}
		if Printable(out) != out {
			t.Fatalf("Printable is not stable on %q", out)
		}
	})
}
