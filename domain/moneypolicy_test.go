package domain

import "testing"

func TestCheckWriteOff(t *testing.T) {
	p := DefaultMoneyPolicy()
	for _, tc := range []struct {
		name              string
		amount            string
		officer, approver string
		ok                bool
	}{
		{"a write-off of exactly the limit needs no approval", "500.00", "asmith", "", true},
		{"a write-off a penny above the limit needs an approver", "500.01", "asmith", "", false},
		{"a write-off above the limit with a second officer is allowed", "750.00", "asmith", "jbloggs", true},
		{"an officer cannot approve their own write-off", "750.00", "asmith", "asmith", false},
		{"self-approval is refused whatever the case of the name", "750.00", "asmith", " ASmith ", false},
		{"a small write-off may still name an approver", "20.00", "asmith", "jbloggs", true},
		{"a small write-off cannot be self-approved either", "20.00", "asmith", "asmith", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := p.CheckWriteOff(MustMoney(tc.amount), tc.officer, tc.approver)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckWriteOff(%s, %q, %q) = %v, want ok=%v", tc.amount, tc.officer, tc.approver, err, tc.ok)
			}
			if err != nil && !IsValidation(err) {
				t.Fatalf("refusal %v is not a validation error", err)
			}
		})
	}
	if !(MoneyPolicy{WriteOffApprovalLimit: Pounds(100)}).WriteOffNeedsApproval(MustMoney("100.01")) {
		t.Fatal("a policy's own limit is not used")
	}
}
