package registry

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzSearchTerms checks the promise of the search index (registry/search.go) for any
// text and query: a query word cut out of a service's public text always finds it. The
// service folds the query (Fold) and splits it into words; each word's QueryTerms must
// all be lexemes of the text (the PostgreSQL index), and each group must be a phrase of
// consecutive tokens of its BigramSequence, or a one-character prefix of a token (the
// SQLite FTS5 index). Folding, segmenting and the index functions must not panic, and
// folding twice changes nothing.
func FuzzSearchTerms(f *testing.F) {
	f.Add("みなとIoTクラウド\nIoT機器のデータ収集・分析基盤\n", 0, 4)
	f.Add("ＩＰ－ＩｏＴ　０００１－２６１１ 認証制度", 3, 12)
	f.Add("情報セキュリティ基本方針（第3版）、２４時間３６５日", 2, 9)
	f.Add("a\u0301b ﬁ Ⅻ ㍻ ｶﾞ", 0, 8)
	f.Add("' OR 1=1 -- \"phrase\" AND NEAR(x y) * ^ : % _ \\", 0, 40)
	f.Add("İstanbul ǅ ß ΣΑΣ", 0, 12)
	f.Fuzz(func(t *testing.T, text string, start, length int) {
		if !utf8.ValidString(text) {
			t.Skip("the public text is valid UTF-8: forms and the workbook refuse anything else")
		}
		folded := Fold(text)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold(%q) = %q, Fold of that = %q", text, folded, again)
		}
		rs := []rune(folded)
		if len(rs) == 0 {
			return
		}
		start = abs(start) % len(rs)
		length = 1 + abs(length)%min(len(rs)-start, 40)
		query := Fold(string(rs[start : start+length]))

		lexemes := map[string]bool{}
		for _, l := range Lexemes(folded) {
			lexemes[l] = true
		}
		tokens := strings.Fields(BigramSequence(folded))
		for _, w := range strings.Fields(query) {
			for _, g := range QueryTerms(w) {
				for _, term := range g {
					if !lexemes[term] {
						t.Fatalf("text %q, query word %q: term %q is not a lexeme of the text", folded, w, term)
					}
				}
				if !phraseOf(tokens, g) {
					t.Fatalf("text %q, query word %q: %q is not a phrase of the tokens %q", folded, w, g, tokens)
				}
			}
		}
	})
}

// phraseOf reports whether g occurs as consecutive tokens, or, as a single character,
// as the prefix of a token (FTS5's "x"*).
func phraseOf(tokens, g []string) bool {
	if len(g) == 1 && utf8.RuneCountInString(g[0]) == 1 {
		for _, tok := range tokens {
			if strings.HasPrefix(tok, g[0]) {
				return true
			}
		}
		return false
	}
	for i := 0; i+len(g) <= len(tokens); i++ {
		match := true
		for j := range g {
			if tokens[i+j] != g[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}

// numberPattern is: the prefix, a 4-digit serial and the year and month.
var numberPattern = regexp.MustCompile(`^([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*) (\d{4,})-(\d{2})(\d{2})$`)

// FuzzNumber: every certificate number has the shape, its parts read back as the
// serial and the certification month, and the mark drawn with any text as its number
// (the number is shown on it) is well-formed SVG that shows that text as text.
func FuzzNumber(f *testing.F) {
	f.Add("IP-IoT", int64(1), int64(1795737600))
	f.Add("IP-IoT", int64(9999), int64(-62135596800))
	f.Add("A-1", int64(10000), int64(253402300799))
	f.Add(`<script>alert("x")</script>&`, int64(0), int64(0))
	f.Fuzz(func(t *testing.T, prefix string, serial, unix int64) {
		if !utf8.ValidString(prefix) {
			t.Skip("numbers are stored as valid UTF-8")
		}
		on := time.Unix(unix, 0).UTC()
		n := Number(prefix, serial, on)
		checkMark(t, n)
		if serial < 1 || serial > 9999 || on.Year() < 2000 || on.Year() > 2099 ||
			!regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`).MatchString(prefix) || len(prefix) > 16 {
			return // not a number the program issues (the catalog checks the prefix)
		}
		m := numberPattern.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("Number(%q, %d, %s) = %q: not the R-8.4 shape", prefix, serial, on, n)
		}
		if m[1] != prefix || m[2] != fmt.Sprintf("%04d", serial) || m[3] != on.Format("06") || m[4] != on.Format("01") {
			t.Fatalf("Number(%q, %d, %s) = %q: parts %q", prefix, serial, on, n, m[1:])
		}
	})
}

// checkMark parses MarkSVG(number) as XML: it must be well-formed and its text must be
// the number exactly, never markup.
func checkMark(t *testing.T, number string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(MarkSVG(number)))
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
			t.Fatalf("MarkSVG(%q) is not well-formed: %v", number, err)
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
		t.Fatalf("MarkSVG(%q) has %d elements, want 7", number, elements)
	}
	if last := texts[len(texts)-1]; !strings.ContainsRune(number, '\r') && strings.TrimSpace(number) != "" && last != number {
		t.Fatalf("MarkSVG(%q) shows %q", number, last)
	}
}
