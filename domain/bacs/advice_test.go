package bacs

import (
	"os"
	"strings"
	"testing"

	"caseload/domain"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetect(t *testing.T) {
	tests := []struct {
		file string
		want Kind
	}{
		{"arudd.xml", KindARUDD},
		{"arudd_shared_excerpt.xml", KindARUDD},
		{"addacs.xml", KindADDACS},
		{"addacs_shared.xml", KindADDACS},
		{"auddis_accepted_shared.xml", KindAUDDIS},
		{"auddis_rejected_shared.xml", KindAUDDIS},
		{"auddis_rejections.xml", KindAUDDIS},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Detect(read(t, tt.file))
			if err != nil || got != tt.want {
				t.Fatalf("Detect = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	refusals := []struct {
		rule, input, want string
	}{
		{"a Standard 18 file is not an advice", string(read(t, "collection.std18")), "not a Bacs advice"},
		{"another root element", `<Invoice><Data/></Invoice>`, "root element is Invoice"},
		{"no advice inside", `<BACSDocument><Data></Data></BACSDocument>`, "not a Bacs advice"},
		{"an unknown messaging advice", `<BACSDocument><Data><MessagingAdvices><MessagingHeader advice-type="DDIC" report-type="9999"/></MessagingAdvices></Data></BACSDocument>`, "@advice-type"},
		{"an encoding Bacs does not use", `<?xml version="1.0" encoding="UTF-16"?><BACSDocument/>`, "encoding \"utf-16\""},
		{"Latin-1 bytes with no declaration", "<BACSDocument><Data><ARUDD name=\"ZO\xcb\"/></Data></BACSDocument>", "not valid UTF-8"},
		{"broken XML names its line", "<BACSDocument>\n<Data>\n<ARUDD\n</BACSDocument>", "line "},
	}
	for _, tt := range refusals {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := Detect([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseARUDD(t *testing.T) {
	a, err := ParseARUDD(read(t, "arudd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if a.SUN != "123456" || !a.ProcessingDate.Equal(domain.MustDate(2026, 12, 11)) || len(a.Returns) != 5 || a.Total.String() != "619.61" {
		t.Fatalf("header/total read as %+v", a)
	}
	tests := []struct {
		rule          string
		i             int
		ref           string
		code          TransactionCode
		amount        string
		reason        string
		representable bool
		ends          bool
	}{
		{"refer to payer (0128) may be re-presented", 0, "HRA0001234-01", FirstCollection, "412.36", "0", true, false},
		{"instruction cancelled ends the instruction", 1, "HRA0005678-01", RegularCollection, "95.20", "1", false, true},
		{"payer deceased is never re-presented", 2, "HRA0009012-02", Representation, "87.05", "2", false, true},
		{"no account is never re-presented", 3, "GAR0000077-01", RegularCollection, "12.50", "5", false, true},
		{"no description falls back to the return code (1017 no instruction)", 4, "GAR0000081-01", RegularCollection, "12.50", "6", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r := a.Returns[tt.i]
			if r.Reference != tt.ref || r.Code != tt.code || r.Amount.String() != tt.amount || r.Reason.Code != tt.reason ||
				r.Reason.Representable != tt.representable || r.Reason.EndsInstruction != tt.ends || !r.Reason.Known || r.Reason.Action == "" {
				t.Fatalf("read as %+v", r)
			}
		})
	}
	if got := a.Returns[0].PayerName; got != "ZOË BRONTË" {
		t.Fatalf("Latin-1 payer name read as %q", got)
	}
	// Oracle Reports writes the declaration with spaces around "=".
	spaced := strings.Replace(string(read(t, "arudd.xml")), `<?xml version="1.0" encoding="ISO-8859-1"?>`, `<?xml version = '1.0' encoding = 'ISO-8859-1'?>`, 1)
	if b, err := ParseARUDD([]byte(spaced)); err != nil || b.Returns[0].PayerName != "ZOË BRONTË" {
		t.Fatalf("spaced declaration: %v", err)
	}
	if a.Returns[3].OriginatorAccount != "87654321" || a.Returns[0].PayerSortCode != "089999" {
		t.Fatalf("accounts read as %+v", a.Returns[3])
	}
	if !strings.HasSuffix(a.Returns[4].Path, "OriginatingAccountRecord[2]/ReturnedDebitItem[2]") {
		t.Fatalf("path %q", a.Returns[4].Path)
	}
}

func TestParseARUDDRefusals(t *testing.T) {
	good := string(read(t, "arudd.xml"))
	tests := []struct {
		rule  string
		input string
		want  string
	}{
		{"the shared excerpt (2 of 3 items) is incomplete", string(read(t, "arudd_shared_excerpt.xml")), "OriginatingAccountRecord[1]/Totals/@numberOf: says 3 returned debits but the record has 2"},
		{"totals value wrong", strings.Replace(good, `valueOf="594.61"`, `valueOf="594.62"`, 1), "Totals/@valueOf: says £594.62 but the returned debits add up to £594.61"},
		{"amount not in pounds", strings.Replace(good, `valueOf="95.20"`, `valueOf="95.2O"`, 1), "ReturnedDebitItem[2]/@valueOf"},
		{"date not a date", strings.Replace(good, `originalProcessingDate="2026-12-09" valueOf="95.20"`, `originalProcessingDate="09/12/2026" valueOf="95.20"`, 1), "ReturnedDebitItem[2]/@originalProcessingDate"},
		{"returned after the advice date", strings.Replace(good, `originalProcessingDate="2026-12-09" valueOf="95.20"`, `originalProcessingDate="2026-12-12" valueOf="95.20"`, 1), "is after the advice's processing date"},
		{"no reference", strings.Replace(good, `ref="HRA0005678-01" transCode`, `ref="" transCode`, 1), "ReturnedDebitItem[2]/@ref: is missing"},
		{"an instruction code is not a returned debit", strings.Replace(good, `transCode="17" returnCode="1012"`, `transCode="0N" returnCode="1012"`, 1), "@transCode"},
		{"foreign currency", strings.Replace(good, `valueOf="95.20" currency="GBP"`, `valueOf="95.20" currency="EUR"`, 1), "@currency"},
		{"payer account number short", strings.Replace(good, `number="88837491"`, `number="8883749"`, 1), "PayerAccount/@number"},
		{"service user number missing", strings.Replace(good, `userNumber="123456"`, ``, 1), "ServiceLicenseInformation/@userNumber"},
		{"header missing", strings.Replace(good, `<Header reportType="REFT1234" adviceNumber="001" currentProcessingDate="2026-12-11"></Header>`, ``, 1), "ARUDD/Header: is missing"},
		{"an ADDACS is not an ARUDD", string(read(t, "addacs.xml")), "this is an ADDACS advice, not an ARUDD"},
		{"truncated file", good[:len(good)/2], "not well formed"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseARUDD([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseADDACS(t *testing.T) {
	a, err := ParseADDACS(read(t, "addacs.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if a.SUN != "123456" || a.AdviceType != "ADDACS" || len(a.Amendments) != 10 || len(a.Errors) != 0 {
		t.Fatalf("read as %+v", a)
	}
	tests := []struct {
		rule         string
		i            int
		code         string
		effect       ADDACSEffect
		needsOfficer bool
		team         string
		newSC, newAc string
	}{
		{"0 cancelled by the bank: contact the tenant", 0, "0", EffectCancelled, true, "", "", ""},
		{"1 cancelled by the payer: contact the tenant", 1, "1", EffectCancelled, true, "", "", ""},
		{"2 payer deceased goes to the tenancy team", 2, "2", EffectCancelled, true, "tenancy", "", ""},
		{"3 transferred with new details", 3, "3", EffectTransferred, true, "", "107999", "88837491"},
		{"3 transferred without new details", 4, "3", EffectTransferred, true, "", "", ""},
		{"B account closed", 5, "B", EffectCancelled, true, "", "", ""},
		{"C new branch: apply and carry on", 6, "C", EffectBranchChange, false, "", "089998", ""},
		{"D advance notice disputed suspends", 7, "D", EffectSuspended, true, "", "", ""},
		{"E instruction amended", 8, "E", EffectAmended, false, "", "", ""},
		{"R instruction reinstated", 9, "R", EffectReinstated, false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			m := a.Amendments[tt.i]
			if m.Reason.Code != tt.code || m.Reason.Effect != tt.effect || m.Reason.NeedsOfficer != tt.needsOfficer ||
				m.Reason.Team != tt.team || m.NewSortCode != tt.newSC || m.NewAccount != tt.newAc || !m.Reason.Known || m.Reason.Meaning == "" {
				t.Fatalf("read as %+v", m)
			}
		})
	}
	sc, acc := a.Amendments[6].Apply("089999", "66374958")
	if sc != "089998" || acc != "66374958" {
		t.Fatalf("C applied as %s %s", sc, acc)
	}
	shared, err := ParseADDACS(read(t, "addacs_shared.xml"))
	if err != nil {
		t.Fatalf("shared ADDACS sample: %v", err)
	}
	if m := shared.Amendments[0]; m.Reference != "SOSURE01" || m.Reason.Code != "1" || m.SortCode != "000099" || !m.EffectiveDate.Equal(domain.MustDate(2018, 3, 6)) {
		t.Fatalf("shared sample read as %+v", m)
	}
}

func TestParseADDACSRefusals(t *testing.T) {
	good := string(read(t, "addacs.xml"))
	tests := []struct{ rule, input, want string }{
		{"reason code of two characters", strings.Replace(good, `reason-code="B"`, `reason-code="BB"`, 1), "MessagingAdvice[6]/@reason-code"},
		{"new details on a cancellation", strings.Replace(good, `reason-code="1" aosn`, `reason-code="1" payer-new-sort-code="107999" aosn`, 1), "MessagingAdvice[2]/@payer-new-sort-code: new bank details on reason 1"},
		{"new branch without a sort code", strings.Replace(good, ` payer-new-sort-code="089998"`, ``, 1), "MessagingAdvice[7]/@payer-new-sort-code: is missing"},
		{"bad new account", strings.Replace(good, `payer-new-account-number="88837491"`, `payer-new-account-number="X8837491"`, 1), "@payer-new-account-number"},
		{"no reference", strings.Replace(good, `reference="HRA0000002-01"`, ``, 1), "MessagingAdvice[2]/@reference: is missing"},
		{"bad effective date", strings.Replace(good, `effective-date="2026-12-07"`, `effective-date="2026-13-07"`, 1), "MessagingAdvice[3]/@effective-date"},
		{"bad generation date", strings.Replace(good, `report-generation-date="2026-12-08"`, `report-generation-date=""`, 1), "MessagingHeader/@report-generation-date"},
		{"an AUDDIS is not an ADDACS", string(read(t, "auddis_rejections.xml")), "not an ADDACS"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseADDACS([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// An unknown but well-formed code is kept for an officer, not refused.
	a, err := ParseADDACS([]byte(strings.Replace(good, `reason-code="E"`, `reason-code="Z"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if r := a.Amendments[8].Reason; r.Known || r.Effect != EffectUnknown || !r.NeedsOfficer {
		t.Fatalf("unknown code read as %+v", r)
	}
}

func TestParseAUDDIS(t *testing.T) {
	acc, err := ParseAUDDIS(read(t, "auddis_accepted_shared.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f := acc.Files[0]; !f.Accepted || f.AcceptedCount != 1 || f.RejectedCount != 0 || f.VolumeSerial != "000010" || f.FileNumber != "010" || len(acc.Errors) != 0 {
		t.Fatalf("accepted advice read as %+v %v", f, acc.Errors)
	}
	rej, err := ParseAUDDIS(read(t, "auddis_rejected_shared.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f := rej.Files[0]; f.Accepted || f.RejectedCount != 1 || f.FileErrorCode != "30264" || len(rej.Errors) != 1 || rej.Errors[0] != "User Status is TEST on Arrival Day" {
		t.Fatalf("rejected advice read as %+v %v", f, rej.Errors)
	}
	ins, err := ParseAUDDIS(read(t, "auddis_rejections.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ins.Files) != 1 || len(ins.Instructions) != 2 {
		t.Fatalf("read as %+v", ins)
	}
	for _, tt := range []struct {
		i       int
		ref     string
		code    TransactionCode
		reason  string
		meaning string
	}{{0, "HRA0005678-01", CancelInstruction, "6", "no instruction"}, {1, "HRA0009012-02", ConvertInstruction, "L", "incorrect payer's account details"}} {
		in := ins.Instructions[tt.i]
		if in.Reference != tt.ref || in.Code != tt.code || in.Reason.Code != tt.reason || in.Reason.Meaning != tt.meaning || !in.Reason.Known {
			t.Errorf("instruction %d read as %+v", tt.i, in)
		}
	}
}

func TestParseAUDDISRefusals(t *testing.T) {
	good := string(read(t, "auddis_rejections.xml"))
	rejected := string(read(t, "auddis_rejected_shared.xml"))
	tests := []struct{ rule, input, want string }{
		{"record type neither V nor R", strings.Replace(good, `record-type="V"`, `record-type="X"`, 1), "MessagingAdvice[1]/@record-type"},
		{"count not a number", strings.Replace(good, `rejected-ddi="2"`, `rejected-ddi="two"`, 1), "MessagingAdvice[1]/@rejected-ddi"},
		{"no volume serial", strings.Replace(good, `vol-serial-number="000043"`, ``, 1), "@vol-serial-number: is missing"},
		{"a rejected file with no reason", strings.Replace(strings.Replace(rejected, `file-error-code="30264"`, `file-error-code="0"`, 1), `line1="User Status is TEST on Arrival Day"`, ``, 1), "@file-error-code: a rejected file gives no error code"},
		{"rejected instruction with a collection code", strings.Replace(good, `transaction-code="0C"`, `transaction-code="17"`, 1), "MessagingAdvice[2]/@transaction-code"},
		{"rejected instruction without a reason", strings.Replace(good, `reason-code="L"`, `reason-code=""`, 1), "MessagingAdvice[3]/@reason-code"},
		{"an ARUDD is not an AUDDIS", string(read(t, "arudd.xml")), "not an AUDDIS"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseAUDDIS([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRepresentationPolicy(t *testing.T) {
	a, err := ParseARUDD(read(t, "arudd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	referToPayer, cancelled := a.Returns[0], a.Returns[1] // originally presented 2026-12-09
	p := DefaultRepresentationPolicy()
	tests := []struct {
		rule     string
		policy   RepresentationPolicy
		r        ReturnedDebit
		attempts int
		on       domain.Date
		want     bool
		why      string
	}{
		{"refer to payer is re-presented once within the month", p, referToPayer, 0, domain.MustDate(2026, 12, 18), true, "code 18"},
		{"not a second time by default", p, referToPayer, 1, domain.MustDate(2026, 12, 18), false, "already re-presented 1"},
		{"not after a month from the first presentation", p, referToPayer, 0, domain.MustDate(2027, 1, 10), false, "more than a month"},
		{"on the last day of the month it may", p, referToPayer, 0, domain.MustDate(2027, 1, 9), true, "code 18"},
		{"not on or before the original date", p, referToPayer, 0, domain.MustDate(2026, 12, 9), false, "not after"},
		{"instruction cancelled never", p, cancelled, 0, domain.MustDate(2026, 12, 18), false, "never re-presented"},
		{"a policy with no reasons re-presents nothing", RepresentationPolicy{MaxAttempts: 1}, referToPayer, 0, domain.MustDate(2026, 12, 18), false, "policy does not"},
		{"a policy of two attempts allows a second", RepresentationPolicy{Reasons: []string{"0"}, MaxAttempts: 2}, referToPayer, 1, domain.MustDate(2026, 12, 18), true, "code 18"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, why := tt.policy.MayRepresent(tt.r, tt.attempts, tt.on)
			if got != tt.want || !strings.Contains(why, tt.why) {
				t.Fatalf("got %v (%s), want %v with %q", got, why, tt.want, tt.why)
			}
		})
	}
	for _, code := range []string{"1", "2", "5", "6", "B"} {
		if err := (RepresentationPolicy{Reasons: []string{code}, MaxAttempts: 1}).Validate(); err == nil {
			t.Errorf("a policy re-presenting reason %s was accepted", code)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
}
