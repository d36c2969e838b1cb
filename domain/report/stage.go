package report

import "caseload/domain"

// Stage is a rung of the enforcement ladder a case has reached.
type Stage int

// The ladder stages, lowest first.
const (
	StageNone Stage = iota
	StageLetter1
	StageLetter2
	StagePreAction
	StageNOSP
	StageClaim
	StageOrder
	StageWarrant
	StageEvicted
)

// Stages lists every stage in ladder order.
var Stages = []Stage{StageNone, StageLetter1, StageLetter2, StagePreAction, StageNOSP, StageClaim, StageOrder, StageWarrant, StageEvicted}

// Key is the stage's name in files.
func (s Stage) Key() string {
	return [...]string{"none", "letter-1", "letter-2", "pre-action", "nosp", "court-claim", "order", "warrant", "evicted"}[s]
}

// Label is the stage in words.
func (s Stage) Label() string {
	return [...]string{"No action yet", "Letter 1", "Letter 2", "Pre-action protocol", "NOSP served",
		"Court claim", "Possession order", "Warrant applied", "Evicted"}[s]
}

// StageOf is the event type's stage (StageNone for events off the ladder).
func StageOf(t domain.EventType) Stage {
	switch t {
	case domain.EventLetter1, domain.EventSMS:
		return StageLetter1
	case domain.EventLetter2:
		return StageLetter2
	case domain.EventPreAction, domain.EventCourtWarning:
		return StagePreAction
	case domain.EventNOSPServed, domain.EventNoticeOfProceedings:
		return StageNOSP
	case domain.EventCourtClaim, domain.EventHearing:
		return StageClaim
	case domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed, domain.EventTermsVaried, domain.EventCourtOutcome:
		return StageOrder
	case domain.EventWarrantApplied, domain.EventEvictionDate:
		return StageWarrant
	case domain.EventEvicted:
		return StageEvicted
	}
	return StageNone
}

// StageEvent is a case event as the ladder needs it.
type StageEvent struct {
	Date domain.Date
	Type domain.EventType
}

// Reached is the highest stage recorded on or before asAt since the last
// stage-reset on or before it (a reset starts the ladder again).
func Reached(events []StageEvent, asAt domain.Date) Stage {
	var reset domain.Date
	for _, e := range events {
		if e.Type == domain.EventStageReset && !e.Date.After(asAt) && e.Date.After(reset) {
			reset = e.Date
		}
	}
	s := StageNone
	for _, e := range events {
		if e.Date.After(asAt) || (!reset.IsZero() && !e.Date.After(reset)) {
			continue
		}
		if st := StageOf(e.Type); st > s {
			s = st
		}
	}
	return s
}
