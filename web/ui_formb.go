package web

import (
	"net/http"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
)

type formBPage struct {
	Layout
	App      application.Application
	Edition  *catalog.Edition
	Section  section
	Sections []sectionLink
	Fields   []itemField
	Progress formb.Progress
	Saved    bool
	Prev     string
	Next     string
}

func (s *Server) showFormB(w http.ResponseWriter, r *http.Request) error {
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	form, err := s.svc.FormB(r.Context(), *principal(r), a)
	if err != nil {
		return err
	}
	secs := sections(ed)
	idx := 0
	for i, sec := range secs {
		if sec.ID == r.URL.Query().Get("section") {
			idx = i
		}
	}
	findings := formb.Check(ed, form)
	page := formBPage{Layout: s.layout(w, r), App: a, Edition: ed, Section: secs[idx], Progress: formb.Measure(ed, form),
		Saved: r.URL.Query().Get("saved") == "1"}
	if idx > 0 {
		page.Prev = secs[idx-1].ID
	}
	if idx+1 < len(secs) {
		page.Next = secs[idx+1].ID
	}
	answers := map[string]catalog.Answer{}
	for id, e := range form {
		answers[id] = e.Answer
	}
	for _, sec := range secs {
		page.Sections = append(page.Sections, sectionProgress(sec, form, findings))
	}
	for _, it := range secs[idx].Items {
		page.Fields = append(page.Fields, newItemField(it, form[it.ID], ed.RequiredNow(it.ID, answers), findingsOf(findings, it.ID)))
	}
	return s.render(w, r, http.StatusOK, "form_b", page)
}

func findingsOf(fs []formb.Finding, id string) []formb.Finding {
	var out []formb.Finding
	for _, f := range fs {
		if f.ItemID == id && f.Code != formb.OptionalNotGiven {
			out = append(out, f)
		}
	}
	return out
}

// saveFormB stores one section of the editor and returns to it (or goes on
// to the next section when the applicant asked for that).
func (s *Server) saveFormB(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	secID := r.PostFormValue("section")
	var sec *section
	for _, x := range sections(ed) {
		if x.ID == secID {
			x := x
			sec = &x
		}
	}
	if sec == nil {
		return errBadForm
	}
	entries := parseEntries(sec.Items, r.PostForm)
	if _, err := s.svc.SaveFormB(r.Context(), *principal(r), a.ID, versionOf(r), entries); err != nil {
		return err
	}
	next := secID
	if n := r.PostFormValue("next"); n != "" {
		next = n
	}
	return redirect(w, r, appURL(a.ID, "/form-b?section="+next+"&saved=1"), "flash.saved")
}
