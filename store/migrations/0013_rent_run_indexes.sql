-- Fewer ledger index pages per rent run (issue 14). A run adds one row to
-- every account, and each index led by the account takes that row into a
-- different page: 27,000 pages per index for a 30,000-account borough,
-- written to the log and checkpointed.
--
-- The run-week index is led by the week: a week's rows are one run of
-- neighbouring pages at its end. The run's probe (this account, this week)
-- names both columns, as before.
DROP INDEX txn_run_week;
CREATE INDEX txn_run_week ON txn(run_week, account) WHERE run_week <> '';

-- One index of an account's rows in date order instead of two: the
-- account's rows by (date, no) as before, and covering what the report's
-- index held (type, amount, and void for the counted rows), so a row goes
-- into one page led by its account, not two.
DROP INDEX txn_report;
DROP INDEX txn_account_date;
CREATE INDEX txn_account_date ON txn(account, date, no, type, amount, void);
