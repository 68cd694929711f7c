package core

import (
	"strconv"
	"time"
)

func Itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}
