package bacs

import "testing"

func TestARUDDReasons(t *testing.T) {
	tests := []struct {
		code          string
		description   string
		returnCode    string
		representable bool
		ends          bool
	}{
		{"0", "REFER TO PAYER", "0128", true, false},
		{"1", "INSTRUCTION CANCELLED", "1012", false, true},
		{"2", "PAYER DECEASED", "1013", false, true},
		{"3", "ACCOUNT TRANSFERRED", "1014", false, true},
		{"4", "ADVANCE NOTICE DISPUTED", "1015", false, false},
		{"5", "NO ACCOUNT (OR WRONG ACCOUNT TYPE)", "1016", false, true},
		{"6", "NO INSTRUCTION", "1017", false, true},
		{"7", "AMOUNT DIFFERS", "1018", false, false},
		{"8", "AMOUNT NOT YET DUE", "1019", false, false},
		{"9", "PRESENTATION OVERDUE", "1020", false, false},
		{"A", "SERVICE USER DIFFERS", "1021", false, false},
		{"B", "ACCOUNT CLOSED", "1022", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.description, func(t *testing.T) {
			byText := aruddReasonOf("", tt.description)
			byCode := aruddReasonOf(tt.returnCode, "")
			if byText.Code != tt.code || byCode.Code != tt.code {
				t.Fatalf("description gives %q, return code gives %q; want %q", byText.Code, byCode.Code, tt.code)
			}
			if byText.Representable != tt.representable || byText.EndsInstruction != tt.ends || !byText.Known || byText.Meaning == "" || byText.Action == "" {
				t.Fatalf("reason %+v", byText)
			}
		})
	}
	// The description wins over the return code: it is what banks' own
	// parsers key on.
	if r := aruddReasonOf("0128", "PAYER DECEASED"); r.Code != "2" {
		t.Fatalf("got %q", r.Code)
	}
	if r := aruddReasonOf("9999", "SOMETHING ELSE"); r.Known || r.Representable || r.Code != "?" {
		t.Fatalf("unknown reason %+v", r)
	}
}

func TestAUDDISReasons(t *testing.T) {
	for _, code := range []string{"1", "2", "3", "5", "6", "B", "C", "F", "G", "H", "I", "K", "L", "M", "N", "O", "P", "Q"} {
		r, ok := AUDDISReasonFor(code)
		if !ok || r.Meaning == "" || r.Action == "" || r.Code != code {
			t.Errorf("AUDDIS %s: %+v", code, r)
		}
	}
	if r, ok := AUDDISReasonFor("7"); ok || r.Known {
		t.Errorf("AUDDIS 7 should be unrecognised: %+v", r)
	}
}

func TestTransactionCodes(t *testing.T) {
	for _, tt := range []struct {
		code        TransactionCode
		collection  bool
		instruction bool
	}{
		{FirstCollection, true, false}, {RegularCollection, true, false}, {Representation, true, false}, {FinalCollection, true, false},
		{NewInstruction, false, true}, {CancelInstruction, false, true}, {ConvertInstruction, false, true}, {Credit, false, false},
	} {
		if tt.code.IsCollection() != tt.collection || tt.code.IsInstruction() != tt.instruction || !tt.code.Valid() || tt.code.Meaning() == "" {
			t.Errorf("%s: collection %v instruction %v", tt.code, tt.code.IsCollection(), tt.code.IsInstruction())
		}
	}
	if TransactionCode("42").Valid() {
		t.Error("42 is not a Direct Debit code")
	}
}
