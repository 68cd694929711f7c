package application

import (
	"strings"

	"golang.org/x/text/width"
)

// ValidPhone reports whether s reads as a telephone number: digits (full
// or half width) with the hyphens, spaces and parentheses people write,
// and a leading + for an international number. A Japanese number starting
// with 0 has 10 or 11 digits (03-1234-5678, 090-1234-5678, 0120-123-456);
// an international one 8 to 15.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(width.Narrow.String(s))
	international := strings.HasPrefix(s, "+")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == ' ' || r == '(' || r == ')':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	if international {
		return digits >= 8 && digits <= 15
	}
	return strings.TrimLeft(s, " (")[0] == '0' && (digits == 10 || digits == 11)
}

// ValidPostalCode reports whether s is a Japanese postal code: seven
// digits, written 1234567 or 123-4567 (full-width digits, a 〒 before).
func ValidPostalCode(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(width.Narrow.String(s)), "〒")
	s = strings.Replace(s, "-", "", 1)
	if len(s) != 7 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
