package registry

import (
	"errors"
	"strconv"
	"strings"
)

// The compact form of a published service's answers is what comparison
// reads: the edition ID, then each item's ID, withholding end and answer,
// each length-prefixed ("<bytes>:<text>"), so any text — separators, NUL,
// newlines — survives and decoding is a scan with no allocation per field.
// It is derived from the published snapshot whenever that is written, so
// it can never say more than the snapshot does.

// CompactAnswer is one published answer in the compact form.
type CompactAnswer struct {
	ItemID, WithheldUntil, Text string
}

// EncodeCompact writes the compact form of a published service.
func EncodeCompact(s Service) string {
	var b strings.Builder
	field := func(v string) {
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	field(s.EditionID)
	for _, a := range s.Items {
		field(a.ItemID)
		field(a.WithheldUntil)
		field(a.Text)
	}
	return b.String()
}

var errCompact = errors.New("registry: malformed compact answers")

// DecodeCompact reads the compact form back; the strings share the input's
// memory.
func DecodeCompact(c string) (editionID string, answers []CompactAnswer, err error) {
	next := func() (string, bool) {
		i := strings.IndexByte(c, ':')
		if i <= 0 {
			return "", false
		}
		n, err := strconv.Atoi(c[:i])
		if err != nil || n < 0 || n > len(c)-i-1 || strconv.Itoa(n) != c[:i] { // canonical lengths only
			return "", false
		}
		v := c[i+1 : i+1+n]
		c = c[i+1+n:]
		return v, true
	}
	editionID, ok := next()
	if !ok {
		return "", nil, errCompact
	}
	for c != "" {
		var a CompactAnswer
		var ok1, ok2, ok3 bool
		a.ItemID, ok1 = next()
		a.WithheldUntil, ok2 = next()
		a.Text, ok3 = next()
		if !ok1 || !ok2 || !ok3 {
			return "", nil, errCompact
		}
		answers = append(answers, a)
	}
	return editionID, answers, nil
}
