-- Each account's worklist row kept as one value (issue 14): what the
-- worklist reads of the account, its resident, its property and its
-- summary (store/worklistrow.go lists the fields), so that a caseload
-- reads five columns an account through the driver instead of twenty-eight.
-- Every field is its length in bytes, ':' and its bytes (an integer as its
-- decimal digits). The balance, the last payment and the day the account
-- last cleared change with every posting and stay apart.
ALTER TABLE account_summary ADD COLUMN facts BLOB NOT NULL DEFAULT x'';

-- The row as the tables give it now: the triggers below keep
-- account_summary.facts equal to it in the transaction of every write,
-- whatever the write, and `check` compares the two.
CREATE VIEW worklist_facts AS
SELECT s.account AS account, CAST(
        length(CAST(a.ref AS BLOB)) || ':' || a.ref
        || length(CAST(r.name AS BLOB)) || ':' || r.name
        || length(CAST(a.kind AS BLOB)) || ':' || a.kind
        || length(CAST(a.status AS BLOB)) || ':' || a.status
        || length(CAST(a.rent_free_weeks AS BLOB)) || ':' || a.rent_free_weeks
        || length(CAST(r.vulnerable AS BLOB)) || ':' || r.vulnerable
        || length(CAST(a.uc_claimant AS BLOB)) || ':' || a.uc_claimant
        || length(CAST(a.managed_payment AS BLOB)) || ':' || a.managed_payment
        || length(CAST(a.payment_method AS BLOB)) || ':' || a.payment_method
        || length(CAST(a.paused_until AS BLOB)) || ':' || a.paused_until
        || length(CAST(a.pause_reason AS BLOB)) || ':' || a.pause_reason
        || length(CAST(a.tenancy_type AS BLOB)) || ':' || a.tenancy_type
        || length(CAST(p.address AS BLOB)) || ':' || p.address
        || length(CAST(p.postcode AS BLOB)) || ':' || p.postcode
        || length(CAST(s.pay_from AS BLOB)) || ':' || s.pay_from
        || length(CAST(s.charges AS BLOB)) || ':' || s.charges
        || length(CAST(s.order_date AS BLOB)) || ':' || s.order_date
        || length(CAST(s.order_balance AS BLOB)) || ':' || s.order_balance
        || length(CAST(s.last_contact AS BLOB)) || ':' || s.last_contact
        || length(CAST(s.events AS BLOB)) || ':' || s.events
        || length(CAST(s.note_channel AS BLOB)) || ':' || s.note_channel
        || length(CAST(s.note_date AS BLOB)) || ':' || s.note_date
        || length(CAST(s.note_officer AS BLOB)) || ':' || s.note_officer
    AS BLOB) AS facts
FROM account_summary s JOIN account a ON a.no = s.account
    JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property;

UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = account_summary.account);

CREATE TRIGGER worklist_facts_summary_insert AFTER INSERT ON account_summary BEGIN
    UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = NEW.account) WHERE account = NEW.account;
END;

CREATE TRIGGER worklist_facts_summary_update AFTER UPDATE OF pay_from, charges, order_date, order_balance, last_contact, events,
    note_channel, note_date, note_officer ON account_summary
WHEN OLD.pay_from IS NOT NEW.pay_from OR OLD.charges IS NOT NEW.charges OR OLD.order_date IS NOT NEW.order_date
    OR OLD.order_balance IS NOT NEW.order_balance OR OLD.last_contact IS NOT NEW.last_contact OR OLD.events IS NOT NEW.events
    OR OLD.note_channel IS NOT NEW.note_channel OR OLD.note_date IS NOT NEW.note_date OR OLD.note_officer IS NOT NEW.note_officer
BEGIN
    UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = NEW.account) WHERE account = NEW.account;
END;

CREATE TRIGGER worklist_facts_account_update AFTER UPDATE OF ref, resident, property, kind, status, rent_free_weeks, uc_claimant,
    managed_payment, payment_method, paused_until, pause_reason, tenancy_type ON account
BEGIN
    UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = NEW.no) WHERE account = NEW.no;
END;

CREATE TRIGGER worklist_facts_resident_update AFTER UPDATE OF name, vulnerable ON resident BEGIN
    UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = account_summary.account)
    WHERE account IN (SELECT no FROM account WHERE resident = NEW.no);
END;

CREATE TRIGGER worklist_facts_property_update AFTER UPDATE OF address, postcode ON property BEGIN
    UPDATE account_summary SET facts = (SELECT v.facts FROM worklist_facts v WHERE v.account = account_summary.account)
    WHERE account IN (SELECT no FROM account WHERE property = NEW.no);
END;
