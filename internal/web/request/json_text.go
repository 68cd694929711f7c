package request

import "unicode/utf8"

// validJSONText reports whether a JSON body is text that can be stored as
// sent: valid UTF-8, and no \u escape of a lone UTF-16 surrogate (a high
// one not followed by a low one, or a low one alone). encoding/json would
// quietly turn either into U+FFFD, saving something other than what the
// client sent; forms and queries refuse the same bytes (see unstorable).
// Escapes only occur inside strings, so the scan needs no JSON grammar: a
// backslash always starts an escape, and "\\" is skipped as a whole.
func validJSONText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 >= len(b) || b[i+1] != 'u' {
			i++ // a two-byte escape such as \\ or \"
			continue
		}
		r, ok := hex4(b, i+2)
		switch {
		case !ok:
			return true // a malformed escape: the decoder refuses it
		case r >= 0xDC00 && r <= 0xDFFF:
			return false // a low surrogate with no high one before it
		case r >= 0xD800 && r <= 0xDBFF:
			if i+7 >= len(b) || b[i+6] != '\\' || b[i+7] != 'u' {
				return false
			}
			if lo, ok := hex4(b, i+8); !ok || lo < 0xDC00 || lo > 0xDFFF {
				return false
			}
			i += 11 // the pair
		default:
			i += 5
		}
	}
	return true
}

// hex4 reads four hex digits at b[at:].
func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
