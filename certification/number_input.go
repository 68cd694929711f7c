package certification

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// hyphens are the dashes a person may type, or an input method may give,
// in a certificate number: full-width (－), hyphens (‐ ‑), dashes (– —),
// the minus sign (−) and the katakana prolonged sound mark (ー, and ｰ,
// which NFKC makes ー), which a Japanese input method gives for "-".
var hyphens = strings.NewReplacer("－", "-", "‐", "-", "‑", "-", "‒", "-", "–", "-", "—", "-", "―", "-",
	"ー", "-", "ｰ", "-", "−", "-", "﹣", "-")

// CanonicalNumber reads a certificate number as a person may type it —
// full-width (ＩＰ－ＩｏＴ０００１－２６１２), lower case, without the space,
// with any kind of hyphen, with spaces around — and returns it as issued
// ("IP-IoT 0001-2612", R-8.4), given the prefixes of the schemes. The
// letters of the prefix are matched without regard to case, hyphens and
// spaces; the serial and the month follow as digits (the hyphen between
// them may be left out). False when it is no certificate number of a
// known scheme.
func CanonicalNumber(typed string, prefixes []string) (string, bool) {
	compact, ok := compactNumber(typed)
	if !ok {
		return "", false
	}
	for _, p := range prefixes {
		key, _ := compactNumber(p)
		rest, found := strings.CutPrefix(compact, key)
		if !found || key == "" || len(rest) < 8 || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		serial, month := rest[:len(rest)-4], rest[len(rest)-4:]
		n, err := strconv.ParseInt(serial, 10, 64)
		if mm, _ := strconv.Atoi(month[2:]); err != nil || n < 1 || mm < 1 || mm > 12 {
			continue
		}
		return p + " " + padSerial(n) + "-" + month, true
	}
	return "", false
}

func padSerial(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return s
}

// compactNumber folds a typed number to its letters and digits: NFKC
// (full-width to half-width), lower case, hyphens and spaces dropped.
// False when anything else is left.
func compactNumber(s string) (string, bool) {
	s = strings.ToLower(hyphens.Replace(norm.NFKC.String(s)))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || unicode.IsSpace(r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
}
