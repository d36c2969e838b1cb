-- The tamper-evident change log (issue 13). Every change carries hash, the
-- SHA-256 of its canonical content and prev, chained to the previous change
-- of the same origin (32 zero bytes before an origin's first change). prev
-- is NULL for a "pre-chain" change: one made before this migration, hashed
-- on its own so that every replica computes the same hash for it whatever
-- part of its origin's history it holds. The store fills both columns for
-- existing rows right after this migration (store/chain.go).
ALTER TABLE change ADD COLUMN prev BLOB;
ALTER TABLE change ADD COLUMN hash BLOB;
