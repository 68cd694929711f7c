package ui

import (
	"net/http"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/service/ops"
)

// auditRow is one audit event as people read it.
type auditRow struct {
	ops.AuditEntry
	When        string // the time in Japan, as the language writes it
	ActionLabel string
	TargetType  string // the kind of object, in words
	TargetText  string // its name or number
	TargetLink  string // "" when the viewer may not open it
}

type auditPage struct {
	Layout
	Form        auditForm
	Rows        []auditRow
	Actors      []nintei.User
	Kinds       []string
	TargetTypes []string
	Error       *fieldError
	Checked     int64
	Break       *nintei.ChainBreak
	Verified    bool
	ChangesURL  string
	ViewsURL    string
	CSVURL      string
	OlderURL    string
}

// showAudit lists the trail newest first, filtered, changes and page views
// on two tabs; ?verify=1 recomputes the chain (a read: it changes nothing).
func (s *Server) showAudit(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	page := auditPage{Layout: s.layout(w, r), Kinds: auditKinds(), TargetTypes: auditTargetTypes}
	var err error
	if page.Actors, err = s.svc.AuditActors(r.Context(), *p); err != nil {
		return err
	}
	form, ferr := s.parseAuditForm(r.URL.Query(), page.Lang)
	page.Form = form
	page.ChangesURL, page.ViewsURL = "/audit?"+form.query("changes").Encode(), "/audit?"+form.query("views").Encode()
	page.CSVURL = "/audit.csv?" + form.query(form.Show).Encode()
	if ferr != nil {
		fe, ok := s.formError(page.Layout, ferr)
		if !ok {
			return ferr
		}
		page.Error = &fe
		_, status := classify(ferr)
		return s.render(w, r, status, "audit", page)
	}
	entries, err := s.svc.AuditLog(r.Context(), *p, form.Filter)
	if err != nil {
		return err
	}
	page.Rows = s.auditRows(page.Layout, entries)
	if n := len(entries); n > 0 && n == form.Filter.Limit {
		q := form.query(form.Show)
		q.Set("before", strconv.FormatInt(entries[n-1].Event.Seq, 10))
		page.OlderURL = "/audit?" + q.Encode()
	}
	if r.URL.Query().Get("verify") == "1" {
		if page.Checked, page.Break, err = s.svc.VerifyAudit(r.Context()); err != nil {
			return err
		}
		page.Verified = true
	}
	return s.render(w, r, http.StatusOK, "audit", page)
}

// auditRows puts entries in words: the action's label, the target's kind
// and name, and a link where the viewer may open the target.
func (s *Server) auditRows(l Layout, entries []ops.AuditEntry) []auditRow {
	out := make([]auditRow, 0, len(entries))
	for _, e := range entries {
		row := auditRow{AuditEntry: e, When: whenText(l.Lang, e.Event.At), ActionLabel: s.auditLabel(l, "audit.action.", e.Event.Action),
			TargetType: s.auditLabel(l, "audit.target.", e.Target.Type), TargetText: e.Target.ID}
		if e.Event.ActorID == 0 {
			row.ActorName = l.T("audit.filter.system")
		}
		if e.Target.Label != "" {
			row.TargetText = e.Target.Label
			if e.Target.Type == "application" || e.Target.Type == "user" {
				row.TargetText += "（" + e.Target.ID + "）"
			}
		}
		if e.Target.Openable {
			row.TargetLink = auditTargetLink(e.Target)
		}
		out = append(out, row)
	}
	return out
}

// auditLabel is the label of name under prefix, or name itself when the
// catalog has none (an action of an older version of the program).
func (s *Server) auditLabel(l Layout, prefix, name string) string {
	if name == "" || !s.msgs.Has(prefix+name) {
		return name
	}
	return l.T(prefix + name)
}

// whenText writes a moment in Japan time: 2026年12月7日 18:00, or
// 7 Dec 2026 18:00 in English.
func whenText(lang i18n.Lang, t time.Time) string {
	if lang == i18n.English {
		return t.In(jst).Format("2 Jan 2006 15:04")
	}
	return t.In(jst).Format("2006年1月2日 15:04")
}

func auditTargetLink(t ops.AuditTarget) string {
	switch t.Type {
	case "application":
		return "/applications/" + t.ID
	case "certification":
		return "/registry/" + t.ID
	case "user":
		return "/admin/users#user-" + t.ID
	}
	return ""
}

// auditCSV downloads the filtered list (up to 10,000 events, newest
// first): UTF-8 with a BOM so that Excel reads it, every text cell
// protected against formula injection.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	l := s.layout(w, r)
	form, err := s.parseAuditForm(r.URL.Query(), l.Lang)
	if err != nil {
		return err
	}
	cw := request.CSV(w, "audit.csv", request.CachePrivate)
	_ = cw.Write([]string{l.T("audit.seq"), l.T("audit.at"), l.T("audit.actor"), l.T("field.email"), l.T("audit.action"),
		l.T("audit.filter.target_type"), l.T("audit.filter.target"), l.T("audit.object"), l.T("audit.hash")})
	f := form.Filter
	f.Limit = 500
	for n := 0; n < 10000; {
		entries, err := s.svc.AuditLog(r.Context(), *p, f)
		if err != nil {
			return err
		}
		for _, row := range s.auditRows(l, entries) {
			e := row.Event
			_ = cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.At.In(jst).Format("2006-01-02 15:04:05"),
				cell(row.ActorName), cell(e.ActorLabel), cell(row.ActionLabel), cell(row.TargetType), cell(e.ObjectID),
				cell(row.Target.Label), e.Hash})
		}
		n += len(entries)
		if len(entries) < f.Limit {
			break
		}
		f.BeforeSeq = entries[len(entries)-1].Event.Seq
	}
	cw.Flush()
	return cw.Error()
}
