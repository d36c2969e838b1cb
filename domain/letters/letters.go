// Package letters is the letters and text messages caseload produces for
// the steps of the recovery ladder (issue 15 "Documents"): one Go
// text/template per kind of document, shipped in the binary and
// overridable by a council's own files, rendered from an account's facts
// into plain text or PDF. Issuing a document records its step's case
// event, so the worklist's ladder sees the step taken.
//
// It is pure: the facts, the officer and the day come in as parameters and
// text or bytes come out. Reading template files and writing documents is
// the caller's. Producing one document for one account (`caseload letter`,
// the enforcement pane's "produce document") is:
//
//	rs, _ := st.Recipients(ctx, "", ref, today, p)       // facts + address
//	was, _ := st.IssuedToday(ctx, ref, kind, today)      // a re-print is a copy
//	prod, err := letters.Produce(set, &rs[0], kind, officer, today, p, was, pdf)
//	// write prod.Bytes; then, unless prod.Copy:
//	st.IssueDocuments(ctx, []store.IssuedDocument{{Ref: ref, Kind: kind, Detail: prod.Detail}}, today, p)
//
// and a print run is Recipients for a patch, Plan, Render each Due
// account, PDF (or the texts) with Run.Cover, and one IssueDocuments with
// RunEventDetail.
package letters

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

// Kind is a kind of document: one per ladder step that produces one.
type Kind struct {
	// ID names the document and its template file (ID + ".tmpl").
	ID string
	// Event is the case event that issuing the document records.
	Event domain.EventType
	// Title is the document's name in the officer's words.
	Title string
	// ReplyDays is how many days the tenant is given to pay or get in
	// touch (Data.ReplyBy); 0 when the document asks for nothing by a date.
	ReplyDays int
	// SMS: a text message, not a letter (no address block, no PDF).
	SMS bool
}

// Kinds are the documents caseload produces. The NOSP's own form is
// prescribed (the Secure Tenancies (Notices) Regulations 1987, as
// amended) and is not produced here: the nosp kind is the cover letter
// served with it, and issuing it records nosp-served with the date
// after which proceedings may begin. The court-claim kind is the letter
// telling the tenant the council has applied to the court, not the claim
// form (N5) or particulars of claim.
var Kinds = []Kind{
	{ID: "sms", Event: domain.EventSMS, Title: "Arrears text message", ReplyDays: 7, SMS: true},
	{ID: "letter-1", Event: domain.EventLetter1, Title: "First arrears letter", ReplyDays: 14},
	{ID: "letter-2", Event: domain.EventLetter2, Title: "Second arrears letter", ReplyDays: 14},
	{ID: "pre-action", Event: domain.EventPreAction, Title: "Pre-action protocol letter", ReplyDays: 14},
	{ID: "informal-breach-letter", Event: domain.EventInformalBreachLetter, Title: "Informal agreement breach letter", ReplyDays: 7},
	{ID: "court-breach-letter", Event: domain.EventCourtBreachLetter, Title: "Court agreement breach letter", ReplyDays: 7},
	{ID: "court-warning", Event: domain.EventCourtWarning, Title: "Court warning letter", ReplyDays: 14},
	{ID: "nosp", Event: domain.EventNOSPServed, Title: "Notice of seeking possession: cover letter"},
	{ID: "court-claim", Event: domain.EventCourtClaim, Title: "Possession claim letter"},
}

// KindByID finds a kind by its id.
func KindByID(id string) (Kind, bool) {
	for _, k := range Kinds {
		if k.ID == id {
			return k, true
		}
	}
	return Kind{}, false
}

// kindOfEvent finds the kind that records an event type.
func kindOfEvent(t domain.EventType) (Kind, bool) {
	for _, k := range Kinds {
		if k.Event == t {
			return k, true
		}
	}
	return Kind{}, false
}

// KindForStep reads a step as an officer names it: a step id of the
// policy's ladder (its document is the one its event records: Hackney's
// "court-date" is a court-claim letter), a document kind id ("letter-1",
// "nosp") or a case event type ("nosp-served").
func KindForStep(step string, p worklist.Policy) (Kind, error) {
	if l := p.Ladder; l != nil {
		for i := range l.Steps {
			if l.Steps[i].ID == step {
				if k, ok := kindOfEvent(l.Steps[i].EventType()); ok {
					return k, nil
				}
				return Kind{}, domain.Invalid("step", "the ladder step %s (%s) produces no document caseload prints", step, l.Steps[i].Label)
			}
		}
	}
	if k, ok := KindByID(step); ok {
		return k, nil
	}
	if k, ok := kindOfEvent(domain.EventType(step)); ok {
		return k, nil
	}
	ids := make([]string, len(Kinds))
	for i, k := range Kinds {
		ids[i] = k.ID
	}
	return Kind{}, domain.Invalid("step", "%q is not a step that produces a document: use one of %s", step, strings.Join(ids, ", "))
}

// Recommended is the document a worklist item recommends today, if any:
// a council ladder's step by the event it records; under RULES.md's
// default ladder first-letter is letter 1, pre-action the pre-action
// letter and consider-nosp the NOSP (with its cover letter).
func Recommended(it worklist.Item, p worklist.Policy) (Kind, bool) {
	switch it.Rule {
	case worklist.RuleRecoveryStep:
		if p.Ladder == nil {
			return Kind{}, false
		}
		for i := range p.Ladder.Steps {
			if p.Ladder.Steps[i].ID == it.Step {
				return kindOfEvent(p.Ladder.Steps[i].EventType())
			}
		}
	case worklist.RuleFirstLetter:
		return kindOfEvent(domain.EventLetter1)
	case worklist.RulePreAction:
		return kindOfEvent(domain.EventPreAction)
	case worklist.RuleConsiderNOSP:
		return kindOfEvent(domain.EventNOSPServed)
	}
	return Kind{}, false
}

// Recipient is one account as a document needs it: its worklist facts
// (settled under the caller's policy) and the property's address.
type Recipient struct {
	Facts    worklist.Facts
	Address  string
	Postcode string
}

// Data are the fields a template may use. Every field is documented here
// and in the README ("Letters"); money prints with {{money .Balance}},
// dates with {{date .Date}} ("7 December 2026").
type Data struct {
	// Kind is the document's kind; Title its title.
	Kind  Kind
	Title string
	// Ref is the payment reference.
	Ref string
	// Tenants are the tenants named on the account, each one; Name is
	// them joined for a salutation ("Ann Smith and Bob Smith").
	Tenants []string
	Name    string
	// Address and Postcode are the property's.
	Address  string
	Postcode string
	// Date is the document's date; Officer who issues it.
	Date    domain.Date
	Officer string
	// Balance is what is owed (negative: in credit); Weekly the weekly
	// charge; Weeks the arrears in weeks of it to one decimal ("4.3"), ""
	// when there is no weekly charge.
	Balance domain.Money
	Weekly  domain.Money
	Weeks   string
	// Arrangement is the live repayment arrangement in words ("" when
	// none); ArrangementState is "kept", "broken", "not-yet-due" or
	// "completed"; ArrangementReason its monitor's words.
	Arrangement       string
	ArrangementState  string
	ArrangementReason string
	// Order is the latest possession order in words ("Suspended possession
	// order of 3 March 2026"; "" when none), OrderTerms its terms ("" when
	// none were recorded) and Breach why its terms are not kept ("" when
	// they are).
	Order      string
	OrderTerms string
	Breach     string
	// NOSPServed is the date the NOSP was (or, for the nosp cover letter,
	// is) served; ProceedingsFrom the date after which proceedings may
	// begin; NOSPLastDay the last day to issue proceedings. Zero when no
	// NOSP is served.
	NOSPServed      domain.Date
	ProceedingsFrom domain.Date
	NOSPLastDay     domain.Date
	// ReplyBy is the date by which the tenant should pay or get in touch
	// (zero when the document sets none).
	ReplyBy domain.Date
	// Copy is true on a re-print of a document already issued.
	Copy bool
}

// Prepare gathers a document's fields for an account on a day. p is the
// worklist policy, whose court-order-breach test says whether an order's
// terms are kept.
func Prepare(r *Recipient, k Kind, officer string, today domain.Date, p worklist.Policy) Data {
	f := &r.Facts
	d := Data{Kind: k, Title: k.Title, Ref: f.Ref, Address: r.Address, Postcode: r.Postcode,
		Date: today, Officer: officer, Balance: f.Balance, Weekly: f.Weekly}
	if n := strings.TrimSpace(f.Name); n != "" {
		d.Tenants = []string{n} // the account names one resident: joint tenants are not recorded apart
	}
	d.Name = joinNames(d.Tenants)
	if w, ok := domain.ArrearsWeeks(f.Balance, f.Weekly); ok {
		d.Weeks = w.Decimal(1).StringFixed(1)
	}
	if a := f.Arrangement; a != nil {
		d.Arrangement = a.Words()
		if st := f.ArrangementStatus; st != nil {
			d.ArrangementState, d.ArrangementReason = string(st.State), st.Reason
		} else {
			d.ArrangementState = string(arrangement.NotYetDue)
		}
	}
	if o, ok := latestOrder(f.Events); ok {
		d.Order = o.Type.Label() + " of " + Long(o.Date)
		if t := o.Terms; t != nil {
			d.OrderTerms = termsWords(*t)
		}
		if _, why, breached := worklist.OrderBreach(f, today, p); breached {
			d.Breach = why
		}
	}
	if k.Event == domain.EventNOSPServed {
		n := worklist.NOSPDates(today, domain.Date{})
		d.NOSPServed, d.ProceedingsFrom, d.NOSPLastDay = n.Served, n.ProceedingsFrom, n.LastDay
	} else if ev, ok := latest(f.Events, domain.EventNOSPServed); ok {
		n := worklist.NoticeOf(ev)
		d.NOSPServed, d.ProceedingsFrom, d.NOSPLastDay = n.Served, n.ProceedingsFrom, n.LastDay
	}
	if k.ReplyDays > 0 {
		d.ReplyBy = today.AddDays(k.ReplyDays)
	}
	return d
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return "Tenant"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// termsWords are an order's terms as a letter says them.
func termsWords(t court.Terms) string {
	var parts []string
	if t.Weekly.IsPositive() {
		parts = append(parts, "the rent plus "+t.Weekly.Human()+" a week towards the arrears")
	}
	if !t.PossessionDate.IsZero() {
		parts = append(parts, "possession on "+Long(t.PossessionDate))
	}
	return strings.Join(parts, "; ")
}

// latest is the latest event of a type.
func latest(evs []worklist.Event, t domain.EventType) (worklist.Event, bool) {
	var out worklist.Event
	for _, e := range evs {
		if e.Type == t && !e.Date.Before(out.Date) {
			out = e
		}
	}
	return out, out.Type != ""
}

// latestOrder is the latest possession order of any kind.
func latestOrder(evs []worklist.Event) (worklist.Event, bool) {
	var out worklist.Event
	for _, e := range evs {
		switch e.Type {
		case domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed:
			if !e.Date.Before(out.Date) {
				out = e
			}
		}
	}
	return out, out.Type != ""
}

// Long is a date as a letter writes it: "7 December 2026" ("" for none).
func Long(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}
