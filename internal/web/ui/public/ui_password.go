package public

import (
	"net/http"

	"nintei"
)

// forgotPage is the forgotten-password form and, after a request, the one
// answer every address gets.
type forgotPage struct {
	Layout
	Email string
	Sent  bool
	Error *fieldError
}

func (s *Server) showForgotPassword(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "password_forgot", forgotPage{Layout: s.layout(w, r)})
}

// requestPasswordReset answers alike whether the address has an account
// or not (the service sends a mail only when it has, in the same time);
// only a malformed address or too many requests get another answer.
func (s *Server) requestPasswordReset(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	email := r.PostFormValue("email")
	err := s.limits.reset(r, email)
	if err == nil {
		err = s.svc.RequestPasswordReset(r.Context(), email, langOf(r))
	}
	page := forgotPage{Layout: s.layout(w, r), Email: email, Sent: err == nil}
	if err != nil {
		fe, ok := s.formError(page.Layout, err)
		if !ok {
			return err
		}
		ne, status := classify(err)
		if status == http.StatusTooManyRequests {
			retryAfter(w, ne)
		}
		page.Error = &fe
		return s.render(w, r, status, "password_forgot", page)
	}
	return s.render(w, r, http.StatusOK, "password_forgot", page)
}

// resetPage is the form that sets a new password through a mailed link;
// with Invalid set it explains why the link no longer works.
type resetPage struct {
	Layout
	Token   string
	Email   string
	Invalid string
	Error   *fieldError
}

func (s *Server) showPasswordReset(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	page := resetPage{Layout: s.layout(w, r), Token: token}
	u, err := s.svc.PasswordResetFor(r.Context(), token)
	if err != nil {
		return s.resetLinkInvalid(w, r, page, err)
	}
	page.Email = u.Email
	return s.render(w, r, http.StatusOK, "password_reset", page)
}

// resetLinkInvalid shows why a link does not work (unknown, used,
// expired) with a way to ask for a new one.
func (s *Server) resetLinkInvalid(w http.ResponseWriter, r *http.Request, page resetPage, err error) error {
	if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	ne, _ := classify(err)
	page.Invalid = s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, http.StatusNotFound, "password_reset", page)
}

// resetPassword sets the new password; every session of the user ends, and
// they log in again with it.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	token, pw := r.PathValue("token"), r.PostFormValue("password")
	page := resetPage{Layout: s.layout(w, r), Token: token}
	var err error
	if pw != r.PostFormValue("confirm") {
		err = nintei.Invalid("error.password.mismatch", "confirm")
		u, lerr := s.svc.PasswordResetFor(r.Context(), token)
		if lerr != nil {
			return s.resetLinkInvalid(w, r, page, lerr)
		}
		page.Email = u.Email
	} else {
		var u nintei.User
		if u, err = s.svc.ResetPassword(r.Context(), token, pw); err == nil {
			s.clearSessionCookie(w)
			return redirect(w, r, "/login", "flash.password_reset")
		}
		if nintei.KindOf(err) == nintei.KindNotFound {
			return s.resetLinkInvalid(w, r, page, err)
		}
		page.Email = u.Email
	}
	fe, ok := s.formError(page.Layout, err)
	if !ok {
		return err
	}
	page.Error = &fe
	_, status := classify(err)
	return s.render(w, r, status, "password_reset", page)
}
