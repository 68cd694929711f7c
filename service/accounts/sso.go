package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"nintei"
	"nintei/service/core"
	"nintei/store"
)

// SSOIdentity is who an OpenID Connect provider vouched for (package
// internal/sso verified the ID token), with what the provider's
// configuration allows.
type SSOIdentity struct {
	Provider      string // the configured provider's id
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	StaffOnly     bool // the provider is for the body's staff
	ApplicantOnly bool // the provider is for the providers' people
}

// The refusals of a single sign-on; none creates an account.
var (
	errSSOUnverified = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.email_unverified")
	errSSOUnknown    = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.unknown")
	errSSOKind       = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.kind")
	errSSOLinked     = nintei.Errorf(nintei.KindConflict, "error.sso.linked_elsewhere")
)

// LogInWithIdentity signs in through a provider's identity and opens a
// session as a password login does (oldToken's session ends). A linked
// identity (issuer and subject) finds its user whatever its e-mail says
// now; an unlinked one is linked to the active user with the same
// verified e-mail, or, with an invitation token, to the invitee's new
// account. Roles are nintei's: the provider never grants one.
func (s *Accounts) LogInWithIdentity(ctx context.Context, id SSOIdentity, invitation, oldToken string) (Login, error) {
	if !id.EmailVerified {
		return Login{}, errSSOUnverified
	}
	link, err := s.Store.IdentityBySubject(ctx, id.Issuer, id.Subject)
	switch {
	case err == nil:
		return s.ssoLinked(ctx, id, link, oldToken)
	case !errors.Is(err, nintei.ErrNotFound):
		return Login{}, err
	case invitation != "":
		return s.ssoInvitation(ctx, id, invitation, oldToken)
	}
	email, err := nintei.NormalizeEmail(id.Email)
	if err != nil {
		return Login{}, errSSOUnknown
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && !u.Active()) {
		return Login{}, errSSOUnknown
	} else if err != nil {
		return Login{}, err
	}
	if !id.allows(u.Role) {
		return Login{}, errSSOKind
	}
	return s.openSessionWith(ctx, u, oldToken, ssoLoginEvent(id), func(tx store.Tx, u *nintei.User) error {
		return s.link(ctx, tx, *u, id, "email")
	})
}

func (id SSOIdentity) allows(r nintei.Role) bool {
	return !(id.StaffOnly && !r.IsStaff()) && !(id.ApplicantOnly && !r.IsApplicant())
}

// ssoLinked signs in the user an identity is linked to.
func (s *Accounts) ssoLinked(ctx context.Context, id SSOIdentity, link store.Identity, oldToken string) (Login, error) {
	u, err := s.Store.User(ctx, link.UserID)
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && !u.Active()) {
		return Login{}, errSSOUnknown
	} else if err != nil {
		return Login{}, err
	}
	if !id.allows(u.Role) {
		return Login{}, errSSOKind
	}
	return s.openSessionWith(ctx, u, oldToken, ssoLoginEvent(id), func(tx store.Tx, _ *nintei.User) error {
		return tx.TouchIdentity(ctx, link.ID, tx.Time())
	})
}

// ssoInvitation accepts an invitation by signing in: the invitee's
// account is made with the invitation's address and role (no password;
// a reset sets one) and the identity linked to it.
func (s *Accounts) ssoInvitation(ctx context.Context, id SSOIdentity, token, oldToken string) (Login, error) {
	pending, err := s.Invitation(ctx, token)
	if err != nil {
		return Login{}, err
	}
	inv := pending.Invitation
	if !id.allows(inv.Role) {
		return Login{}, errSSOKind
	}
	name := id.Name
	if name == "" {
		name, _, _ = strings.Cut(id.Email, "@")
	}
	if name, err = nintei.CheckName(name, "name"); err != nil {
		return Login{}, err
	}
	invitee := nintei.User{Email: inv.Email, Name: name, Role: inv.Role, OrgID: inv.OrgID}
	return s.openSessionWith(ctx, invitee, oldToken, ssoLoginEvent(id), func(tx store.Tx, u *nintei.User) error {
		var err error
		if *u, err = tx.CreateUser(ctx, *u); errors.Is(err, nintei.ErrDuplicate) {
			return nintei.Invalid("error.email.taken", "email")
		} else if err != nil {
			return err
		}
		if err := tx.MarkInvitationAccepted(ctx, inv.ID, u.ID, tx.Time()); errors.Is(err, nintei.ErrNotFound) {
			return errInvitationInvalid
		} else if err != nil {
			return err
		}
		if err := tx.Audit(ctx, userCreated(u, *u)); err != nil {
			return err
		}
		if err := tx.Audit(ctx, core.Event(u, "invitation.accept", "invitation", strconv.FormatInt(inv.ID, 10))); err != nil {
			return err
		}
		return s.link(ctx, tx, *u, id, "invitation")
	})
}

// link stores the identity's link to u and audits it; via says how it was
// found (the verified e-mail or an invitation).
func (s *Accounts) link(ctx context.Context, tx store.Tx, u nintei.User, id SSOIdentity, via string) error {
	l, err := tx.LinkIdentity(ctx, store.Identity{UserID: u.ID, Provider: id.Provider, Issuer: id.Issuer,
		Subject: id.Subject, Email: id.Email, LinkedAt: tx.Time()})
	if errors.Is(err, nintei.ErrDuplicate) {
		return errSSOLinked
	} else if err != nil {
		return err
	}
	if err := tx.TouchIdentity(ctx, l.ID, tx.Time()); err != nil { // linked by signing in: used now
		return err
	}
	ev := core.Event(&u, "user.identity_link", "user", strconv.FormatInt(u.ID, 10))
	ev.Detail = detail(map[string]any{"provider": id.Provider, "identity": l.ID, "via": via})
	return tx.Audit(ctx, ev)
}

// ssoLoginEvent is the audit event of a sign-in through a provider.
func ssoLoginEvent(id SSOIdentity) func(*nintei.User) nintei.AuditEvent {
	return func(u *nintei.User) nintei.AuditEvent {
		ev := core.Event(u, "user.login_sso", "user", strconv.FormatInt(u.ID, 10))
		ev.Detail = detail(map[string]any{"provider": id.Provider})
		return ev
	}
}

// detail is an audit event's JSON context (ids and names, no secrets).
func detail(m map[string]any) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// Identities lists the actor's linked identities.
func (s *Accounts) Identities(ctx context.Context, p core.Principal) ([]store.Identity, error) {
	return s.Store.IdentitiesOfUser(ctx, p.User.ID)
}

// UnlinkIdentity removes one of the actor's own linked identities.
func (s *Accounts) UnlinkIdentity(ctx context.Context, p core.Principal, id int64) error {
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.UnlinkIdentity(ctx, p.User.ID, id); err != nil {
			return err
		}
		ev := core.Event(&p.User, "user.identity_unlink", "user", strconv.FormatInt(p.User.ID, 10))
		ev.Detail = detail(map[string]any{"identity": id})
		return tx.Audit(ctx, ev)
	})
}
