package catalog

import "testing"

// Published corporate numbers (国税庁法人番号公表サイト); the check digits were also verified by
// hand with the NTA formula 9 - ((Σ P_n × Q_n) mod 9).
func TestValidCorporateNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"7000012050002", true}, // 国税庁: Σ = 2+5+2+2 = 11, 9 - 11 mod 9 = 7
		{"2000012020001", true}, // 総務省: Σ = 1+2+2+2 = 7, 9 - 7 = 2
		{"1180301018771", true}, // トヨタ自動車: Σ = 53, 9 - 53 mod 9 = 1
		{"5010401067252", true}, // ソニーグループ: Σ = 40, 9 - 40 mod 9 = 5
		{"７０００012050002", true}, // full-width digits are folded
		{"７０００-０１-２０５０００２", true},
		{" 7000 0120 50002 ", true},
		{"7000\t0120\u300050002", true}, // a tab or an ideographic space between digits too
		{"8000012050002", false},        // wrong check digit
		{"7000012050003", false},        // base changed, check digit no longer fits
		{"700001205000", false},         // 12 digits
		{"70000120500021", false},
		{"700001205000A", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCorporateNumber(tt.in); got != tt.want {
			t.Errorf("ValidCorporateNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCorporateCheckDigitNeverZero: 9 - (x mod 9) is 1..9, so a number starting with 0 is
// always invalid; the formula must not produce 0 for a base whose sum is a multiple of 9.
func TestCorporateCheckDigitNeverZero(t *testing.T) {
	tests := []struct {
		base string
		want int
	}{
		{"000000000000", 9},
		{"000000000009", 9},
		{"000000000001", 8},
		{"000000000010", 7}, // n=2 weighs 2
		{"000012050002", 7},
	}
	for _, tt := range tests {
		if got := corporateCheckDigit(tt.base); got != tt.want {
			t.Errorf("corporateCheckDigit(%s) = %d, want %d", tt.base, got, tt.want)
		}
	}
}
