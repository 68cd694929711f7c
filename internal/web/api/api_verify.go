package api

import "net/http"

// apiVerify is the verification in the API: any spelling of a number is
// answered as the number issued; 404 with found false when unknown.
func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) error {
	number, err := s.svc.CanonicalNumber(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	return s.writeVerification(w, r.Context(), number)
}
