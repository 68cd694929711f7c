package ui

import (
	"net/http"
	"strings"

	"nintei/certification"
	"nintei/service"
	"nintei/service/aftercare"
)

// endCertification handles the provider's termination notice and
// the secretariat's revocation and succession records.
func (s *Server) endCertification(kind certification.Status) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return errNoRoute
		}
		e := aftercare.Ending{Kind: kind, Grounds: r.PostForm["grounds"], Reason: r.PostFormValue("reason"),
			On: strings.TrimSpace(r.PostFormValue("on"))}
		if err := s.svc.EndCertification(r.Context(), *principal(r), id, e); err != nil {
			return err
		}
		return redirect(w, r, appURL(id, ""), "flash.ended."+string(kind))
	}
}

// recordCertificateReturn notes the certificate's return.
func (s *Server) recordCertificateReturn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.RecordCertificateReturn(r.Context(), *principal(r), id, strings.TrimSpace(r.PostFormValue("on"))); err != nil {
		return err
	}
	return redirect(w, r, appURL(id, ""), "flash.certificate_returned")
}

// lifecycleOf builds the view for a certified application.
func (s *Server) lifecycleOf(r *http.Request, p service.Principal, appID int64, status certification.Status) (*lifecycleView, error) {
	v := &lifecycleView{Status: string(status), InForce: certification.InForce(status), Grounds: groundIDs(), Kinds: successionIDs()}
	end, err := s.svc.CertificationEnd(r.Context(), p, appID)
	if err == nil {
		v.End = &endView{Kind: string(end.Kind), EffectiveOn: end.EffectiveOn.String(), Reason: end.Reason,
			ReturnedOn: end.CertificateReturnedOn.String()}
		if end.Grounds != "" {
			v.End.Grounds = strings.Split(end.Grounds, ",")
		}
	} else if !isNotFound(err) {
		return nil, err
	}
	return v, nil
}

// groundIDs are the letters of the revocation grounds the form offers.
func groundIDs() []string {
	var out []string
	for _, g := range certification.Grounds {
		out = append(out, string(g.Ground))
	}
	return out
}

// successionIDs are the kinds of succession the form offers.
func successionIDs() []string {
	var out []string
	for _, k := range certification.Successions {
		out = append(out, string(k))
	}
	return out
}
