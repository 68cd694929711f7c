package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"nintei/application"
	"nintei/catalog"
	"nintei/review"
)

// assessFilters are the filters of the assessment form, as ?filter=.
var assessFilters = []string{"unassessed", "not_met", "key", "inquiry"}

// assessSection is one section of the assessment form.
type assessSection struct {
	ID, Name string
	Rows     []reviewRow
}

// assessView is the assessment form: the rows by section after the
// filter, the progress over every row, and each item's linked files.
type assessView struct {
	Filter   string
	Sections []assessSection
	Assessed int
	Total    int
	Shown    int
	Linked   map[string][]application.Attachment // item ID → the applicant's files linked to it
}

// FilterURL is the review page with a filter ("" for none).
func (p reviewPage) FilterURL(f string) string {
	u := appURL(p.App.ID, "/review")
	if f != "" {
		u += "?" + url.Values{"filter": {f}}.Encode()
	}
	return u + "#h-items"
}

// Filters are the assessment form's filters.
func (reviewPage) Filters() []string { return assessFilters }

// assessViewOf builds the form from the page's rows. On a POST that
// failed, the values sent are shown again, so nothing typed is lost.
func assessViewOf(r *http.Request, rows []reviewRow, ed *catalog.Edition, inquiries []review.Inquiry, atts []application.Attachment) assessView {
	v := assessView{Filter: r.URL.Query().Get("filter"), Total: len(rows), Linked: map[string][]application.Attachment{}}
	if r.Method == http.MethodPost {
		v.Filter = r.PostFormValue("filter")
	}
	if !slices.Contains(assessFilters, v.Filter) {
		v.Filter = ""
	}
	asked := map[string]bool{}
	for _, q := range inquiries {
		asked[q.ItemID] = asked[q.ItemID] || q.Open()
	}
	for _, a := range atts {
		if !a.Purpose.StaffOnly() && a.DisposedAt == nil {
			for _, id := range a.ItemIDs {
				v.Linked[id] = append(v.Linked[id], a)
			}
		}
	}
	byItem := map[string]reviewRow{}
	for _, row := range rows {
		if row.Assessment.Verdict != "" {
			v.Assessed++
		}
		if r.Method == http.MethodPost && r.PostForm.Has("v."+row.Item.ID) {
			row.Assessment.Verdict, row.Assessment.Comment = r.PostFormValue("v."+row.Item.ID), r.PostFormValue("c."+row.Item.ID)
		}
		if keep(v.Filter, row, asked[row.Item.ID]) {
			byItem[row.Item.ID] = row
		}
	}
	for _, sec := range sections(ed) {
		as := assessSection{ID: sec.ID, Name: sec.Path[len(sec.Path)-1].NameJA}
		for _, it := range sec.Items {
			if row, ok := byItem[it.ID]; ok {
				as.Rows = append(as.Rows, row)
			}
		}
		if len(as.Rows) > 0 {
			v.Sections, v.Shown = append(v.Sections, as), v.Shown+len(as.Rows)
		}
	}
	return v
}

// keep reports whether a row passes the filter.
func keep(filter string, row reviewRow, openInquiry bool) bool {
	switch filter {
	case "unassessed":
		return row.Assessment.Verdict == ""
	case "not_met":
		return row.Assessment.Verdict == review.AssessNotMet
	case "key":
		return row.Item.Key != nil
	case "inquiry":
		return openInquiry || row.Assessment.Verdict == review.AssessInquiry
	}
	return true
}

// saveAssessments saves the assessment form: one section (the section
// button pressed) or every item shown, with the version check.
func (s *Server) saveAssessments(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	only := map[string]bool{}
	for _, sec := range sections(ed) {
		if sec.ID == r.PostFormValue("section") {
			for _, it := range sec.Items {
				only[it.ID] = true
			}
		}
	}
	var in []review.Assessment
	for _, it := range ed.Items {
		if r.PostForm.Has("v."+it.ID) && (len(only) == 0 || only[it.ID]) {
			in = append(in, review.Assessment{ItemID: it.ID, Verdict: r.PostFormValue("v." + it.ID), Comment: r.PostFormValue("c." + it.ID)})
		}
	}
	if _, err := s.svc.AssessItems(r.Context(), *principal(r), a.ID, versionOf(r), in); err != nil {
		return s.reviewFailed(w, r, err)
	}
	to := appURL(a.ID, "/review")
	if f := r.PostFormValue("filter"); slices.Contains(assessFilters, f) {
		to += "?filter=" + f
	}
	return redirect(w, r, to+"#h-items", "flash.assess.saved")
}

// AssessProgress is "52 / 68" for the template.
func (v assessView) AssessProgress() string {
	return strconv.Itoa(v.Assessed) + " / " + strconv.Itoa(v.Total)
}

// CanAssess reports whether the page offers the assessment form: the user
// may assess and the application is under review.
func (p reviewPage) CanAssess() bool {
	switch p.App.State {
	case application.DocumentReview, application.Inquiry, application.Investigation, application.Committee:
		return p.May("assess")
	}
	return false
}
