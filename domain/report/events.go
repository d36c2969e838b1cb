package report

import "caseload/domain"

// EventMeasure is one count of enforcement events in a period: the
// measure's key and label and the event types it counts. The report's
// counts and the accounts listed behind them (the Reports pane's
// drill-down) both read this one table.
type EventMeasure struct {
	Key, Label string
	Types      []domain.EventType
}

// EventMeasures are the enforcement events a report counts, in its order.
var EventMeasures = []EventMeasure{
	{"events.nosp", "NOSPs served", []domain.EventType{domain.EventNOSPServed, domain.EventNoticeOfProceedings}},
	{"events.claims", "Court claims", []domain.EventType{domain.EventCourtClaim}},
	{"events.orders", "Possession orders", []domain.EventType{domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed}},
	{"events.warrants", "Warrants applied for", []domain.EventType{domain.EventWarrantApplied}},
	{"events.evictions", "Evictions", []domain.EventType{domain.EventEvicted}},
}

// EventMeasureOf is the event count with the measure key, if it is one.
func EventMeasureOf(key string) (EventMeasure, bool) {
	for _, e := range EventMeasures {
		if e.Key == key {
			return e, true
		}
	}
	return EventMeasure{}, false
}
