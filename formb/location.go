package formb

import (
	"strings"
	"unicode"
)

// Finding codes of the evidence location (R-4.4: every evidence reference
// names the document and where in it).
const (
	// LocationMissing: the document is named but not where in it. Blocking,
	// like a missing document: a reviewer cannot find the evidence.
	LocationMissing = "precheck.evidence_location_missing"
	// LocationVague: the location names no page, chapter, section or other
	// numbered place. Advice only: 「目次」 or 「別紙」 may be exact enough,
	// and the reviewer judges.
	LocationVague = "precheck.evidence_location_vague"
)

// locationWords are the words that say where in a document, besides a
// number: page, chapter, section, article, clause, appendix, table, figure.
var locationWords = []string{"p.", "pp.", "頁", "ページ", "章", "節", "項", "条", "§", "section", "chapter", "page",
	"別紙", "別添", "付録", "表", "図", "目次", "全体", "全文", "全頁", "全ページ"}

// HasEvidenceLocation reports whether the entry says where in the document.
func (e Entry) HasEvidenceLocation() bool { return strings.TrimSpace(e.EvidenceLoc) != "" }

// NamesLocation reports whether a location text points at a place: it
// holds a digit (a page or clause number) or one of locationWords.
func NamesLocation(loc string) bool {
	if strings.IndexFunc(loc, unicode.IsDigit) >= 0 {
		return true
	}
	l := strings.ToLower(loc)
	for _, w := range locationWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// checkLocation is the location half of an evidence reference, for an
// item that needs evidence and names its document.
func checkLocation(e Entry, f func(code string, blocking bool) Finding) []Finding {
	switch {
	case !e.HasEvidenceLocation():
		return []Finding{f(LocationMissing, true)}
	case !NamesLocation(e.EvidenceLoc):
		return []Finding{f(LocationVague, false)}
	}
	return nil
}
