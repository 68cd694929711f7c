// Package registry holds what the public registry says: the
// published snapshot of a certified service — which contains the Form B answers
// exactly as written and never attachments, evidence references, withheld
// parts, reviewer notes or anything else of the review.
package registry

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"nintei/catalog"
	"nintei/civil"
)

// Service is the published snapshot of one certified service.
type Service struct {
	Number       string   `json:"number"`
	ServiceName  string   `json:"service_name"`
	Overview     string   `json:"service_overview"`
	ServiceURL   string   `json:"service_url"`
	ProviderName string   `json:"provider_name"`
	CertifiedOn  string   `json:"certified_on"`
	ValidUntil   string   `json:"valid_until"`
	EditionID    string   `json:"edition_id"`
	Bases        []string `json:"bases"` // base services provided
	Items        []Answer `json:"items"`
}

// Answer is one published item: the catalog's wording and the applicant's
// answer exactly as written.
type Answer struct {
	ItemID   string   `json:"item_id"`
	No       string   `json:"no"`
	Category []string `json:"category"`
	Item     string   `json:"item"`
	Question string   `json:"description"`
	Required bool     `json:"required"`
	Text     string   `json:"answer"`
	// WithheldUntil is the last day the answer is withheld; the
	// text is then absent from the snapshot.
	WithheldUntil string `json:"withheld_until,omitempty"`
}

// PublicText renders an answer as published: the words the applicant
// wrote, in the item's field order, with 有/無 for yes/no answers and
// nothing added or normalised beyond joining parts.
func PublicText(it catalog.Item, a catalog.Answer) string {
	var parts []string
	if a.Yes != nil {
		parts = append(parts, map[bool]string{true: "有", false: "無"}[*a.Yes])
	}
	unit := a.Unit
	if it.Answer.Type == catalog.TypeDuration {
		unit = durationLabel[unit] // durations store a unit id (day); the public reads 日
	}
	if v := publicValue(it.Answer.Type, a.Value) + unit; v != "" {
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
		parts = append(parts, strings.Join(rowCells(it, row), "｜"))
	}
	for _, c := range a.Contacts {
		parts = append(parts, strings.TrimSpace(contactLabel[c.Kind]+"："+c.Value+" "+c.Hours))
	}
	return strings.Join(parts, "\n")
}

// publicValue writes a value the way a Japanese reader expects it: a day
// as 2024年4月1日, a month as 2024年4月, a number with thousands
// separators (1,200 千円), a percentage with its sign (99.95%); anything else, or a value that does not parse,
// as stored.
func publicValue(t catalog.AnswerType, v string) string {
	switch t {
	case catalog.TypeDate:
		if d, err := civil.Parse(v); err == nil && !d.IsZero() {
			return strconv.Itoa(d.Year) + "年" + strconv.Itoa(int(d.Month)) + "月" + strconv.Itoa(d.Day) + "日"
		}
	case catalog.TypeYearMonth:
		if y, m, ok := strings.Cut(v, "-"); ok && len(y) == 4 && len(m) == 2 {
			if mi, err := strconv.Atoi(m); err == nil && mi >= 1 && mi <= 12 {
				return y + "年" + strconv.Itoa(mi) + "月"
			}
		}
	case catalog.TypeInteger, catalog.TypeMoney:
		return thousands(v)
	case catalog.TypePercent:
		if v != "" && !strings.HasSuffix(v, "%") {
			return v + "%"
		}
	}
	return v
}

// thousands puts a comma every three digits of a whole number; other text
// is returned as it is.
func thousands(v string) string {
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return v
	}
	var b strings.Builder
	for i := range len(v) {
		if i > 0 && (len(v)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// rowCells lists a list row's cells in the item's field order (in key
// order when the item is not known).
func rowCells(it catalog.Item, row map[string]string) []string {
	ids := make([]string, 0, len(row))
	for _, f := range it.Answer.Fields {
		ids = append(ids, f.ID)
	}
	if len(ids) == 0 {
		for id := range row {
			ids = append(ids, id)
		}
		sort.Strings(ids)
	}
	var cells []string
	for _, id := range ids {
		if v := row[id]; v != "" {
			cells = append(cells, v)
		}
	}
	return cells
}

var durationLabel = map[string]string{"minute": "分", "hour": "時間", "day": "日", "week": "週", "month": "か月", "year": "年"}

var contactLabel = map[string]string{"phone": "電話", "email": "メール", "web_form": "Webフォーム", "fax": "FAX", "other": "その他"}

// SearchText is the folded text a service is found by: full-width and
// half-width forms alike (NFKC), case-insensitive.
func SearchText(s Service) string {
	var b strings.Builder
	for _, part := range []string{s.Number, s.ServiceName, s.ProviderName, s.Overview} {
		b.WriteString(part + "\n")
	}
	for _, a := range s.Items {
		b.WriteString(a.Text + "\n")
	}
	return Fold(b.String())
}

// Fold normalises text for search: NFKC, lower case, and NFKC again, since
// lowering can make a letter and its combining marks composable ("T̈" lowers
// to "ẗ"); without the second pass a folded text folded again would differ,
// and a query typed in the composed form would miss the text (found by
// FuzzSearchTerms). Entries indexed before this change differ only for such
// sequences.
func Fold(s string) string { return norm.NFKC.String(strings.ToLower(norm.NFKC.String(s))) }

// CSVCell protects a cell against formula injection: a spreadsheet would
// run a cell starting with = + - @ (or a tab/CR before one) as a formula, so
// such cells get a leading apostrophe.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// PublishedAnswers maps item IDs to the answers that are public now
// (withheld ones left out), for filtering.
func PublishedAnswers(s Service) map[string]string {
	out := map[string]string{}
	for _, a := range s.Items {
		if a.Text != "" && a.WithheldUntil == "" {
			out[a.ItemID] = a.Text
		}
	}
	return out
}
