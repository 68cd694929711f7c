package web

import (
	"net/http"
	"strconv"
	"strings"

	"nintei/registry"
	"nintei/service"
)

// lifecycleView is what the application page shows about a certification
// after it was issued: its status today, how it ended, and the forms the
// viewer may use (termination, revocation, succession, certificate return).
type lifecycleView struct {
	Status  string
	InForce bool
	End     *endView
	Grounds []string
	Kinds   []string
}

type endView struct {
	Kind, EffectiveOn, Reason, ReturnedOn string
	Grounds                               []string
}

// endCertification handles the provider's termination notice and
// the secretariat's revocation and succession records.
func (s *Server) endCertification(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return errNoRoute
		}
		e := service.Ending{Kind: kind, Grounds: r.PostForm["grounds"], Reason: r.PostFormValue("reason"),
			On: strings.TrimSpace(r.PostFormValue("on"))}
		if err := s.svc.EndCertification(r.Context(), *principal(r), id, e); err != nil {
			return err
		}
		return redirect(w, r, appURL(id, ""), "flash.ended."+kind)
	}
}

// recordCertificateReturn notes the certificate's return.
func (s *Server) recordCertificateReturn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.RecordCertificateReturn(r.Context(), *principal(r), id, strings.TrimSpace(r.PostFormValue("on"))); err != nil {
		return err
	}
	return redirect(w, r, appURL(id, ""), "flash.certificate_returned")
}

// lifecycleOf builds the view for a certified application.
func (s *Server) lifecycleOf(r *http.Request, p service.Principal, appID int64, status string) (*lifecycleView, error) {
	v := &lifecycleView{Status: status, InForce: registry.InForce(status), Grounds: service.RevocationGrounds, Kinds: service.SuccessionKinds}
	end, err := s.svc.CertificationEnd(r.Context(), p, appID)
	if err == nil {
		v.End = &endView{Kind: end.Kind, EffectiveOn: end.EffectiveOn, Reason: end.Reason, ReturnedOn: end.CertificateReturnedOn}
		if end.Grounds != "" {
			v.End.Grounds = strings.Split(end.Grounds, ",")
		}
	} else if !isNotFound(err) {
		return nil, err
	}
	return v, nil
}
