package registry

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search index works on character bigrams, so that Japanese text,
// which has no spaces between words, is found by any substring — including
// one- and two-character queries such as 認証, which a trigram index cannot
// answer. Text is folded first (Fold: NFKC, lower case) so full-width and
// half-width forms are alike; spaces and punctuation split it into
// segments, and no bigram crosses a segment boundary.

// Segments splits folded text into its runs of letters, digits and
// symbols; spaces, punctuation and control characters separate them.
func Segments(folded string) []string {
	return strings.FieldsFunc(folded, isSeparator)
}

func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsControl(r)
}

// BigramSequence is a segment's bigrams in order, then its last character
// on its own: "認証制度" gives "認証 証制 制度 度". An index of these tokens
// finds a substring of two or more characters as the phrase of its bigrams
// (consecutive tokens) and a single character as a prefix of some token;
// the trailing single character keeps phrases from running across
// segments, and lets a segment's last character be found.
func BigramSequence(folded string) string {
	var b strings.Builder
	for _, seg := range Segments(folded) {
		rs := []rune(seg)
		for i := 0; i+1 < len(rs); i++ {
			b.WriteString(string(rs[i : i+2]))
			b.WriteByte(' ')
		}
		b.WriteString(string(rs[len(rs)-1]))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// Lexemes are the distinct bigrams and single characters of folded text,
// for an index that matches exact terms (PostgreSQL's tsvector): every
// bigram of a query must be present, and the query's substring is then
// confirmed on the text itself.
func Lexemes(folded string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, seg := range Segments(folded) {
		rs := []rune(seg)
		for i := range rs {
			add(string(rs[i]))
			if i+1 < len(rs) {
				add(string(rs[i : i+2]))
			}
		}
	}
	return out
}

// QueryTerms is what one search word must match: for each of its segments,
// the segment's bigrams in order (a single character for a one-character
// segment). A word that is only punctuation has none.
func QueryTerms(foldedWord string) [][]string {
	var out [][]string
	for _, seg := range Segments(foldedWord) {
		if utf8.RuneCountInString(seg) == 1 {
			out = append(out, []string{seg})
			continue
		}
		rs := []rune(seg)
		var grams []string
		for i := 0; i+1 < len(rs); i++ {
			grams = append(grams, string(rs[i:i+2]))
		}
		out = append(out, grams)
	}
	return out
}
