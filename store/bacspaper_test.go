package store

import (
	"bytes"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
	"caseload/domain/bacs/bacstest"
	"caseload/domain/directdebit"
)

// TestAUDDISConvertsPaperInstructions: a mandate set up with the paper
// instruction the council holds goes in the AUDDIS file as a conversion
// (0S), read back from the file itself; the other as a new instruction
// (0N). A rejected conversion is sent again as a conversion.
func TestAUDDISConvertsPaperInstructions(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002")
	for _, n := range []NewMandate{{Ref: "NW1001", Paper: true}, {Ref: "NW1002"}} {
		n.Payer, n.SortCode, n.Account, n.Day, n.Frequency, n.Amount = "Sam Example", "20-00-00", "58177632", 15,
			arrangement.Monthly, domain.MustMoney("433.33")
		mustSetUp(t, s, n)
	}
	for ref, want := range map[string]bool{"NW1001DD01": true, "NW1002DD01": false} {
		if m, err := s.Mandate(ctx, ref); err != nil || m.Paper != want {
			t.Fatalf("%s: paper %v, want %v (%v)", ref, m.Paper, want, err)
		}
	}
	o := testOriginator()
	f, err := s.AUDDIS(ctx, d26(11, 25), today, o)
	if err != nil || codes(f) != "NW1001 0S,NW1002 0N" {
		t.Fatalf("AUDDIS file %q %v", codes(f), err)
	}
	file, err := bacs.ParseStandard18(bytes.NewReader(f.Bytes))
	if err != nil {
		t.Fatalf("the AUDDIS file does not read back: %v", err)
	}
	got := map[string]bacs.TransactionCode{}
	for _, r := range file.Records {
		got[r.Reference] = r.Code
	}
	if len(got) != 2 || got["NW1001DD01"] != bacs.ConvertInstruction || got["NW1002DD01"] != bacs.NewInstruction {
		t.Fatalf("records by reference: %v", got)
	}

	// The bank rejects the conversion: it goes again as a conversion.
	on := d26(11, 30)
	adv := bacstest.AUDDIS(d26(11, 26), testSUN, "000001", true, d26(11, 25), 2, []bacstest.Rejection{{Ref: "NW1001DD01", Reason: "5"}})
	if _, err := s.ImportAdvice(ctx, "auddis.xml", adv, testSUN, bacs.DefaultRepresentationPolicy(), on); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Mandate(ctx, "NW1001DD01"); m.State != directdebit.Pending || !m.Paper {
		t.Fatalf("after the rejection: %s, paper %v", m.State, m.Paper)
	}
	if f, err := s.AUDDIS(ctx, d26(12, 2), on, o); err != nil || codes(f) != "NW1001 0S" {
		t.Fatalf("the rejected conversion is sent again: %q %v", codes(f), err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
}

// TestPaperMandateTravelsInPacks: the paper instruction is a fact of the
// set-up, so a replica that imports the mandate converts it too.
func TestPaperMandateTravelsInPacks(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	n := monthlyDD("NW1001")
	n.Paper = true
	m := mustSetUp(t, office, n).Mandate
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}, Passphrase: "correct horse battery"}), "correct horse battery")
	if got, err := laptop.Mandate(ctx, m.ID); err != nil || !got.Paper {
		t.Fatalf("the laptop's copy: paper %v (%v)", got.Paper, err)
	}
	d1, _ := office.StateDigest(ctx)
	d2, _ := laptop.StateDigest(ctx)
	if d1 != d2 {
		t.Fatal("replicas that saw the same changes differ")
	}
	mustCheck(t, laptop)
}
