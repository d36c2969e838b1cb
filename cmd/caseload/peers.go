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
	return writeRows(c, keys, "no trusted keys yet: the first pack from another replica asks for its fingerprint",
		&table{header: []string{"fingerprint", "replica", "id", "trusted", "last pack"}}, func(t *table, k store.TrustedKey) {
			name, id := k.Name, k.Replica
			if id == "" {
				name = "(no pack yet)"
			}
			t.add(k.Fingerprint, name, id, k.Trusted, k.LastPack)
		})
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
