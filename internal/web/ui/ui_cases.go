package ui

import (
	"net/http"
	"net/url"

	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/policy"
	"nintei/service/examination"
)

// casesPage is the staff's list of applications: filters, sortable
// columns and a caption saying what is listed.
type casesPage struct {
	Layout
	Query   examination.CaseQuery
	List    examination.CaseList
	Caption string
	States  []application.State
	Kinds   []application.Kind
	form    url.Values
}

// showApplications is the provider's own list, or the staff's list of
// every submitted application.
func (s *Server) showApplications(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	if !policy.Allows(p.User.Role, policy.ReadApplications) {
		return s.showOwnApplications(w, r)
	}
	q := request.CaseQueryOf(r.URL.Query())
	list, err := s.svc.Cases(r.Context(), *p, q)
	if err != nil {
		return err
	}
	page := casesPage{Layout: s.layout(w, r), Query: q, List: list, States: application.States[1:], Kinds: application.Kinds,
		form: r.URL.Query()}
	scope := page.T("applist.scope.all")
	if q.State != "" {
		scope = page.T("state." + string(q.State))
	}
	if q.Overdue {
		scope += page.T("applist.scope.overdue_suffix")
	}
	page.Caption = page.T("applist.caption", "Scope", scope, "N", len(list.Cases))
	return s.render(w, r, http.StatusOK, "cases", page)
}

// SortURL is the list's address sorted by a column: the same column again
// turns the direction round; the filters are kept.
func (p casesPage) SortURL(col string) string {
	v := url.Values{}
	for _, k := range []string{"q", "state", "kind", "provider", "overdue"} {
		if x := p.form.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	v.Set("sort", col)
	if col == p.Query.Sort && !p.Query.Desc {
		v.Set("dir", "desc")
	}
	return "/applications?" + v.Encode()
}

// SortState is the aria-sort value of a column header.
func (p casesPage) SortState(col string) string {
	switch {
	case col != p.Query.Sort:
		return "none"
	case p.Query.Desc:
		return "descending"
	}
	return "ascending"
}

// StateLabel is an application's state as the list shows it: a certified
// application whose certification has ended shows how it ended.
func (p casesPage) StateLabel(c examination.Case) string {
	if c.Status != "" && c.Status != "valid" {
		return p.T("applist.cert." + string(c.Status))
	}
	return p.T("state." + string(c.State))
}

// Day writes a YYYY-MM-DD day the way the page's language does.
func (p casesPage) Day(d string) string {
	if d == "" || p.Lang != i18n.Japanese {
		return d
	}
	return jaDate(d)
}
