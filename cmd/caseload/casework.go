package main

import (
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "note", usage: "note REF TEXT [--channel C] [--follow-up D]", help: "record a contact or note", flags: true}.define(runNote)
	kit{name: "event", usage: "event REF TYPE [--date D] [--detail X] [--override REASON]", help: "record a case event", flags: true}.define(runEvent)
}

func runNote(c *call) error {
	channel := c.fs.String("channel", "", "phone, visit, office, letter, email, webchat, sms")
	followUp := c.fs.String("follow-up", "", "diary follow-up date YYYY-MM-DD")
	date := c.fs.String("date", "", "date of the contact (default today)")
	err := c.parse()
	if err != nil {
		return err
	}
	ch, err := domain.ParseChannel(*channel)
	if err != nil {
		return err
	}
	text, err := textArg(c.env, domain.TextNote, "TEXT", c.pos[1])
	if err != nil {
		return err
	}
	n := store.NewNote{Ref: c.pos[0], Channel: ch, Text: text}
	if n.FollowUp, err = optionalDate("--follow-up", *followUp); err != nil {
		return err
	}
	if n.Date, err = optionalDate("--date", *date); err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	out, err := c.st.AddNote(c.ctx, n, c.today)
	if err != nil {
		return err
	}
	if out.Masked > 0 {
		fmt.Fprintf(c.stderr, "caseload: %d card number(s) masked to the last four digits before saving\n", out.Masked)
	}
	msg := "note " + out.ID + " on " + n.Ref
	if !n.FollowUp.IsZero() {
		msg += "; follow up on " + n.FollowUp.Human()
	}
	fmt.Fprintln(c.stdout, msg)
	return nil
}

func runEvent(c *call) error {
	date := c.fs.String("date", "", "date of the event (default today)")
	detail := c.fs.String("detail", "", "detail, e.g. for nosp-served the date stated in the notice after which proceedings may begin (YYYY-MM-DD), or order terms")
	override := c.fs.String("override", "", "reason for recording a court step the pre-action gate refuses (kept on the event and in the audit)")
	err := c.parse()
	if err != nil {
		return err
	}
	typ, err := domain.ParseEventType(c.pos[1])
	if err != nil {
		return err
	}
	text, err := textArg(c.env, domain.TextDetail, "--detail", *detail)
	if err != nil {
		return err
	}
	reason, err := textArg(c.env, domain.TextReason, "--override", *override)
	if err != nil {
		return err
	}
	ev := store.NewEvent{Ref: c.pos[0], Type: typ, Detail: text, Override: reason}
	if ev.Date, err = optionalDate("--date", *date); err != nil {
		return err
	}
	// The possession gate judges a step under the officer's worklist
	// policy, as `caseload preaction` shows it.
	policy, err := loadPolicy(c.settings, "")
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	id, err := c.st.AddEvent(c.ctx, ev, c.today, policy)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "event %s: %s on %s\n", id, typ.Label(), c.pos[0])
	return nil
}
