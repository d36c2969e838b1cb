package rtb

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
	"caseload/tui/theme"
)

// The pane's forms. Each validates as the officer types and, before
// anything is written, shows what the claim will look like afterwards.
const (
	formEvent    = "rtb-event"
	formCheck    = "rtb-check"
	formNew      = "rtb-new"
	formDiscount = "rtb-discount"
)

// newClaimAccountMsg carries the account a new claim is for, read so the
// form can start from its property type (zero when there is no such
// account: the store says so when the claim is saved).
type newClaimAccountMsg struct {
	ref     string
	account store.Account
}

func (m Model) openForm(kind string, c store.RTBCase, f form.Model) (Model, tea.Cmd) {
	m.form, m.formKind, m.formCase = form.Sized(&f, m.width), kind, c
	m.clampCursor()
	return m, nil
}

func (m Model) formMsg(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case newClaimAccountMsg:
		if m.form != nil {
			return m, nil
		}
		m.claimFor = msg.ref
		return m.openForm(formNew, store.RTBCase{}, newClaimForm(m.ctx, msg.ref, msg.account, m.openClaims()))
	case claimAccountMsg:
		if m.form == nil || m.formKind != formNew || m.form.Values()["ref"] != msg.ref {
			return m, nil // the form closed, or the officer typed on
		}
		if msg.account.Ref != "" {
			m.form.SetValue("property", string(propertyOf(msg.account)))
			m.form.Title = newClaimTitle(msg.account)
		} else {
			m.form.Title = newClaimTitle(store.Account{})
		}
		return m, nil
	case form.CancelMsg:
		if m.form != nil && msg.ID == m.form.ID && m.formKind == formDiscount {
			m.form, m.formKind = nil, ""
			m.clampCursor()
			m.calc = discountRun{}
			return m, common.Status("Discount calculator closed: nothing is ever saved by it.")
		}
	case form.SubmitMsg:
		if m.form != nil && msg.ID == m.form.ID && m.formKind == formDiscount {
			m.discount, m.calc = runDiscount(m.caps(), msg.Values), discountRun{}
			m.discount.caseID = m.formCase.ID
			m.region, m.authority = msg.Values["region"], msg.Values["authority"]
			m.form, m.formKind = nil, ""
			m.clampCursor()
			m.refreshView()
			return m, common.Status(m.discount.summary() + " Nothing was saved.")
		}
	case form.SavedMsg:
		if msg.Err == nil && msg.ID == formNew {
			m.pendingOpen = msg.Made
		}
	}
	host := form.Host{Submit: func(s form.SubmitMsg) tea.Cmd { return save(m.ctx, s.ID, m.formCase, s.Values) }}
	was := m.form
	var cmd tea.Cmd
	m.form, cmd, _ = host.Route(m.form, msg)
	if was != nil && m.form == nil {
		m.formKind = ""
		m.clampCursor()
	}
	return m, cmd
}

// openClaims maps each account with an open claim to that claim's id.
func (m Model) openClaims() map[string]string {
	out := map[string]string{}
	for _, l := range m.lines {
		if l.Open {
			out[l.Ref] = l.ID
		}
	}
	return out
}

// ---- record the next step ----

// legalNext are the steps the law allows next on the claim, found by
// trying each on a copy of the case: Record refuses whatever cannot happen
// now, so the form never offers a step the store would refuse for its type.
// Each is tried on the last step's date and on today, because some steps
// open only with time (an RTB8 after the response period) and some only
// before a date passes (an s125E extension before the period ends).
func legalNext(c rtb.Case, today domain.Date) []rtb.EventType {
	last := c.Facts().Received
	if ev := c.Events(); len(ev) > 0 {
		last = ev[len(ev)-1].Date
	}
	var out []rtb.EventType
	for _, t := range rtb.EventTypes {
		if t == rtb.EventRTB1Received {
			continue // opening the claim records the RTB1
		}
		for _, d := range []domain.Date{today, last} {
			e := rtb.Event{Type: t, Date: d}
			if t == rtb.EventS125EExtended {
				e.Ends = d.AddDays(3650) // any end later than the current one
			}
			try := c
			if try.Record(e) == nil {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

func dateField(key, label, value, hint string, optional bool, check func(domain.Date) error) form.Field {
	return form.Field{Key: key, Label: label, Value: value, Placeholder: "YYYY-MM-DD", Hint: hint, Validate: func(v string) error {
		if v == "" {
			if optional {
				return nil
			}
			return fmt.Errorf("give a date, YYYY-MM-DD")
		}
		d, err := domain.ParseDate(v)
		if err != nil {
			return fmt.Errorf("use YYYY-MM-DD, a real date")
		}
		if check != nil {
			return check(d)
		}
		return nil
	}}
}

func (m Model) openEventForm(l store.RTBLine) (Model, tea.Cmd) {
	types := legalNext(l.Case, m.ctx.Today)
	if len(types) == 0 {
		return m, common.Status(fmt.Sprintf("%s: %s — nothing more can be recorded on this claim.", l.Ref, strings.ToLower(string(l.Stage))))
	}
	return m.openForm(formEvent, l.RTBCase, eventForm(m.ctx, l.RTBCase, types))
}

// eventTypeByLabel finds the event type a choice names.
func eventTypeByLabel(label string) rtb.EventType {
	for _, t := range rtb.EventTypes {
		if t.Label() == label {
			return t
		}
	}
	return rtb.EventType(label)
}

// eventOf reads the event form's values.
func eventOf(v form.Values, today domain.Date) rtb.Event {
	e := rtb.Event{Type: eventTypeByLabel(v["type"]), Detail: strings.TrimSpace(v["detail"])}
	e.Date, _ = domain.ParseDate(v["date"])
	if v["date"] == "" {
		e.Date = today
	}
	e.Ends, _ = domain.ParseDate(v["ends"])
	return e
}

func eventForm(ctx *common.Context, c store.RTBCase, types []rtb.EventType) form.Model {
	today, h, received := ctx.Today, ctx.Holidays, c.Case.Facts().Received
	choices := make([]string, len(types))
	for i, t := range types {
		choices[i] = t.Label()
	}
	return form.New(formEvent, "Record the next step on "+c.Ref+" "+c.Name, ctx.Styles, []form.Field{
		{Key: "type", Label: "Step", Choices: choices, Hint: "←/→: only the steps the law allows next are offered"},
		dateField("date", "Served on", today.String(), "served or happened (for a tenant's notice: received)", false,
			func(d domain.Date) error {
				switch {
				case d.After(today):
					return domain.Happened.Check("date", d, today)
				case d.Before(received):
					return fmt.Errorf("%s is before the RTB1 was received (%s)", d.Human(), received.Human())
				}
				return nil
			}),
		dateField("ends", "Ends on", "", "if stated: RTB6 response end, s140/s141 date, s125E extension", true, nil),
		{Key: "detail", Label: "Detail", Placeholder: "e.g. reasons for a denial, price offered"},
	}, func(v form.Values) tea.Cmd {
		e := eventOf(v, today)
		try := c.Case
		if err := try.Record(e); err != nil {
			return func() tea.Msg { return form.ConfirmMsg{ID: formEvent, Err: err} }
		}
		text := fmt.Sprintf("%s on %s for %s.", e.Type.Label(), e.Date.Human(), c.Ref)
		// Say which deadline the step meets and whether it is late: a late
		// step still counts, but the tenant may already have rights from it.
		for _, d := range rtb.Deadlines(try, h, today) {
			if d.Kind != rtb.DueBy || d.MetOn != e.Date || (d.Status != rtb.Met && d.Status != rtb.MetLate) {
				continue
			}
			when := "on time"
			if late := d.MetOn.DaysSince(d.Due); late > 0 {
				when = fmt.Sprintf("%d days LATE", late)
			}
			text += fmt.Sprintf(" It meets %s, due %s: %s.", d.Name, d.Due.Human(), when)
		}
		text += fmt.Sprintf(" Stage then: %s; %s.", try.Stage(), rtb.NextWords(try, h, today))
		return func() tea.Msg { return form.ConfirmMsg{ID: formEvent, Text: text} }
	})
}

// ---- fraud checklist ----

func checkByShort(s string) rtb.FraudCheck {
	for _, k := range rtb.FraudChecks {
		if k.Short() == s {
			return k
		}
	}
	return rtb.FraudCheck(s)
}

func checkForm(ctx *common.Context, c store.RTBCase) form.Model {
	today, h := ctx.Today, ctx.Holidays
	items := make([]string, len(rtb.FraudChecks))
	for i, k := range rtb.FraudChecks {
		items[i] = k.Short()
	}
	statuses := make([]string, len(rtb.CheckStatuses))
	for i, s := range rtb.CheckStatuses {
		statuses[i] = string(s)
	}
	return form.New(formCheck, "Fraud check on "+c.Ref+" "+c.Name+" (the clocks keep running)", ctx.Styles, []form.Field{
		{Key: "item", Label: "Check", Choices: items, Hint: "←/→ to choose the checklist item"},
		{Key: "status", Label: "Status", Choices: statuses, Value: string(rtb.Passed), Hint: "a concern needs a note saying what it is"},
		{Key: "note", Label: "Note", Placeholder: "what was seen, e.g. passport, NFI match with another council"},
	}, func(v form.Values) tea.Cmd {
		r := rtb.CheckResult{Check: checkByShort(v["item"]), Status: rtb.CheckStatus(v["status"]), On: today, Note: strings.TrimSpace(v["note"])}
		a, err := c.Case.Fraud().Set(r)
		if err != nil {
			return func() tea.Msg { return form.ConfirmMsg{ID: formCheck, Err: err} }
		}
		text := fmt.Sprintf("%s: %s on %s. Then: %s. The statutory clocks keep running (%s).",
			r.Check.Short(), r.Status, c.Ref, a.Summary(), rtb.NextWords(c.Case, h, today))
		return func() tea.Msg { return form.ConfirmMsg{ID: formCheck, Text: text} }
	})
}

// ---- a new claim ----

// loadNewClaimAccount reads the account a new claim is for (to start the
// form from its property type); with no account chosen the form starts
// blank.
func (m Model) loadNewClaimAccount(ref string) tea.Cmd {
	st := m.ctx.Store
	return func() tea.Msg {
		if ref == "" {
			return newClaimAccountMsg{}
		}
		a, err := st.Account(m.ctx.Ctx, ref)
		if err != nil {
			a = store.Account{}
		}
		return newClaimAccountMsg{ref: ref, account: a}
	}
}

// claimAccountMsg answers the new-claim form's re-reading of the account
// typed into it (a zero account when there is none by that reference).
type claimAccountMsg struct {
	ref     string
	account store.Account
}

// loadClaimAccount reads the account typed into the new-claim form.
func (m Model) loadClaimAccount(ref string) tea.Cmd {
	st := m.ctx.Store
	return func() tea.Msg {
		a, err := st.Account(m.ctx.Ctx, ref)
		if err != nil {
			a = store.Account{}
		}
		return claimAccountMsg{ref: ref, account: a}
	}
}

// propertyOf is how the Right to Buy sees an account's property: a flat or
// maisonette is sold on a lease, anything else is a house.
func propertyOf(a store.Account) rtb.Property {
	if a.PropertyType == domain.PropertyFlat || a.PropertyType == domain.PropertyMaisonette {
		return rtb.Flat
	}
	return rtb.House
}

func newClaimTitle(a store.Account) string {
	if a.Ref == "" {
		return "New Right to Buy claim"
	}
	return "New Right to Buy claim on " + a.Ref + " " + a.Name
}

func newClaimForm(ctx *common.Context, ref string, a store.Account, open map[string]string) form.Model {
	today, h := ctx.Today, ctx.Holidays
	property := string(propertyOf(a))
	title := newClaimTitle(a)
	return form.New(formNew, title, ctx.Styles, []form.Field{
		{Key: "ref", Label: "Account", Value: ref, Placeholder: "payment reference, e.g. NW1001", Validate: func(v string) error {
			if v == "" {
				return fmt.Errorf("give the tenancy's account ref")
			}
			for ref, id := range open {
				if strings.EqualFold(ref, v) { // references match whatever their case
					return fmt.Errorf("%s already has open claim %s", ref, id)
				}
			}
			return nil
		}},
		dateField("received", "RTB1 received", today.String(), "the day the council received it, not the date on it", false,
			func(d domain.Date) error {
				return domain.Happened.Check("received", d, today)
			}),
		{Key: "property", Label: "Property", Choices: []string{string(rtb.House), string(rtb.Flat)}, Value: property,
			Hint: "a flat is always sold on a lease (s125: 12 weeks)"},
		{Key: "leasehold", Label: "House on a lease", Choices: []string{"no", "yes"}, Value: "no",
			Hint: "yes: the council holds it on a lease (offer: 12 weeks)"},
		{Key: "other", Label: "Other landlords", Choices: []string{"no", "yes"}, Value: "no",
			Hint: "yes: relies on another landlord's years (RTB2: 8 weeks)"},
	}, func(v form.Values) tea.Cmd {
		n := newClaimOf(v)
		c, err := rtb.NewCase(rtb.Facts{Ref: n.Ref, Received: n.Received, Property: n.Property, Leasehold: n.Leasehold, OtherLandlord: n.OtherLandlord})
		if err != nil {
			return func() tea.Msg { return form.ConfirmMsg{ID: formNew, Err: err} }
		}
		text := fmt.Sprintf("open a Right to Buy claim on %s: RTB1 received %s; %s; %s.", n.Ref, n.Received.Human(),
			rtb.DescribeFacts(c.Facts()), rtb.NextWords(c, h, today))
		return func() tea.Msg { return form.ConfirmMsg{ID: formNew, Text: text} }
	})
}

func newClaimOf(v form.Values) store.NewRTBCase {
	n := store.NewRTBCase{Ref: strings.TrimSpace(v["ref"]), Property: rtb.Property(v["property"]),
		Leasehold: v["leasehold"] == "yes", OtherLandlord: v["other"] == "yes"}
	n.Received, _ = domain.ParseDate(v["received"])
	return n
}

// ---- saving ----

// save writes a confirmed form through the store.
func save(ctx *common.Context, id string, c store.RTBCase, v form.Values) tea.Cmd {
	st, today, h := ctx.Store, ctx.Today, ctx.Holidays
	return func() tea.Msg {
		bg := ctx.Ctx
		out := form.SavedMsg{ID: id, Refs: []string{c.Ref}, Made: c.ID}
		switch id {
		case formEvent:
			e := eventOf(v, today)
			if out.Err = st.AddRTBEvent(bg, c.ID, e, today); out.Err != nil {
				return out
			}
			out.Text = fmt.Sprintf("%s recorded on %s.", e.Type.Label(), c.Ref)
		case formCheck:
			r := rtb.CheckResult{Check: checkByShort(v["item"]), Status: rtb.CheckStatus(v["status"]), Note: v["note"]}
			if out.Err = st.SetFraudCheck(bg, c.ID, r, today); out.Err != nil {
				return out
			}
			out.Text = fmt.Sprintf("%s check on %s: %s.", r.Check.Short(), c.Ref, r.Status)
		case formNew:
			n := newClaimOf(v)
			out.Refs = []string{n.Ref}
			if out.Made, out.Err = st.AddRTBCase(bg, n, today); out.Err != nil {
				return out
			}
			out.Text = fmt.Sprintf("Right to Buy claim %s opened on %s.", out.Made, n.Ref)
		}
		// Say where the claim stands now, from what was written.
		if saved, err := st.RTBCase(bg, out.Made); err == nil {
			out.Text += fmt.Sprintf(" Stage: %s; %s.", saved.Case.Stage(), rtb.NextWords(saved.Case, h, today))
		}
		return out
	}
}

// ---- the claim's view ----

// renderCase is the claim's view: where it stands, every computed date and
// how it was counted, the timeline, the fraud checklist, the rent credit
// and the last discount run on it.
func (m Model) renderCase(l store.RTBLine) string {
	s, w, today := m.ctx.Styles, m.width, m.ctx.Today
	f := l.Case.Facts()
	var b []string
	add := func(lines ...string) { b = append(b, lines...) }
	para := func(prefix, text string) { add(common.WrapIndent(prefix, text, w)...) }

	para("", fmt.Sprintf("Case %s · RTB1 received %s · %s", l.ID, f.Received.Human(), rtb.DescribeFacts(f)))
	para("", l.Address+" · officer "+l.Officer)
	if l.HasNext {
		style := leftStyle(l.Next.DaysLeft, m.dueSoon, s)
		for _, line := range common.WrapIndent("Next: ", fmt.Sprintf("%s — %s to act", l.Next.Words(), l.Next.Deadline.Who), w) {
			add(style.Render(line))
		}
	} else {
		add(s.Muted.Render("Next: no deadline waiting (" + strings.ToLower(string(l.Stage)) + ")"))
	}
	if l.FraudConcern {
		for _, line := range common.WrapIndent("", "⚑ FRAUD CONCERN: "+concernWords(l.Case.Fraud())+". The clocks keep running: fraud checks never pause a statutory deadline.", w) {
			add(s.Danger.Render(line))
		}
	}
	for _, p := range l.Problems {
		for _, line := range common.WrapIndent("✗ ", p, w) {
			add(s.Error.Render(line))
		}
	}

	add("", s.Title.Render("Dates, and how each was counted"))
	const statusW = 13
	pad := strings.Repeat(" ", statusW)
	for _, d := range rtb.Deadlines(l.Case, m.ctx.Holidays, today) {
		word, style := deadlineWord(d, today, m.dueSoon, s)
		head := d.Name + " — " + string(d.Who)
		if d.Kind == rtb.MayServeFrom {
			head += " may serve from " + d.Due.Human()
		} else {
			head += ", due " + d.Due.Human()
		}
		if d.PlusMinusOneDay {
			head += " · ±1 day"
		}
		if d.BankHoliday != "" {
			head += " · bank holiday"
		}
		lines := common.WrapIndent("", head, w-statusW)
		add(style.Render(common.PadRight(word, statusW)) + lines[0])
		for _, line := range lines[1:] {
			add(pad + line)
		}
		para(pad+"how: ", d.Rule)
		for _, warn := range d.Warnings {
			for _, line := range common.WrapIndent(pad+"warning: ", warn, w) {
				add(s.Warning.Render(line))
			}
		}
		if d.IsOpen() {
			para(pad+"do: ", d.Action)
			para(pad+"if missed: ", d.IfMissed)
		} else {
			para(pad+"outcome: ", d.Outcome)
		}
	}

	add("", s.Title.Render("Timeline"))
	para(common.PadRight(f.Received.Human(), 17), rtb.EventRTB1Received.Label()+" (the relevant time: it fixes the value date and the discount law)")
	for _, r := range l.History {
		if r.Event.Type == rtb.EventRTB1Received {
			continue
		}
		text := r.Event.Type.Label()
		if !r.Event.Ends.IsZero() {
			text += ", stating " + r.Event.Ends.Human()
		}
		if r.Event.Detail != "" {
			text += " — " + r.Event.Detail
		}
		para(common.PadRight(r.Event.Date.Human(), 17), text+" ("+r.Officer+")")
	}

	add("", s.Title.Render("Fraud checklist")+s.Muted.Render(" — the clocks keep running whatever it says"))
	for _, r := range l.Case.Fraud().Results() {
		text := r.Check.Label()
		if !r.On.IsZero() {
			text += " — " + r.On.Human()
		}
		if r.Note != "" {
			text += ": " + r.Note
		}
		word := strings.ReplaceAll(string(r.Status), "-", " ")
		style := s.Muted
		switch r.Status {
		case rtb.Passed:
			style = s.Good
		case rtb.Concern:
			word, style = "⚑ CONCERN", s.Danger
		case rtb.InProgress:
			style = s.Warning
		}
		lines := common.WrapIndent("", text, w-statusW)
		add(style.Render(common.PadRight(word, statusW)) + lines[0])
		for _, line := range lines[1:] {
			add(pad + line)
		}
	}

	add("", s.Title.Render("Rent credit"))
	credits := rtb.RentCredits(l.Case)
	if len(credits) == 0 {
		add("No notice of delay served: no rent credit.")
	}
	for _, rc := range credits {
		para("", rc.Words)
	}

	if m.discount.done && m.discount.caseID == l.ID {
		add("", s.Title.Render("Discount")+s.Muted.Render(" — calculated here, not saved"))
		para("", m.discount.summary())
		if m.discount.err == nil {
			para("", m.discount.result.Reason)
		}
	}
	return strings.Join(b, "\n")
}

// concernWords names the open concerns and their notes.
func concernWords(a rtb.FraudAssessment) string {
	var out []string
	for _, r := range a.Concerns() {
		out = append(out, strings.ToLower(r.Check.Short())+" ("+r.Note+")")
	}
	return strings.Join(out, "; ")
}

// deadlineWord is a computed date's status in a word or two, with its
// style: the word carries the meaning, the colour only repeats it.
func deadlineWord(d rtb.Deadline, today domain.Date, dueSoon int, s *theme.Styles) (string, lipgloss.Style) {
	switch d.Status {
	case rtb.Met:
		return "met", s.Good
	case rtb.MetLate:
		return "MET LATE", s.Warning
	case rtb.Closed:
		return "closed", s.Muted
	}
	left := d.DaysLeft(today)
	if d.Kind == rtb.MayServeFrom {
		if left <= 0 {
			return "can serve", s.Warning
		}
		return fmt.Sprintf("from %dd", left), s.Muted
	}
	return rtb.LeftWords(left, dueSoon), leftStyle(left, dueSoon, s)
}

func leftStyle(left, dueSoon int, s *theme.Styles) lipgloss.Style {
	switch {
	case left < 0:
		return s.Danger
	case left <= dueSoon:
		return s.Warning
	}
	return lipgloss.NewStyle()
}

// weekend reports whether a date falls on a Saturday or Sunday.
func weekend(d domain.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
