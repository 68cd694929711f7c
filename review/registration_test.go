package review

import "testing"

// A qualified invoice (適格請求書) prints the issuer's registration number:
// T + 13 digits whose first is the 法人番号 check digit (R-4.6 invoices).
func TestRegistrationNumber_R4_6(t *testing.T) {
	for in, want := range map[string]string{
		"T7000012050002": "T7000012050002", // 国税庁
		"t7000012050002": "T7000012050002",
		"Ｔ７０００－０１２０－５０００２": "T7000012050002",
		"T 7000-0120-50002": "T7000012050002",
	} {
		if got, ok := NormalizeRegistrationNumber(in); !ok || got != want {
			t.Errorf("%q = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "7000012050002", "T8000012050002", "T700001205000", "T70000120500021", "X7000012050002", "T70000120５000a"} {
		if got, ok := NormalizeRegistrationNumber(bad); ok {
			t.Errorf("%q accepted as %q", bad, got)
		}
	}
}
