package main

import (
	"context"
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("pay", "pay REF AMOUNT --method M [--date D] [--reference X]", "post a payment", runPay)
	register("post", "post REF AMOUNT --type T [--date D] [--note X] [--of TXN] [--to REF2] [--approved-by NAME]", "post a charge, adjustment, refund, write-off, court costs, reversal or transfer", runPost)
}

func runPay(e env, args []string) error {
	s := newSettings("pay", e)
	method := s.fs.String("method", "", "card, cash, dd, bank, standing-order, uc, hb, dhp, cheque")
	date := s.fs.String("date", "", "date paid (default today)")
	reference := s.fs.String("reference", "", "receipt reference")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 2, "REF and AMOUNT"); err != nil {
		return err
	}
	if *method == "" {
		return usagef("caseload pay: --method is required (card, cash, dd, bank, standing-order, uc, hb, dhp, cheque)")
	}
	m, err := domain.ParsePaymentMethod(*method)
	if err != nil {
		return err
	}
	ref, err := textArg(e, domain.TextReference, "--reference", *reference)
	if err != nil {
		return err
	}
	return post(e, s, store.Posting{Ref: pos[0], Kind: store.PostPayment, Method: m, Reference: ref}, pos[1], *date)
}

func runPost(e env, args []string) error {
	s := newSettings("post", e)
	typ := s.fs.String("type", "", "charge, adjustment, refund, write-off, court-costs, reverse, transfer")
	date := s.fs.String("date", "", "date (default today)")
	note := s.fs.String("note", "", "why (required for write-offs and adjustments)")
	of := s.fs.String("of", "", "reverse: the transaction id to reverse")
	to := s.fs.String("to", "", "transfer: the account receiving the credit")
	reference := s.fs.String("reference", "", "reference")
	approvedBy := s.fs.String("approved-by", "", "write-off: the second officer who approved it (needed above the policy limit)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if *typ == "" {
		return usagef("caseload post: --type is required (charge, adjustment, refund, write-off, court-costs, reverse, transfer)")
	}
	kind, err := store.ParsePostingKind(*typ)
	if err != nil {
		return err
	}
	if *approvedBy != "" && kind != store.PostWriteOff {
		return usagef("caseload post: --approved-by is for --type write-off")
	}
	p := store.Posting{Kind: kind, Of: *of, To: *to}
	if p.Note, err = textArg(e, domain.TextNote, "--note", *note); err != nil {
		return err
	}
	if p.Reference, err = textArg(e, domain.TextReference, "--reference", *reference); err != nil {
		return err
	}
	if p.ApprovedBy, err = textArg(e, domain.TextOfficer, "--approved-by", *approvedBy); err != nil {
		return err
	}
	if kind == store.PostReverse {
		// A reversal's amount is the original's: REF and --of are enough.
		if len(pos) == 2 {
			pos = pos[:1]
		}
		if err := s.want(pos, 1, "REF"); err != nil {
			return err
		}
		if *of == "" {
			return usagef("caseload post --type reverse: --of TXN-ID is required")
		}
		p.Ref = pos[0]
		return post(e, s, p, "", *date)
	}
	if err := s.want(pos, 2, "REF and AMOUNT"); err != nil {
		return err
	}
	if kind == store.PostTransfer && *to == "" {
		return usagef("caseload post --type transfer: --to REF2 is required")
	}
	p.Ref = pos[0]
	return post(e, s, p, pos[1], *date)
}

func post(e env, s *settings, p store.Posting, amount, date string) error {
	if amount != "" {
		m, err := moneyArg("", amount)
		if err != nil {
			return err
		}
		p.Amount = m
	}
	if date != "" {
		d, err := dateArg("--date", date)
		if err != nil {
			return err
		}
		p.Date = d
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	// Say the accounts as they are spelt, whatever case they were typed in.
	p.Ref, p.To = st.Ref(context.Background(), p.Ref), st.Ref(context.Background(), p.To)
	out, err := st.Post(context.Background(), p, today)
	if err != nil {
		return err
	}
	if out.Masked > 0 {
		fmt.Fprintf(e.stderr, "caseload: %d card number(s) masked to the last four digits before saving\n", out.Masked)
	}
	switch p.Kind {
	case store.PostTransfer:
		fmt.Fprintf(e.stdout, "%s transfer of %s from %s to %s; %s balance %s, %s balance %s\n", out.IDs[0],
			out.Amount.Abs().Human(), p.Ref, p.To, p.Ref, out.Balance.Balance(), p.To, out.ToBalance.Balance())
	case store.PostWriteOff:
		approval := ""
		if out.ApprovedBy != "" {
			approval = ", approved by " + out.ApprovedBy
		}
		fmt.Fprintf(e.stdout, "%s %s %s on %s%s; balance %s\n", out.IDs[0], p.Kind, out.Amount.Abs().Human(), p.Ref, approval, out.Balance.Balance())
	default:
		fmt.Fprintf(e.stdout, "%s %s %s on %s; balance %s\n", out.IDs[0], p.Kind, out.Amount.Abs().Human(), p.Ref, out.Balance.Balance())
	}
	return nil
}
