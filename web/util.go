package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
)

func parseInt64(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func asMaxBytes(err error, target **http.MaxBytesError) bool { return errors.As(err, target) }

// readSmall reads a short form field from a multipart part.
func readSmall(r io.Reader, max int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, max))
	return string(b), err
}
