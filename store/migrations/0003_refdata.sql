-- Reference tables carried in the change log: each load of bank holidays,
-- UC standard allowances or Right to Buy discount caps is a fact holding the
-- whole table; the newest load by (HLC, origin) is in force everywhere.
CREATE TABLE reference_load (
    name   TEXT PRIMARY KEY,             -- holidays, uc-rates, rtb-caps
    origin INTEGER NOT NULL REFERENCES replica(no),
    seq    INTEGER NOT NULL,
    hlc    INTEGER NOT NULL
) WITHOUT ROWID;

-- The UC standard allowances in force when loaded (else the shipped ones).
CREATE TABLE uc_rate (
    year            TEXT PRIMARY KEY,
    from_date       TEXT NOT NULL,
    to_date         TEXT NOT NULL,
    single_under_25 INTEGER NOT NULL,    -- pence a month
    single_25_plus  INTEGER NOT NULL,
    couple_under_25 INTEGER NOT NULL,
    couple_25_plus  INTEGER NOT NULL,
    confirmed       INTEGER NOT NULL,
    source          TEXT NOT NULL,
    note            TEXT NOT NULL
);

-- The Right to Buy discount caps in force when loaded (else the shipped ones).
CREATE TABLE rtb_cap (
    no        INTEGER PRIMARY KEY,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL,             -- '' open-ended
    region    TEXT NOT NULL,             -- a region key or 'all'
    authority TEXT NOT NULL,
    cap       INTEGER NOT NULL,          -- pence
    confirmed INTEGER NOT NULL,
    source    TEXT NOT NULL,
    note      TEXT NOT NULL
);

-- An account the housing system says opened clear (a brought-forward row
-- of 0.00 in the extract): the date, '' when not known.
ALTER TABLE account ADD COLUMN opened_clear TEXT NOT NULL DEFAULT '';
