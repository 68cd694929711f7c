package ui

import (
	"net/http"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/web/request"
	"nintei/service/accounts"
	"nintei/service/core"
)

// usersPage is the administrator's list of every account, with the staff
// invitation form and the actions on each user.
type usersPage struct {
	Layout
	Users       []accounts.UserListing
	Invitations []core.Invitation
	StaffRoles  []nintei.Role
	Email       string
	Role        nintei.Role
	Error       *fieldError
	ErrorUser   int64 // the user whose action failed, 0 for the invitation form
}

var staffRoles = []nintei.Role{nintei.RoleSecretariat, nintei.RoleReviewer, nintei.RoleCommittee, nintei.RoleAdmin}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) (usersPage, error) {
	p := principal(r)
	page := usersPage{Layout: s.layout(w, r), StaffRoles: staffRoles, Role: nintei.RoleReviewer}
	var err error
	if page.Users, err = s.svc.Users(r.Context(), *p); err != nil {
		return page, err
	}
	page.Invitations, err = s.svc.StaffInvitations(r.Context(), *p)
	return page, err
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request) error {
	page, err := s.usersPage(w, r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "users", page)
}

func (s *Server) inviteStaff(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	role := nintei.Role(r.PostFormValue("role"))
	_, err := s.svc.InviteStaff(r.Context(), *principal(r), r.PostFormValue("email"), role, langOf(r))
	if err == nil {
		return redirect(w, r, "/admin/users", "flash.staff_invited")
	}
	return s.usersFormError(w, r, err, 0, func(p *usersPage) { p.Email, p.Role = r.PostFormValue("email"), role })
}

func (s *Server) changeUserRole(w http.ResponseWriter, r *http.Request) error {
	id, err := userID(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.svc.ChangeRole(r.Context(), *principal(r), id, nintei.Role(r.PostFormValue("role"))); err != nil {
		return s.usersFormError(w, r, err, id, nil)
	}
	return redirect(w, r, "/admin/users#user-"+strconv.FormatInt(id, 10), "flash.user.role_changed")
}

// setUserActive is the handler of deactivate (active false) or reactivate.
func (s *Server) setUserActive(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := userID(r)
		if err != nil {
			return err
		}
		if err := s.svc.SetUserActive(r.Context(), *principal(r), id, active); err != nil {
			return s.usersFormError(w, r, err, id, nil)
		}
		flash := "flash.user.reactivated"
		if !active {
			flash = "flash.user.deactivated"
		}
		return redirect(w, r, "/admin/users#user-"+strconv.FormatInt(id, 10), flash)
	}
}

func userID(r *http.Request) (int64, error) { return request.UserID(r) }

// usersFormError re-renders the users page with the problem shown next to
// the form it came from (the invitation, or the user's row).
func (s *Server) usersFormError(w http.ResponseWriter, r *http.Request, cause error, uid int64, keep func(*usersPage)) error {
	page, err := s.usersPage(w, r)
	if err != nil {
		return err
	}
	fe, ok := s.formError(page.Layout, cause)
	if !ok {
		return cause
	}
	page.Error, page.ErrorUser = &fe, uid
	if keep != nil {
		keep(&page)
	}
	_, status := classify(cause)
	return s.render(w, r, status, "users", page)
}

// RolesFor lists the roles a user of an organisation of kind k may hold.
func (usersPage) RolesFor(k nintei.OrgKind) []nintei.Role {
	var out []nintei.Role
	for _, r := range nintei.Roles {
		if r.FitsOrg(k) {
			out = append(out, r)
		}
	}
	return out
}

// When writes a moment (a time.Time or a non-nil *time.Time) as the page's
// language does (whenText).
func (p usersPage) When(t any) string {
	switch v := t.(type) {
	case time.Time:
		return whenText(p.Lang, v)
	case *time.Time:
		if v != nil {
			return whenText(p.Lang, *v)
		}
	}
	return ""
}
