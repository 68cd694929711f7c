package registry

import (
	"errors"
	"strconv"
	"strings"
)

// The compact form of a published service is what public pages read: the
// edition ID, the service's site, overview and base services, then each
// item's ID, withholding end and answer — every field length-prefixed
// ("<bytes>:<text>"), so any text (separators, NUL, newlines) survives and
// decoding is a scan that allocates nothing per field. The catalog wording
// comes from the edition, which is immutable. The compact form is derived
// from the published snapshot whenever that is written, so it can never
// say more than the snapshot does.

// Compact is a decoded compact form.
type Compact struct {
	EditionID, ServiceURL, Overview string
	Bases                           []string
	Answers                         []CompactAnswer
}

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
	field(s.ServiceURL)
	field(s.Overview)
	field(strings.Join(s.Bases, ","))
	for _, a := range s.Items {
		field(a.ItemID)
		field(a.WithheldUntil)
		field(a.Text)
	}
	return b.String()
}

var errCompact = errors.New("registry: malformed compact form")

// DecodeCompact reads the compact form back; the strings share the input's
// memory.
func DecodeCompact(c string) (Compact, error) {
	bad := false
	next := func() string {
		i := strings.IndexByte(c, ':')
		if bad || i <= 0 {
			bad = true
			return ""
		}
		n, err := strconv.Atoi(c[:i])
		if err != nil || n < 0 || n > len(c)-i-1 || strconv.Itoa(n) != c[:i] { // canonical lengths only
			bad = true
			return ""
		}
		v := c[i+1 : i+1+n]
		c = c[i+1+n:]
		return v
	}
	out := Compact{EditionID: next(), ServiceURL: next(), Overview: next()}
	if bases := next(); bases != "" {
		out.Bases = strings.Split(bases, ",")
	}
	// About a hundred bytes an answer: one allocation instead of growing
	// through eight (a tenth of a search page's garbage, docs/benchmarks.md).
	out.Answers = make([]CompactAnswer, 0, len(c)/100+1)
	for !bad && c != "" {
		a := CompactAnswer{ItemID: next(), WithheldUntil: next(), Text: next()}
		out.Answers = append(out.Answers, a)
	}
	if bad {
		return Compact{}, errCompact
	}
	return out, nil
}
