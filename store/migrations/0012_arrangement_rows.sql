-- The live arrangement's ledger rows per account (issue 14, planrows.go):
-- every counted ledger row dated on or after the start of the account's
-- live arrangement (the latest made, not cancelled), kept in the same
-- transaction as every write that changes them, so a caseload monitors its
-- arrangements without reading the ledger. Only accounts with a live
-- arrangement have a row. `check` recomputes every one.
CREATE TABLE account_plan (
    account    INTEGER PRIMARY KEY REFERENCES account(no),
    -- The live arrangement's clock and start date.
    hlc        INTEGER NOT NULL,
    start_date TEXT    NOT NULL,
    -- The date of the latest row kept ('' when none).
    last_date  TEXT    NOT NULL DEFAULT '',
    -- The rows in (date, made) order, encoded: day, type, amount, method,
    -- origin, sequence, what it reverses.
    rows       BLOB    NOT NULL DEFAULT x''
);
