package accounts

import (
	"context"
	"errors"
	"strconv"

	"nintei"
	"nintei/internal/i18n"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// UserListing is one account on the administrator's users page.
type UserListing struct {
	User nintei.User
	Org  nintei.Organization
}

var (
	errLastAdmin      = nintei.Errorf(nintei.KindConflict, "error.user.last_admin")
	errSelfDeactivate = nintei.Invalid("error.user.self_deactivate", "user")
	errRoleNotForOrg  = nintei.Invalid("error.role.not_for_org", "role")
	errNotStaffRole   = nintei.Invalid("error.role.not_staff", "role")
)

// Users lists every account with its organisation, staff first.
func (s *Accounts) Users(ctx context.Context, p core.Principal) ([]UserListing, error) {
	if err := p.May(policy.ManageUsers); err != nil {
		return nil, err
	}
	users, err := s.Store.AllUsers(ctx)
	if err != nil {
		return nil, err
	}
	orgs := map[int64]nintei.Organization{}
	out := make([]UserListing, 0, len(users))
	for _, u := range users {
		o, ok := orgs[u.OrgID]
		if !ok {
			if o, err = s.Store.Organization(ctx, u.OrgID); err != nil {
				return nil, err
			}
			orgs[u.OrgID] = o
		}
		out = append(out, UserListing{User: u, Org: o})
	}
	return out, nil
}

// StaffInvitations lists the invitations into the certification body, newest first.
func (s *Accounts) StaffInvitations(ctx context.Context, p core.Principal) ([]store.Invitation, error) {
	if err := p.May(policy.ManageUsers); err != nil {
		return nil, err
	}
	org, err := s.bodyOrg(ctx, p)
	if err != nil {
		return nil, err
	}
	return s.Store.InvitationsOfOrg(ctx, org.ID)
}

// InviteStaff invites a person into the certification body with a staff
// role (secretariat, reviewer, committee or admin); the e-mailed link
// works once, until InvitationTTL passes.
func (s *Accounts) InviteStaff(ctx context.Context, p core.Principal, email string, role nintei.Role, lang i18n.Lang) (store.Invitation, error) {
	if err := p.May(policy.InviteStaff); err != nil {
		return store.Invitation{}, err
	}
	if !role.IsStaff() {
		return store.Invitation{}, errNotStaffRole
	}
	org, err := s.bodyOrg(ctx, p)
	if err != nil {
		return store.Invitation{}, err
	}
	return s.invite(ctx, p, org, email, role, lang)
}

// bodyOrg is the certification body's organisation, created (and audited)
// when the database has none yet.
func (s *Accounts) bodyOrg(ctx context.Context, p core.Principal) (nintei.Organization, error) {
	if orgs, err := s.Store.Organizations(ctx, nintei.OrgBody); err != nil || len(orgs) > 0 {
		if err != nil {
			return nintei.Organization{}, err
		}
		return orgs[0], nil
	}
	var org nintei.Organization
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		var err error
		org, err = findOrCreateOrg(ctx, tx, &p.User, NewUser{Role: nintei.RoleSecretariat})
		return err
	})
	return org, err
}

// ChangeRole gives a user another role that fits their organisation
// (applicant roles in a provider, staff roles in the body). The last
// active administrator cannot be demoted.
func (s *Accounts) ChangeRole(ctx context.Context, p core.Principal, id int64, role nintei.Role) error {
	if err := p.May(policy.ChangeRole); err != nil {
		return err
	}
	if !role.Valid() {
		return nintei.Invalid("error.role.invalid", "role")
	}
	u, org, err := s.userAndOrg(ctx, id)
	if err != nil {
		return err
	}
	if !role.FitsOrg(org.Kind) {
		return errRoleNotForOrg
	}
	if u.Role == role {
		return nil
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(&p.User, "user.role_change", "user", strconv.FormatInt(id, 10))
		ev.BeforeDigest = nintei.StateDigest(map[string]any{"role": u.Role})
		ev.AfterDigest = nintei.StateDigest(map[string]any{"role": role})
		ev.Detail = `{"from":"` + string(u.Role) + `","to":"` + string(role) + `"}`
		if err := s.auditThenChange(ctx, tx, ev, func() error { return tx.SetUserRole(ctx, id, role) }); err != nil {
			return err
		}
		return keepAnAdmin(ctx, tx)
	})
}

// SetUserActive deactivates a user — every session of theirs ends at once,
// and neither a login nor an API token of theirs works any more — or
// reactivates one. Nobody deactivates themself, and the last active
// administrator stays.
func (s *Accounts) SetUserActive(ctx context.Context, p core.Principal, id int64, active bool) error {
	if err := p.May(policy.DeactivateUser); err != nil {
		return err
	}
	if !active && id == p.User.ID {
		return errSelfDeactivate
	}
	u, _, err := s.userAndOrg(ctx, id)
	if err != nil {
		return err
	}
	if u.Active() == active {
		return nil
	}
	action := "user.reactivate"
	if !active {
		action = "user.deactivate"
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(&p.User, action, "user", strconv.FormatInt(id, 10))
		err := s.auditThenChange(ctx, tx, ev, func() error {
			if active {
				return tx.SetUserDisabled(ctx, id, nil)
			}
			now := tx.Time()
			if err := tx.SetUserDisabled(ctx, id, &now); err != nil {
				return err
			}
			return tx.DeleteUserSessions(ctx, id, "")
		})
		if err != nil {
			return err
		}
		return keepAnAdmin(ctx, tx)
	})
}

// auditThenChange writes the audit event before the change. Appending to
// the trail locks its head row, so two administrators demoting the last
// two administrators at once are serialised, and the second one's count
// (keepAnAdmin) sees the first one's change on PostgreSQL too.
func (s *Accounts) auditThenChange(ctx context.Context, tx store.Tx, ev nintei.AuditEvent, change func() error) error {
	if err := tx.Audit(ctx, ev); err != nil {
		return err
	}
	return change()
}

// keepAnAdmin refuses a change that leaves no active administrator.
func keepAnAdmin(ctx context.Context, tx store.Tx) error {
	n, err := tx.CountActiveAdmins(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return errLastAdmin
	}
	return nil
}

func (s *Accounts) userAndOrg(ctx context.Context, id int64) (nintei.User, nintei.Organization, error) {
	u, err := s.Store.User(ctx, id)
	if errors.Is(err, nintei.ErrNotFound) {
		return u, nintei.Organization{}, nintei.Errorf(nintei.KindNotFound, "error.user.not_found")
	}
	if err != nil {
		return u, nintei.Organization{}, err
	}
	org, err := s.Store.Organization(ctx, u.OrgID)
	return u, org, err
}
