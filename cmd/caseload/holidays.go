package main

import (
	"fmt"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "holidays", usage: "holidays [--format json]", help: "the England and Wales bank holidays this database knows, by year", format: true, store: true}.define(runHolidays)
	kit{name: "holidays load", usage: "holidays load FILE.json", help: "add bank holidays from the gov.uk bank-holidays.json file (https://www.gov.uk/bank-holidays.json)"}.define(referenceLoad(store.RefHolidays))
}

func runHolidays(c *call) error {
	list := c.st.Holidays().List()
	if c.format == "json" {
		type day struct {
			Date  domain.Date `json:"date"`
			Title string      `json:"title"`
		}
		out := make([]day, len(list))
		for i, h := range list {
			out[i] = day{h.Date, h.Title}
		}
		return writeJSON(c.stdout, out)
	}
	t := &table{header: []string{"date", "bank holiday"}}
	for _, h := range list {
		t.add(h.Date.String(), h.Title)
	}
	if err := t.write(c.stdout, c.format); err != nil {
		return err
	}
	if c.format == "table" && len(list) > 0 {
		fmt.Fprintf(c.stdout, "\nknown for %d–%d; load later years with `caseload holidays load FILE.json`\n", list[0].Date.Year(), list[len(list)-1].Date.Year())
	}
	return nil
}
