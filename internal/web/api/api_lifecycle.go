package api

import (
	"net/http"
	"strings"

	"nintei/certification"
	"nintei/civil"
	"nintei/service/aftercare"
)

type endingBody struct {
	Grounds []string `json:"grounds"`
	Reason  string   `json:"reason"`
	On      string   `json:"on"`
}

type endedJSON struct {
	Kind                  string   `json:"kind"`
	EffectiveOn           string   `json:"effective_on"`
	Grounds               []string `json:"grounds,omitempty"`
	Reason                string   `json:"reason,omitempty"`
	CertificateReturnedOn string   `json:"certificate_returned_on,omitempty"`
}

type certificationStatusJSON struct {
	Number     string     `json:"number"`
	Status     string     `json:"status"`
	ValidUntil string     `json:"valid_until"`
	Ended      *endedJSON `json:"ended,omitempty"`
}

func (s *Server) apiEndCertification(kind certification.Status) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if _, err := s.svc.Certification(r.Context(), *principal(r), id); err != nil {
			return err // another provider's application is not found, whatever the body
		}
		var in endingBody
		if err := decodeJSON(r, &in); err != nil {
			return err
		}
		e := aftercare.Ending{Kind: kind, Grounds: in.Grounds, Reason: in.Reason, On: strings.TrimSpace(in.On)}
		if err := s.svc.EndCertification(r.Context(), *principal(r), id, e); err != nil {
			return err
		}
		return s.apiCertificationStatus(w, r)
	}
}

func (s *Server) apiCertificateReturn(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.Certification(r.Context(), *principal(r), id); err != nil {
		return err
	}
	var in struct {
		On string `json:"on"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.RecordCertificateReturn(r.Context(), *principal(r), id, strings.TrimSpace(in.On)); err != nil {
		return err
	}
	return s.apiCertificationStatus(w, r)
}

// apiCertificationStatus shows the certification to those who may see the
// application (its provider and staff).
func (s *Server) apiCertificationStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := *principal(r)
	c, err := s.svc.Certification(r.Context(), p, id)
	if err != nil {
		return err
	}
	status := c.StatusOn(civil.DateOf(s.svc.Today()))
	out := certificationStatusJSON{Number: c.Number, ValidUntil: c.ValidUntil.String(), Status: string(status)}
	v, err := s.lifecycleOf(r, p, id, status)
	if err != nil {
		return err
	}
	if e := v.End; e != nil {
		out.Ended = &endedJSON{Kind: e.Kind, EffectiveOn: e.EffectiveOn, Grounds: e.Grounds, Reason: e.Reason, CertificateReturnedOn: e.ReturnedOn}
	}
	return writeJSON(w, http.StatusOK, out)
}
