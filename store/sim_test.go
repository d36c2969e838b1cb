package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"caseload/domain"
)

// TestSyncSimulation: several replicas make payments, notes and field edits
// while packs travel between them in random order, some twice, some lost
// and sent again. At the end every replica that has seen everything is
// identical, no payment is lost or doubled, and every register edited
// concurrently has exactly one open conflict on every replica.
//
// CI runs a few fixed seeds; CASELOAD_SIM_SEEDS=N runs N more.
func TestSyncSimulation(t *testing.T) {
	t.Parallel() // its own temporary database
	seeds := []uint64{1, 2, 3, 4}
	if n, err := strconv.Atoi(os.Getenv("CASELOAD_SIM_SEEDS")); err == nil {
		for i := 0; i < n; i++ {
			seeds = append(seeds, uint64(1000+i))
		}
	}
	ops, conflicts := 0, 0
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			n, c := simulate(t, seed)
			ops, conflicts = ops+n, conflicts+c
		})
	}
	t.Logf("%d seeds, %d operations, %d concurrent-edit conflicts checked", len(seeds), ops, conflicts)
	if conflicts == 0 {
		t.Fatal("no run produced a concurrent edit: the simulation is not exercising merges")
	}
}

type simReplica struct {
	s    *Store
	name string
}

func simulate(t *testing.T, seed uint64) (steps, conflicts int) {
	rng := rand.New(rand.NewPCG(seed, 99))
	n := 3 + rng.IntN(3)
	reps := make([]simReplica, n)
	for i := range reps {
		name := fmt.Sprintf("r%d", i)
		reps[i] = simReplica{newReplica(t, name), name}
	}
	refs := []string{"SIM001", "SIM002", "SIM003", "SIM004"}
	mustCreate(t, reps[0].s, refs...)
	for _, ref := range refs {
		mustPost(t, reps[0].s, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney("400.00"), Date: today.AddDays(-14)})
	}
	visit := mustExport(t, reps[0].s, ExportOptions{Accounts: refs})
	for _, r := range reps[1:] {
		mustImport(t, r.s, visit, "")
	}

	type inFlight struct {
		to   int
		pack []byte
	}
	var queue []inFlight // packs sent but not yet delivered (out of order, lost-then-resent)
	deliver := func(p inFlight) {
		if _, err := importTrusting(reps[p.to].s, p.pack, ImportOptions{}); err != nil && !IsRefused(err) {
			t.Fatalf("import into %s: %v", reps[p.to].name, err)
		} else if err != nil {
			t.Fatalf("import into %s refused: %v", reps[p.to].name, err)
		}
	}
	payments := map[string]domain.Money{} // fact id → amount, every payment made
	steps = 120 + rng.IntN(80)
	for step := 0; step < steps; step++ {
		r := reps[rng.IntN(n)]
		ref := refs[rng.IntN(len(refs))]
		switch k := rng.IntN(10); {
		case k < 4:
			amount := domain.Pence(int64(100 + rng.IntN(5000)))
			out := mustPost(t, r.s, Posting{Ref: ref, Kind: PostPayment, Amount: amount, Method: domain.MethodCash})
			payments[out.IDs[0]] = amount
		case k < 5:
			if _, err := r.s.AddNote(ctx, NewNote{Ref: ref, Channel: domain.ChannelPhone, Text: "call " + strconv.Itoa(step)}, today); err != nil {
				t.Fatal(err)
			}
		case k < 7:
			field := []string{"phone", "email"}[rng.IntN(2)]
			value := fmt.Sprintf("%s-%d", field, rng.IntN(4)) // small range: equal values happen too
			if err := r.s.SetAccountFields(ctx, ref, map[string]string{field: value}); err != nil {
				t.Fatal(err)
			}
		case k < 8 && rng.IntN(2) == 0:
			// Reverse a payment this replica can see and has not reversed:
			// another replica may reverse the same one meanwhile.
			lines, err := r.s.Ledger(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			var candidates []string
			for _, l := range lines {
				if l.Type == domain.TxnPayment && l.ReversedBy == "" {
					candidates = append(candidates, l.ID)
				}
			}
			if len(candidates) > 0 {
				mustPost(t, r.s, Posting{Ref: ref, Kind: PostReverse, Of: candidates[rng.IntN(len(candidates))]})
			}
		default:
			from, to := rng.IntN(n), rng.IntN(n)
			if from == to {
				continue
			}
			pack := mustExport(t, reps[from].s, ExportOptions{Changes: true, For: reps[to].name})
			switch d := rng.IntN(10); {
			case d < 5:
				deliver(inFlight{to, pack})
			case d < 7:
				deliver(inFlight{to, pack})
				deliver(inFlight{to, pack}) // the same pack twice
			default:
				queue = append(queue, inFlight{to, pack}) // delayed or lost for now
			}
		}
		if len(queue) > 0 && rng.IntN(4) == 0 {
			i := rng.IntN(len(queue))
			deliver(queue[i])
			queue = slices.Delete(queue, i, i+1)
		}
	}
	// Deliver what was held back, in a scrambled order, then let everyone
	// catch up with everyone (twice round, so what one learns reaches all).
	rng.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	for _, p := range queue {
		deliver(p)
	}
	for round := 0; round < 2; round++ {
		for from := range reps {
			for to := range reps {
				if from != to {
					deliver(inFlight{to, mustExport(t, reps[from].s, ExportOptions{Changes: true, For: reps[to].name})})
				}
			}
		}
	}

	want, err := reps[0].s.StateDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		mustCheck(t, r.s)
		if got, _ := r.s.StateDigest(ctx); got != want {
			t.Fatalf("%s differs from %s after exchanging everything", r.name, reps[0].name)
		}
		var got int
		for _, ref := range refs {
			lines, err := r.s.Ledger(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				if l.Type == domain.TxnPayment {
					if amount, ok := payments[l.ID]; !ok || !amount.Neg().Equal(l.Amount) {
						t.Fatalf("%s has a payment %s %s nobody made", r.name, l.ID, l.Amount)
					}
					got++
				}
			}
		}
		if got != len(payments) {
			t.Fatalf("%s holds %d payments, %d were made", r.name, got, len(payments))
		}
		// However many officers reversed a payment, one reversal counts.
		for _, ref := range refs {
			lines, _ := r.s.Ledger(ctx, ref)
			counted := map[string]int{}
			for _, l := range lines {
				if l.Type == domain.TxnReversal && !l.Void {
					counted[l.Reverses]++
				}
			}
			for id, n := range counted {
				if n != 1 {
					t.Fatalf("%s: %s counts %d reversals", r.name, id, n)
				}
			}
		}
		// Conflicts, worked out independently from the change log in memory.
		expected := concurrentRegisters(t, r.s)
		open, err := r.s.Conflicts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, c := range open {
			have[c.Ref+"."+c.Field]++
		}
		for key := range expected {
			if have[key] != 1 {
				t.Fatalf("%s: register %s was edited concurrently but has %d open conflicts", r.name, key, have[key])
			}
		}
		if len(have) != len(expected) {
			t.Fatalf("%s: %d open conflicts, %d registers edited concurrently", r.name, len(have), len(expected))
		}
		conflicts = len(expected)
	}
	return steps, conflicts
}

// concurrentRegisters reads every set change out of a replica and works out,
// with plain maps, which registers end with heads of different values.
func concurrentRegisters(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	out, err := s.Export(ctx, ExportOptions{Changes: true, For: "nobody", Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	_, changes, _, err := decodePack(out.Data, "")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, c := range changes {
		for _, p := range c.Parents {
			named[p] = true
		}
	}
	values := map[string]map[string]bool{}
	for _, c := range changes {
		if c.Op != "set" || named[c.ID()] {
			continue
		}
		key := c.EntityID + "." + c.Field
		if values[key] == nil {
			values[key] = map[string]bool{}
		}
		values[key][string(canonicalJSON(c.Value))] = true
	}
	conflicted := map[string]bool{}
	for key, vs := range values {
		if len(vs) > 1 {
			conflicted[key] = true
		}
	}
	return conflicted
}
