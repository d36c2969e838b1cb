package bacs

import (
	"fmt"
	"slices"
	"strings"

	"caseload/domain"
)

// Reason code tables (factsheet §1(a), §1(b)). Meanings are Bacs's; the
// actions are what an income officer does next. Every officer-facing phrase
// about a Bacs reason lives here.

// ARUDDReason is why a collection came back unpaid.
type ARUDDReason struct {
	Code    string // "0"–"9", "A", "B"; "?" when the file's reason is not recognised
	Meaning string
	Action  string
	// Representable: the scheme lets the collection be presented again
	// (code 18) within a month of the first presentation. Only "refer to
	// payer" does; cancelled, deceased, no account, no instruction never.
	Representable bool
	// EndsInstruction: the instruction cannot be collected on again; a new
	// instruction or another way to pay is needed.
	EndsInstruction bool
	Known           bool
}

var aruddReasons = map[string]ARUDDReason{
	"0": {Meaning: "refer to payer", Action: "usually not enough money in the account: contact the tenant; may be re-presented within a month of the first presentation", Representable: true},
	"1": {Meaning: "instruction cancelled", Action: "the tenant or their bank cancelled the Direct Debit: contact the tenant to set up a new instruction or another way to pay", EndsInstruction: true},
	"2": {Meaning: "payer deceased", Action: "refer to the tenancy team; do not collect again", EndsInstruction: true},
	"3": {Meaning: "account transferred", Action: "the account moved to another bank: check for an ADDACS with the new details, otherwise obtain a new instruction; collect again only after a new advance notice", EndsInstruction: true},
	"4": {Meaning: "advance notice disputed", Action: "the tenant disputes the amount or date: collect nothing more until the dispute is resolved"},
	"5": {Meaning: "no account (or wrong account type)", Action: "the bank does not recognise the account: check the details against the instruction and contact the tenant", EndsInstruction: true},
	"6": {Meaning: "no instruction", Action: "the bank holds no instruction: lodge a new one (0N) with the tenant's agreement", EndsInstruction: true},
	"7": {Meaning: "amount differs", Action: "the amount differs from the advance notice: send a correct notice before collecting"},
	"8": {Meaning: "amount not yet due", Action: "collected before the date in the advance notice: collect on the notified date"},
	"9": {Meaning: "presentation overdue", Action: "presented out of time: agree a new date with the tenant and give notice"},
	"A": {Meaning: "service user differs", Action: "the bank's instruction is for another service user: check the SUN and reference"},
	"B": {Meaning: "account closed", Action: "the tenant closed the account: obtain a new instruction on another account or another way to pay", EndsInstruction: true},
}

// ARUDDReasonFor returns the reason for a one-character ARUDD code.
func ARUDDReasonFor(code string) (ARUDDReason, bool) {
	r, ok := aruddReasons[code]
	if !ok {
		return ARUDDReason{Code: "?", Meaning: "unrecognised return reason", Action: "check the return with the bank before acting; it is not re-presented"}, false
	}
	r.Code, r.Known = code, true
	return r, true
}

// aruddDescriptions map the returnDescription text to a reason code: the
// text is what production parsers key on (factsheet §1(a), confirmed).
var aruddDescriptions = []struct{ text, code string }{
	{"REFER TO PAYER", "0"},
	{"INSTRUCTION CANCELLED", "1"},
	{"DECEASED", "2"},
	{"ACCOUNT TRANSFERRED", "3"},
	{"ADVANCE NOTICE DISPUTED", "4"},
	{"NO ACCOUNT", "5"},
	{"WRONG ACCOUNT TYPE", "5"},
	{"NO INSTRUCTION", "6"},
	{"AMOUNT NOT YET DUE", "8"},
	{"AMOUNT DIFFERS", "7"},
	{"PRESENTATION OVERDUE", "9"},
	{"SERVICE USER DIFFERS", "A"},
	{"ACCOUNT CLOSED", "B"},
}

// aruddReturnCodes map 4-digit returnCode values to reason codes. Only 0128
// (refer to payer) and 1012 (instruction cancelled) are confirmed; the rest
// are unconfirmed and used only when the description says nothing.
var aruddReturnCodes = map[string]string{
	"0128": "0", "1012": "1", "1013": "2", "1014": "3", "1015": "4", "1016": "5",
	"1017": "6", "1018": "7", "1019": "8", "1020": "9", "1021": "A", "1022": "B",
}

// aruddReasonOf resolves an ARUDD item's reason from its description text,
// then its 4-digit return code.
func aruddReasonOf(returnCode, description string) ARUDDReason {
	d := strings.ToUpper(description)
	for _, m := range aruddDescriptions {
		if strings.Contains(d, m.text) {
			r, _ := ARUDDReasonFor(m.code)
			return r
		}
	}
	if c, ok := aruddReturnCodes[returnCode]; ok {
		r, _ := ARUDDReasonFor(c)
		return r
	}
	r, _ := ARUDDReasonFor("")
	return r
}

// RepresentationPolicy is the council's rule for presenting an unpaid
// collection again (code 18).
type RepresentationPolicy struct {
	Reasons     []string // ARUDD codes that are re-presented; each must be Representable
	MaxAttempts int      // re-presentations of one collection
}

// DefaultRepresentationPolicy re-presents "refer to payer" once.
func DefaultRepresentationPolicy() RepresentationPolicy {
	return RepresentationPolicy{Reasons: []string{"0"}, MaxAttempts: 1}
}

// Validate refuses a policy that would re-present a reason the scheme does
// not allow (cancelled, deceased, no account, no instruction…).
func (p RepresentationPolicy) Validate() error {
	if p.MaxAttempts < 0 || p.MaxAttempts > 3 {
		return domain.Invalid("re-presentation attempts", "%d is not between 0 and 3", p.MaxAttempts)
	}
	for _, c := range p.Reasons {
		r, ok := ARUDDReasonFor(c)
		if !ok {
			return domain.Invalid("re-presentation reasons", "%q is not an ARUDD reason code", c)
		}
		if !r.Representable {
			return domain.Invalid("re-presentation reasons", "reason %s (%s) may never be re-presented", c, r.Meaning)
		}
	}
	return nil
}

// MayRepresent decides whether a returned collection is presented again on
// date on, given how many times it has already been re-presented. The
// scheme's limit is one month from the original processing date.
func (p RepresentationPolicy) MayRepresent(r ReturnedDebit, attempts int, on domain.Date) (bool, string) {
	if !r.Reason.Representable {
		return false, fmt.Sprintf("reason %s (%s) is never re-presented", r.Reason.Code, r.Reason.Meaning)
	}
	if !slices.Contains(p.Reasons, r.Reason.Code) {
		return false, fmt.Sprintf("the council's policy does not re-present reason %s (%s)", r.Reason.Code, r.Reason.Meaning)
	}
	if attempts >= p.MaxAttempts {
		return false, fmt.Sprintf("already re-presented %d time(s); the policy allows %d", attempts, p.MaxAttempts)
	}
	if !on.After(r.OriginalProcessingDate) {
		return false, fmt.Sprintf("%s is not after the original processing date %s", on, r.OriginalProcessingDate)
	}
	if limit := r.OriginalProcessingDate.AddMonthsClamped(1); on.After(limit) {
		return false, fmt.Sprintf("%s is more than a month after the first presentation (last day %s)", on, limit)
	}
	return true, fmt.Sprintf("reason %s (%s): re-present as code 18", r.Reason.Code, r.Reason.Meaning)
}

// ADDACSEffect is what an ADDACS advice does to the mandate.
type ADDACSEffect int

// ADDACS effects.
const (
	EffectUnknown      ADDACSEffect = iota // unrecognised code: an officer decides
	EffectCancelled                        // the instruction is cancelled
	EffectTransferred                      // new bank: new details if given, else a new instruction
	EffectBranchChange                     // same bank, new branch: apply and carry on
	EffectSuspended                        // advance notice disputed: collect nothing more until resolved
	EffectAmended                          // the paying bank amended the instruction
	EffectReinstated                       // the instruction is live again
)

// ADDACSReason is an ADDACS reason code's meaning and the action it implies.
type ADDACSReason struct {
	Code    string
	Meaning string
	Action  string
	Effect  ADDACSEffect
	// NeedsOfficer: the advice raises a worklist item (someone must act).
	NeedsOfficer bool
	// Team to refer to, when not the income officer ("tenancy").
	Team  string
	Known bool
}

var addacsReasons = map[string]ADDACSReason{
	"0": {Meaning: "instruction cancelled by the paying bank (refer to payer)", Action: "contact the tenant to set up a new instruction or another way to pay", Effect: EffectCancelled, NeedsOfficer: true},
	"1": {Meaning: "instruction cancelled by the payer", Action: "contact the tenant about another way to pay and any amount outstanding", Effect: EffectCancelled, NeedsOfficer: true},
	"2": {Meaning: "payer deceased", Action: "refer to the tenancy team; the instruction is cancelled", Effect: EffectCancelled, NeedsOfficer: true, Team: "tenancy"},
	"3": {Meaning: "account transferred to a new bank or building society", Action: "apply the new details if given and lodge a new instruction (0N) on the new account — do not send 0C; if no new details, obtain a new instruction and suspend collections", Effect: EffectTransferred, NeedsOfficer: true},
	"B": {Meaning: "account closed", Action: "obtain a new instruction on another account or another way to pay", Effect: EffectCancelled, NeedsOfficer: true},
	"C": {Meaning: "account transferred to another branch of the same bank", Action: "apply the new sort code and account number and carry on collecting; send no 0C/0N", Effect: EffectBranchChange},
	"D": {Meaning: "advance notice disputed", Action: "collect nothing more until the dispute is resolved with the tenant", Effect: EffectSuspended, NeedsOfficer: true},
	"E": {Meaning: "instruction amended", Action: "apply the amendment and carry on collecting", Effect: EffectAmended},
	"R": {Meaning: "instruction reinstated", Action: "the instruction is live again; send no 0C/0N", Effect: EffectReinstated},
}

// ADDACSReasonFor returns the reason for an ADDACS code; unknown codes come
// back with EffectUnknown and NeedsOfficer set.
func ADDACSReasonFor(code string) (ADDACSReason, bool) {
	r, ok := addacsReasons[code]
	if !ok {
		return ADDACSReason{Code: code, Meaning: "unrecognised ADDACS reason " + code, Action: "check the advice with the bank before acting", NeedsOfficer: true}, false
	}
	r.Code, r.Known = code, true
	return r, true
}

// AUDDISReason is why the paying bank rejected an AUDDIS instruction.
type AUDDISReason struct {
	Code    string
	Meaning string
	Action  string
	Known   bool
}

var auddisReasons = map[string]AUDDISReason{
	"1": {Meaning: "instruction cancelled by the payer", Action: "contact the tenant about another way to pay"},
	"2": {Meaning: "payer deceased", Action: "refer to the tenancy team"},
	"3": {Meaning: "account transferred", Action: "obtain the new account details and lodge again"},
	"5": {Meaning: "no account", Action: "check the sort code and account number with the tenant"},
	"6": {Meaning: "no instruction", Action: "check the reference and lodge again"},
	"B": {Meaning: "account closed", Action: "obtain details of another account"},
	"C": {Meaning: "account transferred to another branch", Action: "obtain the new sort code and lodge again"},
	"F": {Meaning: "invalid account type", Action: "the account cannot take Direct Debits: ask for another account"},
	"G": {Meaning: "bank will not accept Direct Debits on this account", Action: "ask for another account or another way to pay"},
	"H": {Meaning: "instruction has expired", Action: "obtain a new instruction"},
	"I": {Meaning: "payer reference is not unique", Action: "give the mandate a new reference and lodge again"},
	"K": {Meaning: "instruction cancelled by the bank", Action: "contact the tenant about another way to pay"},
	"L": {Meaning: "incorrect payer's account details", Action: "check the details with the tenant and lodge again"},
	"M": {Meaning: "transaction code or user status incompatible", Action: "check the file with the Bacs bureau"},
	"N": {Meaning: "transaction disallowed at the payer's branch", Action: "ask for another account"},
	"O": {Meaning: "invalid reference", Action: "correct the reference and lodge again"},
	"P": {Meaning: "payer's name not present", Action: "add the payer's account name and lodge again"},
	"Q": {Meaning: "service user's name is blank", Action: "check the file with the Bacs bureau"},
}

// AUDDISReasonFor returns the reason for an AUDDIS rejection code.
func AUDDISReasonFor(code string) (AUDDISReason, bool) {
	r, ok := auddisReasons[code]
	if !ok {
		return AUDDISReason{Code: code, Meaning: "unrecognised AUDDIS rejection reason " + code, Action: "check the advice with the bank"}, false
	}
	r.Code, r.Known = code, true
	return r, true
}
