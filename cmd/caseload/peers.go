package main

import (
	"fmt"

	"caseload/store"
)

func init() {
	kit{name: "peers", usage: "peers [list] [--format json]", help: "the signing keys this database accepts packs from", format: true, store: true}.define(runPeers)
	kit{name: "peers list", usage: "peers list [--format json]", help: "the signing keys this database accepts packs from", format: true, store: true}.define(runPeers)
	kit{name: "peers trust", usage: "peers trust FINGERPRINT", help: "accept packs signed by this key (confirm it with its sender first)", store: true}.define(runTrustPeer)
	kit{name: "peers forget", usage: "peers forget FINGERPRINT", help: "stop accepting packs signed by this key", store: true}.define(runForgetPeer)
}

func runPeers(c *call) error {
	keys, err := c.st.TrustedKeys(c.ctx)
	if err != nil {
		return err
	}
	if c.format == "json" {
		if keys == nil {
			keys = []store.TrustedKey{}
		}
		return writeJSON(c.stdout, keys)
	}
	if len(keys) == 0 && c.format == "table" {
		fmt.Fprintln(c.stdout, "no trusted keys yet: the first pack from another replica asks for its fingerprint")
		return nil
	}
	t := &table{header: []string{"fingerprint", "replica", "id", "trusted", "last pack"}}
	for _, k := range keys {
		name, id := k.Name, k.Replica
		if id == "" {
			name = "(no pack yet)"
		}
		t.add(k.Fingerprint, name, id, k.Trusted, k.LastPack)
	}
	return t.write(c.stdout, c.format)
}

func runTrustPeer(c *call) error {
	fp, err := c.st.TrustPeer(c.ctx, c.pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "trusted key %s: packs signed by it are accepted\n", fp)
	return nil
}

func runForgetPeer(c *call) error {
	k, err := c.st.ForgetPeer(c.ctx, c.pos[0])
	if err != nil {
		return err
	}
	who := k.Name
	if who == "" {
		who = "no replica yet"
	}
	fmt.Fprintf(c.stdout, "forgot key %s (%s): packs signed by it are refused until it is trusted again\n", k.Fingerprint, who)
	return nil
}
