package searchindex

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// scan is the plain answer the index must give: the entries whose text
// holds every word, in the order given.
func scan(docs []Doc, words []string, order []string) []string {
	text := map[string]string{}
	for _, d := range docs {
		text[d.Number] = d.Text
	}
	var out []string
	for _, n := range order {
		t, ok := text[n]
		if !ok {
			continue
		}
		all := true
		for _, w := range words {
			all = all && strings.Contains(t, w)
		}
		if all {
			out = append(out, n)
		}
	}
	return out
}

// corpus is n texts of lines drawn from a small stock (so lines repeat, as
// standard answers do), with Japanese, Latin, digits, punctuation, symbols
// and white space inside lines.
func corpus(r *rand.Rand, n int) []Doc {
	stock := []string{"認証制度に対応", "多要素認証（totp）", "iso/iec 27001", "監視　24時間365日", "有", "無",
		"データセンターは東京・大阪", "99.95%", "ログの取得・保管", "☁️クラウド★", "a-b_c%d", "ああいあ", "認証認証"}
	docs := make([]Doc, n)
	for i := range docs {
		var lines []string
		for range 1 + r.IntN(6) {
			l := stock[r.IntN(len(stock))]
			if r.IntN(3) == 0 {
				l += fmt.Sprintf("(%s・%d)", stock[r.IntN(len(stock))], r.IntN(50))
			}
			lines = append(lines, l)
		}
		docs[i] = Doc{Number: fmt.Sprintf("N-%04d", i), Revision: 1, Text: strings.Join(lines, "\n") + "\n"}
	}
	return docs
}

// word is 1–5 characters cut from a random text, or a word no text holds.
func word(r *rand.Rand, docs []Doc) string {
	if r.IntN(5) == 0 {
		return []string{"存在", "zz", "認証x", "ん", "%%", "\xff", "\ufffd", "制認"}[r.IntN(8)]
	}
	rs := []rune(docs[r.IntN(len(docs))].Text)
	n := 1 + r.IntN(5)
	if len(rs) < n {
		return "認"
	}
	at := r.IntN(len(rs) - n + 1)
	w := strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) {
			return -1
		}
		return c
	}, string(rs[at:at+n]))
	if w == "" {
		return "有"
	}
	return w
}

func numbersOf(docs []Doc) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Number)
	}
	return out
}

// TestPropertyIndexEqualsSubstringScan is the property test: for random
// words drawn from the corpus and words that match nothing, alone and in
// pairs, the index answers exactly what a plain substring scan of the texts
// answers — the same entries, the same count, the same page in each order —
// before and after entries are replaced and removed.
func TestPropertyIndexEqualsSubstringScan(t *testing.T) {
	for _, many := range []uint64{256, 0, 1 << 30} { // as set, always entry by entry, always line by line
		t.Run(fmt.Sprint("manyLines=", many), func(t *testing.T) {
			defer func(m uint64) { manyLines = m }(manyLines)
			manyLines = many
			propertyIndexEqualsSubstringScan(t)
		})
	}
}

func propertyIndexEqualsSubstringScan(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1))
	docs := corpus(r, 400)
	x := New()
	forward := numbersOf(docs)
	backward := slices.Clone(forward)
	slices.Reverse(backward)
	orders := map[string][]string{"": forward, "back": backward}
	x.Update(1, docs, nil, orders)
	check := func(docs []Doc) {
		t.Helper()
		for range 600 {
			words := []string{word(r, docs)}
			if r.IntN(3) == 0 {
				words = append(words, word(r, docs))
			}
			for name, order := range orders {
				want := scan(docs, words, order)
				offset := r.IntN(max(1, len(want)))
				got, total := x.Search(words, name, offset, 20)
				if total != len(want) || !slices.Equal(got, want[min(offset, len(want)):min(offset+20, len(want))]) {
					t.Fatalf("words %q order %q offset %d: got %v (total %d), want %d entries from %v", words, name, offset, got, total, len(want), want)
				}
			}
			got := x.Matches(words)
			slices.Sort(got)
			if want := scan(docs, words, forward); !slices.Equal(got, want) {
				t.Fatalf("Matches(%q) = %v, want %v", words, got, want)
			}
		}
	}
	check(docs)
	// Replace a third of the texts and remove a tenth of the entries.
	changed := corpus(r, 400)
	var updates []Doc
	var removed []string
	for i := range docs {
		switch {
		case i%10 == 0:
			removed = append(removed, docs[i].Number)
		case i%3 == 0:
			docs[i].Text, docs[i].Revision = changed[i].Text, 2
			updates = append(updates, docs[i])
		}
	}
	x.Update(2, updates, removed, orders)
	var kept []Doc
	for _, d := range docs {
		if !slices.Contains(removed, d.Number) {
			kept = append(kept, d)
		}
	}
	check(kept)
	if x.Generation() != 2 || len(x.Revisions()) != len(kept) {
		t.Errorf("generation %d, %d entries; want 2, %d", x.Generation(), len(x.Revisions()), len(kept))
	}
}

// A word of one or two characters is answered by one list, a longer one is
// confirmed on the text: 認証 and 証制 are both in "認証 証制" but 認証制 is not.
func TestLongerWordsAreConfirmedOnTheText(t *testing.T) {
	x := New()
	x.Update(1, []Doc{{Number: "A", Text: "認証 証制\n"}, {Number: "B", Text: "認証制度\n"}}, nil, map[string][]string{"": {"A", "B"}})
	for w, want := range map[string][]string{"認": {"A", "B"}, "認証": {"A", "B"}, "証制": {"A", "B"}, "認証制": {"B"}, "制度": {"B"}} {
		got, total := x.Search([]string{w}, "", 0, 10)
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("%q: got %v (%d), want %v", w, got, total, want)
		}
	}
}

// A negative offset reads as zero: the first page, not a slice out of
// range.
func TestNegativeOffsetIsTheFirstPage(t *testing.T) {
	x := New()
	x.Update(1, []Doc{{Number: "A", Text: "認証\n"}}, nil, map[string][]string{"": {"A"}})
	if got, total := x.Search([]string{"認"}, "", -5, 10); total != 1 || !slices.Equal(got, []string{"A"}) {
		t.Errorf("got %v (%d), want [A] (1)", got, total)
	}
}
