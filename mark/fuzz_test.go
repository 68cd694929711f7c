package mark

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSVG: the mark drawn with any text as its number (the number is shown on it, R-8.1)
// is well-formed SVG that names that text as text, never markup.
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

// checkMark parses SVG(number) as XML: it must be well-formed, draw its
// text as paths (no <text>, no font), and its title and accessible name
// must be the mark's name with the number exactly, never markup.
func checkMark(t *testing.T, number string) {
	t.Helper()
	svg, err := SVG(number)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(strings.NewReader(svg))
	var title, label string
	elements, paths, inTitle := 0, 0, false
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
			switch tok.Name.Local {
			case "text", "tspan", "style", "script", "foreignObject", "image":
				t.Fatalf("SVG(%q) has a <%s>: the mark must draw its text as outlines", number, tok.Name.Local)
			case "path":
				paths++
			case "title":
				inTitle = true
			case "svg":
				for _, a := range tok.Attr {
					if a.Name.Local == "aria-label" {
						label = a.Value
					}
				}
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Name.Local, "font") || strings.HasPrefix(a.Name.Local, "on") || a.Name.Local == "href" {
					t.Fatalf("SVG(%q) has %s=%q", number, a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				title += string(tok)
			}
		}
	}
	if elements != 9 || paths != 4 {
		t.Fatalf("SVG(%q) has %d elements and %d paths, want 9 and 4", number, elements, paths)
	}
	if want := "情報開示認定マーク " + number; !strings.ContainsRune(number, '\r') && (title != want || label != want) {
		t.Fatalf("SVG(%q) is titled %q and labelled %q, want %q", number, title, label, want)
	}
}

// the SVG draws 情報開示認定 and the number as outlines of the
// embedded font — no <text>, no font-family, so no font of the viewer's is
// needed — and still names itself with them as text.
func TestMarkSVGOutlines_R8_1(t *testing.T) {
	checkMark(t, "IP-IoT 0001-2611")
	svg, err := SVG("IP-IoT 0001-2611")
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"<text", "font-family", "font-size", "sans-serif"} {
		if strings.Contains(svg, absent) {
			t.Errorf("the SVG has %q", absent)
		}
	}
	for _, want := range []string{`role="img"`, `aria-label="情報開示認定マーク IP-IoT 0001-2611"`, "<title>情報開示認定マーク IP-IoT 0001-2611</title>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	other, err := SVG("IP-IoT 0002-2611")
	if err != nil {
		t.Fatal(err)
	}
	// The number's outline is the last path; everything before it but the name is the same.
	cut := func(s string) string { return s[strings.Index(s, "<rect"):strings.LastIndex(s, "<path")] }
	if cut(svg) != cut(other) || svg == other {
		t.Error("two numbers changed more than the number's outline")
	}
}
