-- Bacs runs (issue 16). Every file made (a collection or AUDDIS file) and
-- every advice imported (ARUDD, ADDACS, AUDDIS) or posting run is a run,
-- a fact of entity "bacs-run"; each record a file holds is an item (entity
-- "bacs-item"), and what later happened to it (posted as a payment,
-- returned unpaid, rejected) is an outcome fact (entity "bacs-outcome")
-- written onto its item here. An advice item that matches nothing is an
-- exception (entity "bacs-exception") until an officer settles it
-- ("bacs-settled"). Bank details are not kept here: the mandate has them.
CREATE TABLE bacs_run (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL,             -- collection, auddis, post, arudd, addacs, auddis-advice
    date           TEXT    NOT NULL,             -- processing date (files), the advice's date, the posting date
    made_on        TEXT    NOT NULL,
    file           TEXT    NOT NULL DEFAULT '',  -- the file's name as given
    fingerprint    TEXT    NOT NULL DEFAULT '',  -- SHA-256 of an imported advice
    volume         TEXT    NOT NULL DEFAULT '',  -- VOL1 serial of a file made
    items          INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,   -- pence
    summary        TEXT    NOT NULL DEFAULT '',
    officer        TEXT    NOT NULL DEFAULT '',
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL
);
CREATE INDEX bacs_run_fingerprint ON bacs_run(fingerprint) WHERE fingerprint <> '';
CREATE INDEX bacs_run_kind ON bacs_run(kind, date);

CREATE TABLE bacs_item (
    no              INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    run             TEXT    NOT NULL REFERENCES bacs_run(id),
    account         INTEGER NOT NULL REFERENCES account(no),
    mandate         TEXT    NOT NULL,
    reference       TEXT    NOT NULL,             -- the Bacs reference as sent
    code            TEXT    NOT NULL,             -- 01, 17, 18, 19, 0N, 0C, 0S
    amount          INTEGER NOT NULL DEFAULT 0,   -- pence
    due             TEXT    NOT NULL,             -- the schedule's due date: (mandate, due) is never filed twice
    processing_date TEXT    NOT NULL,
    collection_date TEXT    NOT NULL,
    represents      TEXT    NOT NULL DEFAULT '',  -- an 18: the returned item it presents again
    -- Outcomes (bacs-outcome facts; the first of each kind stands):
    posted          TEXT    NOT NULL DEFAULT '',  -- the payment transaction posted for it
    returned_on     TEXT    NOT NULL DEFAULT '',  -- ARUDD: returned unpaid; AUDDIS: rejected; or superseded
    return_run      TEXT    NOT NULL DEFAULT '',
    return_reason   TEXT    NOT NULL DEFAULT '',  -- the reason code
    return_words    TEXT    NOT NULL DEFAULT '',
    represent_from  TEXT    NOT NULL DEFAULT '',  -- to be presented again (18) from this processing date
    created_origin  INTEGER NOT NULL,
    created_seq     INTEGER NOT NULL
);
CREATE INDEX bacs_item_mandate ON bacs_item(mandate, due);
CREATE INDEX bacs_item_run ON bacs_item(run);
CREATE INDEX bacs_item_reference ON bacs_item(reference);
CREATE INDEX bacs_item_collection ON bacs_item(collection_date) WHERE posted = '' AND returned_on = '';
CREATE INDEX bacs_item_represents ON bacs_item(represents) WHERE represents <> '';

CREATE TABLE bacs_exception (
    no             INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    run            TEXT    NOT NULL REFERENCES bacs_run(id),
    kind           TEXT    NOT NULL,             -- arudd, addacs, auddis-advice
    place          TEXT    NOT NULL,             -- the XML path of the item in its advice
    reference      TEXT    NOT NULL DEFAULT '',
    amount         INTEGER NOT NULL DEFAULT 0,
    why            TEXT    NOT NULL,
    detail         TEXT    NOT NULL DEFAULT '',  -- what the advice said, bank details masked
    settled_on     TEXT    NOT NULL DEFAULT '',
    settled_by     TEXT    NOT NULL DEFAULT '',
    settle_note    TEXT    NOT NULL DEFAULT '',
    created_origin INTEGER NOT NULL,
    created_seq    INTEGER NOT NULL
);
CREATE INDEX bacs_exception_open ON bacs_exception(settled_on, no);
