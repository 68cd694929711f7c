package registry

import (
	"reflect"
	"testing"
)

func TestBigramSequence(t *testing.T) {
	cases := map[string]string{
		"認証制度":          "認証 証制 制度 度",
		"iso/iec 27001": "is so o ie ec c 27 70 00 01 1",
		"a":             "a",
		"「監視」、ログ":       "監視 視 ログ グ",
		"":              "",
	}
	for in, want := range cases {
		if got := BigramSequence(in); got != want {
			t.Errorf("BigramSequence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLexemesAreDistinct(t *testing.T) {
	got := Lexemes("ああい")
	want := []string{"あ", "ああ", "あい", "い"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lexemes = %q, want %q", got, want)
	}
}

func TestQueryTerms(t *testing.T) {
	got := QueryTerms(Fold("認/ＩＳＯ"))
	want := [][]string{{"認"}, {"is", "so"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QueryTerms = %q, want %q", got, want)
	}
	if QueryTerms("%") != nil {
		t.Error("a punctuation-only word has no terms")
	}
}
