package aftercare

import (
	"context"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

var (
	errRenewalTooEarly = nintei.Errorf(nintei.KindConflict, "error.renewal.too_early")
	errRenewalClosed   = nintei.Errorf(nintei.KindConflict, "error.renewal.closed")
	errRenewalExists   = nintei.Errorf(nintei.KindConflict, "error.renewal.exists")
	errRenewalWindow   = nintei.Errorf(nintei.KindConflict, "error.renewal.window")
	errNotARenewal     = nintei.Errorf(nintei.KindConflict, "error.renewal.not_renewal")
)

// OpenRenewal starts the renewal of an application's certification:
// a draft of kind renewal whose Form A and Form B start as the current
// term's, bound to the scheme's current catalog edition. It may be opened
// from the day the first guidance goes out (four months before expiry)
// until the renewal window closes; it is handed in within the window
// which Submit checks.
func (s *Aftercare) OpenRenewal(ctx context.Context, p core.Principal, appID int64) (application.Application, error) {
	c, current, err := s.followUpOf(ctx, p, appID)
	if err != nil {
		return application.Application{}, err
	}
	if err := s.mayOpenRenewal(ctx, c); err != nil {
		return application.Application{}, err
	}
	prevEd, err := s.ApplicationEdition(ctx, current)
	if err != nil {
		return application.Application{}, err
	}
	cur, err := s.CurrentEdition(ctx, prevEd.Scheme.ID)
	if err != nil {
		return application.Application{}, err
	}
	_, ed, err := s.Edition(ctx, cur.ID)
	if err != nil {
		return application.Application{}, err
	}
	form, err := s.Store.FormB(ctx, current.ID)
	if err != nil {
		return application.Application{}, err
	}
	// A renewal started after a new edition came starts on it, with the
	// answers carried through the editions' mappings and marked.
	carried, marks, err := s.CarryForm(ctx, current.EditionID, ed.ID, form)
	if err != nil {
		return application.Application{}, err
	}
	var a application.Application
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		a, err = tx.CreateApplication(ctx, application.Application{OrgID: c.OrgID, EditionID: ed.ID, Kind: application.Renewal,
			State: application.Draft, FormA: current.FormA, CreatedBy: p.User.ID, RenewsCertificationID: c.ID,
			PreviousApplicationID: current.ID})
		if err != nil {
			return err
		}
		if err := tx.SaveFormBEntries(ctx, a.ID, p.User.ID, formb.Entries(ed, carried)); err != nil {
			return err
		}
		if err := s.auditRenewalMove(ctx, tx, p, a, current.EditionID, marks); err != nil {
			return err
		}
		ev := core.Event(&p.User, "renewal.open", "application", strconv.FormatInt(a.ID, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.RenewalOpenDetail{Certification: c.Number, Previous: current.ID})
	})
	return a, err
}

// mayOpenRenewal checks the dates and that no other renewal is under way.
func (s *Aftercare) mayOpenRenewal(ctx context.Context, c certification.Certification) error {
	today := s.Day()
	if c.Status != certification.Valid || c.StatusOn(today) != certification.Valid {
		if existing, err := s.Store.RenewalOf(ctx, c.ID); err == nil {
			return errRenewalExists.With("ID", existing.ID)
		}
		return core.ErrNotInForce
	}
	opens, closes := certification.RenewalWindow(c.ValidUntil)
	if from := certification.RenewalGuidanceDay(c.ValidUntil); today.Before(from) {
		return errRenewalTooEarly.With("From", from.String()).With("Opens", opens.String())
	}
	if today.After(closes) {
		return errRenewalClosed.With("Closes", closes.String())
	}
	existing, err := s.Store.RenewalOf(ctx, c.ID)
	if err == nil && existing.Kind == application.Change {
		return errFollowUpOpen.With("ID", existing.ID)
	} else if err == nil {
		return errRenewalExists.With("ID", existing.ID)
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	return nil
}

// auditRenewalMove marks the items of a renewal that moved to a new
// edition and records the move; nothing when the edition is the same.
func (s *Aftercare) auditRenewalMove(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, from string, marks []store.FormBMark) error {
	if from == a.EditionID {
		return nil
	}
	if err := tx.AddFormBMarks(ctx, a.ID, marks); err != nil {
		return err
	}
	ev := core.Event(&p.User, "application.edition_move", "application", strconv.FormatInt(a.ID, 10))
	return core.AuditWithDetail(ctx, tx, ev, core.EditionMoveDetail{From: from, To: a.EditionID, Marked: len(marks)})
}

// CheckRenewalSubmission is Submit's extra rule for a renewal handed in
// for the first time: within the window, while the certification
// is in force.
func (s *Aftercare) CheckRenewalSubmission(ctx context.Context, a application.Application) (certification.Certification, error) {
	c, err := s.Store.CertificationByID(ctx, a.RenewsCertificationID)
	if err != nil {
		return c, err
	}
	today := s.Day()
	if c.StatusOn(today) != certification.Valid {
		return c, core.ErrNotInForce
	}
	if !certification.InRenewalWindow(c.ValidUntil, today) {
		opens, closes := certification.RenewalWindow(c.ValidUntil)
		return c, errRenewalWindow.With("Opens", opens.String()).With("Closes", closes.String())
	}
	return c, nil
}

// MarkRenewalPending is done in Submit's transaction: from the hand-in of
// a renewal within the window the certification is "renewal pending" and
// stays in force past its last valid day until the decision.
func MarkRenewalPending(ctx context.Context, tx store.Tx, p core.Principal, c certification.Certification) error {
	t, err := certification.Next(c.Status, certification.EvSubmitRenewal, p.User.Role)
	if err != nil {
		return err
	}
	err = tx.SetCertificationStatus(ctx, c.ID, t.From, t.To)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return core.ErrNotInForce
	} else if err != nil {
		return err
	}
	return tx.Audit(ctx, core.Event(&p.User, "certification.renewal_pending", "certification", c.Number))
}

// RenewalEnded follows a renewal withdrawn or refused: the certification
// is valid again if its term has not ended, and expired from today if it
// has (it was kept in force only for the decision, R-9.2).
func (s *Aftercare) RenewalEnded(ctx context.Context, tx store.Tx, p core.Principal, a application.Application) error {
	if a.Kind != application.Renewal || a.SubmittedAt == nil {
		return nil
	}
	c, err := tx.CertificationByID(ctx, a.RenewsCertificationID)
	if err != nil || c.Status != certification.RenewalPending {
		return err
	}
	today := s.Day()
	to, err := renewalDropped(c, p.User.Role, today)
	if err != nil {
		return err
	}
	if err := tx.SetCertificationStatus(ctx, c.ID, []certification.Status{certification.RenewalPending}, to); err != nil {
		return err
	}
	if to == certification.Expired {
		if err := tx.AddRegistryEvent(ctx, c.Number, string(certification.Expired), today.String()); err != nil {
			return err
		}
		if err := listChainForReturn(ctx, tx, c.ID, string(certification.Expired), today.String()); err != nil {
			return err
		}
	}
	return tx.Audit(ctx, core.Event(&p.User, "certification.renewal_ended", "certification", c.Number))
}

// renewalDropped is where a renewal withdrawn or refused leaves its
// certification, by the lifecycle table: valid again, and expired at once
// when the last valid day has passed (it was kept in force only for the
// decision, R-9.2). Only an applicant withdraws and only staff refuse (the
// application's table), so the role tells which of the two happened.
func renewalDropped(c certification.Certification, role nintei.Role, today civil.Date) (certification.Status, error) {
	ev := certification.EvRefuseRenewal
	if policy.Allows(role, policy.Apply) {
		ev = certification.EvWithdrawRenewal
	}
	t, err := certification.Next(c.Status, ev, role)
	if err != nil || !today.After(c.ValidUntil) {
		return t.To, err
	}
	t, err = certification.Next(t.To, certification.EvExpire, certification.RoleSystem)
	return t.To, err
}

// Renew is the certify decision of a renewal, inside its transaction: the
// certification keeps its row, serial and number, and its next term runs
// two years from the day after the current term's last valid day — so a
// renewal decided early loses no day and one decided after expiry
// gains none. The registry shows the renewal's answers at once, with the
// answers still withheld withheld again, and the feed says
// "renewed".
func (s *Aftercare) Renew(ctx context.Context, tx store.Tx, p core.Principal, a application.Application) error {
	c, err := tx.CertificationByID(ctx, a.RenewsCertificationID)
	if err != nil {
		return err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	term, err := NextTerm(c, ed.Scheme.ValidityYears)
	if err != nil {
		return err
	}
	if _, err := certification.Next(c.Status, certification.EvRenew, p.User.Role); err != nil {
		return err
	}
	today := s.Day()
	term.ApplicationID, term.DecidedOn = a.ID, today
	if err := tx.RenewCertification(ctx, c.ID, term); nintei.KindOf(err) == nintei.KindNotFound {
		return core.ErrNotInForce
	} else if err != nil {
		return err
	}
	c.ApplicationID, c.ValidUntil, c.TermStartsOn, c.RenewedOn, c.Status = a.ID, term.ValidUntil, term.StartsOn, today, certification.Valid
	form, err := tx.FormB(ctx, a.ID)
	if err != nil {
		return err
	}
	pub := publicService(a, ed, form, c)
	if err := publish(ctx, tx, c, pub); err != nil {
		return err
	}
	if err := rewithhold(ctx, tx, c.Number, today.String()); err != nil {
		return err
	}
	if err := applyWithholdings(ctx, tx, a, c.Number, today.String()); err != nil { // asked with the renewal
		return err
	}
	if err := tx.AddRegistryEvent(ctx, c.Number, "renewed", today.String()); err != nil {
		return err
	}
	if err := s.listSuperseded(ctx, tx, a, today.String()); err != nil {
		return err
	}
	ev := core.Event(&p.User, "certification.renew", "certification", c.Number)
	ev.AfterDigest = nintei.StateDigest(pub)
	return core.AuditWithDetail(ctx, tx, ev, core.RenewTermDetail{StartsOn: term.StartsOn.String(), ValidUntil: term.ValidUntil.String()})
}

// NextTerm is the term a renewal grants (R-8.2 applied to a renewal): from
// the day after the current last valid day, for the scheme's validity
// (two years when unset).
func NextTerm(c certification.Certification, years int) (certification.Term, error) {
	start := c.ValidUntil.AddDays(1)
	return certification.Term{CertificationID: c.ID, StartsOn: start,
		ValidUntil: certification.ValidUntil(start, years)}, nil
}

// rewithhold withholds again, in a freshly published snapshot, the
// answers whose withholding period has not ended.
func rewithhold(ctx context.Context, tx store.Tx, number, today string) error {
	active, err := tx.ActiveWithheld(ctx, number, today)
	if err != nil || len(active) == 0 {
		return err
	}
	if err := tx.ForgetWithheld(ctx, number); err != nil {
		return err
	}
	byUntil := map[string][]string{}
	for id, until := range active {
		byUntil[until] = append(byUntil[until], id)
	}
	for until, ids := range byUntil {
		if err := withhold(ctx, tx, number, ids, until); err != nil {
			return err
		}
	}
	return nil
}

func parseDay(day string) (time.Time, error) {
	t, err := time.Parse(core.DateLayout, day)
	if err != nil {
		return t, nintei.Wrap("service.parseDay", err)
	}
	return t, nil
}

// DeclareMarkUse records the applicant's self-declaration that the mark
// was used properly during the term, which a renewal needs before
// it is handed in.
func (s *Aftercare) DeclareMarkUse(ctx context.Context, p core.Principal, id, version int64) (int64, error) {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	if a.Kind != application.Renewal {
		return 0, errNotARenewal
	}
	var v int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if v, err = tx.DeclareMarkUse(ctx, id, version, tx.Time()); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "renewal.declare_mark_use", "application", strconv.FormatInt(id, 10)))
	})
	return v, err
}

// RenewalOffer is what a certified application's page says about renewal
// the days, and whether a renewal may be opened now or is open.
type RenewalOffer struct {
	From, Opens, Closes string // preparation from, hand-in from/to
	OpenID              int64  // a renewal under way, 0 if none
	OpenState           application.State
	CanOpen             bool
	// A change notice under way, or whether one may be filed now.
	ChangeID    int64
	ChangeState application.State
	CanChange   bool
}

// RenewalOffer answers for the application of a certification's current
// term; ok is false for other applications (an earlier term, or none).
func (s *Aftercare) RenewalOffer(ctx context.Context, p core.Principal, appID int64) (RenewalOffer, bool, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return RenewalOffer{}, false, err
	}
	c, err := s.Store.CertificationOfApplication(ctx, appID)
	if nintei.KindOf(err) == nintei.KindNotFound || (err == nil && c.ApplicationID != appID) {
		return RenewalOffer{}, false, nil
	} else if err != nil {
		return RenewalOffer{}, false, err
	}
	opens, closes := certification.RenewalWindow(c.ValidUntil)
	o := RenewalOffer{From: certification.RenewalGuidanceDay(c.ValidUntil).String(), Opens: opens.String(), Closes: closes.String()}
	r, err := s.Store.RenewalOf(ctx, c.ID)
	switch {
	case err == nil && r.Kind == application.Change:
		o.ChangeID, o.ChangeState = r.ID, r.State
	case err == nil:
		o.OpenID, o.OpenState = r.ID, r.State
	case nintei.KindOf(err) != nintei.KindNotFound:
		return o, false, err
	}
	// An ended certification (revoked, terminated, lapsed, expired) has no
	// renewal to offer; only a renewal already under way is still linked.
	if o.OpenID == 0 && c.Status != certification.Valid && c.Status != certification.RenewalPending {
		return RenewalOffer{}, false, nil
	}
	o.CanOpen = p.Can(policy.FollowUp) && s.mayOpenRenewal(ctx, c) == nil
	o.CanChange = p.Can(policy.FollowUp) && err != nil &&
		c.InForceOn(s.Day())
	return o, true, nil
}

// followUpOf loads, for a renewal or change notice the applicant opens
// from an application, its certification and the application of the
// certification's current forms (which the follow-up starts from).
func (s *Aftercare) followUpOf(ctx context.Context, p core.Principal, appID int64) (certification.Certification, application.Application, error) {
	if err := p.May(policy.FollowUp); err != nil {
		return certification.Certification{}, application.Application{}, err
	}
	if _, err := s.Application(ctx, p, appID); err != nil {
		return certification.Certification{}, application.Application{}, err
	}
	c, err := s.Store.CertificationOfApplication(ctx, appID)
	if err != nil {
		return c, application.Application{}, err
	}
	current, err := s.Store.Application(ctx, c.ApplicationID)
	return c, current, err
}
