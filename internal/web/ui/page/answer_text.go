package page

import (
	"encoding/json"

	"nintei/catalog"
	"nintei/formb"
	"nintei/registry"
)

// answerText renders an answer as the registry will publish it, so that
// reviewers read exactly what the public will.
func answerText(it catalog.Item, a catalog.Answer) string { return registry.PublicText(it, a) }

// entryText renders a stored entry (JSON of formb.Entry) for the amendment
// view, with its evidence reference; "" for none.
func entryText(it catalog.Item, raw string) string {
	if raw == "" {
		return ""
	}
	var e formb.Entry
	if json.Unmarshal([]byte(raw), &e) != nil {
		return ""
	}
	text := registry.PublicText(it, e.Answer)
	if e.EvidenceDoc != "" {
		text += "\n（" + e.EvidenceDoc + " " + e.EvidenceLoc + "）"
	}
	return text
}
