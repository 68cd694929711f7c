package request

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// ParseInt64 reads a non-negative decimal; 0 for anything else.
func ParseInt64(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// AsMaxBytes reports whether err is a body over its limit.
func AsMaxBytes(err error, target **http.MaxBytesError) bool { return errors.As(err, target) }

// ReadSmall reads a short form field from a multipart part.
func ReadSmall(r io.Reader, max int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, max))
	return string(b), err
}

// YenText formats an amount with thousands separators.
func YenText(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// JaDate writes YYYY-MM-DD as 2027年3月31日.
func JaDate(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}
