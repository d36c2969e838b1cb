package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// TextField is one kind of free text caseload keeps, with the rules every
// door (a TUI form, a CLI argument, an extract, a sync pack) applies to it
// through Clean. The table of fields is in the README ("Text fields").
type TextField struct {
	// Name is the field as the officer knows it ("name", "note").
	Name string
	// Max is the longest value, in characters.
	Max int
	// MultiLine allows newlines and tabs (a note may have paragraphs).
	MultiLine bool
	// MaskCards masks card numbers to their last four digits; otherwise a
	// card number is refused (nobody's name or phone is a card number, so
	// one there is a mistake to put right, not text to keep).
	MaskCards bool
}

// The text fields caseload keeps.
var (
	TextName      = TextField{Name: "name", Max: 200}
	TextAddress   = TextField{Name: "address", Max: 300}
	TextPostcode  = TextField{Name: "postcode", Max: 10}
	TextPhone     = TextField{Name: "phone", Max: 40}
	TextEmail     = TextField{Name: "email", Max: 254}
	TextOfficer   = TextField{Name: "officer", Max: 100}
	TextReference = TextField{Name: "reference", Max: 64, MaskCards: true}
	TextNote      = TextField{Name: "note", Max: 4000, MultiLine: true, MaskCards: true}
	TextDetail    = TextField{Name: "detail", Max: 1000, MultiLine: true, MaskCards: true}
	TextReason    = TextField{Name: "reason", Max: 500, MaskCards: true}
)

// TextFields lists every text field, for the README table and the tests.
var TextFields = []TextField{TextName, TextAddress, TextPostcode, TextPhone, TextEmail, TextOfficer,
	TextReference, TextNote, TextDetail, TextReason}

// As is the field under another label (a note that the form calls "What
// was said", the CLI's "--detail"), with the same rules.
func (f TextField) As(label string) TextField {
	f.Name = label
	return f
}

// Clean checks and tidies one value of the field before it is kept: it
// refuses text that could attack a terminal or hide what it says (control
// characters, escape sequences, NUL, DEL, invalid UTF-8, bidirectional
// overrides), text over the field's length, and card numbers where the
// field has no place for one; it trims surrounding spaces, turns CRLF into
// LF in multi-line text, and masks card numbers where the field keeps
// them. masked is how many card numbers were masked: the officer is told.
func (f TextField) Clean(s string) (clean string, masked int, err error) {
	if !utf8.ValidString(s) {
		return "", 0, Invalid(f.Name, "is not valid UTF-8 text: save the file as UTF-8")
	}
	if f.MultiLine {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	s = strings.TrimSpace(s)
	pos := 0
	for _, c := range s {
		pos++
		if reason := f.refused(c); reason != "" {
			return "", 0, Invalid(f.Name, "holds %s (character %d): remove it", reason, pos)
		}
	}
	if pos > f.Max {
		return "", 0, Invalid(f.Name, "is %d characters long: at most %d", pos, f.Max)
	}
	clean, masked = MaskCardNumbers(s)
	if masked > 0 && !f.MaskCards {
		return "", 0, Invalid(f.Name, "holds what looks like a card number: card numbers are never stored")
	}
	return clean, masked, nil
}

// Check refuses a value that Clean would refuse or would have to mask: a
// value from elsewhere (a sync pack) must already be clean, because it is
// kept exactly as its author's replica kept it.
func (f TextField) Check(s string) error {
	_, masked, err := f.Clean(s)
	if err != nil {
		return err
	}
	if masked > 0 {
		return Invalid(f.Name, "holds a card number that was not masked: card numbers are never stored")
	}
	return nil
}

// refused says why c may not be in the field ("" when it may).
func (f TextField) refused(c rune) string {
	switch {
	case c == 0:
		return "a NUL character"
	case c == 0x1b:
		return "an escape character (a terminal control sequence)"
	case c == '\n' || c == '\t':
		if f.MultiLine {
			return ""
		}
		if c == '\n' {
			return "a line break (this field is one line)"
		}
		return "a tab (this field is one line)"
	case c < 0x20:
		return fmt.Sprintf("a control character (U+%04X)", c)
	case c == 0x7f:
		return "a DEL control character"
	case c >= 0x80 && c <= 0x9f:
		return fmt.Sprintf("a control character (U+%04X)", c)
	case isBidiControl(c):
		return fmt.Sprintf("a bidirectional text control (U+%04X) that can disguise what the text says", c)
	case c == utf8.RuneError:
		return "an unreadable character (U+FFFD)"
	}
	return ""
}

// isBidiControl reports the embeddings, overrides and isolates that make
// text display in another order than it is stored ("Trojan Source").
func isBidiControl(c rune) bool {
	return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
}

// Printable is text made safe to show on a terminal, whatever is stored:
// escape sequences (CSI, OSC and the rest) are removed whole, other
// control characters, DEL, C1 controls and bidirectional controls are
// dropped, and invalid UTF-8 becomes U+FFFD. Newlines and tabs stay (a
// note keeps its paragraphs). Every display path applies it to stored text
// before it is shown.
func Printable(s string) string {
	if isPrintable(s) {
		return s // the common case: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == 0x1b:
			i = skipEscape(s, i+1)
			continue
		case c == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case c == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case !showable(c):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPrintable reports whether Printable would leave s as it is.
func isPrintable(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 || !showable(c) {
			return false
		}
		i += size
	}
	return true
}

// showable reports whether c may be shown as it is.
func showable(c rune) bool {
	switch {
	case c == '\n' || c == '\t':
		return true
	case c < 0x20, c == 0x7f, c >= 0x80 && c <= 0x9f, isBidiControl(c):
		return false
	}
	return true
}

// skipEscape skips an escape sequence whose ESC was just before s[i].
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: strings up to BEL or ST
		return skipString(s, i+1)
	}
	// Two- and three-character sequences: intermediates (0x20–0x2f) then a final.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips a control sequence's parameters, intermediates and final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string up to and including its terminator
// (BEL, ESC \ or C1 ST), or to the end of the text.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}
