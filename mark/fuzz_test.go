package mark

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSVG: the mark drawn with any text as its number (the number is shown on it, R-8.1)
// is well-formed SVG that shows that text as text, never markup.
func FuzzSVG(f *testing.F) {
	f.Add("IP-IoT 0001-2611")
	f.Add(`<script>alert("x")</script>&`)
	f.Fuzz(func(t *testing.T, number string) {
		if !utf8.ValidString(number) {
			t.Skip("numbers are stored as valid UTF-8")
		}
		checkMark(t, number)
	})
}

// checkMark parses SVG(number) as XML: it must be well-formed and its text must be
// the number exactly, never markup.
func checkMark(t *testing.T, number string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(SVG(number)))
	var texts []string
	elements, inText := 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if strings.ContainsFunc(number, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) ||
				strings.ContainsRune(number, 0xFFFE) || strings.ContainsRune(number, 0xFFFF) {
				return // characters XML cannot carry at all; numbers never have them
			}
			t.Fatalf("SVG(%q) is not well-formed: %v", number, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements++
			if inText = tok.Name.Local == "text"; inText {
				texts = append(texts, "")
			}
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(tok)
			}
		}
	}
	if elements != 7 {
		t.Fatalf("SVG(%q) has %d elements, want 7", number, elements)
	}
	if last := texts[len(texts)-1]; !strings.ContainsRune(number, '\r') && strings.TrimSpace(number) != "" && last != number {
		t.Fatalf("SVG(%q) shows %q", number, last)
	}
}
