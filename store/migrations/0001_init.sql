-- caseload schema, version 1.
-- Money is INTEGER pence; business dates are TEXT 'YYYY-MM-DD'; timestamps are
-- TEXT UTC RFC 3339. Every domain row is materialised from the change log
-- (table change) by the store's apply step; nothing else writes them.

-- Replicas this database knows: itself (is_self = 1) and every replica whose
-- changes it holds. no is a local number that keeps the change log compact.
CREATE TABLE replica (
    no      INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    name    TEXT    NOT NULL,
    is_self INTEGER NOT NULL DEFAULT 0,
    -- held: the highest n such that this database holds changes 1..n of
    -- this replica (its contiguous prefix; maintained on import).
    held    INTEGER NOT NULL DEFAULT 0
);

-- One row: this replica's next change number and its hybrid logical clock.
CREATE TABLE replica_state (
    one      INTEGER PRIMARY KEY CHECK (one = 1),
    next_seq INTEGER NOT NULL,
    hlc      INTEGER NOT NULL
);

-- The change log. (origin, seq) is the change's global identity. op 'add' is
-- an immutable fact whose body is value (for entity 'txn' the body lives in
-- table txn and value is empty: the ledger row is the fact). op 'set' assigns
-- field of a register; parents are the heads the editor saw, as JSON
-- ["replica-id:seq", ...].
CREATE TABLE change (
    origin    INTEGER NOT NULL REFERENCES replica(no),
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    officer   TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    account   TEXT    NOT NULL DEFAULT '',
    op        TEXT    NOT NULL CHECK (op IN ('add', 'set')),
    field     TEXT    NOT NULL DEFAULT '',
    value     TEXT    NOT NULL DEFAULT '',
    parents   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
-- Visit packs find an account's changes here; its ledger facts through
-- the ledger's own account index.
CREATE INDEX change_account ON change(account, origin, seq) WHERE entity <> 'txn';

-- Which change names which as a parent: a set that some other change
-- already names is not a head, whatever order they arrived in.
CREATE TABLE change_parent (
    parent_origin INTEGER NOT NULL,
    parent_seq    INTEGER NOT NULL,
    child_origin  INTEGER NOT NULL,
    child_seq     INTEGER NOT NULL,
    PRIMARY KEY (parent_origin, parent_seq, child_origin, child_seq)
) WITHOUT ROWID;

-- The current heads of each register that has been edited. A register with
-- no rows here has one head: the change that created its entity.
CREATE TABLE reg_head (
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    origin    INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id, field, origin, seq)
) WITHOUT ROWID;

-- Concurrent edits waiting for an officer. Derived from reg_head: open while
-- a register has heads with different values.
CREATE TABLE conflict (
    no        INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    account   TEXT NOT NULL DEFAULT '',
    kept      TEXT NOT NULL,
    other     TEXT NOT NULL,
    heads     TEXT NOT NULL,
    raised    TEXT NOT NULL,
    closed    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX conflict_open ON conflict(entity, entity_id, field) WHERE closed = '';

-- What each peer has been seen to hold, as the highest contiguous sequence
-- of each origin (only ever raised).
CREATE TABLE peer_seen (
    peer   INTEGER NOT NULL REFERENCES replica(no),
    origin INTEGER NOT NULL REFERENCES replica(no),
    seq    INTEGER NOT NULL,
    PRIMARY KEY (peer, origin)
) WITHOUT ROWID;

-- Packs imported here.
CREATE TABLE pack_log (
    pack_id  TEXT PRIMARY KEY,
    sha256   TEXT NOT NULL,
    source   INTEGER NOT NULL REFERENCES replica(no),
    imported TEXT NOT NULL,
    summary  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE resident (
    no         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    phone      TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    vulnerable INTEGER NOT NULL DEFAULT 0,
    needs      TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE property (
    no            INTEGER PRIMARY KEY,
    address       TEXT NOT NULL,
    postcode      TEXT NOT NULL DEFAULT '',
    property_type TEXT NOT NULL DEFAULT ''
);

CREATE TABLE account (
    no              INTEGER PRIMARY KEY,
    ref             TEXT    NOT NULL UNIQUE,
    resident        INTEGER NOT NULL REFERENCES resident(no),
    property        INTEGER NOT NULL REFERENCES property(no),
    kind            TEXT    NOT NULL,
    tenancy_type    TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL,
    start_date      TEXT    NOT NULL,
    end_date        TEXT    NOT NULL DEFAULT '',
    rent_free_weeks INTEGER NOT NULL DEFAULT 0,
    payment_method  TEXT    NOT NULL DEFAULT '',
    uc_claimant     INTEGER NOT NULL DEFAULT 0,
    managed_payment TEXT    NOT NULL DEFAULT '',
    officer         TEXT    NOT NULL DEFAULT '',
    paused_until    TEXT    NOT NULL DEFAULT '',
    pause_reason    TEXT    NOT NULL DEFAULT '',
    -- Maintained in the same transaction as every posting; check proves it.
    balance         INTEGER NOT NULL DEFAULT 0,
    last_payment    TEXT    NOT NULL DEFAULT '',
    created_origin  INTEGER NOT NULL,
    created_seq     INTEGER NOT NULL
);
CREATE INDEX account_officer ON account(officer);

CREATE TABLE charge (
    no        INTEGER PRIMARY KEY,
    id        TEXT    NOT NULL UNIQUE,
    account   INTEGER NOT NULL REFERENCES account(no),
    component TEXT    NOT NULL,
    weekly    INTEGER NOT NULL,
    from_date TEXT    NOT NULL
);
CREATE INDEX charge_account ON charge(account, from_date);
-- The entry in force of each component, for a whole caseload at once.
CREATE INDEX charge_current ON charge(account, component, from_date);

-- The ledger: append-only. (origin, seq) is the change that added the row
-- and so its global identity.
CREATE TABLE txn (
    no        INTEGER PRIMARY KEY,
    origin    INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    account   INTEGER NOT NULL REFERENCES account(no),
    date      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    amount    INTEGER NOT NULL,
    method    TEXT    NOT NULL DEFAULT '',
    reference TEXT    NOT NULL DEFAULT '',
    note      TEXT    NOT NULL DEFAULT '',
    reverses  TEXT    NOT NULL DEFAULT '',
    pair      TEXT    NOT NULL DEFAULT '',
    run_week  TEXT    NOT NULL DEFAULT '',
    -- void marks a second reversal of one transaction made on another
    -- replica: kept (nothing is dropped) and shown, but not counted, so
    -- two officers reversing the same payment converge on one reversal.
    void      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (origin, seq)
);
CREATE INDEX txn_account_date ON txn(account, date);
-- Covering, so the worklist reads a caseload's recent payments from the
-- index alone.
CREATE INDEX txn_credits ON txn(account, date, type, amount, method, origin, seq) WHERE amount < 0;
CREATE INDEX txn_reverses ON txn(reverses) WHERE reverses <> '';
CREATE INDEX txn_run_week ON txn(account, run_week) WHERE run_week <> '';

CREATE TABLE note (
    no        INTEGER PRIMARY KEY,
    id        TEXT    NOT NULL UNIQUE,
    account   INTEGER NOT NULL REFERENCES account(no),
    date      TEXT    NOT NULL,
    channel   TEXT    NOT NULL DEFAULT '',
    text      TEXT    NOT NULL,
    follow_up TEXT    NOT NULL DEFAULT '',
    done_on   TEXT    NOT NULL DEFAULT '',
    officer   TEXT    NOT NULL DEFAULT '',
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL
);
CREATE INDEX note_account ON note(account, date);
CREATE INDEX note_follow_up ON note(follow_up) WHERE follow_up <> '' AND done_on = '';

CREATE TABLE event (
    no      INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    account INTEGER NOT NULL REFERENCES account(no),
    date    TEXT    NOT NULL,
    type    TEXT    NOT NULL,
    detail  TEXT    NOT NULL DEFAULT '',
    officer TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX event_account ON event(account, type, date);

CREATE TABLE arrangement (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    account        INTEGER NOT NULL REFERENCES account(no),
    start_date     TEXT    NOT NULL,
    frequency      TEXT    NOT NULL,
    instalment     INTEGER NOT NULL,
    arrears        INTEGER NOT NULL,
    made_on        TEXT    NOT NULL,
    hlc            INTEGER NOT NULL,
    cancelled_on   TEXT    NOT NULL DEFAULT '',
    cancel_reason  TEXT    NOT NULL DEFAULT '',
    officer        TEXT    NOT NULL DEFAULT '',
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL
);
CREATE INDEX arrangement_account ON arrangement(account, hlc);

-- Worklist items an officer marked done for a day.
CREATE TABLE done_today (
    account INTEGER NOT NULL REFERENCES account(no),
    date    TEXT    NOT NULL,
    rule    TEXT    NOT NULL,
    PRIMARY KEY (account, date, rule)
) WITHOUT ROWID;

CREATE TABLE rtb_case (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    account        INTEGER NOT NULL REFERENCES account(no),
    received       TEXT    NOT NULL,
    property_type  TEXT    NOT NULL,
    leasehold      INTEGER NOT NULL DEFAULT 0,
    other_landlord INTEGER NOT NULL DEFAULT 0,
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL
);
CREATE INDEX rtb_case_account ON rtb_case(account);

CREATE TABLE rtb_event (
    no      INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    rtb     INTEGER NOT NULL REFERENCES rtb_case(no),
    date    TEXT    NOT NULL,
    type    TEXT    NOT NULL,
    ends    TEXT    NOT NULL DEFAULT '',
    detail  TEXT    NOT NULL DEFAULT '',
    hlc     INTEGER NOT NULL,
    officer TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX rtb_event_case ON rtb_event(rtb, date);

-- The fraud assessment checklist: one register per case and item.
CREATE TABLE rtb_check (
    rtb    INTEGER NOT NULL REFERENCES rtb_case(no),
    item   TEXT    NOT NULL,
    status TEXT    NOT NULL,
    on_date TEXT   NOT NULL DEFAULT '',
    note   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (rtb, item)
) WITHOUT ROWID;

-- Probable duplicate payments met on import (same account, amount, date
-- and method from different replicas), and duplicate reversals: both kept,
-- flagged for an officer to review.
CREATE TABLE duplicate (
    no       INTEGER PRIMARY KEY,
    account  INTEGER NOT NULL REFERENCES account(no),
    first    TEXT    NOT NULL,
    second   TEXT    NOT NULL,
    reason   TEXT    NOT NULL,
    flagged  TEXT    NOT NULL,
    reviewed TEXT    NOT NULL DEFAULT '',
    UNIQUE (first, second)
);

-- Bank holidays loaded after the shipped ones (later years, one-off days),
-- from the gov.uk bank-holidays.json file (`caseload holidays load`).
CREATE TABLE holiday (
    date  TEXT PRIMARY KEY,
    title TEXT NOT NULL
) WITHOUT ROWID;

-- Who did what, when: one row per write. Local to this database.
CREATE TABLE audit (
    no      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    officer TEXT NOT NULL,
    action  TEXT NOT NULL,
    account TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT ''
);
