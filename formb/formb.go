// Package formb holds Form B (申請書B): for every disclosure item of a
// catalog edition, the applicant's answer (申請内容) and its evidence
// reference (添付書類等: which document, and where in it). It knows the rules
// that decide whether a Form B is complete and whether the key items are in
// place; the applicant's pre-check and the reviewers'
// automatic verdict both use them.
package formb

import (
	"strings"

	"nintei/catalog"
)

// Entry is one row of Form B.
type Entry struct {
	ItemID string         `json:"item_id"`
	Answer catalog.Answer `json:"answer"`
	// EvidenceDoc names the supporting document (添付書類等), e.g. 「情報セキュリティ基本方針」.
	EvidenceDoc string `json:"evidence_doc"`
	// EvidenceLoc says where in it: page, chapter, section (e.g. 「p.3 第2章」).
	EvidenceLoc string `json:"evidence_loc"`
}

// Form is a whole Form B: the entries by item ID.
type Form map[string]Entry

// Exempt answers need no evidence: 実施なし (not implemented) and
// 開示なし (not disclosed), written as the whole answer.
var exemptAnswers = []string{"実施なし", "開示なし"}

// NeedsEvidence reports whether an answered item must cite evidence:
// every answer does, except "not implemented"/"not disclosed" ones — a 無
// on a yes/no item, or one of the exempt phrases as the whole answer.
func NeedsEvidence(it catalog.Item, a catalog.Answer) bool {
	if !it.IsAnswered(a) {
		return false
	}
	switch it.Answer.Type {
	case catalog.TypeYesNo, catalog.TypeYesNoDetail:
		return a.Yes != nil && *a.Yes
	}
	v := strings.TrimSpace(a.Value)
	for _, x := range exemptAnswers {
		if v == x {
			return false
		}
	}
	return true
}

// HasEvidenceReference reports whether the entry names a document.
func (e Entry) HasEvidenceReference() bool { return strings.TrimSpace(e.EvidenceDoc) != "" }
