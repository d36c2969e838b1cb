package worklist

import "caseload/domain"

// The Pre-Action Protocol checklist as consider-nosp reads it: a NOSP is
// considered only once every item is ticked in this arrears episode and
// the last of them is ConsiderNOSPPreActionDays old; until then the case
// says which items hold it.

// PreActionChecklist is the account's checklist on asOf: the marks since
// the latest stage reset and since the arrears were last cleared.
func PreActionChecklist(f *Facts, asOf domain.Date) domain.PreActionChecklist {
	ev := readEvents(f.Events, asOf, f.ClearedOn)
	return checklistOf(f, &ev, asOf)
}

func checklistOf(f *Facts, ev *caseEvents, asOf domain.Date) domain.PreActionChecklist {
	from := domain.PreActionEpisodeStart(ev.date(domain.EventStageReset), f.ClearedOn)
	return domain.NewPreActionChecklist(f.PreAction, from, asOf)
}

// preActionReady reports the day the checklist was completed when it is
// complete and old enough for a NOSP. When items are open it says which
// on the case's pre-action item (adding one when the ladder did not).
func (e *eval) preActionReady(thr int64) (domain.Date, bool) {
	cl := checklistOf(e.f, &e.ev, e.today)
	if !cl.Complete() {
		e.preActionOpen(thr, cl)
		return domain.Date{}, false
	}
	done := cl.CompletedOn()
	return done, domain.ForDays(done, e.today, e.c.p.ConsiderNOSPPreActionDays)
}

func (e *eval) preActionOpen(thr int64, cl domain.PreActionChecklist) {
	if len(cl.Open()) == len(cl.Ticks) {
		return // the protocol has not started: the ladder's own rules say what is next
	}
	if e.heldAsTechnical(thr) || e.f.Vulnerable {
		return // the arrears are not due yet, or vulnerable-review comes first
	}
	open := "pre-action steps open: " + cl.OpenWords()
	for i := range e.items {
		if e.items[i].Rule == RulePreAction {
			e.items[i].Reason += "; " + open
			return
		}
	}
	e.add(RulePreAction, e.c.p.PreActionPriority, e.arrears()+"; "+open+"; "+e.lastPaid(),
		"complete the pre-action protocol before a NOSP", e.today)
}
