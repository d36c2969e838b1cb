package main

import (
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "pay", usage: "pay REF AMOUNT --method M [--date D] [--reference X]", help: "post a payment", flags: true}.define(runPay)
	kit{name: "post", usage: "post REF AMOUNT --type T [--date D] [--note X] [--of TXN] [--to REF2] [--approved-by NAME]", help: "post a charge, adjustment, refund, write-off, court costs, reversal or transfer", flags: true, variadic: true}.define(runPost)
}

func runPay(c *call) error {
	method := c.fs.String("method", "", "card, cash, dd, bank, standing-order, uc, hb, dhp, cheque")
	date := c.fs.String("date", "", "date paid (default today)")
	reference := c.fs.String("reference", "", "receipt reference")
	if err := c.parse(); err != nil {
		return err
	}
	if *method == "" {
		return usagef("caseload pay: --method is required (card, cash, dd, bank, standing-order, uc, hb, dhp, cheque)")
	}
	m, err := domain.ParsePaymentMethod(*method)
	if err != nil {
		return err
	}
	ref, err := textArg(c.env, domain.TextReference, "--reference", *reference)
	if err != nil {
		return err
	}
	return post(c, store.Posting{Ref: c.pos[0], Kind: store.PostPayment, Method: m, Reference: ref}, c.pos[1], *date)
}

func runPost(c *call) error {
	typ := c.fs.String("type", "", "charge, adjustment, refund, write-off, court-costs, reverse, transfer")
	date := c.fs.String("date", "", "date (default today)")
	note := c.fs.String("note", "", "why (required for write-offs and adjustments)")
	of := c.fs.String("of", "", "reverse: the transaction id to reverse")
	to := c.fs.String("to", "", "transfer: the account receiving the credit")
	reference := c.fs.String("reference", "", "reference")
	approvedBy := c.fs.String("approved-by", "", "write-off: the second officer who approved it (needed above the policy limit)")
	err := c.parse()
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
	p := store.Posting{Kind: kind, Of: *of, To: *to, ApprovedBy: *approvedBy}
	if err := domain.CheckPosting(p); err != nil {
		return postingUsage(kind, err)
	}
	if p.Note, err = textArg(c.env, domain.TextNote, "--note", *note); err != nil {
		return err
	}
	if p.Reference, err = textArg(c.env, domain.TextReference, "--reference", *reference); err != nil {
		return err
	}
	if p.ApprovedBy, err = textArg(c.env, domain.TextOfficer, "--approved-by", *approvedBy); err != nil {
		return err
	}
	if kind == store.PostReverse {
		// A reversal's amount is the original's: REF and --of are enough.
		if len(c.pos) == 2 {
			c.pos = c.pos[:1]
		}
		if err := c.want(c.pos, 1, "REF"); err != nil {
			return err
		}
		p.Ref = c.pos[0]
		return post(c, p, "", *date)
	}
	if err := c.want(c.pos, 2, "REF and AMOUNT"); err != nil {
		return err
	}
	p.Ref = c.pos[0]
	return post(c, p, c.pos[1], *date)
}

// postingUsage says domain.CheckPosting's refusal as the flag the officer
// got wrong: a post missing --to or --of, or approved when it is not a
// write-off, is a usage error (exit 2), refused before anything is read.
func postingUsage(kind store.PostingKind, err error) error {
	var v *domain.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	return usagef("caseload post --type %s: --%s: %s", kind, strings.ReplaceAll(v.Field, "_", "-"), v.Reason)
}

func post(c *call, p store.Posting, amount, date string) error {
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
	if err := c.session(); err != nil {
		return err
	}
	// Say the accounts as they are spelt, whatever case they were typed in.
	p.Ref, p.To = c.st.Ref(c.ctx, p.Ref), c.st.Ref(c.ctx, p.To)
	out, err := c.st.Post(c.ctx, p, c.today)
	if err != nil {
		return err
	}
	if out.Masked > 0 {
		fmt.Fprintf(c.stderr, "caseload: %d card number(s) masked to the last four digits before saving\n", out.Masked)
	}
	switch p.Kind {
	case store.PostTransfer:
		fmt.Fprintf(c.stdout, "%s transfer of %s from %s to %s; %s balance %s, %s balance %s\n", out.IDs[0],
			out.Amount.Abs().Human(), p.Ref, p.To, p.Ref, out.Balance.Balance(), p.To, out.ToBalance.Balance())
	case store.PostWriteOff:
		approval := ""
		if out.ApprovedBy != "" {
			approval = ", approved by " + out.ApprovedBy
		}
		fmt.Fprintf(c.stdout, "%s %s %s on %s%s; balance %s\n", out.IDs[0], p.Kind, out.Amount.Abs().Human(), p.Ref, approval, out.Balance.Balance())
	default:
		fmt.Fprintf(c.stdout, "%s %s %s on %s; balance %s\n", out.IDs[0], p.Kind, out.Amount.Abs().Human(), p.Ref, out.Balance.Balance())
	}
	return nil
}
