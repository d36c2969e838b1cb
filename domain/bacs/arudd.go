package bacs

import (
	"fmt"
	"strings"

	"caseload/domain"
)

// ARUDD is an Automated Return of Unpaid Direct Debits advice.
type ARUDD struct {
	ReportType     string
	AdviceNumber   string
	ProcessingDate domain.Date // Header/@currentProcessingDate
	SUN            string
	UserName       string
	Returns        []ReturnedDebit
	Total          domain.Money // sum of the returns, equal to the file's Totals
}

// ReturnedDebit is one unpaid collection.
type ReturnedDebit struct {
	Path                   string // XML path of the item, for exceptions and messages
	Reference              string // ReturnedDebitItem/@ref: the reference as sent
	PayerReference         string // PayerAccount/@ref
	Code                   TransactionCode
	ReturnCode             string // the 4-digit Bacs code, kept as given
	Description            string // returnDescription as given
	Reason                 ARUDDReason
	OriginalProcessingDate domain.Date
	Amount                 domain.Money
	PayerName              string
	PayerSortCode          string
	PayerAccount           string
	OriginatorSortCode     string
	OriginatorAccount      string
}

type xARUDD struct {
	Data struct {
		ARUDD *struct {
			Header *struct {
				ReportType            string `xml:"reportType,attr"`
				AdviceNumber          string `xml:"adviceNumber,attr"`
				CurrentProcessingDate string `xml:"currentProcessingDate,attr"`
			} `xml:"Header"`
			License *struct {
				UserName   string `xml:"userName,attr"`
				UserNumber string `xml:"userNumber,attr"`
			} `xml:"ServiceLicenseInformation"`
			Advice *struct {
				Records *struct {
					Record []struct {
						Account *struct {
							Number   string `xml:"number,attr"`
							SortCode string `xml:"sortCode,attr"`
						} `xml:"OriginatingAccount"`
						Items []struct {
							Ref         string `xml:"ref,attr"`
							TransCode   string `xml:"transCode,attr"`
							ReturnCode  string `xml:"returnCode,attr"`
							Description string `xml:"returnDescription,attr"`
							OrigDate    string `xml:"originalProcessingDate,attr"`
							ValueOf     string `xml:"valueOf,attr"`
							Currency    string `xml:"currency,attr"`
							Payer       *struct {
								Number   string `xml:"number,attr"`
								Ref      string `xml:"ref,attr"`
								Name     string `xml:"name,attr"`
								SortCode string `xml:"sortCode,attr"`
							} `xml:"PayerAccount"`
						} `xml:"ReturnedDebitItem"`
						Totals *struct {
							NumberOf string `xml:"numberOf,attr"`
							ValueOf  string `xml:"valueOf,attr"`
							Currency string `xml:"currency,attr"`
						} `xml:"Totals"`
					} `xml:"OriginatingAccountRecord"`
				} `xml:"OriginatingAccountRecords"`
			} `xml:"Advice"`
		} `xml:"ARUDD"`
	} `xml:"Data"`
}

// ParseARUDD reads an ARUDD advice and validates it whole: header, service
// user, every returned item (reference, transaction code, date, amount in
// pounds and pence, payer account) and each originating account's Totals
// against its items. A refusal names the XML path.
func ParseARUDD(b []byte) (*ARUDD, error) {
	if k, err := Detect(b); err != nil {
		return nil, err
	} else if k != KindARUDD {
		return nil, pathErr("BACSDocument/Data", "this is an %s advice, not an ARUDD", k)
	}
	var x xARUDD
	if err := decodeAdvice(b, &x); err != nil {
		return nil, err
	}
	const root = "BACSDocument/Data/ARUDD"
	a := x.Data.ARUDD
	if a == nil {
		return nil, pathErr(root, "is missing")
	}
	out := &ARUDD{}
	var err error
	if a.Header == nil {
		return nil, pathErr(root+"/Header", "is missing")
	}
	if out.ProcessingDate, err = needDate(root+"/Header/@currentProcessingDate", a.Header.CurrentProcessingDate); err != nil {
		return nil, err
	}
	out.ReportType, out.AdviceNumber = a.Header.ReportType, a.Header.AdviceNumber
	if a.License == nil {
		return nil, pathErr(root+"/ServiceLicenseInformation", "is missing")
	}
	if out.SUN, err = needSUN(root+"/ServiceLicenseInformation/@userNumber", a.License.UserNumber); err != nil {
		return nil, err
	}
	out.UserName = strings.TrimSpace(a.License.UserName)
	if a.Advice == nil || a.Advice.Records == nil || len(a.Advice.Records.Record) == 0 {
		return nil, pathErr(root+"/Advice/OriginatingAccountRecords/OriginatingAccountRecord", "is missing: an ARUDD has at least one originating account")
	}
	base := root + "/Advice/OriginatingAccountRecords"
	for ri, rec := range a.Advice.Records.Record {
		rp := idx(base, "OriginatingAccountRecord", ri)
		var osc, oacc string
		if rec.Account == nil {
			return nil, pathErr(rp+"/OriginatingAccount", "is missing")
		}
		if osc, err = needSortCode(rp+"/OriginatingAccount/@sortCode", rec.Account.SortCode); err != nil {
			return nil, err
		}
		if oacc, err = needAccount(rp+"/OriginatingAccount/@number", rec.Account.Number); err != nil {
			return nil, err
		}
		if len(rec.Items) == 0 {
			return nil, pathErr(rp, "holds no ReturnedDebitItem")
		}
		sum := domain.Zero
		for ii, it := range rec.Items {
			ip := idx(rp, "ReturnedDebitItem", ii)
			r := ReturnedDebit{Path: ip, OriginatorSortCode: osc, OriginatorAccount: oacc,
				ReturnCode: strings.TrimSpace(it.ReturnCode), Description: strings.TrimSpace(it.Description)}
			if r.Reference, err = needText(ip+"/@ref", it.Ref); err != nil {
				return nil, err
			}
			r.Code = TransactionCode(strings.TrimSpace(it.TransCode))
			if !r.Code.IsCollection() {
				return nil, pathErr(ip+"/@transCode", "%q is not a collection code (01, 17, 18, 19)", it.TransCode)
			}
			if r.ReturnCode == "" && r.Description == "" {
				return nil, pathErr(ip+"/@returnCode", "is missing, and so is @returnDescription: the return reason is unknown")
			}
			if r.OriginalProcessingDate, err = needDate(ip+"/@originalProcessingDate", it.OrigDate); err != nil {
				return nil, err
			}
			if r.OriginalProcessingDate.After(out.ProcessingDate) {
				return nil, pathErr(ip+"/@originalProcessingDate", "%s is after the advice's processing date %s", r.OriginalProcessingDate, out.ProcessingDate)
			}
			if r.Amount, err = needPounds(ip+"/@valueOf", it.ValueOf); err != nil {
				return nil, err
			}
			if c := strings.TrimSpace(it.Currency); c != "" && c != "GBP" {
				return nil, pathErr(ip+"/@currency", "%q is not GBP", c)
			}
			if it.Payer == nil {
				return nil, pathErr(ip+"/PayerAccount", "is missing")
			}
			pp := ip + "/PayerAccount"
			if r.PayerSortCode, err = needSortCode(pp+"/@sortCode", it.Payer.SortCode); err != nil {
				return nil, err
			}
			if r.PayerAccount, err = needAccount(pp+"/@number", it.Payer.Number); err != nil {
				return nil, err
			}
			r.PayerName, r.PayerReference = strings.TrimSpace(it.Payer.Name), strings.TrimSpace(it.Payer.Ref)
			r.Reason = aruddReasonOf(r.ReturnCode, r.Description)
			sum = sum.Add(r.Amount)
			out.Returns = append(out.Returns, r)
		}
		tp := rp + "/Totals"
		if rec.Totals == nil {
			return nil, pathErr(tp, "is missing")
		}
		n, err := needCount(tp+"/@numberOf", rec.Totals.NumberOf)
		if err != nil {
			return nil, err
		}
		if n != len(rec.Items) {
			return nil, pathErr(tp+"/@numberOf", "says %d returned debits but the record has %d: the file is incomplete", n, len(rec.Items))
		}
		v, err := needPounds(tp+"/@valueOf", rec.Totals.ValueOf)
		if err != nil {
			return nil, err
		}
		if !v.Equal(sum) {
			return nil, pathErr(tp+"/@valueOf", "says £%s but the returned debits add up to £%s", v, sum)
		}
		out.Total = out.Total.Add(sum)
	}
	return out, nil
}

// needPounds reads a positive amount in pounds and pence ("65.00").
func needPounds(path, v string) (domain.Money, error) {
	m, err := domain.ParseMoney(strings.TrimSpace(v))
	if err != nil {
		return domain.Zero, pathErr(path, "%q is not an amount in pounds like 65.00", v)
	}
	if !m.IsPositive() {
		return domain.Zero, pathErr(path, "%s is not more than nothing", m)
	}
	return m, nil
}

// String is a one-line summary for run logs (no bank details).
func (r ReturnedDebit) String() string {
	return fmt.Sprintf("%s £%s of %s returned: %s (%s)", r.Reference, r.Amount, r.OriginalProcessingDate, r.Reason.Meaning, r.Reason.Code)
}
