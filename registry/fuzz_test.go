package registry

import (
	"strings"
	"testing"
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
