// Package bacstest writes Bacs advices in the shapes of the samples in
// shared/formats/bacs (ARUDD in ISO-8859-1 as some banks send it, ADDACS
// and AUDDIS in UTF-8), so store and CLI tests make their own files at run
// time instead of committing large ones.
package bacstest

import (
	"fmt"
	"strings"

	"caseload/domain"
)

// Return is one returned debit of an ARUDD.
type Return struct {
	Ref         string // the reference as sent
	Code        string // transaction code, "17" when empty
	ReturnCode  string // 4-digit Bacs code
	Description string // e.g. "REFER TO PAYER"
	Original    domain.Date
	Amount      string // pounds, "95.00"
	Payer       string
}

// ARUDD is an ARUDD advice dated date for service user sun.
func ARUDD(date domain.Date, sun string, returns []Return) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n")
	b.WriteString(`<BACSDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="newbacs-advices.xsd"><Data><ARUDD>` + "\n")
	fmt.Fprintf(&b, `<Header reportType="REFT1234" adviceNumber="000" currentProcessingDate="%s"></Header>`+"\n", date)
	b.WriteString(`<AddresseeInformation name="EXAMPLE COUNCIL"></AddresseeInformation>` + "\n")
	fmt.Fprintf(&b, `<ServiceLicenseInformation userName="EXAMPLE COUNCIL" userNumber="%s"></ServiceLicenseInformation>`+"\n", sun)
	b.WriteString(`<Advice><OriginatingAccountRecords><OriginatingAccountRecord>` + "\n")
	b.WriteString(`<OriginatingAccount name="EXAMPLE COUNCIL" number="12345678" sortCode="40-12-34" type="0" bankName="A BANK" branchName="CITY"></OriginatingAccount>` + "\n")
	total := domain.Zero
	for _, r := range returns {
		code := r.Code
		if code == "" {
			code = "17"
		}
		payer := r.Payer
		if payer == "" {
			payer = "A TENANT"
		}
		fmt.Fprintf(&b, `<ReturnedDebitItem ref="%s" transCode="%s" returnCode="%s" returnDescription="%s" originalProcessingDate="%s" valueOf="%s" currency="GBP">`,
			r.Ref, code, r.ReturnCode, r.Description, r.Original, r.Amount)
		fmt.Fprintf(&b, `<PayerAccount number="58177632" ref="%s" name="%s" sortCode="20-00-00" bankName="A BANK" branchName="A BRANCH"></PayerAccount></ReturnedDebitItem>`+"\n", r.Ref, payer)
		total = total.Add(domain.MustMoney(r.Amount))
	}
	fmt.Fprintf(&b, `<Totals numberOf="%d" valueOf="%s" currency="GBP"></Totals>`+"\n", len(returns), total)
	b.WriteString("</OriginatingAccountRecord></OriginatingAccountRecords></Advice></ARUDD></Data>\n<SignatureMethod>Vanilla</SignatureMethod><Signature></Signature></BACSDocument>\n")
	// The declaration says ISO-8859-1: write it so (a £ or é in a name
	// is one byte).
	return latin1(b.String())
}

// Amendment is one ADDACS advice.
type Amendment struct {
	Ref                    string
	Reason                 string // "1", "2", "3", "C"...
	Effective              domain.Date
	NewSortCode, NewNumber string
	Payer                  string
}

// ADDACS is an ADDACS advice generated on date for service user sun.
func ADDACS(date domain.Date, sun string, as []Amendment) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version = '1.0' encoding = 'UTF-8'?>` + "\n")
	b.WriteString(`<BACSDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="newbacs-advices.xsd"><Data><MessagingAdvices>` + "\n")
	fmt.Fprintf(&b, `<MessagingHeader document-number="0" advice-type="ADDACS" subject-first-aosn="00000001" subject-last-aosn="%08d" user-number="%s" stream-identifier="0" envelope-sequence-number="00000002" report-generation-date="%s" user-name="EXAMPLE COUNCIL" report-type="7001"/>`+"\n",
		len(as), sun, date)
	b.WriteString(`<AddresseeInformation name=" "/>` + "\n")
	for i, a := range as {
		payer := a.Payer
		if payer == "" {
			payer = "A TENANT"
		}
		fmt.Fprintf(&b, `<MessagingAdvice user-number="%s" record-type="A" effective-date="%s" reference="%s" payer-name="%s" payer-account-number="58177632" payer-sort-code="200000" reason-code="%s" aosn="%08d"`,
			sun, a.Effective, a.Ref, payer, a.Reason, i+1)
		if a.NewSortCode != "" {
			fmt.Fprintf(&b, ` payer-new-sort-code="%s"`, a.NewSortCode)
		}
		if a.NewNumber != "" {
			fmt.Fprintf(&b, ` payer-new-account-number="%s"`, a.NewNumber)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("<MessagingError/>\n</MessagingAdvices></Data><SignatureMethod>Vanilla</SignatureMethod><Signature></Signature></BACSDocument>\n")
	return []byte(b.String())
}

// Rejection is one instruction an AUDDIS advice rejects.
type Rejection struct {
	Ref    string
	Reason string // "5", "B", "L"...
	Code   string // the instruction's code, "0N" when empty
}

// AUDDIS is an AUDDIS advice on the file with volume serial vol: accepted
// (AUDACC, record type V) or rejected (AUDREJ, R, with its error), with
// the instructions it rejects one by one.
func AUDDIS(date domain.Date, sun, vol string, accepted bool, processing domain.Date, count int, rejections []Rejection) []byte {
	advice, report, rec, code := "AUDACC", "7003", "V", "0"
	acc, rej := count-len(rejections), len(rejections)
	if !accepted {
		advice, report, rec, code = "AUDREJ", "7004", "R", "30264"
		acc, rej = 0, count
	}
	var b strings.Builder
	b.WriteString(`<?xml version='1.0' encoding='UTF-8'?>` + "\n<BACSDocument><Data><MessagingAdvices>\n")
	fmt.Fprintf(&b, `<MessagingHeader subject-first-aosn="0" user-name="EXAMPLE COUNCIL" document-number="0" report-type="%s" user-number="%s" stream-identifier="0" report-generation-date="%s" advice-type="%s" reprint-indicator="0" subject-last-aosn="0" envelope-sequence-number="0"/>`+"\n",
		report, sun, date, advice)
	fmt.Fprintf(&b, `<MessagingAdvice user-number="%s" record-type="%s" aosn="1" processing-date="%s" originator-file-number="001" work-code="1 DAILY" file-type="LIVE" accepted-ddi="%d" rejected-ddi="%d" vol-serial-number="%s" file-error-code="%s"/>`+"\n",
		sun, rec, processing, acc, rej, vol, code)
	for i, r := range rejections {
		tc := r.Code
		if tc == "" {
			tc = "0N"
		}
		fmt.Fprintf(&b, `<MessagingAdvice user-number="%s" record-type="D" aosn="%d" reference="%s" payer-name="A TENANT" payer-account-number="58177632" payer-sort-code="200000" reason-code="%s" transaction-code="%s" effective-date="%s"/>`+"\n",
			sun, i+2, r.Ref, r.Reason, tc, date)
	}
	if accepted {
		b.WriteString(`<MessagingError line1="0" line3="0" line2="0"/>` + "\n")
	} else {
		b.WriteString(`<MessagingError line1="User Status is TEST on Arrival Day"/>` + "\n")
	}
	b.WriteString("</MessagingAdvices></Data></BACSDocument>\n")
	return []byte(b.String())
}

func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 256 {
			out = append(out, byte(r))
		} else {
			out = append(out, '?')
		}
	}
	return out
}
