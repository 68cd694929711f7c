package demo

import (
	"strconv"

	"nintei/catalog"
)

// corporateNumberOf gives each fictional provider a valid corporate number
// of its own (twelve digits from the name and the check digit), so that
// the revocation of one provider's service bars and flags only that
// provider (R-4.2e matches revocations by corporate number).
func corporateNumberOf(orgName string) string {
	var n uint32
	for _, b := range []byte(orgName) { // bytes, not runes: no sign or width to convert
		n = n*31 + uint32(b)
	}
	base := strconv.FormatUint(uint64(n)+100_000_000_000, 10)
	for d := '1'; d <= '9'; d++ {
		if cn := string(d) + base; catalog.ValidCorporateNumber(cn) {
			return cn
		}
	}
	return "7000012050002"
}
