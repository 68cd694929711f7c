package request

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"nintei/application"
	"nintei/service/examination"
)

// CaseQueryOf reads the list's filters and sort from the query string;
// an unknown value is ignored (the list shows everything for it).
func CaseQueryOf(v url.Values) examination.CaseQuery {
	q := examination.CaseQuery{Text: strings.TrimSpace(v.Get("q")), Overdue: v.Get("overdue") == "1", Desc: v.Get("dir") == "desc"}
	if st := application.State(v.Get("state")); slices.Contains(application.States, st) {
		q.State = st
	}
	if k := application.Kind(v.Get("kind")); slices.Contains(application.Kinds, k) {
		q.Kind = k
	}
	q.OrgID, _ = strconv.ParseInt(v.Get("provider"), 10, 64)
	if s := v.Get("sort"); slices.Contains(examination.CaseSorts, s) {
		q.Sort = s
	} else if s == "" {
		q.Sort, q.Desc = "days", v.Get("dir") != "asc" // longest waiting first
	}
	return q
}
