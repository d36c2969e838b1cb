-- The per-account summary (issue 14): what the worklist needs from an
-- account's ledger, charges and orders, kept in the same transaction as
-- every write that changes them (summary.go), so a caseload reads one row
-- per account instead of every ledger row. Raw, dated facts only: what
-- depends on today stays in the rules. `check` recomputes every row.
CREATE TABLE account_summary (
    account       INTEGER PRIMARY KEY REFERENCES account(no),
    -- The latest date of a counted (not void) ledger row ('' when none),
    -- and the sum of the counted rows: the balance at the end of that day.
    last_date     TEXT    NOT NULL DEFAULT '',
    balance       INTEGER NOT NULL DEFAULT 0,
    -- The last day the account owed nothing before a later entry
    -- (worklist.Facts.ClearedOn; '' when none).
    cleared_on    TEXT    NOT NULL DEFAULT '',
    -- account_pays holds every payment that counts (not named by a
    -- reversal) dated on or after pay_from (last_date less 430 days).
    pay_from      TEXT    NOT NULL DEFAULT '',
    -- Every charge entry (component, weekly, from), encoded: the charge in
    -- force on any day and the next ones.
    charges       BLOB    NOT NULL DEFAULT x'',
    -- The latest suspended or postponed order's date and the balance at
    -- the end of that day ('' and 0 when none).
    order_date    TEXT    NOT NULL DEFAULT '',
    order_balance INTEGER NOT NULL DEFAULT 0,
    -- The latest note with a contact channel's date ('' when none).
    last_contact  TEXT    NOT NULL DEFAULT '',
    -- The latest phone, visit or office note (the pre-action checklist's
    -- contact mark): its channel, date and officer ('' when none).
    note_channel  TEXT    NOT NULL DEFAULT '',
    note_date     TEXT    NOT NULL DEFAULT '',
    note_officer  TEXT    NOT NULL DEFAULT '',
    -- The latest event of each type and every unpaid Direct Debit, in
    -- date order, encoded (summary.go encodeEvents).
    events        BLOB    NOT NULL DEFAULT x''
);

-- The payments of account_summary.pay_from, oldest first, encoded
-- (summary.go encodePays): the payment cadence's raw facts. Apart from the
-- summary so a caseload reads them only for the accounts that need them.
CREATE TABLE account_pays (
    account INTEGER PRIMARY KEY REFERENCES account(no),
    pays    BLOB    NOT NULL DEFAULT x''
);
