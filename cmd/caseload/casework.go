package main

import (
	"context"
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("note", "note REF TEXT [--channel C] [--follow-up D]", "record a contact or note", runNote)
	register("event", "event REF TYPE [--date D] [--detail X] [--override REASON]", "record a case event", runEvent)
}

func runNote(e env, args []string) error {
	s := newSettings("note", e)
	channel := s.fs.String("channel", "", "phone, visit, office, letter, email, webchat, sms")
	followUp := s.fs.String("follow-up", "", "diary follow-up date YYYY-MM-DD")
	date := s.fs.String("date", "", "date of the contact (default today)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 2, "REF and TEXT"); err != nil {
		return err
	}
	ch, err := domain.ParseChannel(*channel)
	if err != nil {
		return err
	}
	text, err := textArg(e, domain.TextNote, "TEXT", pos[1])
	if err != nil {
		return err
	}
	n := store.NewNote{Ref: pos[0], Channel: ch, Text: text}
	if n.FollowUp, err = optionalDate("--follow-up", *followUp); err != nil {
		return err
	}
	if n.Date, err = optionalDate("--date", *date); err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	out, err := st.AddNote(context.Background(), n, today)
	if err != nil {
		return err
	}
	if out.Masked > 0 {
		fmt.Fprintf(e.stderr, "caseload: %d card number(s) masked to the last four digits before saving\n", out.Masked)
	}
	msg := "note " + out.ID + " on " + n.Ref
	if !n.FollowUp.IsZero() {
		msg += "; follow up on " + n.FollowUp.Human()
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}

func runEvent(e env, args []string) error {
	s := newSettings("event", e)
	date := s.fs.String("date", "", "date of the event (default today)")
	detail := s.fs.String("detail", "", "detail, e.g. for nosp-served the date stated in the notice after which proceedings may begin (YYYY-MM-DD), or order terms")
	override := s.fs.String("override", "", "reason for recording a court step the pre-action gate refuses (kept on the event and in the audit)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 2, "REF and TYPE"); err != nil {
		return err
	}
	typ, err := domain.ParseEventType(pos[1])
	if err != nil {
		return err
	}
	text, err := textArg(e, domain.TextDetail, "--detail", *detail)
	if err != nil {
		return err
	}
	reason, err := textArg(e, domain.TextReason, "--override", *override)
	if err != nil {
		return err
	}
	ev := store.NewEvent{Ref: pos[0], Type: typ, Detail: text, Override: reason}
	if ev.Date, err = optionalDate("--date", *date); err != nil {
		return err
	}
	// The possession gate judges a step under the officer's worklist
	// policy, as `caseload preaction` shows it.
	policy, err := loadPolicy(s, "")
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := st.AddEvent(context.Background(), ev, today, policy)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "event %s: %s on %s\n", id, typ.Label(), pos[0])
	return nil
}
