-- Report snapshots (issue 17): a period's figures as first computed once
-- the period had closed, so a report re-run later gives the same numbers
-- and any difference is explained. Local to this database (derived, not
-- synced): each replica keeps what it reported.
-- IF NOT EXISTS: a database rolled back to an older schema version (the
-- chain tests do) runs this again over its own table and index.
CREATE TABLE IF NOT EXISTS report_snapshot (
    scope      TEXT    NOT NULL,
    period_from TEXT   NOT NULL,
    period_to  TEXT    NOT NULL,
    label      TEXT    NOT NULL DEFAULT '',
    taken      TEXT    NOT NULL,
    -- The last ledger row counted (rows are numbered as received).
    ledger_row INTEGER NOT NULL,
    as_at      TEXT    NOT NULL DEFAULT '',
    -- The figures: a JSON object of measure key → value as files write it.
    figures    TEXT    NOT NULL,
    PRIMARY KEY (scope, period_from, period_to)
) WITHOUT ROWID;

-- Reports sum a scope's ledger over a period and a financial year: this
-- covering index lets them read the rows from the index alone (counted
-- rows only: void rows are never counted).
CREATE INDEX IF NOT EXISTS txn_report ON txn(account, date, type, amount) WHERE void = 0;
