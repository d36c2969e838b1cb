package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// owing sets up an account TW1001 owing nine weeks' rent (so the worklist
// has something to do today) and a clear account TW1002.
func owing(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	owingDB.apply(c)
	return c
}

var owingDB = &template{name: "owing", setup: func(c *cli) {
	c.ok("account", "create", "TW1001", "--kind", "rent", "--name", "Ann Twin", "--address", "1 Twin Street", "--start", "2024-04-01", "--rent", "100.00")
	c.ok("account", "create", "TW1002", "--kind", "rent", "--name", "Bob Clear", "--address", "2 Twin Street", "--start", "2024-04-01", "--rent", "100.00")
	c.ok("post", "TW1001", "900.00", "--type", "charge", "--date", "2026-10-01")
}}

// worklistRefs runs `worklist --format json` with extra arguments and
// returns the items by ref.
func worklistRefs(t *testing.T, c *cli, args ...string) map[string]map[string]any {
	t.Helper()
	out := c.ok(append([]string{"worklist", "--format", "json"}, args...)...)
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("worklist JSON: %v\n%s", err, out)
	}
	got := map[string]map[string]any{}
	for _, it := range items {
		got[it["ref"].(string)] = it
	}
	return got
}

// refusedUnchanged runs a command that must be refused with exit code want
// and proves it wrote nothing; it returns the error line.
func refusedUnchanged(t *testing.T, c *cli, want int, args ...string) string {
	t.Helper()
	before := c.dump()
	stderr := c.refused(want, args...)
	if c.dump() != before {
		t.Fatalf("caseload %s was refused but changed the database", strings.Join(args, " "))
	}
	return stderr
}

// TestPauseTwin: `caseload pause` does what `p` does — the case leaves the
// worklist for the Paused section until the date, with its reason — and
// refuses what the pane refuses.
func TestPauseTwin(t *testing.T) {
	t.Parallel()
	c := owing(t)
	if _, ok := worklistRefs(t, c)["TW1001"]; !ok {
		t.Fatal("TW1001 owes nine weeks but is not on the worklist")
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a date that is not after today", []string{"pause", "TW1001", "--until", "2026-11-23", "--reason", "awaiting HB"}, "not after today"},
		{"no reason", []string{"pause", "TW1001", "--until", "2026-12-01"}, "say why"},
		{"an impossible date", []string{"pause", "TW1001", "--until", "2026-02-30", "--reason", "x"}, "--until"},
		{"an unknown account", []string{"pause", "ZZ9999", "--until", "2026-12-01", "--reason", "x"}, "no account ZZ9999"},
		{"lifting a pause that is not there", []string{"pause", "TW1001", "--lift"}, "not paused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if e := refusedUnchanged(t, c, exitInvalid, tc.args...); !strings.Contains(e, tc.want) {
				t.Errorf("error %q does not say %q", e, tc.want)
			}
		})
	}
	refusedUnchanged(t, c, exitUsage, "pause", "TW1001")
	refusedUnchanged(t, c, exitUsage, "pause", "TW1001", "--lift", "--until", "2026-12-01")

	c.ok("pause", "TW1001", "--until", "2026-12-01", "--reason", "awaiting HB backdate")
	if _, ok := worklistRefs(t, c)["TW1001"]; ok {
		t.Fatal("a paused case is still on today's list")
	}
	p, ok := worklistRefs(t, c, "--section", "paused")["TW1001"]
	if !ok || p["paused_until"] != "2026-12-01" || p["pause_reason"] != "awaiting HB backdate" {
		t.Fatalf("--section paused: %v", p)
	}
	if table := c.ok("worklist", "--section", "paused"); !strings.Contains(table, "paused until Tue 1 Dec 2026: awaiting HB backdate") {
		t.Errorf("paused section table:\n%s", table)
	}
	c.ok("pause", "TW1001", "--lift")
	if _, ok := worklistRefs(t, c)["TW1001"]; !ok {
		t.Fatal("lifting the pause did not bring the case back")
	}
}

// TestDoneTwinAndItsUndo: `caseload done` marks the top item done for
// today as `d` does, `done --undo` takes it back as `u` does, and each
// refuses (exit 3, nothing written) when there is nothing to act on.
func TestDoneTwinAndItsUndo(t *testing.T) {
	t.Parallel()
	c := owing(t)
	top := worklistRefs(t, c)["TW1001"]["rule"].(string)
	out := c.ok("done", "TW1001")
	if !strings.Contains(out, top+" done for today") {
		t.Fatalf("done: %s", out)
	}
	if got := worklistRefs(t, c)["TW1001"]; got != nil && got["rule"] == top {
		t.Fatalf("%s still tops the list after done: %v", top, got)
	}
	if e := refusedUnchanged(t, c, exitInvalid, "done", "TW1002"); !strings.Contains(e, "TW1002 has nothing to do today") {
		t.Errorf("done on a clear account: %q", e)
	}
	refusedUnchanged(t, c, exitInvalid, "done", "ZZ9999")
	refusedUnchanged(t, c, exitUsage, "done")

	if out := c.ok("done", "TW1001", "--undo"); !strings.Contains(out, top+" back on today's list") {
		t.Fatalf("done --undo: %s", out)
	}
	if got := worklistRefs(t, c)["TW1001"]; got == nil || got["rule"] != top {
		t.Fatalf("after the undo %s is not back on top: %v", top, got)
	}
	if e := refusedUnchanged(t, c, exitInvalid, "done", "TW1001", "--undo"); !strings.Contains(e, "nothing marked done today") {
		t.Errorf("a second undo: %q", e)
	}
	c.ok("check")
}

// TestNotesEventsAndComplete: a script finds a follow-up's id with
// `notes --follow-ups --format json` and completes it as `c` does; events
// are listed as recorded.
func TestNotesEventsAndComplete(t *testing.T) {
	t.Parallel()
	c := owing(t)
	c.ok("note", "TW1001", "Rang: will call back Monday", "--channel", "phone", "--follow-up", "2026-11-30")
	c.ok("note", "TW1001", "Letter returned", "--channel", "letter")
	c.ok("event", "TW1001", "letter-1", "--detail", "first arrears letter")

	var fus []map[string]any
	out := c.ok("notes", "TW1001", "--follow-ups", "--format", "json")
	if err := json.Unmarshal([]byte(out), &fus); err != nil || len(fus) != 1 {
		t.Fatalf("open follow-ups: %v %s", err, out)
	}
	id := fus[0]["id"].(string)
	if fus[0]["follow_up"] != "2026-11-30" || fus[0]["officer"] != "asmith" || fus[0]["done_on"] != nil {
		t.Fatalf("follow-up: %v", fus[0])
	}
	var all []map[string]any
	json.Unmarshal([]byte(c.ok("notes", "TW1001", "--format", "json")), &all)
	if len(all) != 2 {
		t.Fatalf("notes: %v", all)
	}
	var events []map[string]any
	json.Unmarshal([]byte(c.ok("events", "TW1001", "--format", "json")), &events)
	if len(events) != 1 || events[0]["type"] != "letter-1" || events[0]["detail"] != "first arrears letter" || events[0]["officer"] != "asmith" {
		t.Fatalf("events: %v", events)
	}
	if table := c.ok("events", "TW1001"); !strings.Contains(table, "first arrears letter") {
		t.Errorf("events table:\n%s", table)
	}

	refusedUnchanged(t, c, exitInvalid, "complete", "nosuch-1")
	c.ok("complete", id)
	if out := c.ok("notes", "TW1001", "--follow-ups", "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("the follow-up is still open: %s", out)
	}
	if e := refusedUnchanged(t, c, exitInvalid, "complete", id); !strings.Contains(e, "was completed on 2026-11-23") {
		t.Errorf("completing twice: %q", e)
	}
	refusedUnchanged(t, c, exitInvalid, "notes", "ZZ9999")
	refusedUnchanged(t, c, exitInvalid, "events", "ZZ9999")
}

// TestWorklistSections: every caseload pane tab is a --section; an
// unknown one is refused.
func TestWorklistSections(t *testing.T) {
	t.Parallel()
	c := owing(t)
	for _, sec := range []string{"today", "broken", "notices", "rtb", "diary", "paused", "whole"} {
		c.ok("worklist", "--section", sec)
	}
	whole := worklistRefs(t, c, "--section", "whole")
	if whole["TW1001"] == nil || whole["TW1002"] == nil {
		t.Fatalf("the whole caseload lacks an account: %v", whole)
	}
	if today := worklistRefs(t, c, "--section", "today"); today["TW1002"] != nil {
		t.Fatalf("a clear account is on today's list: %v", today)
	}
	if e := c.refused(exitInvalid, "worklist", "--section", "everything"); !strings.Contains(e, "today, broken, notices, rtb, diary, paused, whole") {
		t.Errorf("unknown section: %q", e)
	}
}

// TestCLIWritesAreSignedByTheConfiguredOfficer: with $USER set to someone
// else, pay, note and event are recorded under CASELOAD_OFFICER (and
// --officer over it) in the change log, the audit rows and the records.
func TestCLIWritesAreSignedByTheConfiguredOfficer(t *testing.T) {
	t.Parallel()
	c := owing(t)
	c.env = []string{"USER=osuser", "LOGNAME=osuser"}
	c.ok("pay", "TW1001", "10.00", "--method", "cash")
	c.ok("note", "TW1001", "Paid at the office", "--channel", "office")
	c.ok("event", "TW1001", "letter-1")
	c.ok("note", "TW1001", "Covering for asmith", "--officer", "bcover")

	db, err := sql.Open("sqlite", "file:"+c.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	officers := func(query string) []string {
		t.Helper()
		rows, err := db.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	for _, q := range []struct{ what, query, want string }{
		{"payment audit", "SELECT officer FROM audit WHERE action = 'post payment'", "asmith"},
		{"payment change", "SELECT c.officer FROM change c WHERE c.entity = 'txn' ORDER BY c.seq DESC LIMIT 1", "asmith"},
		{"note audit", "SELECT officer FROM audit WHERE action = 'note' ORDER BY no LIMIT 1", "asmith"},
		{"note record", "SELECT officer FROM note WHERE text = 'Paid at the office'", "asmith"},
		{"event audit", "SELECT officer FROM audit WHERE action = 'event letter-1'", "asmith"},
		{"event change", "SELECT officer FROM change WHERE entity = 'event'", "asmith"},
		{"event record", "SELECT officer FROM event", "asmith"},
		{"--officer over the environment", "SELECT officer FROM note WHERE text = 'Covering for asmith'", "bcover"},
	} {
		got := officers(q.query)
		if len(got) != 1 || got[0] != q.want {
			t.Errorf("%s signed by %v, want %s", q.what, got, q.want)
		}
	}
	if got := officers("SELECT officer FROM audit WHERE officer = 'osuser' UNION SELECT officer FROM change WHERE officer = 'osuser'"); len(got) != 0 {
		t.Errorf("writes signed by the OS user: %v", got)
	}
}

// TestErrorsSayCaseloadOnce: a refusal's line starts "caseload: " once,
// however the message was built.
func TestErrorsSayCaseloadOnce(t *testing.T) {
	t.Parallel()
	c := owing(t)
	for _, args := range [][]string{
		{"pay", "TW1001", "5.00"},
		{"post", "TW1001", "5.00"},
		{"pause", "TW1001"},
		{"worklist", "--format", "xml"},
		{"note", "TW1001"},
		{"pay", "TW1001", "5.001", "--method", "cash"},
	} {
		r := c.run(args...)
		line := strings.TrimSpace(r.stderr)
		if r.code == 0 || !strings.HasPrefix(line, "caseload: ") || strings.Count(line, "caseload:") != 1 || strings.HasPrefix(line, "caseload: caseload") {
			t.Errorf("caseload %s: exit %d, error %q", strings.Join(args, " "), r.code, line)
		}
	}
	if e := c.refused(exitUsage, "pay", "TW1001", "5.00"); !strings.HasPrefix(e, "caseload: pay: --method is required") {
		t.Errorf("pay without a method: %q", e)
	}
}

// TestWriteOffApproval: a write-off above the £500 policy limit needs a
// second officer (--approved-by, not the officer); the approver is kept on
// the transaction and its audit row.
func TestWriteOffApproval(t *testing.T) {
	t.Parallel()
	c := owing(t)
	if e := refusedUnchanged(t, c, exitInvalid, "post", "TW1001", "600.00", "--type", "write-off", "--note", "uneconomic"); !strings.Contains(e, "needs a second officer's approval") {
		t.Errorf("no approver: %q", e)
	}
	if e := refusedUnchanged(t, c, exitInvalid, "post", "TW1001", "600.00", "--type", "write-off", "--note", "uneconomic", "--approved-by", "asmith"); !strings.Contains(e, "cannot approve their own") {
		t.Errorf("self-approval: %q", e)
	}
	refusedUnchanged(t, c, exitUsage, "post", "TW1001", "10.00", "--type", "charge", "--approved-by", "jbloggs")
	c.ok("post", "TW1001", "100.00", "--type", "write-off", "--note", "small balance") // at or under the limit: one officer
	if out := c.ok("post", "TW1001", "600.00", "--type", "write-off", "--note", "uneconomic", "--approved-by", "jbloggs"); !strings.Contains(out, "approved by jbloggs") {
		t.Fatalf("write-off: %s", out)
	}
	var lines []map[string]any
	json.Unmarshal([]byte(c.ok("ledger", "TW1001", "--format", "json")), &lines)
	last := lines[len(lines)-1]
	if last["type"] != "write-off" || last["amount"] != "-600.00" || !strings.Contains(last["note"].(string), "approved by jbloggs") {
		t.Fatalf("the write-off does not carry its approver: %v", last)
	}
	db, err := sql.Open("sqlite", "file:"+c.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var officer, detail string
	if err := db.QueryRow("SELECT officer, detail FROM audit WHERE action = 'post write-off' ORDER BY no DESC LIMIT 1").Scan(&officer, &detail); err != nil {
		t.Fatal(err)
	}
	if officer != "asmith" || detail != "approved by jbloggs" {
		t.Fatalf("audit row: officer %q detail %q", officer, detail)
	}
	c.ok("check")
}

// TestAccountShowHasTheLiveArrangement: `account show` names the live
// arrangement (JSON and table), and null/"none" without one.
func TestAccountShowHasTheLiveArrangement(t *testing.T) {
	t.Parallel()
	c := owing(t)
	var a map[string]any
	json.Unmarshal([]byte(c.ok("account", "show", "TW1002", "--format", "json")), &a)
	if v, ok := a["arrangement"]; !ok || v != nil {
		t.Fatalf("no arrangement should be null: %v", a["arrangement"])
	}
	c.ok("arrangement", "add", "TW1001", "--instalment", "10.00", "--frequency", "weekly", "--start", "2026-11-23")
	json.Unmarshal([]byte(c.ok("account", "show", "TW1001", "--format", "json")), &a)
	arr, _ := a["arrangement"].(map[string]any)
	if arr == nil || arr["instalment"] != "10.00" || arr["frequency"] != "weekly" || arr["start"] != "2026-11-23" || arr["state"] != "live" || arr["status"] == "" {
		t.Fatalf("arrangement: %v", a["arrangement"])
	}
	if table := c.ok("account", "show", "TW1001"); !strings.Contains(table, "Arrangement:") || !strings.Contains(table, "£10.00 a week") {
		t.Fatalf("table:\n%s", table)
	}
	if table := c.ok("account", "show", "TW1002"); !strings.Contains(table, "Arrangement:    none") {
		t.Fatalf("table without an arrangement:\n%s", table)
	}
}

// TestConflictsSayWhoAndWhen: `caseload conflicts` names the officer who
// made each value and when.
func TestConflictsSayWhoAndWhen(t *testing.T) {
	t.Parallel()
	office, laptop := owing(t), newCLI(t)
	laptop.env = []string{"CASELOAD_OFFICER=jsmith"}
	pair(office, laptop)
	visit := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", visit, "--accounts", "TW1001", "--plaintext")
	laptop.ok("import", visit, "--plaintext")
	laptop.ok("account", "set", "TW1001", "phone=07700 900555")
	office.ok("account", "set", "TW1001", "phone=07700 900666")
	back := filepath.Join(laptop.dir, "back.clpack")
	laptop.ok("export", "--to", back, "--changes", "--for", "office", "--plaintext")
	office.ok("import", back, "--plaintext")

	var cs []map[string]any
	json.Unmarshal([]byte(office.ok("conflicts", "--format", "json")), &cs)
	if len(cs) != 1 {
		t.Fatalf("conflicts: %v", cs)
	}
	by := map[string]string{cs[0]["kept"].(string): cs[0]["kept_by"].(string), cs[0]["other"].(string): cs[0]["other_by"].(string)}
	if by["07700 900666"] != "asmith" || by["07700 900555"] != "jsmith" {
		t.Fatalf("who made each value: %v", cs[0])
	}
	for _, k := range []string{"kept_at", "other_at"} {
		if at, _ := cs[0][k].(string); !strings.HasSuffix(at, "Z") || len(at) != len("2026-11-23T10:00:00Z") {
			t.Errorf("%s = %v, want a UTC timestamp", k, cs[0][k])
		}
	}
	if table := office.ok("conflicts"); !strings.Contains(table, "kept_by") || !strings.Contains(table, "jsmith") {
		t.Errorf("table:\n%s", table)
	}
}

// TestArrangementPaneCalculations: `f` (affordability) and the UC
// deduction range have CLI twins over the same domain functions.
func TestArrangementPaneCalculations(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	var a map[string]any
	json.Unmarshal([]byte(c.ok("arrangement", "afford", "wages=1600.00", "rent=100.00/weekly", "council-tax=120", "food=300", "cards=50", "--format", "json")), &a)
	// rent 100 × 52 ÷ 12 = 433.33; priority 553.33; out 903.33; surplus 696.67; half a month 348.33.
	if a["priority_bills"] != "553.33" || a["surplus"] != "696.67" {
		t.Fatalf("afford: %v", a)
	}
	sg := a["suggestions"].([]any)
	if m := sg[len(sg)-1].(map[string]any); m["frequency"] != "monthly" || m["amount"] != "348.33" {
		t.Fatalf("monthly suggestion: %v", m)
	}
	for _, bad := range [][]string{{"wages=12.345"}, {"bogus=10"}, {"wages=10/yearly"}, {"income:gift=-5"}} {
		c.refused(exitInvalid, append([]string{"arrangement", "afford"}, bad...)...)
	}
	c.refused(exitUsage, "arrangement", "afford")
	c.refused(exitUsage, "arrangement", "afford", "wages")

	var u map[string]any
	json.Unmarshal([]byte(c.ok("arrangement", "uc-range", "--claimant", "single-25-plus", "--on", "2025-12-01", "--format", "json")), &u)
	if u["standard_allowance"] != "400.14" || u["deduction_min"] != "40.01" || u["deduction_max"] != "80.03" || u["source"] == "" {
		t.Fatalf("uc-range: %v", u)
	}
	c.refused(exitInvalid, "arrangement", "uc-range", "--claimant", "triple")
	c.refused(exitUsage, "arrangement", "uc-range")
}
