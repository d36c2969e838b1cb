package store

import (
	"testing"

	"caseload/domain"
)

func TestPeersListsDirectPartnersFirstThenReplicasSeenThroughThem(t *testing.T) {
	office, laptop, tablet := newReplica(t, "office"), newReplica(t, "laptop"), newReplica(t, "tablet")
	if peers, err := office.Peers(ctx); err != nil || len(peers) != 0 {
		t.Fatalf("a new database knows peers %+v (%v), want none", peers, err)
	}
	mustCreate(t, office, "NW1001")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	mustImport(t, tablet, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	mustPost(t, tablet, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("5.00"), Method: domain.MethodCash})
	// The tablet's change reaches the laptop only through the office.
	mustImport(t, office, mustExport(t, tablet, ExportOptions{Changes: true, For: "office"}), "")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")

	peers, err := laptop.Peers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(peers) != 2 {
		t.Fatalf("laptop peers %+v, want office and tablet", peers)
	}
	if peers[0].Name != "office" || peers[0].ID != office.Self().ID || peers[0].LastPack == "" {
		t.Errorf("first peer %+v, want the office with the time of its last pack", peers[0])
	}
	if peers[1].Name != "tablet" || peers[1].ID != tablet.Self().ID || peers[1].LastPack != "" || peers[1].Held != 1 {
		t.Errorf("second peer %+v, want the tablet, no pack of its own, 1 change held", peers[1])
	}
	for _, p := range peers {
		if p.ID == laptop.Self().ID {
			t.Error("Peers lists the database itself")
		}
	}
}
