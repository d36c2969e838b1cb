package store

import (
	"context"
	"fmt"

	"caseload/domain"
)

// Holidays are the England and Wales bank holidays this database knows: the
// ones shipped with caseload and any loaded since.
func (s *Store) Holidays() domain.Holidays { return s.holidays }

// loadHolidays reads the loaded holidays on open.
func (s *Store) loadHolidays(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "SELECT date, title FROM holiday ORDER BY date")
	if err != nil {
		return fmt.Errorf("read the bank holidays: %w", err)
	}
	defer rows.Close()
	var extra []domain.BankHoliday
	for rows.Next() {
		var date, title string
		if err := rows.Scan(&date, &title); err != nil {
			return err
		}
		extra = append(extra, domain.BankHoliday{Date: dateText(date), Title: title})
	}
	s.holidays = domain.DefaultHolidays().With(extra)
	return rows.Err()
}

// LoadHolidays adds bank holidays (the gov.uk file's england-and-wales
// events) that caseload does not already know; it returns how many were new.
func (s *Store) LoadHolidays(ctx context.Context, days []domain.BankHoliday) (int, error) {
	added := 0
	err := s.write(ctx, "holidays load", "", func(w *writer) error {
		for _, d := range days {
			if s.holidays.IsBankHoliday(d.Date) {
				continue
			}
			res, err := w.exec("INSERT INTO holiday(date, title) VALUES(?, ?) ON CONFLICT DO NOTHING", d.Date.String(), d.Title)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, s.loadHolidays(ctx)
}
