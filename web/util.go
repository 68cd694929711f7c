package web

import (
	"errors"
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
