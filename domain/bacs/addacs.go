package bacs

import (
	"strings"

	"caseload/domain"
)

// ADDACS is an Automated Direct Debit Amendment and Cancellation advice:
// paying banks telling the council about instructions cancelled,
// transferred, amended or reinstated, and payers who have died.
type ADDACS struct {
	MessagingHeader
	Amendments []Amendment
	Errors     []string // MessagingError lines, if any
}

// Amendment is one MessagingAdvice of an ADDACS.
type Amendment struct {
	Path          string
	Reference     string // the instruction's Bacs reference
	PayerName     string
	SortCode      string
	Account       string
	Reason        ADDACSReason
	EffectiveDate domain.Date
	DueDate       domain.Date // when given
	NewSortCode   string      // on a transfer (3, C), when given
	NewAccount    string      // on a transfer (3, C), when given
	AOSN          string
}

// HasNewDetails reports whether the advice carries the payer's new bank
// details, which the mandate then takes.
func (a Amendment) HasNewDetails() bool { return a.NewSortCode != "" || a.NewAccount != "" }

// ParseADDACS reads an ADDACS advice and validates it whole. Unknown reason
// codes are kept (EffectUnknown, an officer decides); a malformed one refuses
// the file with its XML path.
func ParseADDACS(b []byte) (*ADDACS, error) {
	x, h, errs, err := parseMessaging(b, KindADDACS)
	if err != nil {
		return nil, err
	}
	out := &ADDACS{MessagingHeader: h, Errors: errs}
	if len(x.Data.Advices.Advice) == 0 {
		return nil, pathErr(messagingRoot+"/MessagingAdvice", "is missing: the ADDACS has no advices")
	}
	for i, m := range x.Data.Advices.Advice {
		p := idx(messagingRoot, "MessagingAdvice", i)
		a := Amendment{Path: p, PayerName: strings.TrimSpace(m.PayerName), AOSN: strings.TrimSpace(m.AOSN)}
		if a.Reference, err = needText(p+"/@reference", m.Reference); err != nil {
			return nil, err
		}
		if a.SortCode, err = needSortCode(p+"/@payer-sort-code", m.PayerSortCode); err != nil {
			return nil, err
		}
		if a.Account, err = needAccount(p+"/@payer-account-number", m.PayerAccount); err != nil {
			return nil, err
		}
		code := strings.ToUpper(strings.TrimSpace(m.ReasonCode))
		if len(code) != 1 || !isBacsText(code) || code == " " {
			return nil, pathErr(p+"/@reason-code", "%q is not a one-character ADDACS reason code", m.ReasonCode)
		}
		a.Reason, _ = ADDACSReasonFor(code)
		if a.EffectiveDate, err = needDate(p+"/@effective-date", m.EffectiveDate); err != nil {
			return nil, err
		}
		if a.DueDate, err = optDate(p+"/@due-date", m.DueDate); err != nil {
			return nil, err
		}
		if strings.TrimSpace(m.NewSortCode) != "" {
			if a.NewSortCode, err = needSortCode(p+"/@payer-new-sort-code", m.NewSortCode); err != nil {
				return nil, err
			}
		}
		if strings.TrimSpace(m.NewAccount) != "" {
			if a.NewAccount, err = needAccount(p+"/@payer-new-account-number", m.NewAccount); err != nil {
				return nil, err
			}
		}
		if a.HasNewDetails() && a.Reason.Effect != EffectTransferred && a.Reason.Effect != EffectBranchChange && a.Reason.Effect != EffectAmended {
			return nil, pathErr(p+"/@payer-new-sort-code", "new bank details on reason %s (%s), which does not change the account", code, a.Reason.Meaning)
		}
		if a.Reason.Effect == EffectBranchChange && a.NewSortCode == "" {
			return nil, pathErr(p+"/@payer-new-sort-code", "is missing: reason C (new branch) must give the new sort code")
		}
		out.Amendments = append(out.Amendments, a)
	}
	return out, nil
}

// Apply returns the sort code and account number the mandate has after the
// amendment (unchanged when it carries no new details).
func (a Amendment) Apply(sortCode, account string) (string, string) {
	if a.NewSortCode != "" {
		sortCode = a.NewSortCode
	}
	if a.NewAccount != "" {
		account = a.NewAccount
	}
	return sortCode, account
}
