package accounts

import (
	"context"
	"errors"
	"strconv"

	"nintei"
	"nintei/internal/password"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// NewUser is what AddUser needs. For applicant roles OrgName names the
// provider (created when absent); staff always join the certification body.
type NewUser struct {
	Email    string
	Name     string
	Role     nintei.Role
	Password string
	OrgName  string
}

// AddUser creates an account (the CLI's `user add` and the demo seed).
// actor may be nil for the command line.
func (s *Accounts) AddUser(ctx context.Context, actor *nintei.User, n NewUser) (nintei.User, error) {
	if err := core.MayAsActor(actor, policy.ManageUsers); err != nil {
		return nintei.User{}, err
	}
	u, err := s.checkNewUser(n)
	if err != nil {
		return nintei.User{}, err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		org, err := findOrCreateOrg(ctx, tx, actor, n)
		if err != nil {
			return err
		}
		u.OrgID = org.ID
		u, err = tx.CreateUser(ctx, u)
		if errors.Is(err, nintei.ErrDuplicate) {
			return nintei.Invalid("error.email.taken", "email")
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, userCreated(actor, u))
	})
	return u, err
}

func (s *Accounts) checkNewUser(n NewUser) (nintei.User, error) {
	email, err := nintei.NormalizeEmail(n.Email)
	if err != nil {
		return nintei.User{}, err
	}
	name, err := nintei.CheckName(n.Name, "name")
	if err != nil {
		return nintei.User{}, err
	}
	if !n.Role.Valid() {
		return nintei.User{}, nintei.Invalid("error.role.invalid", "role")
	}
	if err := nintei.CheckPasswordPolicy(n.Password); err != nil {
		return nintei.User{}, err
	}
	hash, err := password.Hash(n.Password, s.Config.PasswordParams)
	if err != nil {
		return nintei.User{}, nintei.Wrap("service.AddUser", err)
	}
	return nintei.User{Email: email, Name: name, Role: n.Role, PasswordHash: hash}, nil
}

func userCreated(actor *nintei.User, u nintei.User) nintei.AuditEvent {
	ev := core.Event(actor, "user.create", "user", strconv.FormatInt(u.ID, 10))
	ev.AfterDigest = nintei.StateDigest(map[string]any{"email": u.Email, "name": u.Name, "role": u.Role, "org": u.OrgID})
	return ev
}

// findOrCreateOrg picks the organisation a new user joins.
func findOrCreateOrg(ctx context.Context, tx store.Tx, actor *nintei.User, n NewUser) (nintei.Organization, error) {
	kind, name := nintei.OrgBody, core.BodyName
	if n.Role.IsApplicant() {
		kind = nintei.OrgProvider
		var err error
		if name, err = nintei.CheckName(n.OrgName, "org"); err != nil {
			return nintei.Organization{}, err
		}
	}
	orgs, err := tx.Organizations(ctx, kind)
	if err != nil {
		return nintei.Organization{}, err
	}
	for _, o := range orgs {
		if kind == nintei.OrgBody || o.Name == name {
			return o, nil
		}
	}
	o, err := tx.CreateOrganization(ctx, nintei.Organization{Kind: kind, Name: name})
	if err != nil {
		return o, err
	}
	ev := core.Event(actor, "organization.create", "organization", strconv.FormatInt(o.ID, 10))
	ev.AfterDigest = nintei.StateDigest(o)
	return o, tx.Audit(ctx, ev)
}
