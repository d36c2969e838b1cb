package bacs

import (
	"fmt"
	"strings"

	"caseload/domain"
)

// The run log's words for each kind of run.

// FileSummary says what a file made holds: "2 collections (2 regular
// collection 17), £866.66, collected Tue 15 Dec 2026" or "3 instructions
// (2 new instruction 0N, 1 cancel instruction 0C), effective Thu 26 Nov
// 2026".
func FileSummary(due []Due, entry domain.Date) string {
	total := domain.Zero
	count := map[TransactionCode]int{}
	var order []TransactionCode
	for _, d := range due {
		total = total.Add(d.Item.Amount)
		if count[d.Item.Code] == 0 {
			order = append(order, d.Item.Code)
		}
		count[d.Item.Code]++
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = fmt.Sprintf("%d %s %s", count[c], c.Meaning(), c)
	}
	if total.IsPositive() {
		return fmt.Sprintf("%s (%s), %s, collected %s", counted(len(due), "collection"), strings.Join(parts, ", "), total.Human(), entry.Human())
	}
	return fmt.Sprintf("%s (%s), effective %s", counted(len(due), "instruction"), strings.Join(parts, ", "), entry.Human())
}

// PostSummary says what a posting run posted.
func PostSummary(n int, total domain.Money) string {
	return fmt.Sprintf("%s posted, %s", counted(n, "Direct Debit payment"), total.Human())
}

// counted is "1 collection", "2 collections".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ARUDDSummary says what an ARUDD holds.
func ARUDDSummary(a *ARUDD) string {
	return fmt.Sprintf("%s, %s", counted(len(a.Returns), "returned debit"), a.Total.Human())
}

// ADDACSSummary says what an ADDACS holds.
func ADDACSSummary(a *ADDACS) string {
	if len(a.Amendments) == 1 {
		return "1 amendment or cancellation"
	}
	return fmt.Sprintf("%d amendments and cancellations", len(a.Amendments))
}

// AUDDISSummary says what an AUDDIS advice holds.
func AUDDISSummary(a *AUDDIS) string {
	var parts []string
	for _, f := range a.Files {
		word := "accepted"
		if !f.Accepted {
			word = "rejected"
		}
		parts = append(parts, fmt.Sprintf("file %s %s", f.VolumeSerial, word))
	}
	parts = append(parts, counted(len(a.Instructions), "instruction")+" rejected")
	return strings.Join(parts, ", ")
}

// ItemOutcome is what one advice item did, for the import's report; its
// Line is the officer's words.
type ItemOutcome struct {
	Account, Reference string
	What               string // what the bank said (ReturnWords, AmendmentWords…)
	Reversed           bool   // the collection's payment was reversed
	RepresentFrom      domain.Date
	NewDetails         bool   // new bank details were applied
	Moved              string // the mandate's new state, in words
	FollowUp           domain.Date
	Exception          string // why it matched nothing: it is an exception
}

// Line is the outcome in one line: "NW1001 NW1001DD01: £95.00 returned,
// refer to payer; payment reversed; re-presented from 2026-12-24".
func (o ItemOutcome) Line() string {
	if o.Exception != "" {
		return fmt.Sprintf("EXCEPTION %s: %s", o.Reference, o.Exception)
	}
	parts := []string{fmt.Sprintf("%s %s: %s", o.Account, o.Reference, o.What)}
	if o.Reversed {
		parts = append(parts, "payment reversed")
	}
	if !o.RepresentFrom.IsZero() {
		parts = append(parts, "re-presented from "+o.RepresentFrom.String())
	}
	if o.NewDetails {
		parts = append(parts, "new bank details applied")
	}
	if o.Moved != "" {
		parts = append(parts, "mandate "+o.Moved)
	}
	if !o.FollowUp.IsZero() {
		parts = append(parts, "follow-up by "+o.FollowUp.String())
	}
	return strings.Join(parts, "; ")
}

// ReturnWords is what an ARUDD return says.
func ReturnWords(r ReturnedDebit) string {
	return fmt.Sprintf("£%s returned, %s", r.Amount, r.Reason.Meaning)
}

// RejectionWords is what an AUDDIS rejection of one instruction says.
func RejectionWords(in AUDDISInstruction) string {
	return "instruction rejected, " + in.Reason.Meaning
}

// FileRejectedWords is why every instruction of a rejected AUDDIS file is
// lodged again.
func FileRejectedWords(f AUDDISFile, errors []string) string {
	why := "AUDDIS file " + f.VolumeSerial + " rejected"
	if f.FileErrorCode != "" && f.FileErrorCode != "0" {
		why += " (error " + f.FileErrorCode + ")"
	}
	if len(errors) > 0 {
		why += ": " + strings.Join(errors, "; ")
	}
	return why
}

// LodgementAccepted is the reason a mandate goes live on an AUDDIS advice.
func LodgementAccepted(f AUDDISFile) string {
	return "lodgement accepted (AUDDIS file " + f.VolumeSerial + ")"
}

// RelodgeWords is the timeline note when a rejected file's instruction is
// lodged again.
func RelodgeWords(why, reference string) string {
	return why + "; the instruction for " + reference + " will be lodged again in the next AUDDIS file"
}

// What an exception keeps of the advice item it came from: what the bank
// said, with the payer's account masked.

// Detail is a return as an exception keeps it.
func (r ReturnedDebit) Detail() string {
	return fmt.Sprintf("%s £%s of %s, %s, payer %s account %s", r.Reference, r.Amount, r.OriginalProcessingDate, r.Description,
		r.PayerName, MaskAccount(r.PayerAccount))
}

// Detail is an amendment as an exception keeps it.
func (a Amendment) Detail() string {
	return fmt.Sprintf("reason %s (%s), effective %s, payer %s account %s", a.Reason.Code, a.Reason.Meaning, a.EffectiveDate,
		a.PayerName, MaskAccount(a.Account))
}

// Detail is a rejected instruction as an exception keeps it.
func (in AUDDISInstruction) Detail() string {
	return fmt.Sprintf("reason %s (%s), payer %s account %s", in.Reason.Code, in.Reason.Meaning, in.PayerName, MaskAccount(in.Account))
}

// Detail is a file advice as an exception keeps it.
func (f AUDDISFile) Detail() string {
	return fmt.Sprintf("%d accepted, %d rejected, processing %s", f.AcceptedCount, f.RejectedCount, f.ProcessingDate)
}

// Why an advice item is an exception.

// NoMandate: no mandate has the advice's reference.
func NoMandate(reference string) string { return "no mandate has reference " + reference }

// NoAUDDISFile: the advice is about a file not made here.
func NoAUDDISFile(volume string) string {
	return fmt.Sprintf("no AUDDIS file with volume serial %s was made here", volume)
}

// AlreadyReturned: the collection came back once already.
func AlreadyReturned(on domain.Date) string {
	return fmt.Sprintf("the collection was already returned on %s", on)
}

// OtherServiceUser refuses an advice for another council.
func OtherServiceUser(got, want string) string {
	return fmt.Sprintf("the advice is for service user %s, not this council's %s", got, want)
}
