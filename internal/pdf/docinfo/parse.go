package docinfo

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// errSyntax is any PDF this package cannot read: a malformed file, or a
// form it does not handle (cross-reference streams, encryption).
var errSyntax = errors.New("docinfo: unreadable PDF")

func syntaxErr(at int, what string) error {
	return fmt.Errorf("%w: %s at byte %d", errSyntax, what, at)
}

// entry is one key of a dictionary and the bytes of its value, as written.
type entry struct {
	key   string // without the slash
	value []byte
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip passes white space and comments (ISO 32000-1 §7.2.2, §7.2.3).
func skip(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// regular returns the end of the run of regular characters at i: a
// number, a keyword, or a name's body.
func regular(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// object returns the end of the object that starts at i (after white
// space): a dictionary, array, string, name, number, keyword, or an
// indirect reference "n g R", read as one object.
func object(b []byte, i int) (int, error) {
	i = skip(b, i)
	if i >= len(b) {
		return 0, syntaxErr(i, "object expected")
	}
	switch {
	case bytes.HasPrefix(b[i:], []byte("<<")):
		_, end, err := dict(b, i)
		return end, err
	case b[i] == '<':
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			return 0, syntaxErr(i, "unterminated hex string")
		}
		return i + end + 1, nil
	case b[i] == '(':
		return literal(b, i)
	case b[i] == '[':
		return array(b, i)
	case b[i] == '/':
		return regular(b, i+1), nil
	case isDelim(b[i]):
		return 0, syntaxErr(i, "unexpected delimiter")
	}
	end := regular(b, i)
	if _, err := strconv.Atoi(string(b[i:end])); err != nil {
		return end, nil // a keyword (true, false, null) or a real number
	}
	// An integer may be the object number of "n g R".
	j := skip(b, end)
	k := regular(b, j)
	if _, err := strconv.Atoi(string(b[j:k])); err != nil || k == j {
		return end, nil
	}
	l := skip(b, k)
	if m := regular(b, l); string(b[l:m]) == "R" {
		return m, nil
	}
	return end, nil
}

// literal returns the end of the literal string at i: parentheses nest
// unless escaped (§7.3.4.2).
func literal(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, syntaxErr(i, "unterminated string")
}

func array(b []byte, i int) (int, error) {
	for j := i + 1; ; {
		j = skip(b, j)
		if j >= len(b) {
			return 0, syntaxErr(i, "unterminated array")
		}
		if b[j] == ']' {
			return j + 1, nil
		}
		end, err := object(b, j)
		if err != nil {
			return 0, err
		}
		j = end
	}
}

// dict reads the dictionary at i into its entries, in order, and returns
// the index after its closing ">>".
func dict(b []byte, i int) ([]entry, int, error) {
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, syntaxErr(i, "dictionary expected")
	}
	var entries []entry
	for j := i + 2; ; {
		j = skip(b, j)
		if j >= len(b) {
			return nil, 0, syntaxErr(i, "unterminated dictionary")
		}
		if bytes.HasPrefix(b[j:], []byte(">>")) {
			return entries, j + 2, nil
		}
		if b[j] != '/' {
			return nil, 0, syntaxErr(j, "name expected as a key")
		}
		keyEnd := regular(b, j+1)
		start := skip(b, keyEnd)
		end, err := object(b, start)
		if err != nil {
			return nil, 0, err
		}
		entries = append(entries, entry{key: string(b[j+1 : keyEnd]), value: b[start:end]})
		j = end
	}
}

// lookup returns the value of key in entries, or nil.
func lookup(entries []entry, key string) []byte {
	for _, e := range entries {
		if e.key == key {
			return e.value
		}
	}
	return nil
}

// ref is an indirect reference "n g R".
type ref struct{ num, gen int }

func parseRef(v []byte) (ref, bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return ref{}, false
	}
	n, err1 := strconv.Atoi(string(f[0]))
	g, err2 := strconv.Atoi(string(f[1]))
	return ref{n, g}, err1 == nil && err2 == nil && n > 0 && g >= 0
}

// readInt reads the unsigned integer at i (after white space).
func readInt(b []byte, i int) (int, int, error) {
	i = skip(b, i)
	end := regular(b, i)
	n, err := strconv.Atoi(string(b[i:end]))
	if err != nil || n < 0 {
		return 0, 0, syntaxErr(i, "integer expected")
	}
	return n, end, nil
}

// keyword checks that the keyword kw is at i (after white space) and
// returns the index after it.
func keyword(b []byte, i int, kw string) (int, error) {
	i = skip(b, i)
	if end := regular(b, i); string(b[i:end]) == kw {
		return end, nil
	}
	return 0, syntaxErr(i, kw+" expected")
}
