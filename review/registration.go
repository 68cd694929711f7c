package review

import (
	"strings"

	"golang.org/x/text/width"

	"nintei/catalog"
)

// NormalizeRegistrationNumber returns an invoice issuer's registration
// number (適格請求書発行事業者登録番号) in its printed form, "T" followed by 13
// digits, and whether it is valid. A corporation's number is "T" and its
// 法人番号, so the 13 digits carry the same check digit, checked the same way
// (catalog.ValidCorporateNumber). Full-width characters, hyphens and spaces
// are accepted, as people copy the number from the registry's site.
func NormalizeRegistrationNumber(s string) (string, bool) {
	s = strings.TrimSpace(width.Fold.String(s))
	digits, ok := strings.CutPrefix(strings.ToUpper(s), "T")
	if !ok {
		return s, false
	}
	digits = catalog.NormalizeCorporateNumber(digits)
	if !catalog.ValidCorporateNumber(digits) {
		return s, false
	}
	return "T" + digits, true
}
