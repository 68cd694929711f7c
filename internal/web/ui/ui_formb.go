package ui

import (
	"net/http"
	"net/url"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/service/apply"
)

type formBPage struct {
	Layout
	Evidence []application.Attachment // files that can back answers, for linking
	App      application.Application
	Edition  *catalog.Edition
	Section  section
	Sections []sectionLink
	Fields   []itemField
	Progress formb.Progress
	Saved    bool
	Marked   int // items awaiting an answer or a look after an edition move
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
	atts, err := s.svc.Attachments(r.Context(), *principal(r), a.ID)
	if err != nil {
		return err
	}
	marks, err := s.svc.ItemMarks(r.Context(), *principal(r), a)
	if err != nil {
		return err
	}
	findings := append(formb.Check(ed, form), formb.MarkFindings(apply.MarksOf(marks))...)
	page := formBPage{Layout: s.layout(w, r), App: a, Edition: ed, Section: secs[idx], Progress: formb.Measure(ed, form),
		Saved: r.URL.Query().Get("saved") == "1"}
	page.Marked = len(marks)
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
	for _, att := range atts {
		if att.Purpose.SupportsItems() {
			page.Evidence = append(page.Evidence, att)
		}
	}
	for _, it := range secs[idx].Items {
		f := newItemField(it, form[it.ID], ed.RequiredNow(it.ID, answers), findingsOf(findings, it.ID))
		f.Linked = linkedTo(page.Evidence, it.ID)
		for i := range marks {
			if marks[i].ItemID == it.ID {
				f.Mark = &marks[i]
			}
		}
		page.Fields = append(page.Fields, f)
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
	if links := parseLinks(sec.Items, r.PostForm); len(links) > 0 {
		if err := s.svc.LinkAttachments(r.Context(), *principal(r), a.ID, links); err != nil {
			return err
		}
	}
	var acks []string
	for _, it := range sec.Items {
		if r.PostFormValue("ack."+it.ID) == "1" {
			acks = append(acks, it.ID)
		}
	}
	if len(acks) > 0 {
		if err := s.svc.ConfirmMarks(r.Context(), *principal(r), a.ID, acks); err != nil {
			return err
		}
	}
	next := secID
	if n := r.PostFormValue("next"); n != "" {
		next = n
	}
	return redirect(w, r, appURL(a.ID, "/form-b?section="+next+"&saved=1"), "flash.saved")
}

func linkedTo(atts []application.Attachment, itemID string) map[int64]bool {
	out := map[int64]bool{}
	for _, att := range atts {
		for _, id := range att.ItemIDs {
			if id == itemID {
				out[att.ID] = true
			}
		}
	}
	return out
}

// parseLinks reads which files each item's checkboxes name. An item whose
// marker field was posted but no box ticked gets an empty list (unlinked).
func parseLinks(items []catalog.Item, form url.Values) map[string][]int64 {
	out := map[string][]int64{}
	for _, it := range items {
		if form.Get("lp."+it.ID) != "1" {
			continue
		}
		ids := []int64{}
		for _, v := range form["l."+it.ID] {
			if n := parseInt64(v); n > 0 {
				ids = append(ids, n)
			}
		}
		out[it.ID] = ids
	}
	return out
}
