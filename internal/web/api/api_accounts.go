package api

import (
	"net/http"
	"time"

	"nintei"
	"nintei/internal/web/request"
)

// accountJSON is a user as the administrator's list shows it.
type accountJSON struct {
	userJSON
	Organization orgJSON    `json:"organization"`
	Active       bool       `json:"active"`
	LastLoginAt  *time.Time `json:"last_login_at"`
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	users, err := s.svc.Users(r.Context(), *p)
	if err != nil {
		return err
	}
	invs, err := s.svc.StaffInvitations(r.Context(), *p)
	if err != nil {
		return err
	}
	outU := make([]accountJSON, 0, len(users))
	for _, u := range users {
		outU = append(outU, accountJSON{userJSON: toUserJSON(u.User), Active: u.User.Active(), LastLoginAt: u.User.LastLoginAt,
			Organization: orgJSON{ID: u.Org.ID, Kind: u.Org.Kind, Name: u.Org.Name}})
	}
	outI := make([]invitationJSON, 0, len(invs))
	for _, in := range invs {
		outI = append(outI, toInvitationJSON(in))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"users": outU, "invitations": outI})
}

func (s *Server) apiInviteStaff(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string      `json:"email"`
		Role  nintei.Role `json:"role"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	inv, err := s.svc.InviteStaff(r.Context(), *principal(r), in.Email, in.Role, langOfAPI(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toInvitationJSON(inv))
}

func (s *Server) apiChangeRole(w http.ResponseWriter, r *http.Request) error {
	id, err := request.UserID(r)
	if err != nil {
		return err
	}
	var in struct {
		Role nintei.Role `json:"role"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.ChangeRole(r.Context(), *principal(r), id, in.Role); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiSetUserActive deactivates (active false) or reactivates a user.
func (s *Server) apiSetUserActive(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := request.UserID(r)
		if err != nil {
			return err
		}
		if err := s.svc.SetUserActive(r.Context(), *principal(r), id, active); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// apiForgotPassword answers 202 with the same message whether the address
// has an account or not.
func (s *Server) apiForgotPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.limits.reset(r, in.Email); err != nil {
		return err
	}
	lang := langOfAPI(r)
	if err := s.svc.RequestPasswordReset(r.Context(), in.Email, lang); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, map[string]string{"message": s.msgs.T(lang, "reset.request.sent", nil)})
}

func (s *Server) apiResetPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token    string `json:"token"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if _, err := s.svc.ResetPassword(r.Context(), in.Token, in.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
