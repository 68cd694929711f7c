package i18n

import (
	"regexp"
	"slices"
	"testing"

	"nintei/catalog"
	"nintei/internal/upload"
	"nintei/internal/xlsx"
)

// placeholder matches a {Name} that T fills.
var placeholder = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9_]*)\}`)

// placeholders lists the distinct names of the placeholders in m, sorted.
func placeholders(m string) []string {
	var names []string
	for _, sub := range placeholder.FindAllStringSubmatch(m, -1) {
		names = append(names, sub[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// Every key is in both languages, and both say the same things: a value that
// the Japanese text shows, the English shows too, under the same name.
func TestEveryKeyInBothLanguagesWithTheSamePlaceholders(t *testing.T) {
	c := MustLoad()
	if missing := c.Missing(); len(missing) > 0 {
		t.Errorf("missing translations: %v", missing)
	}
	for _, k := range c.Keys() {
		ja, en := placeholders(c.msgs[Japanese][k]), placeholders(c.msgs[English][k])
		if !slices.Equal(ja, en) {
			t.Errorf("%s: placeholders ja %v, en %v", k, ja, en)
		}
	}
}

// The packages that name their messages by key (catalog validation problems,
// workbook import problems, upload refusals) find every key in the catalog,
// and each message uses only the arguments the package gives it.
func TestEveryKeyOfTheCheckingPackagesExists(t *testing.T) {
	c := MustLoad()
	for _, pkg := range []struct {
		name string
		keys []string
		args []string
	}{
		{"catalog", catalog.Codes(), []string{"Value"}},
		{"xlsx", xlsx.Codes(), []string{"Cols", "Entry", "Message", "Value"}},
		{"upload", upload.Codes(), []string{"Ext", "Kind"}},
	} {
		if len(pkg.keys) == 0 {
			t.Errorf("%s: no keys", pkg.name)
		}
		for _, k := range pkg.keys {
			if !c.Has(k) {
				t.Errorf("%s: key %s is not in the message catalog", pkg.name, k)
				continue
			}
			for _, name := range placeholders(c.msgs[Japanese][k]) {
				if !slices.Contains(pkg.args, name) {
					t.Errorf("%s: %s uses {%s}, which the package does not give", pkg.name, k, name)
				}
			}
		}
	}
}

// Problems render in the reader's language with their value quoted the way
// each language quotes; an answer problem in a list carries its entry number.
func TestProblemMessages(t *testing.T) {
	c := MustLoad()
	p := catalog.Problem{Line: 12, Field: "items[3].answer.type", Code: "catalog.item.unknown_type", Value: "foo"}
	entry := xlsx.Problem{Code: "catalog.answer.not_an_option", Args: map[string]any{"Value": "海外"}, Entry: 2}
	ext := &upload.Error{Code: "upload.extension_mismatch", Ext: ".png", Kind: upload.PDF}
	for _, tt := range []struct {
		lang Lang
		k    Keyed
		want string
	}{
		{Japanese, p, "不明な回答形式 「foo」 です"},
		{English, p, `unknown answer type "foo"`},
		{Japanese, entry, "2件目: 「海外」 は選択肢にありません"},
		{English, entry, `entry 2: "海外" is not one of the options`},
		{Japanese, ext, "ファイル名の拡張子（.png）と内容（PDF）が一致しません。正しいファイルを選んだか確認してください。"},
		{English, ext, "The file name's extension (.png) does not match its content (PDF). Please check that you chose the right file."},
	} {
		if got := c.Message(tt.lang, tt.k); got != tt.want {
			t.Errorf("%s %s: got %q, want %q", tt.lang, tt.k.MessageKey(), got, tt.want)
		}
	}
}
