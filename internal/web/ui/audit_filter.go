package ui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/service/ops"
)

// auditForm is the audit log's filter as typed (kept to show it again) and
// as parsed for the service.
type auditForm struct {
	Actor, Kind, Action, Type, Target, From, To, Show string
	Filter                                            ops.AuditFilter
}

// auditTargetTypes are the kinds of objects the audit trail names, in the
// order the filter offers them.
var auditTargetTypes = []string{"application", "certification", "user", "invitation", "api_token", "organization",
	"catalog_edition", "invoice", "inquiry", "withholding", "supervision", "incident", "maintenance", "attachment"}

// parseAuditForm reads the filter from a query. A day may be written
// 2026-12-07, 2026/12/7 or 2026年12月7日; a bad one is an error naming its
// field (the label of from or to), with what is expected.
func (s *Server) parseAuditForm(q url.Values, lang i18n.Lang) (auditForm, error) {
	f := auditForm{Actor: q.Get("actor"), Kind: q.Get("kind"), Action: q.Get("action"), Type: q.Get("type"),
		Target: strings.TrimSpace(q.Get("target")), From: q.Get("from"), To: q.Get("to"), Show: q.Get("show")}
	if f.Show != "views" && f.Show != "all" {
		f.Show = "changes"
	}
	flt := ops.AuditFilter{Kind: f.Kind, Action: f.Action, ObjectType: f.Type, ObjectID: f.Target, Show: f.Show,
		BeforeSeq: parseInt64(q.Get("before")), Limit: atoiOr(q.Get("limit"), 100)}
	if f.Actor != "" {
		id, err := strconv.ParseInt(f.Actor, 10, 64)
		if err != nil || id < 0 {
			return f, nintei.Invalid("error.audit.actor", "actor")
		}
		flt.ActorID, flt.HasActor = id, true
	}
	var err error
	if flt.From, err = civil.ParseWritten(f.From); err != nil {
		return f, s.dateError(lang, "audit.filter.from", "from")
	}
	if flt.To, err = civil.ParseWritten(f.To); err != nil {
		return f, s.dateError(lang, "audit.filter.to", "to")
	}
	if !flt.From.IsZero() && !flt.To.IsZero() && flt.To.Before(flt.From) {
		return f, nintei.Invalid("error.audit.range", "to")
	}
	f.Filter = flt
	return f, nil
}

func (s *Server) dateError(lang i18n.Lang, labelKey, field string) error {
	return nintei.Invalid("error.audit.date", field).With("Label", s.msgs.T(lang, labelKey, nil))
}

// query is the filter as URL parameters, with show set as given (the
// tabs) and paging left out.
func (f auditForm) query(show string) url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"actor": f.Actor, "kind": f.Kind, "action": f.Action, "type": f.Type,
		"target": f.Target, "from": f.From, "to": f.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if show != "changes" {
		v.Set("show", show)
	}
	return v
}

// auditKinds are the action groups for the filter, in the order of their keys.
func auditKinds() []string {
	var kinds []string
	for _, a := range ops.AuditActions() {
		k, _, _ := strings.Cut(a, ".")
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	return kinds
}
