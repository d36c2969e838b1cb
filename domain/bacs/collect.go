package bacs

import (
	"fmt"
	"sort"
	"strings"

	"caseload/domain"
)

// MandateFacts are what planning a file needs of one mandate, read by the
// store; the plan decides nothing the store has pre-decided.
type MandateFacts struct {
	ID        string // the mandate's id in the store
	Account   string // the rent account's reference
	Reference string // the Bacs reference (the payer sees it)
	SortCode  string
	Number    string // the payer's account number, 8 digits
	PayerName string
	Live      bool // lodged and not cancelled or expired
	// Scheduled are the mandate's collections by its schedule (its day,
	// frequency and amounts) falling due in CollectionWindow.
	Scheduled []Scheduled
	// Collected: a collection under this instruction has already gone in
	// a file, so the next is regular (17), not first (01).
	Collected bool
	// Until is the day the tenancy ends (zero: it has not): nothing due
	// after it is collected, and the last collection before it is final
	// (19).
	Until domain.Date
}

// Scheduled is one collection a mandate's schedule makes: its due date by
// the mandate's day and the amount then.
type Scheduled struct {
	Due    domain.Date
	Amount domain.Money
}

// CollectionWindow is the span of due dates the store reads for the file
// with processing date p: a due date moves forward to its entry day at most
// over a weekend and a run of bank holidays (10 days), and the month after
// shows whether a collection is a tenancy's last.
func CollectionWindow(p domain.Date, h domain.Holidays) (from, to domain.Date) {
	entry := h.AddWorkingDays(p, 1)
	return entry.AddDays(-10), entry.AddDays(40)
}

// CollectionKey names one scheduled collection: the same key is never put
// in two files.
type CollectionKey struct {
	Mandate string
	Due     domain.Date
}

// Pending is a returned collection the council may present again (code 18).
type Pending struct {
	Collection string // the returned collection's id
	Mandate    string
	Return     ReturnedDebit // as the ARUDD said (reason, amount, original date)
	// From is the first processing date it may go in: the payer is given
	// notice of the new date (RepresentationNotice).
	From domain.Date
	// Attempts is how many times it has been re-presented already.
	Attempts int
}

// RepresentationNotice is the working days' notice a payer is given before
// a re-presentation (factsheet §1(e): "recommended that the payer is
// notified 5 working days in advance").
const RepresentationNotice = 5

// Due is one record of a collection file, with what it collects.
type Due struct {
	Mandate    string
	Account    string
	Key        CollectionKey
	Item       Item
	Cycle      Cycle
	Represents string // code 18: the returned collection's id
}

// Skip is a mandate or re-presentation left out of a file, with why in
// words (the run log and --dry-run show it).
type Skip struct {
	Mandate   string
	Account   string
	Reference string
	Why       string
}

// CollectionPlan is the collection file for one processing date.
type CollectionPlan struct {
	Cycle   Cycle
	Due     []Due
	Skipped []Skip
}

// Total is the sum of the plan's collections.
func (p CollectionPlan) Total() domain.Money {
	t := domain.Zero
	for _, d := range p.Due {
		t = t.Add(d.Item.Amount)
	}
	return t
}

// PlanCollections decides what the file for processing date p collects:
// each live mandate's collections due that cycle (01 for the first under
// an instruction, 19 for the schedule's last, 17 otherwise) that are not
// already in a file (filed), and each pending re-presentation (18) the
// policy still allows on the cycle's entry day. The order is the account
// reference's, so the file reads like the caseload.
//
// An account with two live mandates (two replicas each set one up offline,
// and the packs merged both) has nothing collected by either until an
// officer cancels one: collecting both would take the rent twice.
func PlanCollections(p domain.Date, h domain.Holidays, mandates []MandateFacts, filed map[CollectionKey]bool,
	pending []Pending, policy RepresentationPolicy) CollectionPlan {
	plan := CollectionPlan{Cycle: CycleForProcessing(p, h)}
	live := map[string]MandateFacts{}
	liveOn := map[string][]string{} // account → references of its live mandates
	for _, m := range mandates {
		if m.Live {
			liveOn[m.Account] = append(liveOn[m.Account], m.Reference)
		}
	}
	for _, m := range mandates {
		live[m.ID] = m
		collected := m.Collected
		for i, sc := range m.Scheduled {
			d := sc.Due
			if !CycleForCollection(d, h).Processing.Equal(p) {
				continue
			}
			k := CollectionKey{Mandate: m.ID, Due: d}
			skip := func(format string, args ...any) {
				plan.Skipped = append(plan.Skipped, Skip{m.ID, m.Account, m.Reference, fmt.Sprintf("the collection due %s ", d) + fmt.Sprintf(format, args...)})
			}
			switch {
			case !m.Live:
				skip("is not made: the mandate is not live")
				continue
			case len(liveOn[m.Account]) > 1:
				skip("is held back: account %s has %d live mandates (%s), which would collect it twice; cancel all but one",
					m.Account, len(liveOn[m.Account]), strings.Join(liveOn[m.Account], ", "))
				continue
			case filed[k]:
				skip("is already in a file")
				continue
			case !m.Until.IsZero() && d.After(m.Until):
				skip("is after the tenancy ends (%s)", m.Until)
				continue
			case !sc.Amount.IsPositive():
				skip("has no amount")
				continue
			}
			code := RegularCollection
			last := !m.Until.IsZero() && (i+1 == len(m.Scheduled) || m.Scheduled[i+1].Due.After(m.Until))
			switch {
			case !collected:
				code = FirstCollection
			case last:
				code = FinalCollection
			}
			collected = true
			plan.Due = append(plan.Due, Due{Mandate: m.ID, Account: m.Account, Key: k, Cycle: plan.Cycle,
				Item: Item{SortCode: m.SortCode, Account: m.Number, PayerName: m.PayerName, Reference: m.Reference, Code: code, Amount: sc.Amount}})
		}
	}
	for _, r := range pending {
		m, ok := live[r.Mandate]
		skip := func(why string) {
			plan.Skipped = append(plan.Skipped, Skip{r.Mandate, m.Account, r.Return.Reference, "re-presentation: " + why})
		}
		if p.Before(r.From) {
			continue // not yet: the payer's notice runs until then
		}
		if !ok || !m.Live {
			skip("the mandate is no longer live")
			continue
		}
		if may, why := policy.MayRepresent(r.Return, r.Attempts, plan.Cycle.Entry); !may {
			skip(why)
			continue
		}
		plan.Due = append(plan.Due, Due{Mandate: m.ID, Account: m.Account, Cycle: plan.Cycle, Represents: r.Collection,
			Key:  CollectionKey{Mandate: m.ID, Due: plan.Cycle.Entry},
			Item: Item{SortCode: m.SortCode, Account: m.Number, PayerName: m.PayerName, Reference: m.Reference, Code: Representation, Amount: r.Return.Amount}})
	}
	sort.SliceStable(plan.Due, func(i, j int) bool { return plan.Due[i].Account < plan.Due[j].Account })
	return plan
}
