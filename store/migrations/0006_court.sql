-- The court case as data (issue 15): a hearing or court-outcome event keeps
-- the court's outcome code (domain/court), and a hearing, outcome, order or
-- terms variation keeps the order's terms: the weekly sum towards the
-- arrears in pence (0: none), the terms in the officer's words, and the
-- date for possession ('' when none).
ALTER TABLE event ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN terms_weekly INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN terms TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN possession_date TEXT NOT NULL DEFAULT '';
