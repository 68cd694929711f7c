package accounts

import (
	"context"
	"errors"
	"strconv"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// Invite lets a provider's owner invite a colleague as a member. The link is
// e-mailed and works once, until InvitationTTL passes.
func (s *Accounts) Invite(ctx context.Context, p core.Principal, email string, lang i18n.Lang) (store.Invitation, error) {
	if err := p.May(policy.InviteMember); err != nil {
		return store.Invitation{}, err
	}
	org, err := s.Store.Organization(ctx, p.User.OrgID)
	if err != nil {
		return store.Invitation{}, err
	}
	return s.invite(ctx, p, org, email, nintei.RoleMember, lang)
}

// invite records an invitation of email into org with role and mails the
// single-use link (the owner's Invite and the administrator's InviteStaff).
func (s *Accounts) invite(ctx context.Context, p core.Principal, org nintei.Organization, email string, role nintei.Role, lang i18n.Lang) (store.Invitation, error) {
	email, err := nintei.NormalizeEmail(email)
	if err != nil {
		return store.Invitation{}, err
	}
	if _, err := s.Store.UserByEmail(ctx, email); err == nil {
		return store.Invitation{}, nintei.Invalid("error.email.taken", "email")
	} else if !errors.Is(err, nintei.ErrNotFound) {
		return store.Invitation{}, err
	}
	token, hash := core.NewToken()
	var inv store.Invitation
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		inv, err = tx.CreateInvitation(ctx, store.Invitation{OrgID: org.ID, Email: email, Role: role,
			TokenHash: hash, InvitedBy: p.User.ID, ExpiresAt: tx.Time().Add(s.Config.InvitationTTL)})
		if err != nil {
			return err
		}
		ev := core.Event(&p.User, "invitation.create", "invitation", strconv.FormatInt(inv.ID, 10))
		ev.AfterDigest = nintei.StateDigest(map[string]any{"email": email, "org": org.ID, "role": inv.Role})
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		return s.sendInvitation(ctx, tx, p.User, org, inv, token, lang)
	})
	return inv, err
}

// sendInvitation queues the invitation's mail in its transaction. The
// link's token is then in the mail job's payload until the job is pruned;
// the token is single-use and expires with the invitation.
func (s *Accounts) sendInvitation(ctx context.Context, tx store.Tx, from nintei.User, org nintei.Organization,
	inv store.Invitation, token string, lang i18n.Lang) error {
	args := map[string]any{"Inviter": from.Name, "Org": org.Name, "URL": s.Config.BaseURL + "/invite/" + token,
		"Expires": inv.ExpiresAt.In(core.JST).Format("2006-01-02 15:04")}
	msg := mail.Message{To: inv.Email, Subject: s.MailT(lang, "mail.invite.subject", args),
		Text: s.MailT(lang, "mail.invite.body", args)}
	return s.QueueMail(ctx, tx, msg, core.Mailed{Type: "invitation", ID: strconv.FormatInt(inv.ID, 10)})
}

// PendingInvitation is an invitation a visitor holds a link to.
type PendingInvitation struct {
	Invitation store.Invitation
	Org        nintei.Organization
}

var errInvitationInvalid = nintei.Errorf(nintei.KindNotFound, "error.invitation.invalid")

// Invitation looks up a usable invitation by its link token.
func (s *Accounts) Invitation(ctx context.Context, token string) (PendingInvitation, error) {
	inv, err := s.Store.InvitationByHash(ctx, core.HashToken(token))
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && (inv.AcceptedAt != nil || !s.Now().Before(inv.ExpiresAt))) {
		return PendingInvitation{}, errInvitationInvalid
	}
	if err != nil {
		return PendingInvitation{}, err
	}
	org, err := s.Store.Organization(ctx, inv.OrgID)
	return PendingInvitation{Invitation: inv, Org: org}, err
}

// AcceptInvitation creates the invited member's account and consumes the
// invitation in one transaction; a second use fails.
func (s *Accounts) AcceptInvitation(ctx context.Context, token, name, pw string) (nintei.User, error) {
	pending, err := s.Invitation(ctx, token)
	if err != nil {
		return nintei.User{}, err
	}
	inv := pending.Invitation
	u, err := s.checkNewUser(NewUser{Email: inv.Email, Name: name, Role: inv.Role, Password: pw})
	if err != nil {
		return nintei.User{}, err
	}
	u.OrgID = inv.OrgID
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		u, err = tx.CreateUser(ctx, u)
		if errors.Is(err, nintei.ErrDuplicate) {
			return nintei.Invalid("error.email.taken", "email")
		}
		if err != nil {
			return err
		}
		if err := tx.MarkInvitationAccepted(ctx, inv.ID, u.ID, tx.Time()); errors.Is(err, nintei.ErrNotFound) {
			return errInvitationInvalid
		} else if err != nil {
			return err
		}
		if err := tx.Audit(ctx, userCreated(&u, u)); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&u, "invitation.accept", "invitation", strconv.FormatInt(inv.ID, 10)))
	})
	return u, err
}

// Members lists the people of the actor's organisation and its invitations.
func (s *Accounts) Members(ctx context.Context, p core.Principal) ([]nintei.User, []store.Invitation, error) {
	users, err := s.Store.UsersOfOrg(ctx, p.User.OrgID)
	if err != nil {
		return nil, nil, err
	}
	invs, err := s.Store.InvitationsOfOrg(ctx, p.User.OrgID)
	return users, invs, err
}
