package domain

import (
	"slices"
	"testing"
	"time"
)

func TestPreActionChecklist(t *testing.T) {
	d := func(day int) Date { return MustDate(2026, time.October, day) }
	tick := func(it PreActionItem, day int) PreActionMark {
		return PreActionMark{Item: it, Date: d(day), Done: true}
	}
	all := func(day int) []PreActionMark {
		var ms []PreActionMark
		for _, it := range PreActionItems {
			ms = append(ms, tick(it, day))
		}
		return ms
	}
	tests := []struct {
		name     string
		marks    []PreActionMark
		from     Date
		asOf     Date
		open     []PreActionItem
		pending  bool
		complete Date
	}{
		{"nothing ticked: all seven open", nil, Date{}, d(31), PreActionItems, false, Date{}},
		{"all seven ticked: complete on the last tick", append(all(5), tick(PreActionLetter, 12)), Date{}, d(31), nil, false, d(12)},
		{"an untick reopens an item", append(all(5), PreActionMark{Item: PreActionStatements, Date: d(6)}), Date{}, d(31),
			[]PreActionItem{PreActionStatements}, false, Date{}},
		{"marks before the episode start do not count", all(5), d(6), d(31), PreActionItems, false, Date{}},
		{"marks on the episode start count", all(6), d(6), d(31), nil, false, d(6)},
		{"marks after the day asked about do not count", all(20), Date{}, d(19), PreActionItems, false, Date{}},
		{"a pending claim is recorded", append(all(5), PreActionMark{Date: d(7), Claim: ClaimPending}), Date{}, d(31), nil, true, d(5)},
		{"a pending claim is cleared by a later mark", append(all(5), PreActionMark{Date: d(7), Claim: ClaimPending},
			PreActionMark{Item: PreActionBenefits, Done: true, Date: d(9), Claim: ClaimNone}), Date{}, d(31), nil, false, d(9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewPreActionChecklist(tt.marks, tt.from, tt.asOf)
			if got := c.Open(); !slices.Equal(got, tt.open) {
				t.Errorf("open = %v, want %v", got, tt.open)
			}
			if c.ClaimPending != tt.pending {
				t.Errorf("pending = %v, want %v", c.ClaimPending, tt.pending)
			}
			if got := c.CompletedOn(); got != tt.complete {
				t.Errorf("completed on %v, want %v", got, tt.complete)
			}
		})
	}
}

func TestPreActionEpisodeStart(t *testing.T) {
	d := func(day int) Date { return MustDate(2026, time.October, day) }
	tests := []struct {
		name           string
		reset, cleared Date
		want           Date
	}{
		{"neither: every mark counts", Date{}, Date{}, Date{}},
		{"a stage reset starts the protocol again on its day", d(10), Date{}, d(10)},
		{"arrears cleared: the day after counts", Date{}, d(10), d(11)},
		{"the later of the two", d(3), d(10), d(11)},
	}
	for _, tt := range tests {
		if got := PreActionEpisodeStart(tt.reset, tt.cleared); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPreActionImpliedByEvents(t *testing.T) {
	tests := []struct {
		name   string
		typ    EventType
		detail string
		want   PreActionItem
		ok     bool
	}{
		{"a pre-action event ticks the letter", EventPreAction, "letter sent to both tenants", PreActionLetter, true},
		{"a pre-action event naming an item ticks that item", EventPreAction, "statements: 13 weeks sent", PreActionStatements, true},
		{"a referral ticks the referral", EventReferral, "", PreActionReferral, true},
		{"a managed payment request ticks benefits", EventAPARequested, "", PreActionBenefits, true},
		{"a deduction request ticks benefits", EventTPDRequested, "", PreActionBenefits, true},
		{"a first letter ticks nothing", EventLetter1, "", "", false},
	}
	for _, tt := range tests {
		got, ok := PreActionFromEvent(tt.typ, tt.detail)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %q %v, want %q %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	for _, c := range []Channel{ChannelPhone, ChannelVisit, ChannelOffice} {
		if it, ok := PreActionFromNote(c); !ok || it != PreActionContact {
			t.Errorf("a %s note should tick contact", c)
		}
	}
	if _, ok := PreActionFromNote(ChannelSMS); ok {
		t.Error("a text message is not contact about the cause")
	}
}

// The checklist's words, shared by `caseload preaction` and the TUI's
// checklist form and account view.
func TestPreActionWords(t *testing.T) {
	d := MustDate(2026, time.November, 2)
	tests := []struct {
		name, got, want string
	}{
		{"a tick with its officer", PreActionTick{Item: PreActionContact, Done: true, Date: d, Officer: "asmith", Source: "event"}.DoneWords(),
			d.Human() + ", asmith (event)"},
		{"a tick with no officer recorded", PreActionTick{Item: PreActionContact, Done: true, Date: d, Source: "import"}.DoneWords(),
			d.Human() + ", officer not recorded (import)"},
		{"no claim pending", PreActionChecklist{}.ClaimWords(), ""},
		{"a claim pending", PreActionChecklist{ClaimPending: true, ClaimDate: d}.ClaimWords(), "PENDING since " + d.Human()},
		{"a claim found not pending", PreActionChecklist{ClaimDate: d}.ClaimWords(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
