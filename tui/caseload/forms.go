package caseload

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/possession"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The caseload pane's forms: each validates as the officer types, shows
// what will be saved, and writes only on confirmation.

const (
	formNote     = "caseload-note"
	formEvent    = "caseload-event"
	formPause    = "caseload-pause"
	formComplete = "caseload-complete"
)

type followUpsMsg struct {
	ref string
	fus []store.Note
	err error
}

func (m Model) openForm(ref string, f form.Model) (Model, tea.Cmd) {
	m.form, m.formRef = form.Sized(&f, m.width), ref
	return m, nil
}

// formMsg routes the form's messages through the form host; the pane's
// part is what a confirmed form writes.
func (m Model) formMsg(msg tea.Msg) (Model, tea.Cmd) {
	host := form.Host{Submit: func(s form.SubmitMsg) tea.Cmd { return save(m.ctx, s.ID, m.formRef, s.Values, m.ctx.Policy) }}
	var cmd tea.Cmd
	m.form, cmd, _ = host.Route(m.form, msg)
	return m, cmd
}

func dateField(key, label, hint string, optional bool, check func(domain.Date) error) form.Field {
	return form.Field{Key: key, Label: label, Placeholder: "YYYY-MM-DD", Hint: hint, Validate: func(v string) error {
		if v == "" {
			if optional {
				return nil
			}
			return fmt.Errorf("give a date, YYYY-MM-DD")
		}
		d, err := domain.ParseDate(v)
		if err != nil {
			return fmt.Errorf("use YYYY-MM-DD, e.g. %s", "2026-12-01")
		}
		if check != nil {
			return check(d)
		}
		return nil
	}}
}

func channels() []string {
	out := []string{"phone"}
	for _, c := range domain.Channels {
		if c != domain.ChannelPhone {
			out = append(out, string(c))
		}
	}
	return append(out, "(note only)")
}

func noteForm(ctx *common.Context, ref string) form.Model {
	today := ctx.Today
	return form.New(formNote, "Note on "+ref, ctx.Styles, []form.Field{
		{Key: "channel", Label: "Channel", Choices: channels(), Hint: "how the contact happened; ←/→ to change"},
		{Key: "text", Label: "What was said", Placeholder: "e.g. agreed £10 a week extra from Friday", Validate: func(v string) error {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("say what was said or done")
			}
			return nil
		}, Hint: "card numbers are masked to the last four digits before saving"},
		dateField("follow_up", "Follow up on", "optional: a diary date for the next step", true, func(d domain.Date) error {
			return domain.Due.Check("follow_up", d, today)
		}),
	}, func(v form.Values) tea.Cmd {
		text := "note (" + v["channel"] + ") on " + ref
		if v["follow_up"] != "" {
			d, _ := domain.ParseDate(v["follow_up"])
			text += "; follow up on " + d.Human()
		}
		return confirm(formNote, "save "+text)
	})
}

// eventTypes are the steps that may come next on the account (the
// possession gate's order: no warrant before an order).
func eventTypes(next []domain.EventType) []string {
	out := make([]string, len(next))
	for i, t := range next {
		out[i] = string(t)
	}
	return out
}

func eventForm(ctx *common.Context, ref string, facts worklist.Facts, p worklist.Policy) form.Model {
	today := ctx.Today
	fields := []form.Field{
		{Key: "type", Label: "Event", Choices: eventTypes(possession.Next(&facts, today, p)), Hint: "←/→ or the first letter to choose; only the steps that may come next"},
		eventDateField(today),
	}
	fields = append(fields, courtFields()...)
	fields = append(fields,
		form.Field{Key: "detail", Label: "Detail", Placeholder: "e.g. NOSP: proceedings after 2027-01-04"},
		form.Field{Key: "override", Label: "Override reason", Placeholder: "only to record a court step the pre-action gate refuses",
			Hint: "kept on the event and in the audit trail"})
	return form.New(formEvent, "Case event on "+ref, ctx.Styles, fields, func(v form.Values) tea.Cmd {
		return confirmEvent(ref, facts, p, today, v)
	})
}

func pauseForm(ctx *common.Context, ref string, l *store.CaseLine) form.Model {
	today := ctx.Today
	title := "Pause " + ref
	hint := "the case leaves the worklist until this date"
	if l != nil && l.Paused {
		title = "Change or lift the pause on " + ref
		hint = "blank lifts the pause now"
	}
	return form.New(formPause, title, ctx.Styles, []form.Field{
		dateField("until", "Paused until", hint, l != nil && l.Paused, func(d domain.Date) error {
			return domain.Until.Check("until", d, today)
		}),
		{Key: "reason", Label: "Reason", Placeholder: "e.g. awaiting HB backdate decision"},
	}, func(v form.Values) tea.Cmd {
		if v["until"] == "" {
			return confirm(formPause, "lift the pause on "+ref)
		}
		if strings.TrimSpace(v["reason"]) == "" {
			return func() tea.Msg { return form.ConfirmMsg{ID: formPause, Err: fmt.Errorf("say why the case is paused")} }
		}
		d, _ := domain.ParseDate(v["until"])
		return confirm(formPause, fmt.Sprintf("pause %s until %s (%s)", ref, d.Human(), v["reason"]))
	})
}

// loadFollowUps reads an account's open follow-ups, for completing one.
func loadFollowUps(ctx *common.Context, ref string) tea.Cmd {
	st := ctx.Store
	return func() tea.Msg {
		notes, err := st.Notes(ctx.Ctx, ref)
		var open []store.Note
		for _, n := range notes {
			if !n.FollowUp.IsZero() && n.DoneOn.IsZero() {
				open = append(open, n)
			}
		}
		return followUpsMsg{ref: ref, fus: open, err: err}
	}
}

func completeForm(ctx *common.Context, ref string, fus []store.Note) form.Model {
	choices := make([]string, len(fus))
	for i, n := range fus {
		choices[i] = n.ID + " due " + n.FollowUp.Short() + ": " + common.Truncate(n.Text, 40)
	}
	return form.New(formComplete, "Complete a follow-up on "+ref, ctx.Styles, []form.Field{
		{Key: "note", Label: "Follow-up", Choices: choices, Hint: "←/→ to choose"},
	}, func(v form.Values) tea.Cmd {
		return confirm(formComplete, "mark done today: "+v["note"])
	})
}

func confirm(id, text string) tea.Cmd {
	return func() tea.Msg { return form.ConfirmMsg{ID: id, Text: text} }
}

// save writes a confirmed form through the store.
func save(ctx *common.Context, id, ref string, v form.Values, policy worklist.Policy) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		c := ctx.Ctx
		out := form.SavedMsg{ID: id, Refs: []string{ref}}
		switch id {
		case formNote:
			ch := domain.Channel(v["channel"])
			if v["channel"] == "(note only)" {
				ch = domain.ChannelNone
			}
			fu, _ := domain.ParseDate(v["follow_up"])
			res, err := st.AddNote(c, store.NewNote{Ref: ref, Channel: ch, Text: v["text"], FollowUp: fu}, today)
			out.Err, out.Text = err, "Note saved on "+ref+"."
			if res.Masked > 0 {
				out.Text += fmt.Sprintf(" %d card number(s) masked to the last four digits.", res.Masked)
			}
		case formEvent:
			d, _ := domain.ParseDate(v["date"])
			o, terms, err := courtValues(v)
			if err == nil {
				_, err = st.AddEvent(c, store.NewEvent{Ref: ref, Type: domain.EventType(v["type"]), Date: d, Detail: v["detail"],
					Override: v["override"], Outcome: o, Terms: terms, TermsText: v["terms"]}, today, policy)
			}
			out.Err, out.Text = err, domain.EventType(v["type"]).Label()+" recorded on "+ref+"."
		case formPause:
			d, _ := domain.ParseDate(v["until"])
			out.Err = st.Pause(c, ref, d, v["reason"], today)
			out.Text = ref + " paused until " + d.Human() + "."
			if d.IsZero() {
				out.Text = "Pause lifted on " + ref + "."
			}
		case formPreAction:
			ticks := preActionTicks(v, today)
			out.Err = st.TickPreActions(c, ref, ticks, today)
			out.Text = "Pre-action checklist saved on " + ref + "."
		case formComplete:
			noteID, _, _ := strings.Cut(v["note"], " ")
			out.Err, out.Text = st.CompleteFollowUp(c, noteID, today), "Follow-up done on "+ref+"."
		case formDDSet, formDDCancel:
			out = saveDD(ctx, id, ref, v)
		}
		return out
	}
}

// markDone marks the account's top item done for today (the store decides
// what that item is, as it does for `caseload done`).
func markDone(ctx *common.Context, ref string, policy worklist.Policy) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		it, err := st.MarkDoneToday(ctx.Ctx, ref, today, policy)
		return form.SavedMsg{Refs: []string{ref}, Text: fmt.Sprintf("%s: %s done for today (u undoes it).", ref, it.Rule), Err: err}
	}
}

// undoDone puts the account's items marked done today back on the list.
func undoDone(ctx *common.Context, ref string) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		rules, err := st.UndoDoneToday(ctx.Ctx, ref, today)
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = string(r)
		}
		return form.SavedMsg{Refs: []string{ref}, Text: fmt.Sprintf("%s: %s back on today's list.", ref, strings.Join(names, ", ")), Err: err}
	}
}
