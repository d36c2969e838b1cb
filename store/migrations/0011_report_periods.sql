-- Every account's counted ledger movements by financial year (issue 17),
-- kept in the same transaction as every write that changes its ledger
-- (report_periods.go), so a borough's report reads one row per account and
-- year instead of every ledger row. `check` recomputes every row; the
-- migration's Go step fills them for an existing ledger.
CREATE TABLE account_period (
    account INTEGER NOT NULL REFERENCES account(no),
    -- The financial year (1 April to 31 March) named by its first year.
    year    INTEGER NOT NULL,
    -- The sum of the account's counted (not void) rows dated in the year.
    total   INTEGER NOT NULL DEFAULT 0,
    -- Those rows as (day of the year, class) and amount records, encoded
    -- (report_periods.go encodePeriodRows); a write appends its own.
    rows    BLOB    NOT NULL DEFAULT x'',
    PRIMARY KEY (account, year)
) WITHOUT ROWID;

-- The reversals of a scope's accounts in a date range, read from the index
-- alone (a report counts each against the type of what it reverses): the
-- few reversals, not every reversal in the ledger, for a patch.
CREATE INDEX txn_reversals ON txn(account, date, type, amount, reverses, method, origin, seq, void) WHERE reverses <> '';
