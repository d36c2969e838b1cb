package bacs

import (
	"strings"

	"caseload/domain"
)

// AUDDIS is an AUDDIS advice: the bank's answer to a file of instructions
// (0N/0C/0S). A file-level advice says how many instructions were accepted
// or rejected (advice-type AUDACC, report 7003) or that the whole file was
// rejected (AUDREJ, 7004); an instruction-level advice names each rejected
// instruction with its reason code.
type AUDDIS struct {
	MessagingHeader
	Files        []AUDDISFile
	Instructions []AUDDISInstruction
	Errors       []string // MessagingError lines: why a file was rejected
}

// AUDDISFile is the file-level result for one AUDDIS file sent.
type AUDDISFile struct {
	Path           string
	Accepted       bool // record-type V; R is a rejected file
	ProcessingDate domain.Date
	FileNumber     string // originator-file-number
	VolumeSerial   string // vol-serial-number: matches the VOL1 serial sent
	WorkCode       string
	FileType       string // LIVE or TEST
	AcceptedCount  int
	RejectedCount  int
	FileErrorCode  string // "0" when none
}

// AUDDISInstruction is one instruction the paying bank rejected. Attribute
// names follow ADDACS's (reference, payer-sort-code, payer-account-number,
// reason-code, transaction-code); confirm against the bank's own advice.
type AUDDISInstruction struct {
	Path          string
	Reference     string
	PayerName     string
	SortCode      string
	Account       string
	Code          TransactionCode // the instruction's code, when given
	Reason        AUDDISReason
	EffectiveDate domain.Date
}

// ParseAUDDIS reads an AUDDIS advice and validates it whole.
func ParseAUDDIS(b []byte) (*AUDDIS, error) {
	x, h, errs, err := parseMessaging(b, KindAUDDIS)
	if err != nil {
		return nil, err
	}
	out := &AUDDIS{MessagingHeader: h, Errors: errs}
	if len(x.Data.Advices.Advice) == 0 {
		return nil, pathErr(messagingRoot+"/MessagingAdvice", "is missing: the AUDDIS advice says nothing")
	}
	for i, m := range x.Data.Advices.Advice {
		p := idx(messagingRoot, "MessagingAdvice", i)
		if strings.TrimSpace(m.Reference) != "" {
			in, err := parseAUDDISInstruction(p, m)
			if err != nil {
				return nil, err
			}
			out.Instructions = append(out.Instructions, in)
			continue
		}
		f := AUDDISFile{Path: p, FileNumber: strings.TrimSpace(m.FileNumber), VolumeSerial: strings.TrimSpace(m.VolSerial),
			WorkCode: strings.TrimSpace(m.WorkCode), FileType: strings.TrimSpace(m.FileType), FileErrorCode: strings.TrimSpace(m.FileErrorCode)}
		switch strings.TrimSpace(m.RecordType) {
		case "V":
			f.Accepted = true
		case "R":
		default:
			return nil, pathErr(p+"/@record-type", "%q is not V (file accepted) or R (file rejected)", m.RecordType)
		}
		if f.ProcessingDate, err = needDate(p+"/@processing-date", m.ProcessingDate); err != nil {
			return nil, err
		}
		if f.AcceptedCount, err = needCount(p+"/@accepted-ddi", m.AcceptedDDI); err != nil {
			return nil, err
		}
		if f.RejectedCount, err = needCount(p+"/@rejected-ddi", m.RejectedDDI); err != nil {
			return nil, err
		}
		if f.VolumeSerial == "" {
			return nil, pathErr(p+"/@vol-serial-number", "is missing: it ties the advice to the file sent")
		}
		if !f.Accepted && (f.FileErrorCode == "" || f.FileErrorCode == "0") && len(errs) == 0 {
			return nil, pathErr(p+"/@file-error-code", "a rejected file gives no error code or message")
		}
		out.Files = append(out.Files, f)
	}
	return out, nil
}

func parseAUDDISInstruction(p string, m xMessagingAdvice) (AUDDISInstruction, error) {
	in := AUDDISInstruction{Path: p, Reference: strings.TrimSpace(m.Reference), PayerName: strings.TrimSpace(m.PayerName)}
	var err error
	if in.SortCode, err = needSortCode(p+"/@payer-sort-code", m.PayerSortCode); err != nil {
		return in, err
	}
	if in.Account, err = needAccount(p+"/@payer-account-number", m.PayerAccount); err != nil {
		return in, err
	}
	code := strings.ToUpper(strings.TrimSpace(m.ReasonCode))
	if len(code) != 1 || !isBacsText(code) || code == " " {
		return in, pathErr(p+"/@reason-code", "%q is not a one-character AUDDIS reason code", m.ReasonCode)
	}
	in.Reason, _ = AUDDISReasonFor(code)
	if tc := strings.ToUpper(strings.TrimSpace(m.TransCode)); tc != "" {
		in.Code = TransactionCode(tc)
		if !in.Code.IsInstruction() {
			return in, pathErr(p+"/@transaction-code", "%q is not 0N, 0C or 0S", m.TransCode)
		}
	}
	if in.EffectiveDate, err = optDate(p+"/@effective-date", m.EffectiveDate); err != nil {
		return in, err
	}
	return in, nil
}
