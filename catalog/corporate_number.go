package catalog

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Corporate numbers (法人番号) are 13 digits: a check digit followed by a 12-digit base
// number. The National Tax Agency defines the check digit as
//
//	9 - ((Σ_{n=1..12} P_n × Q_n) mod 9)
//
// where P_n is the n-th digit of the base number counted from its last (rightmost) digit
// and Q_n is 1 for odd n and 2 for even n. Example: 国税庁 7000012050002.

// corporateNumberLen is the length of a corporate number in digits.
const corporateNumberLen = 13

// ValidCorporateNumber reports whether s is a 13-digit corporate number whose check digit
// is right. Full-width digits, hyphens and spaces are accepted, as in answers; other code
// (e.g. Form A) can use it to check a provider's number the same way.
func ValidCorporateNumber(s string) bool {
	s = normalizeCorporateNumber(s)
	if !isCorporateNumberShape(s) {
		return false
	}
	return int(s[0]-'0') == corporateCheckDigit(s[1:])
}

// normalizeCorporateNumber folds full-width digits and removes hyphens and every kind of
// space. Removing only " " left a tab between digits (refusing "7000012\t050002"), and
// made Normalize not idempotent: "-\tx" lost its tab only on a second pass, once the
// hyphen before it was gone (found by FuzzAnswer).
//
// What is left is normalised (NFKC) once more: a removed hyphen may have kept a letter and
// a combining mark apart, which a second Normalize would then compose; invalid UTF-8 is
// replaced first for the same reason.
func normalizeCorporateNumber(s string) string {
	var b []byte
	for _, r := range foldNumber(strings.ToValidUTF8(s, "\uFFFD")) {
		if r != '-' && !unicode.IsSpace(r) {
			b = append(b, string(r)...)
		}
	}
	return norm.NFKC.String(string(b))
}

// isCorporateNumberShape reports whether s is exactly 13 ASCII digits.
func isCorporateNumberShape(s string) bool {
	if len(s) != corporateNumberLen {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// corporateCheckDigit computes the check digit of a 12-digit base number (ASCII digits).
func corporateCheckDigit(base string) int {
	sum := 0
	for n := 1; n <= len(base); n++ {
		p := int(base[len(base)-n] - '0')
		q := 1
		if n%2 == 0 {
			q = 2
		}
		sum += p * q
	}
	return 9 - sum%9
}

// NormalizeCorporateNumber folds full-width digits and drops hyphens and
// spaces, so that a number is stored in one form whatever way it was typed.
func NormalizeCorporateNumber(s string) string { return normalizeCorporateNumber(s) }
