package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
)

func TestDataVersionSeesAnotherHandlesWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	tui, err := Open(path, Options{Officer: "tui", Now: fixedNow, ReplicaName: "office"})
	if err != nil {
		t.Fatal(err)
	}
	defer tui.Close()
	mustCreate(t, tui, "AB1001")
	before, err := tui.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := tui.DataVersion(ctx); again != before {
		t.Fatalf("data version moved with no write: %d then %d", before, again)
	}
	cli, err := Open(path, Options{Officer: "cli", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	mustPost(t, cli, Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash})
	cli.Close()
	after, err := tui.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Fatal("a payment from another handle left the data version unchanged")
	}
}

func TestANewDatabaseHasNeverSynced(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	st, err := s.SyncStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Synced || st.Replica.Name != "test" || st.Unsynced == 0 {
		t.Fatalf("SyncStatus of a new database = %+v, want never synced, named test, with its own changes counted", st)
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO replica(id, name) VALUES('peer-id', 'laptop')"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.SyncStatus(ctx); !st.Synced {
		t.Fatal("a database that knows a peer still says never synced")
	}
}

func TestRenameSeenByAnotherHandle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := Open(path, Options{Officer: "a", Now: fixedNow, ReplicaName: "office"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{Officer: "b", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.RenameReplica(ctx, "office-2"); err != nil {
		t.Fatal(err)
	}
	st, err := a.SyncStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Replica.Name != "office-2" {
		t.Fatalf("replica name = %q, want the new name", st.Replica.Name)
	}
}

func TestEachNewDatabaseGetsItsOwnDefaultName(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, f := range []string{"one.db", "two.db"} {
		s, err := Open(filepath.Join(dir, f), Options{Officer: "x", Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, s.Self().Name)
		if want := s.Self().ID[:4]; !strings.HasSuffix(s.Self().Name, "-"+want) {
			t.Errorf("default name %q does not end with the id's %q", s.Self().Name, want)
		}
		s.Close()
	}
	host, _ := os.Hostname()
	if names[0] == names[1] {
		t.Fatalf("two new databases share the name %q", names[0])
	}
	if host != "" && !strings.HasPrefix(names[0], host+"-") {
		t.Errorf("default name %q does not start with the host %q", names[0], host)
	}
}

// TestDataVersionLeavesOutThisStoresOwnWrites: the TUI reads again what its
// own writes touched, so they do not move the number; another handle's
// write moves it, alone or beside one of ours.
func TestDataVersionLeavesOutThisStoresOwnWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	tui, err := Open(path, Options{Officer: "tui", Now: fixedNow, ReplicaName: "office"})
	if err != nil {
		t.Fatal(err)
	}
	defer tui.Close()
	mustCreate(t, tui, "AB1001")
	cli, err := Open(path, Options{Officer: "cli", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	pay := Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash}
	v0, err := tui.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustPost(t, tui, pay)
	if v, _ := tui.DataVersion(ctx); v != v0 {
		t.Fatalf("the store's own payment moved the data version from %d to %d", v0, v)
	}
	mustPost(t, cli, pay)
	v1, _ := tui.DataVersion(ctx)
	if v1 == v0 {
		t.Fatal("another handle's payment left the data version unchanged")
	}
	mustPost(t, tui, pay)
	mustPost(t, cli, pay)
	mustPost(t, tui, pay)
	if v, _ := tui.DataVersion(ctx); v == v1 {
		t.Fatal("another handle's payment between two of ours left the data version unchanged")
	}
}
