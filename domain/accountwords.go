package domain

import "strings"

// The officer's words for an account's standing, said once for `caseload
// account show` and the TUI's account view alike; each keeps only its own
// layout (brackets on the CLI, a middle dot on the screen).

// VulnerableCaution is what an officer must do before acting on a
// vulnerable resident's account: the worklist's vulnerable-review action,
// the account view's flag and `account show`'s Vulnerable line.
const VulnerableCaution = "support referral / safeguarding review before any enforcement"

// UCWords is an account's Universal Credit state: "" when the resident
// does not claim UC, else "UC claimant", with the managed payment (an
// Alternative Payment Arrangement) when one is requested or in place.
func UCWords(claimant bool, mp ManagedPayment) string {
	if !claimant {
		return ""
	}
	switch mp {
	case APAInPlace:
		return "UC claimant, managed payment in place"
	case APARequested:
		return "UC claimant, managed payment requested"
	}
	return "UC claimant"
}

// StageWords is where an account stands on the arrears ladder: the latest
// enforcement step and its date ("Notice of Seeking Possession served on
// Mon 2 Nov 2026"), or "no enforcement action" before the first.
func StageWords(stage EventType, on Date) string {
	if stage == "" {
		return "no enforcement action"
	}
	return stage.Label() + " on " + on.Human()
}

// TenancyWords is a tenancy's type and term: "secure from Mon 6 Jan 2020",
// "introductory from … to …" once it has ended.
func TenancyWords(t TenancyType, start, end Date) string {
	s := string(t) + " from " + start.Human()
	if !end.IsZero() {
		s += " to " + end.Human()
	}
	return strings.TrimSpace(s)
}
