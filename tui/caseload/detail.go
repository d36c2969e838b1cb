package caseload

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
)

// detail is the account view: contact details, flags, tenancy, charges,
// payment cadence, arrangement, worklist items and one timeline of
// transactions, notes and events.
type detail struct {
	ref    string
	seq    int
	ctx    *common.Context
	policy worklist.Policy
	vp     viewport.Model
	loaded bool
	err    error

	account store.Account
	ledger  []store.LedgerLine
	notes   []store.Note
	events  []store.Event
	// mandates are the account's Direct Debit mandates, newest first.
	mandates []store.Mandate
	facts    worklist.Facts
	line     worklist.Line
	lineOK   bool
	// waiting: the worklist is still loading, so what to do is not known.
	waiting bool
	// full: the timeline shows every entry in full (enter), wrapped,
	// rather than one line each.
	full bool
}

var detailSeq int

func newDetail(ref string, ctx *common.Context, p worklist.Policy) *detail {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane maps keys itself
	return &detail{ref: ref, ctx: ctx, policy: p, vp: vp}
}

type detailLoadedMsg struct {
	ref     string
	seq     int
	account store.Account
	ledger  []store.LedgerLine
	notes   []store.Note
	events  []store.Event
	facts   worklist.Facts
	// mandates: read from the store itself (ctx.Store), not the door.
	mandates []store.Mandate
	err      error
}

// load reads everything the view shows in one command.
func (d *detail) load(ctx *common.Context, p worklist.Policy) tea.Cmd {
	detailSeq++
	d.seq = detailSeq
	ref, seq, st, today := d.ref, d.seq, ctx.Caseload(), ctx.Today
	return func() tea.Msg {
		c := ctx.Ctx
		msg := detailLoadedMsg{ref: ref, seq: seq}
		if msg.account, msg.err = st.Account(c, ref); msg.err != nil {
			return msg
		}
		if msg.ledger, msg.err = st.Ledger(c, ref); msg.err != nil {
			return msg
		}
		if msg.notes, msg.err = st.Notes(c, ref); msg.err != nil {
			return msg
		}
		if msg.events, msg.err = st.Events(c, ref); msg.err != nil {
			return msg
		}
		if msg.facts, msg.err = st.AccountFacts(c, ref, today, p); msg.err != nil || ctx.Store == nil {
			return msg
		}
		msg.mandates, msg.err = ctx.Store.AccountMandates(c, ref)
		return msg
	}
}

func (d *detail) fill(msg detailLoadedMsg) {
	d.loaded, d.err = true, msg.err
	d.account, d.ledger, d.notes, d.events, d.facts = msg.account, msg.ledger, msg.notes, msg.events, msg.facts
	d.mandates = msg.mandates
}

// withLine gives the view the account's worklist line (from the pane).
func (d *detail) withLine(l *store.CaseLine) {
	if l == nil {
		d.lineOK = false
		return
	}
	d.line, d.lineOK = l.Line, l.OnList
}

func (d *detail) setSize(w, h int) {
	d.vp.Width, d.vp.Height = w, max(h-1, 1)
	d.vp.SetContent(d.render(w))
}

// scroll moves the account view by the list keys the help lists for it.
func (d *detail) scroll(msg tea.KeyMsg, k common.ListKeys) {
	k.Scroll(&d.vp, msg)
}

func (d *detail) view(w int) string {
	s := d.ctx.Styles
	head := s.Title.Render("Account " + d.ref)
	if d.loaded && d.err == nil {
		head += "  " + d.account.Name
		if d.account.Vulnerable {
			head += "  " + s.Danger.Render("⚠ VULNERABLE")
		}
	}
	pct := ""
	if d.vp.TotalLineCount() > d.vp.Height {
		pct = s.Muted.Render(fmt.Sprintf("  (%d%% · j/k scroll)", int(d.vp.ScrollPercent()*100)))
	}
	return common.Truncate(head+pct, w) + "\n" + d.vp.View()
}

func (d *detail) render(w int) string {
	s := d.ctx.Styles
	if !d.loaded {
		return s.Muted.Render("Loading " + d.ref + "…")
	}
	if d.err != nil {
		return s.Error.Render("✗ " + d.err.Error())
	}
	a, today := d.account, d.ctx.Today
	var b strings.Builder
	row := func(label, value string) {
		// The label is styled, so it is put in front of each wrapped line
		// rather than handed to WrapIndent.
		prefix := s.Label.Render(common.PadRight(label, 15))
		for _, line := range common.Wrap(value, w-15) {
			b.WriteString(prefix + line + "\n")
			prefix = strings.Repeat(" ", 15)
		}
	}
	weekly := a.WeeklyCharge(today)
	weeks := "—"
	if wk, ok := domain.ArrearsWeeks(a.Balance, weekly); ok {
		weeks = wk.Words()
	}
	balance := a.Balance.Balance()
	if a.Balance.IsPositive() {
		balance = s.Danger.Render(balance) + " owed (" + weeks + ")"
	} else if a.Balance.IsNegative() {
		balance = s.Good.Render(balance) + " in credit"
	}
	row("Balance", balance)
	row("Weekly charge", weekly.Human()+rentFree(a.RentFreeWeeks))
	for _, c := range domain.ChargesOn(a.Charges, today) {
		b.WriteString(strings.Repeat(" ", 17) + common.PadRight(domain.ComponentLabel(c.Component), 26) + common.PadLeft(c.Weekly.Human(), 10) + "\n")
	}
	row("Account", a.Kind.Label()+" · "+string(a.Status)+" · "+domain.TenancyWords(a.TenancyType, a.Start, a.End))
	row("Address", strings.TrimSpace(a.Address+"  "+a.Postcode))
	row("Phone", orDash(a.Phone))
	row("Email", orDash(a.Email))
	if a.Vulnerable {
		row("Flags", s.Danger.Render("⚠ VULNERABLE — "+domain.VulnerableCaution))
	}
	pays := a.PaymentMethod.Label()
	if uc := domain.UCWords(a.UCClaimant, a.ManagedPayment); uc != "" {
		pays += " · " + uc
	}
	row("Pays by", pays)
	row("Last payment", a.LastPayment.Human())
	if c := worklist.LearnCadence(d.facts.Payments); c.Regular() {
		row("Cadence", c.Words())
	} else {
		row("Cadence", "no regular pattern in the last year")
	}
	if t := worklist.Technical(d.facts, today, d.policy); a.Balance.IsPositive() && t.Explanation != "" {
		label := "Not yet due"
		if !t.Technical {
			label = "Expected"
		}
		row(label, t.Explanation)
	}
	row("Stage", domain.StageWords(a.Stage, a.StageDate))
	for i, line := range preActionWords(&d.facts, today, d.policy) {
		label := ""
		if i == 0 {
			label = "Pre-action"
		}
		row(label, line)
	}
	// What the arrears ladder waits for when its next step is not due yet.
	if w := worklist.Waiting(d.facts, today, d.policy); w != "" {
		row("Waiting", strings.TrimPrefix(w, "waiting: "))
	}
	if d.facts.Arrangement != nil {
		row("Arrangement", d.facts.Arrangement.Words())
		if st := d.facts.ArrangementStatus; st != nil {
			row("", st.Words())
		}
	} else {
		row("Arrangement", "none live")
	}
	if len(d.mandates) > 0 || a.PaymentMethod == domain.MethodDirectDebit {
		for i, line := range ddLines(d.mandates, today, d.ctx.Holidays) {
			label := ""
			if i == 0 {
				label = "Direct Debit"
			}
			row(label, line)
		}
	}
	if lines, breached, ok := worklist.CourtOrder(&d.facts, today, d.policy); ok {
		for i, line := range lines {
			label := ""
			if i == 0 {
				label = "Court order"
			}
			if i == 1 && breached {
				line = s.Danger.Render(line)
			}
			row(label, line)
		}
	}
	if !a.PausedUntil.IsZero() && today.Before(a.PausedUntil) {
		row("Paused", "until "+a.PausedUntil.Human()+": "+a.PauseReason)
	}
	if d.lineOK {
		b.WriteString("\n" + s.Title.Render("To do") + "\n")
		items := d.line.Items()
		if len(items) == 0 {
			b.WriteString(s.Muted.Render("  nothing today") + "\n")
		}
		for _, it := range items {
			for _, line := range common.WrapIndent(fmt.Sprintf("  %3d %s: ", it.Priority, it.Rule), it.Reason+" → "+it.Action, w) {
				b.WriteString(line + "\n")
			}
		}
		for _, it := range d.line.Done {
			b.WriteString(common.Truncate(s.Muted.Render(fmt.Sprintf("  ✓ done today: %s", it.Rule)), w) + "\n")
		}
		for _, n := range d.line.Notes {
			b.WriteString(common.Truncate(s.Muted.Render("  · "+n), w) + "\n")
		}
	}
	if d.waiting {
		b.WriteString("\n" + s.Title.Render("To do") + "\n" + s.Muted.Render("  "+loadingWords) + "\n")
	}
	b.WriteString("\n" + s.Title.Render("Timeline (newest first)") + s.Muted.Render(fullWords(d.full)) + "\n")
	for _, t := range d.timeline() {
		b.WriteString(timelineEntry(t, w, d.full))
	}
	return b.String()
}

func rentFree(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d rent-free weeks a year)", n)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

type entry struct {
	date  domain.Date
	order int
	text  string
}

// timeline merges transactions, notes and events, newest first.
func (d *detail) timeline() []string {
	s := d.ctx.Styles
	var es []entry
	for i, l := range d.ledger {
		text := fmt.Sprintf("%s  %-16s %10s  bal %s", l.Date.Short(), l.Type.Label(), l.Amount.Human(), l.Balance.Balance())
		if l.Method != "" && l.Type == domain.TxnPayment {
			text += "  " + domain.PaymentMethod(l.Method).Label()
		}
		if l.Reference != "" {
			text += "  " + l.Reference
		}
		if l.ReversedBy != "" {
			text += "  (reversed)"
		}
		es = append(es, entry{l.Date, i, text})
	}
	for i, n := range d.notes {
		ch := "note"
		if n.Channel != "" {
			ch = string(n.Channel)
		}
		text := fmt.Sprintf("%s  %s %s: %s", n.Date.Short(), s.Title.Render("✎"), ch, n.Text)
		if !n.FollowUp.IsZero() {
			if n.DoneOn.IsZero() {
				text += " [follow up " + n.FollowUp.Human() + "]"
			} else {
				text += " [followed up " + n.DoneOn.Human() + "]"
			}
		}
		if n.Officer != "" {
			text += " — " + n.Officer
		}
		es = append(es, entry{n.Date, 100000 + i, text})
	}
	for i, e := range d.events {
		text := fmt.Sprintf("%s  %s %s", e.Date.Short(), s.Warning.Render("▲"), e.Type.Label())
		if w := e.Outcome.Words(); w != "" {
			text += " — " + strings.ToLower(w)
		}
		if e.TermsText != "" {
			text += " [terms: " + e.TermsText + "]"
		}
		if e.Detail != "" {
			text += ": " + e.Detail
		}
		es = append(es, entry{e.Date, 200000 + i, text})
	}
	slices.SortStableFunc(es, func(a, b entry) int {
		if c := b.date.Compare(a.date); c != 0 {
			return c
		}
		return b.order - a.order
	})
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.text
	}
	if len(out) == 0 {
		out = append(out, s.Muted.Render("nothing recorded yet"))
	}
	return out
}
