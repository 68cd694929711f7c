package ui

import (
	"errors"
	"net/http"

	"nintei"
	"nintei/service/accounts"
	"nintei/service/core"
	"nintei/store"
)

type accountPage struct {
	Layout
	Org       nintei.Organization
	Tokens    []core.APIToken
	NewSecret string
	Error     *fieldError
	TokenName string
	// Identities are the single sign-on accounts linked to the user, with
	// their providers' names (the configured id when no longer configured).
	Identities    []linkedIdentity
	SSOConfigured bool
}

type linkedIdentity struct {
	store.Identity
	ProviderName string
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) (accountPage, error) {
	p := principal(r)
	page := accountPage{Layout: s.layout(w, r)}
	var err error
	if page.Org, err = s.svc.OwnOrganization(r.Context(), *p); err != nil {
		return page, err
	}
	if page.Tokens, err = s.svc.APITokens(r.Context(), *p); err != nil {
		return page, err
	}
	page.SSOConfigured = len(s.opts.SSO) > 0
	ids, err := s.svc.Identities(r.Context(), *p)
	for _, id := range ids {
		page.Identities = append(page.Identities, linkedIdentity{Identity: id, ProviderName: s.ssoName(id.Provider)})
	}
	return page, err
}

// ssoName is a configured provider's display name.
func (s *Server) ssoName(id string) string {
	for _, p := range s.opts.SSO {
		if p.ID == id {
			return p.Name
		}
	}
	return id
}

// unlinkIdentity removes one of the user's linked sign-on identities.
func (s *Server) unlinkIdentity(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.UnlinkIdentity(r.Context(), *principal(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/account", "flash.sso_unlinked")
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request) error {
	page, err := s.accountPage(w, r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "account", page)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if r.PostFormValue("new") != r.PostFormValue("confirm") {
		return s.accountFormError(w, r, nintei.Invalid("error.password.mismatch", "confirm"))
	}
	err := s.svc.ChangePassword(r.Context(), *principal(r), r.PostFormValue("current"), r.PostFormValue("new"))
	if err != nil {
		return s.accountFormError(w, r, err)
	}
	return redirect(w, r, "/account", "flash.password_changed")
}

// accountFormError re-renders the account page with the problem shown.
func (s *Server) accountFormError(w http.ResponseWriter, r *http.Request, cause error) error {
	page, err := s.accountPage(w, r)
	if err != nil {
		return err
	}
	fe, ok := s.formError(page.Layout, cause)
	if !ok {
		return cause
	}
	page.Error, page.TokenName = &fe, r.PostFormValue("name")
	_, status := classify(cause)
	return s.render(w, r, status, "account", page)
}

// createToken shows the new secret once, on the response to the POST; it is
// never stored and cannot be shown again.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	tok, err := s.svc.CreateAPIToken(r.Context(), *principal(r), r.PostFormValue("name"))
	if err != nil {
		return s.accountFormError(w, r, err)
	}
	page, err := s.accountPage(w, r)
	if err != nil {
		return err
	}
	page.NewSecret = tok.Secret
	return s.render(w, r, http.StatusOK, "account", page)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.RevokeAPIToken(r.Context(), *principal(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/account", "flash.token_revoked")
}

type membersPage struct {
	Layout
	Org         nintei.Organization
	Users       []nintei.User
	Invitations []core.Invitation
	Email       string
	Error       *fieldError
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request) (membersPage, error) {
	p := principal(r)
	page := membersPage{Layout: s.layout(w, r)}
	var err error
	if page.Org, err = s.svc.OwnOrganization(r.Context(), *p); err != nil {
		return page, err
	}
	page.Users, page.Invitations, err = s.svc.Members(r.Context(), *p)
	return page, err
}

func (s *Server) showMembers(w http.ResponseWriter, r *http.Request) error {
	page, err := s.membersPage(w, r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "members", page)
}

func (s *Server) inviteMember(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	_, err := s.svc.Invite(r.Context(), *principal(r), r.PostFormValue("email"), langOf(r))
	if err == nil {
		return redirect(w, r, "/members", "flash.invited")
	}
	page, perr := s.membersPage(w, r)
	if perr != nil {
		return perr
	}
	fe, ok := s.formError(page.Layout, err)
	if !ok {
		return err
	}
	page.Error, page.Email = &fe, r.PostFormValue("email")
	_, status := classify(err)
	return s.render(w, r, status, "members", page)
}

type invitationPage struct {
	Layout
	Invitation accounts.PendingInvitation
	Token      string
	Name       string
	Error      *fieldError
	// SSO are the providers the invitee may accept with (the _sso.html
	// partial); SSOInvitation is the token they carry, Next unused.
	SSO           []ssoButton
	SSOInvitation string
	Next          string
}

type ssoButton struct{ ID, Name string }

// ssoFor lists the providers open to an invitee of role.
func (s *Server) ssoFor(role nintei.Role) []ssoButton {
	var out []ssoButton
	for _, p := range s.opts.SSO {
		if p.Allows(role.IsStaff()) {
			out = append(out, ssoButton{ID: p.ID, Name: p.Name})
		}
	}
	return out
}

func (s *Server) showInvitation(w http.ResponseWriter, r *http.Request) error {
	inv, err := s.svc.Invitation(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	page := invitationPage{Layout: s.layout(w, r), Invitation: inv, Token: r.PathValue("token"),
		SSO: s.ssoFor(inv.Invitation.Role), SSOInvitation: r.PathValue("token")}
	return s.render(w, r, http.StatusOK, "invitation", page)
}

// acceptInvitation creates the member's account and logs them in.
func (s *Server) acceptInvitation(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	token, name, pw := r.PathValue("token"), r.PostFormValue("name"), r.PostFormValue("password")
	var err error
	if pw != r.PostFormValue("confirm") {
		err = nintei.Invalid("error.password.mismatch", "confirm")
	} else {
		var u nintei.User
		if u, err = s.svc.AcceptInvitation(r.Context(), token, name, pw); err == nil {
			login, lerr := s.svc.LogIn(r.Context(), u.Email, pw, "")
			if lerr != nil {
				return lerr
			}
			s.setSessionCookie(w, login.Token)
			return redirect(w, r, "/dashboard", "flash.welcome")
		}
	}
	inv, ierr := s.svc.Invitation(r.Context(), token)
	if ierr != nil || errors.Is(err, ierr) {
		return ierr
	}
	page := invitationPage{Layout: s.layout(w, r), Invitation: inv, Token: token, Name: name,
		SSO: s.ssoFor(inv.Invitation.Role), SSOInvitation: token}
	fe, ok := s.formError(page.Layout, err)
	if !ok {
		return err
	}
	page.Error = &fe
	_, status := classify(err)
	return s.render(w, r, status, "invitation", page)
}
