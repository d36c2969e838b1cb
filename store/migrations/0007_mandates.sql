-- Direct Debit mandates (issue 16). A mandate is set up on an account as a
-- fact (entity "mandate"); every change of its state, amount or bank
-- details is a further fact with its reason (entity "mandate-event"), so
-- its history is kept and replicas merge it by union. The set-up is the
-- mandate's first event. The mandate row's current columns (state, payer,
-- bank details, amount) are the fold of its events (directdebit.Fold),
-- written again whenever one of its events arrives.
CREATE TABLE mandate (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    account        INTEGER NOT NULL REFERENCES account(no),
    reference      TEXT    NOT NULL,            -- the Bacs reference (DDI reference)
    day            INTEGER NOT NULL,            -- collection day of the month
    frequency      TEXT    NOT NULL,            -- weekly, four-weekly, monthly
    first_date     TEXT    NOT NULL,            -- the first collection, by the day
    made_on        TEXT    NOT NULL,
    modulus        TEXT    NOT NULL DEFAULT '', -- what the modulus check said at set-up
    paper          INTEGER NOT NULL DEFAULT 0,  -- 1: a paper DDI the council holds, converted by AUDDIS 0S
    officer        TEXT    NOT NULL DEFAULT '',
    hlc            INTEGER NOT NULL,
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL,
    -- Current, the fold of the events:
    state          TEXT    NOT NULL DEFAULT 'pending',  -- pending, live, cancelled, expired
    state_on       TEXT    NOT NULL DEFAULT '',
    payer          TEXT    NOT NULL DEFAULT '',
    sort_code      TEXT    NOT NULL DEFAULT '',         -- six digits; personal data
    account_number TEXT    NOT NULL DEFAULT '',         -- eight digits; personal data
    amount         INTEGER NOT NULL DEFAULT 0           -- pence a collection, the latest amount
);
CREATE INDEX mandate_account ON mandate(account, hlc);
-- Not UNIQUE: two replicas offline could make the same reference; a local
-- set-up refuses one in use, and `caseload check` reports duplicates.
CREATE INDEX mandate_reference ON mandate(reference);
CREATE INDEX mandate_state ON mandate(state);

CREATE TABLE mandate_event (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    mandate        INTEGER NOT NULL REFERENCES mandate(no),
    date           TEXT    NOT NULL,
    kind           TEXT    NOT NULL,            -- set-up, state, amount, details
    state          TEXT    NOT NULL DEFAULT '', -- state: the new state
    amount         INTEGER NOT NULL DEFAULT 0,  -- amount, set-up: pence a collection ...
    effective      TEXT    NOT NULL DEFAULT '', -- ... from this collection date
    payer          TEXT    NOT NULL DEFAULT '', -- details, set-up: '' unchanged
    sort_code      TEXT    NOT NULL DEFAULT '',
    account_number TEXT    NOT NULL DEFAULT '',
    reason         TEXT    NOT NULL DEFAULT '',
    officer        TEXT    NOT NULL DEFAULT '',
    hlc            INTEGER NOT NULL
);
CREATE INDEX mandate_event_mandate ON mandate_event(mandate, date, hlc);

-- Pay.UK's modulus checking tables in force (reference loads "modulus-weights"
-- and "modulus-substitutions"): the canonical file text of the newest load.
CREATE TABLE modulus_file (
    name TEXT PRIMARY KEY,
    file TEXT NOT NULL
) WITHOUT ROWID;
