package bacs

import (
	"strings"

	"caseload/domain"
)

// ADDACS and AUDDIS advices share one shape (factsheet §1(b)):
// BACSDocument/Data/MessagingAdvices with a MessagingHeader, MessagingAdvice
// elements carrying kebab-case attributes, and MessagingError lines.

type xMessaging struct {
	Data struct {
		Advices *struct {
			Header *xMessagingHeader  `xml:"MessagingHeader"`
			Advice []xMessagingAdvice `xml:"MessagingAdvice"`
			Errors []struct {
				Line1 string `xml:"line1,attr"`
				Line2 string `xml:"line2,attr"`
				Line3 string `xml:"line3,attr"`
			} `xml:"MessagingError"`
		} `xml:"MessagingAdvices"`
	} `xml:"Data"`
}

type xMessagingHeader struct {
	AdviceType     string `xml:"advice-type,attr"`
	ReportType     string `xml:"report-type,attr"`
	UserNumber     string `xml:"user-number,attr"`
	UserName       string `xml:"user-name,attr"`
	GenerationDate string `xml:"report-generation-date,attr"`
	DocumentNumber string `xml:"document-number,attr"`
}

type xMessagingAdvice struct {
	UserNumber     string `xml:"user-number,attr"`
	RecordType     string `xml:"record-type,attr"`
	AOSN           string `xml:"aosn,attr"`
	EffectiveDate  string `xml:"effective-date,attr"`
	DueDate        string `xml:"due-date,attr"`
	Reference      string `xml:"reference,attr"`
	PayerName      string `xml:"payer-name,attr"`
	PayerAccount   string `xml:"payer-account-number,attr"`
	PayerSortCode  string `xml:"payer-sort-code,attr"`
	NewAccount     string `xml:"payer-new-account-number,attr"`
	NewSortCode    string `xml:"payer-new-sort-code,attr"`
	ReasonCode     string `xml:"reason-code,attr"`
	TransCode      string `xml:"transaction-code,attr"`
	ProcessingDate string `xml:"processing-date,attr"`
	FileNumber     string `xml:"originator-file-number,attr"`
	WorkCode       string `xml:"work-code,attr"`
	FileType       string `xml:"file-type,attr"`
	AcceptedDDI    string `xml:"accepted-ddi,attr"`
	RejectedDDI    string `xml:"rejected-ddi,attr"`
	VolSerial      string `xml:"vol-serial-number,attr"`
	FileErrorCode  string `xml:"file-error-code,attr"`
}

const messagingRoot = "BACSDocument/Data/MessagingAdvices"

// MessagingHeader is the header both ADDACS and AUDDIS advices carry.
type MessagingHeader struct {
	AdviceType     string
	ReportType     string
	SUN            string
	UserName       string
	GenerationDate domain.Date
}

func parseMessaging(b []byte, want Kind) (*xMessaging, MessagingHeader, []string, error) {
	k, err := Detect(b)
	if err != nil {
		return nil, MessagingHeader{}, nil, err
	}
	if k != want {
		return nil, MessagingHeader{}, nil, pathErr("BACSDocument/Data", "this is an %s advice, not an %s", k, want)
	}
	var x xMessaging
	if err := decodeAdvice(b, &x); err != nil {
		return nil, MessagingHeader{}, nil, err
	}
	if x.Data.Advices == nil || x.Data.Advices.Header == nil {
		return nil, MessagingHeader{}, nil, pathErr(messagingRoot+"/MessagingHeader", "is missing")
	}
	h := x.Data.Advices.Header
	hp := messagingRoot + "/MessagingHeader"
	out := MessagingHeader{AdviceType: strings.TrimSpace(h.AdviceType), ReportType: strings.TrimSpace(h.ReportType), UserName: strings.TrimSpace(h.UserName)}
	if out.SUN, err = needSUN(hp+"/@user-number", h.UserNumber); err != nil {
		return nil, out, nil, err
	}
	if out.GenerationDate, err = needDate(hp+"/@report-generation-date", h.GenerationDate); err != nil {
		return nil, out, nil, err
	}
	var lines []string
	for _, e := range x.Data.Advices.Errors {
		for _, l := range []string{e.Line1, e.Line2, e.Line3} {
			// "0" is how an advice with no error fills the lines.
			if l = strings.TrimSpace(l); l != "" && l != "0" {
				lines = append(lines, l)
			}
		}
	}
	return &x, out, lines, nil
}
