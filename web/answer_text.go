package web

import (
	"encoding/json"
	"strings"

	"nintei/catalog"
	"nintei/formb"
)

// answerText renders an answer as the text a reviewer reads (and, later,
// the registry publishes exactly as written, R-7.2).
func answerText(a catalog.Answer) string {
	var parts []string
	if a.Yes != nil {
		parts = append(parts, map[bool]string{true: "有", false: "無"}[*a.Yes])
	}
	if v := strings.TrimSpace(strings.Join([]string{a.Value, a.Unit}, "")); v != "" {
		parts = append(parts, v)
	}
	if a.Period != "" {
		parts = append(parts, "["+a.Period+"]")
	}
	if a.Detail != "" {
		parts = append(parts, a.Detail)
	}
	if len(a.Choices) > 0 {
		parts = append(parts, strings.Join(a.Choices, "、"))
	}
	for _, row := range a.Rows {
		var cells []string
		for _, v := range row {
			cells = append(cells, v)
		}
		parts = append(parts, strings.Join(sortedStrings(cells), "｜"))
	}
	for _, c := range a.Contacts {
		parts = append(parts, strings.TrimSpace(c.Kind+"："+c.Value+" "+c.Hours))
	}
	return strings.Join(parts, "\n")
}

// entryText renders a stored entry (JSON of formb.Entry) for the amendment
// view; "" for none.
func entryText(raw string) string {
	if raw == "" {
		return ""
	}
	var e formb.Entry
	if json.Unmarshal([]byte(raw), &e) != nil {
		return ""
	}
	text := answerText(e.Answer)
	if e.EvidenceDoc != "" {
		text += "\n（" + e.EvidenceDoc + " " + e.EvidenceLoc + "）"
	}
	return text
}

func sortedStrings(xs []string) []string {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	return xs
}
