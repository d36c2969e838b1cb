-- The Pre-Action Protocol checklist (domain.PreActionItems): an officer's
-- ticks and unticks of each item, and what was found about a pending
-- benefit claim. Ticks implied by events, contact notes and arrangements
-- are read from those facts, not copied here.
CREATE TABLE preaction_mark (
    no      INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    account INTEGER NOT NULL REFERENCES account(no),
    item    TEXT    NOT NULL DEFAULT '',
    date    TEXT    NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0,
    claim   TEXT    NOT NULL DEFAULT '',
    officer TEXT    NOT NULL DEFAULT '',
    hlc     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX preaction_mark_account ON preaction_mark(account, date);

-- A court step recorded over the gate's refusal keeps the officer's reason.
ALTER TABLE event ADD COLUMN override TEXT NOT NULL DEFAULT '';

-- The date of the suspended or postponed order that was already breached
-- when the arrangement was saved ('' when none): it does not vary the order.
ALTER TABLE arrangement ADD COLUMN breached_order TEXT NOT NULL DEFAULT '';
