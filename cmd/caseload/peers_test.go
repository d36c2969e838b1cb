package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// identity is a database's caseload and key fingerprint as
// `caseload replica --format json` shows them.
func (c *cli) identity() (caseload, fingerprint string) {
	c.t.Helper()
	var r map[string]string
	if err := json.Unmarshal([]byte(c.ok("replica", "--format", "json")), &r); err != nil {
		c.t.Fatal(err)
	}
	if r["caseload"] == "" || r["fingerprint"] == "" || r["id"] == "" || r["name"] == "" {
		c.t.Fatalf("replica json: %v", r)
	}
	return r["caseload"], r["fingerprint"]
}

// pair has each database trust the other's signing key, as two officers
// do when they first exchange packs (fingerprints read to each other).
func pair(a, b *cli) {
	a.t.Helper()
	_, fa := a.identity()
	_, fb := b.identity()
	a.ok("peers", "trust", fb)
	b.ok("peers", "trust", fa)
}

// editPlainPack opens a plaintext pack as anyone can, edits its lines,
// recomputes the checksum and keeps the old end line's signature.
func editPlainPack(t *testing.T, raw []byte, edit func(lines []string) []string) []byte {
	t.Helper()
	head, rest, _ := bytes.Cut(raw, []byte("\n"))
	zr, err := gzip.NewReader(bytes.NewReader(rest))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	var end map[string]map[string]string
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &end); err != nil {
		t.Fatal(err)
	}
	lines = edit(lines[:len(lines)-1])
	covered := strings.Join(lines, "\n") + "\n"
	sum := sha256.Sum256([]byte(covered))
	end["end"]["sha256"] = hex.EncodeToString(sum[:])
	endLine, _ := json.Marshal(end)
	var out bytes.Buffer
	out.Write(head)
	out.WriteString("\n")
	zw := gzip.NewWriter(&out)
	zw.Write([]byte(covered + string(endLine) + "\n"))
	zw.Close()
	return out.Bytes()
}

// TestForgedPlaintextPackIsRefused: someone edits a plaintext pack to add a
// £5,000 payment "by" another officer and recomputes its checksum. Today's
// caseload applied it; a signed pack cannot be edited so.
func TestForgedPlaintextPackIsRefused(t *testing.T) {
	t.Parallel()
	office, laptop := newCLI(t), newCLI(t)
	pair(office, laptop)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	pack := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")
	raw, _ := os.ReadFile(pack)
	forged := editPlainPack(t, raw, func(lines []string) []string {
		var m map[string]map[string]any
		json.Unmarshal([]byte(lines[0]), &m)
		var first map[string]map[string]any
		json.Unmarshal([]byte(lines[1]), &first)
		origin := first["change"]["origin"].(string)
		counts := m["manifest"]["counts"].(map[string]any)
		counts["changes"] = counts["changes"].(float64) + 1
		b, _ := json.Marshal(m)
		lines[0] = string(b)
		return append(lines, `{"change":{"origin":"`+origin+`","seq":900,"hlc":281474976710656,"officer":"bsmith","entity":"txn","entity_id":"`+origin[:8]+`-900","account":"NW2001","op":"add","value":{"date":"2026-11-20","type":"payment","amount":-500000,"method":"card","note":"card 4111 1111 1111 1111"}}}`)
	})
	laptop.ok("check")
	before := laptop.dump()
	stderr := laptop.refused(3, "import", laptop.file("forged.clpack", string(forged)), "--plaintext")
	if !strings.Contains(stderr, "signature does not match") {
		t.Fatalf("stderr %q", stderr)
	}
	if laptop.dump() != before {
		t.Fatal("a forged pack changed the database")
	}
	// The genuine pack needs --plaintext too, and says it was not encrypted.
	laptop.refused(3, "import", pack)
	if out := laptop.ok("import", pack, "--plaintext"); !strings.Contains(out, "NOT encrypted") {
		t.Fatalf("import: %s", out)
	}
}

// TestForeignCaseloadPackIsRefused: a pack from an unrelated database
// (another council's, a test copy) whose accounts share references.
func TestForeignCaseloadPackIsRefused(t *testing.T) {
	t.Parallel()
	office, other := newCLI(t), newCLI(t)
	pair(office, other)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	other.ok("ingest", "accounts", other.file("accounts.csv", sampleAccounts))
	other.ok("pay", "NW2001", "25.00", "--method", "cash")
	pack := filepath.Join(other.dir, "theirs.clpack")
	other.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")
	ours, _ := office.identity()
	theirs, _ := other.identity()
	before := office.dump()
	stderr := office.refused(3, "import", pack, "--plaintext")
	if !strings.Contains(stderr, ours) || !strings.Contains(stderr, theirs) {
		t.Fatalf("the refusal does not name both caseloads (%s, %s): %q", ours, theirs, stderr)
	}
	if office.dump() != before {
		t.Fatal("a foreign pack changed the database")
	}
}

func TestPeersTrustFlow(t *testing.T) {
	t.Parallel()
	office, laptop := newCLI(t), newCLI(t)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	pack := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")
	caseload, fp := office.identity()

	laptop.ok("check")
	before := laptop.dump()
	stderr := laptop.refused(3, "import", pack, "--plaintext")
	if !strings.Contains(stderr, fp) || !strings.Contains(stderr, "--trust "+fp) {
		t.Fatalf("the refusal does not show the fingerprint to confirm: %q", stderr)
	}
	if laptop.dump() != before {
		t.Fatal("an untrusted pack changed the database")
	}
	if out := laptop.ok("import", pack, "--plaintext", "--trust", fp); !strings.Contains(out, "signed by") || !strings.Contains(out, fp) {
		t.Fatalf("trusted import: %s", out)
	}
	// The laptop joined the office's caseload with its first pack.
	if c, _ := laptop.identity(); c != caseload {
		t.Fatalf("laptop caseload %s, want %s", c, caseload)
	}
	var keys []map[string]string
	json.Unmarshal([]byte(laptop.ok("peers", "--format", "json")), &keys)
	if len(keys) != 1 || keys[0]["fingerprint"] != fp || keys[0]["name"] == "" {
		t.Fatalf("peers: %v", keys)
	}
	if out := laptop.ok("peers", "list"); !strings.Contains(out, fp) {
		t.Fatalf("peers list: %s", out)
	}
	laptop.ok("peers", "forget", fp)
	laptop.refused(3, "peers", "forget", fp)
	laptop.refused(3, "peers", "trust", "nonsense")
	office.ok("pay", "NW2001", "5.00", "--method", "cash")
	changes := filepath.Join(office.dir, "changes.clpack")
	office.ok("export", "--to", changes, "--accounts", "NW2001", "--plaintext")
	laptop.refused(3, "import", changes, "--plaintext")
	laptop.ok("peers", "trust", strings.ToLower(fp))
	laptop.ok("import", changes, "--plaintext")
}

func TestPassphraseAndFileRules(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	sampleAccountsDB.apply(c)
	pack := filepath.Join(c.dir, "p.clpack")
	short := c.file("short.txt", "horse\n")
	if stderr := c.refused(3, "export", "--to", pack, "--accounts", "NW2001", "--passphrase-file", short); !strings.Contains(stderr, "12 characters") {
		t.Fatalf("short passphrase: %q", stderr)
	}
	open := c.file("open.txt", "a long shared passphrase\n")
	os.Chmod(open, 0o644)
	if stderr := c.refused(3, "export", "--to", pack, "--accounts", "NW2001", "--passphrase-file", open); !strings.Contains(stderr, "chmod 600 "+open) {
		t.Fatalf("readable passphrase file: %q", stderr)
	}
	good := c.file("good.txt", "a long shared passphrase\n")
	c.env = []string{"CASELOAD_PASSPHRASE_FILE=" + good}
	if stderr := c.refused(3, "export", "--to", pack, "--accounts", "NW2001", "--plaintext"); !strings.Contains(stderr, "ambiguous") {
		t.Fatalf("--plaintext with a passphrase file: %q", stderr)
	}
	c.refused(3, "export", "--to", pack, "--accounts", "NW2001", "--plaintext", "--passphrase-file", good)
	if _, err := os.Stat(pack); err == nil {
		t.Fatal("a refused export wrote a pack")
	}
	before := c.dump()
	c.refused(3, "import", filepath.Join(c.dir, "missing.clpack"))
	c.refused(3, "import", c.dir)
	if c.dump() != before {
		t.Fatal("a refused import changed the database")
	}
}

// TestVersion1PackNeedsAcceptV1: an unsigned pack from before signing is
// read only when asked for.
func TestVersion1PackNeedsAcceptV1(t *testing.T) {
	t.Parallel()
	office, laptop := newCLI(t), newCLI(t)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	pack := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")
	raw, _ := os.ReadFile(pack)
	v1 := editPlainPack(t, raw, func(lines []string) []string {
		var m map[string]map[string]any
		json.Unmarshal([]byte(lines[0]), &m)
		m["manifest"]["version"] = 1
		for _, k := range []string{"caseload", "source_key", "encrypted"} {
			delete(m["manifest"], k)
		}
		b, _ := json.Marshal(m)
		lines[0] = string(b)
		return lines
	})
	v1 = append([]byte("caseload-pack 1 plain"), v1[len("caseload-pack 2 plain"):]...)
	file := laptop.file("v1.clpack", string(unsignedEnd(t, v1)))
	laptop.ok("check")
	before := laptop.dump()
	if stderr := laptop.refused(3, "import", file, "--plaintext"); !strings.Contains(stderr, "--accept-v1") {
		t.Fatalf("v1: %q", stderr)
	}
	if laptop.dump() != before {
		t.Fatal("changed")
	}
	if out := laptop.ok("import", file, "--plaintext", "--accept-v1"); !strings.Contains(out, "unsigned") {
		t.Fatalf("v1 import: %s", out)
	}
}

// unsignedEnd drops the signature from a plaintext pack's end line.
func unsignedEnd(t *testing.T, raw []byte) []byte {
	t.Helper()
	head, rest, _ := bytes.Cut(raw, []byte("\n"))
	zr, err := gzip.NewReader(bytes.NewReader(rest))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	var end map[string]map[string]string
	json.Unmarshal([]byte(lines[len(lines)-1]), &end)
	delete(end["end"], "signature")
	b, _ := json.Marshal(end)
	lines[len(lines)-1] = string(b)
	var out bytes.Buffer
	out.Write(head)
	out.WriteString("\n")
	zw := gzip.NewWriter(&out)
	zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	zw.Close()
	return out.Bytes()
}
