package core

import (
	"strconv"
	"strings"
	"time"
)

// Itoa64 is n in decimal, for IDs in audit events and messages.
func Itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// ValidDate says whether s is a calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Yen formats an amount with thousands separators.
func Yen(n int64) string {
	s := []byte{}
	digits := []byte(strings.TrimPrefix(Itoa64(n), "-"))
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, ',')
		}
		s = append(s, d)
	}
	if n < 0 {
		return "-" + string(s)
	}
	return string(s)
}
