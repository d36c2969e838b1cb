-- Trust between replicas (docs/pack-format.md, version 2).

-- One row: the caseload this database belongs to and this replica's
-- Ed25519 signing key. The store fills it in when it opens the database: a
-- new id and key for a new database; for a database upgraded from schema 1,
-- an id derived from its oldest change, so replicas upgraded separately
-- agree. private_key is the 32-byte seed; it never leaves this file.
CREATE TABLE identity (
    one         INTEGER PRIMARY KEY CHECK (one = 1),
    caseload    TEXT NOT NULL,
    public_key  BLOB NOT NULL,
    private_key BLOB NOT NULL
);

-- The signing keys of peers an officer has trusted, by fingerprint. A key
-- trusted ahead (`caseload peers trust FP`) has no public key or replica
-- until the first pack signed by it arrives; from then on it belongs to
-- that replica, and that replica to it.
CREATE TABLE peer_key (
    fingerprint TEXT PRIMARY KEY,
    public_key  BLOB,
    replica     TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    trusted     TEXT NOT NULL,
    last_pack   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX peer_key_replica ON peer_key(replica) WHERE replica <> '';
