package xlsx

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// The words written into and read from answer cells. Export writes the first, canonical
// word; import also accepts the aliases people type or paste from other tools.

// Yes/no labels (有/無) and the words import accepts for them.
const (
	labelYes = "有"
	labelNo  = "無"
)

var (
	yesWords = []string{labelYes, "有り", "あり", "アリ", "はい", "yes", "y", "true", "○", "〇", "◯"}
	noWords  = []string{labelNo, "無し", "なし", "ナシ", "いいえ", "no", "n", "false", "×", "✕", "✖"}
)

// parseYesNo reads a 有/無 cell. ok is false for text that is neither.
func parseYesNo(s string) (yes, ok bool) {
	k := foldKey(s)
	for _, w := range yesWords {
		if k == foldKey(w) {
			return true, true
		}
	}
	for _, w := range noWords {
		if k == foldKey(w) {
			return false, true
		}
	}
	return false, false
}

// yesNoLabel is the cell text of a yes/no answer.
func yesNoLabel(yes bool) string {
	if yes {
		return labelYes
	}
	return labelNo
}

// vocabulary maps canonical ids (catalog values) to the Japanese label written in cells,
// plus aliases accepted on import.
type vocabulary []struct {
	id, label string
	aliases   []string
}

// durationUnits are the labels of catalog.DurationUnits.
var durationUnits = vocabulary{
	{"minute", "分", []string{"分間"}},
	{"hour", "時間", []string{"時"}},
	{"day", "日", []string{"日間"}},
	{"week", "週", []string{"週間"}},
	{"month", "か月", []string{"ヶ月", "ヵ月", "カ月", "ケ月", "箇月", "ヶ月間", "か月間", "月"}},
	{"year", "年", []string{"年間"}},
}

// contactKinds are the labels of catalog.ContactKinds.
var contactKinds = vocabulary{
	{"phone", "電話", []string{"電話番号", "TEL", "tel", "phone"}},
	{"email", "メール", []string{"メールアドレス", "電子メール", "Eメール", "E-mail", "email", "mail"}},
	{"web_form", "Webフォーム", []string{"フォーム", "問合せフォーム", "問い合わせフォーム", "お問い合わせフォーム", "web_form", "web"}},
	{"fax", "FAX", []string{"ファックス", "ファクス", "ファクシミリ", "fax"}},
	{"other", "その他", []string{"other"}},
}

// label returns the cell label of id, or id itself when the vocabulary does not know it
// (an invalid stored answer is written back as it is, for import to report).
func (v vocabulary) label(id string) string {
	for _, e := range v {
		if e.id == id {
			return e.label
		}
	}
	return id
}

// id returns the canonical id for a label, id or alias typed in a cell, or the text itself
// when nothing matches, so that the catalog check reports it in the applicant's words.
func (v vocabulary) id(text string) string {
	k := foldKey(text)
	for _, e := range v {
		if k == foldKey(e.id) || k == foldKey(e.label) {
			return e.id
		}
		for _, a := range e.aliases {
			if k == foldKey(a) {
				return e.id
			}
		}
	}
	return text
}

// labels returns the cell labels of the given ids, in order.
func (v vocabulary) labels(ids []string) []string {
	out := make([]string, len(ids))
	for k, id := range ids {
		out[k] = v.label(id)
	}
	return out
}

// foldKey folds text for comparing vocabulary words: full-width to ASCII (NFKC), lower
// case, no surrounding spaces, so "ＴＥＬ", "tel " and "TEL" match.
func foldKey(s string) string {
	return strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
}

// Separators inside one answer cell. Lines separate entries (list rows, contacts, choices);
// the vertical bar separates the fields of one entry. Export writes the full-width bar,
// which Japanese text rarely contains; import also accepts the ASCII one.
const (
	fieldSep      = "｜"
	choiceSep     = "、"
	fieldSepASCII = "|"
)

// splitFields splits one entry line at "｜" or "|" and trims each field.
func splitFields(line string) []string {
	parts := strings.Split(strings.ReplaceAll(line, fieldSepASCII, fieldSep), fieldSep)
	for k := range parts {
		parts[k] = strings.TrimSpace(parts[k])
	}
	return parts
}

// splitLines splits a cell into its non-blank, trimmed lines.
func splitLines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
