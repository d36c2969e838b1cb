package main

import (
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("holidays", "holidays [--format json]", "the England and Wales bank holidays this database knows, by year", runHolidays)
	register("holidays load", "holidays load FILE.json", "add bank holidays from the gov.uk bank-holidays.json file (https://www.gov.uk/bank-holidays.json)", referenceLoad("holidays load", store.RefHolidays, "FILE.json"))
}

func runHolidays(e env, args []string) error {
	s := newSettings("holidays", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	list := st.Holidays().List()
	if s.format == "json" {
		type day struct {
			Date  domain.Date `json:"date"`
			Title string      `json:"title"`
		}
		out := make([]day, len(list))
		for i, h := range list {
			out[i] = day{h.Date, h.Title}
		}
		return writeJSON(e.stdout, out)
	}
	t := &table{header: []string{"date", "bank holiday"}}
	for _, h := range list {
		t.add(h.Date.String(), h.Title)
	}
	if err := t.write(e.stdout, s.format); err != nil {
		return err
	}
	if s.format == "table" && len(list) > 0 {
		fmt.Fprintf(e.stdout, "\nknown for %d–%d; load later years with `caseload holidays load FILE.json`\n", list[0].Date.Year(), list[len(list)-1].Date.Year())
	}
	return nil
}
