package ui

import (
	"net/http"
	"time"

	"nintei/internal/web/request"
	"nintei/internal/web/ui/page"
)

type auditTargetJSON struct {
	Type  string `json:"type"`
	ID    string `json:"id"`
	Label string `json:"label,omitempty"`
	URL   string `json:"url,omitempty"` // set when the caller may open it
}

type auditEventJSON struct {
	Seq          int64           `json:"seq"`
	At           time.Time       `json:"at"`
	ActorID      int64           `json:"actor_id"`
	ActorLabel   string          `json:"actor"`
	ActorName    string          `json:"actor_name"`
	Action       string          `json:"action"`
	ActionLabel  string          `json:"action_label"`
	ObjectType   string          `json:"object_type"`
	ObjectID     string          `json:"object_id"`
	Target       auditTargetJSON `json:"target"`
	BeforeDigest string          `json:"before_digest"`
	AfterDigest  string          `json:"after_digest"`
	Hash         string          `json:"hash"`
}

// apiAuditEvents lists the trail with the filter of the audit log page
// (actor, kind, action, object_type, object_id, from, to, show, before,
// limit); show is "all" unless given, as before the filter existed.
func (s *Server) apiAuditEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if q.Get("show") == "" {
		q.Set("show", "all")
	}
	q.Set("type", q.Get("object_type"))
	q.Set("target", q.Get("object_id"))
	lang := request.LangOfAPI(r)
	form, err := s.parseAuditForm(q, lang)
	if err != nil {
		return err
	}
	entries, err := s.svc.AuditLog(r.Context(), *principal(r), form.Filter)
	if err != nil {
		return err
	}
	l := page.NewLayout(s.msgs, lang, nil)
	out := make([]auditEventJSON, 0, len(entries))
	for _, row := range s.auditRows(l, entries) {
		e := row.Event
		out = append(out, auditEventJSON{Seq: e.Seq, At: e.At, ActorID: e.ActorID, ActorLabel: e.ActorLabel, ActorName: row.ActorName,
			Action: e.Action, ActionLabel: row.ActionLabel, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
			Target:       auditTargetJSON{Type: e.ObjectType, ID: e.ObjectID, Label: row.Target.Label, URL: row.TargetLink},
			BeforeDigest: e.BeforeDigest, AfterDigest: e.AfterDigest, Hash: e.Hash})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"events": out})
}
