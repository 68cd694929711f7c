package registry

import (
	"bytes"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Snippet is where a search matched a service's published answers: the
// item the answer is in and a short stretch of the answer around the
// match, cut into parts that did and did not match. It is built from the
// answers as published, so a withheld answer (empty in the snapshot)
// never appears in one.
type Snippet struct {
	ItemID   string        `json:"item_id"`
	Item     string        `json:"item"`
	Question string        `json:"description"`
	Parts    []SnippetPart `json:"parts"`
}

// SnippetPart is a stretch of the answer; Match marks a search word.
type SnippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// snippetBefore and snippetAfter are how many characters a snippet shows
// around the first match.
const snippetBefore, snippetAfter = 24, 64

// FindSnippet finds the published answer that holds the most of the
// query's words (folded like the search: NFKC, lower case), the first in
// catalog order among equals, and cuts a snippet around its first match
// with every match in it marked. False when no published answer holds a
// word (the service matched by its name, number or overview).
func FindSnippet(items []Answer, query string) (Snippet, bool) {
	best, ranges, ok := bestAnswer(len(items), func(i int) string {
		if items[i].WithheldUntil != "" {
			return ""
		}
		return items[i].Text
	}, query)
	if !ok {
		return Snippet{}, false
	}
	a := items[best]
	return Snippet{ItemID: a.ItemID, Item: a.Item, Question: a.Question, Parts: cut([]rune(a.Text), ranges)}, true
}

// FindSnippetCompact is FindSnippet on a service's answers as the registry
// stores them (no withheld answer whose period has ended: the caller
// releases those first), with wording naming the chosen answer's item.
// It spares a search page building each listed service in full.
func FindSnippetCompact(answers []CompactAnswer, wording map[string]Answer, query string) (Snippet, bool) {
	best, ranges, ok := bestAnswer(len(answers), func(i int) string {
		if answers[i].WithheldUntil != "" {
			return ""
		}
		return answers[i].Text
	}, query)
	if !ok {
		return Snippet{}, false
	}
	a, w := answers[best], wording[answers[best].ItemID]
	return Snippet{ItemID: a.ItemID, Item: w.Item, Question: w.Question, Parts: cut([]rune(a.Text), ranges)}, true
}

// bestAnswer is the answer (of n, text(i) empty for one not shown) that
// holds the most of the query's words, the first among equals, and the
// ranges of the words in it; false when none holds one.
func bestAnswer(n int, text func(int) string, query string) (int, [][2]int, bool) {
	words := strings.Fields(Fold(query))
	needles := make([][]byte, len(words))
	for i, w := range words {
		needles[i] = []byte(w)
	}
	// Score every answer on its folded text first, and map matches back
	// to the original characters for the chosen one only: the mapping
	// allocated per byte of every answer of fifty services, most of the
	// cost of an uncached search page (docs/benchmarks.md).
	best, bestScore := -1, 0
	var folded []byte
	for i := range n {
		t := text(i)
		if t == "" {
			continue
		}
		folded = foldInto(folded[:0], t)
		score := 0
		for _, n := range needles {
			if bytes.Contains(folded, n) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
		if bestScore == len(words) {
			break // no later answer can hold more, and the first among equals wins
		}
	}
	if best < 0 {
		return 0, nil, false
	}
	ranges, _ := matchRanges(text(best), words)
	return best, ranges, true
}

// foldInto appends text folded character by character, as matchRanges
// folds it.
func foldInto(dst []byte, text string) []byte {
	for _, r := range text {
		dst = append(dst, foldRune(r)...)
	}
	return dst
}

// matchRanges finds every occurrence of the words in text, as rune ranges
// of the original text, and how many distinct words occur. The text is
// folded rune by rune so that each folded byte maps back to its rune.
func matchRanges(text string, words []string) ([][2]int, int) {
	var folded strings.Builder
	var origin []int // folded byte → rune index in text
	n := 0
	for _, r := range text {
		f := foldRune(r)
		folded.WriteString(f)
		for range len(f) {
			origin = append(origin, n)
		}
		n++
	}
	origin = append(origin, n)
	s := folded.String()
	var ranges [][2]int
	score := 0
	for _, w := range words {
		found := false
		for at := 0; w != "" && at <= len(s)-len(w); {
			i := strings.Index(s[at:], w)
			if i < 0 {
				break
			}
			start, end := at+i, at+i+len(w)
			ranges = append(ranges, [2]int{origin[start], origin[end-1] + 1})
			found, at = true, end
		}
		if found {
			score++
		}
	}
	return ranges, score
}

// cut is the stretch of text around the first range, split at the
// ranges inside it; an ellipsis marks text left out.
func cut(text []rune, ranges [][2]int) []SnippetPart {
	first := ranges[0]
	for _, r := range ranges {
		if r[0] < first[0] {
			first = r
		}
	}
	from, to := max(0, first[0]-snippetBefore), min(len(text), first[1]+snippetAfter)
	marked := make([]bool, to-from)
	for _, r := range ranges {
		for i := max(r[0], from); i < min(r[1], to); i++ {
			marked[i-from] = true
		}
	}
	var parts []SnippetPart
	if from > 0 {
		parts = append(parts, SnippetPart{Text: "…"})
	}
	for i := from; i < to; {
		j := i
		for j < to && marked[j-from] == marked[i-from] {
			j++
		}
		part := strings.Join(strings.Fields(string(text[i:j])), " ") // line breaks read as spaces
		if strings.TrimSpace(string(text[i:j])) != string(text[i:j]) && !marked[i-from] {
			part = spaced(string(text[i:j]), part)
		}
		parts = append(parts, SnippetPart{Text: part, Match: marked[i-from]})
		i = j
	}
	if to < len(text) {
		parts = append(parts, SnippetPart{Text: "…"})
	}
	return parts
}

// spaced keeps one space where the original stretch began or ended with
// white space, so that words either side of a match stay apart.
func spaced(orig, part string) string {
	if r, _ := utf8.DecodeRuneInString(orig); r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
		part = " " + part
	}
	if r, _ := utf8.DecodeLastRuneInString(orig); r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
		part += " "
	}
	return part
}

// foldedBMP holds Fold of each character of the Basic Multilingual Plane
// once computed: a search page folds the answers of fifty services
// character by character, and NFKC on each character was 40 % of an
// uncached search (docs/benchmarks.md). 64 Ki pointers, 512 KiB.
var foldedBMP [1 << 16]atomic.Pointer[string]

// foldRune is Fold(string(r)), remembered for the characters of the BMP.
func foldRune(r rune) string {
	if r < 0 || r >= 1<<16 {
		return Fold(string(r))
	}
	if f := foldedBMP[r].Load(); f != nil {
		return *f
	}
	f := Fold(string(r))
	foldedBMP[r].Store(&f)
	return f
}
