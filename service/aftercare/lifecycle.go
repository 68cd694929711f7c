package aftercare

import (
	"context"
	"slices"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// Ending asks to end a certification before its expiry.
type Ending struct {
	Kind    certification.Status // certification.Terminated, Revoked or Lapsed
	Grounds []string             // revocation: one or more certification.Grounds; succession: one of certification.Successions
	Reason  string               // required: why (revocation: the decision's reasons)
	On      string               // effective day, YYYY-MM-DD; empty for today; never in the future
}

var (
	errEndingReason    = nintei.Errorf(nintei.KindInvalid, "error.ending.reason")
	errEndingGrounds   = nintei.Errorf(nintei.KindInvalid, "error.ending.grounds")
	errEndingSuccessor = nintei.Errorf(nintei.KindInvalid, "error.ending.succession")
	errEndingDate      = nintei.Errorf(nintei.KindInvalid, "error.ending.date")
	errEndingKind      = nintei.Errorf(nintei.KindInvalid, "error.ending.kind")
)

// EndCertification ends a certification: the provider's termination notice
// or the secretariat's record of a succession or
// decision to revoke. Who may do which is the lifecycle table's
// (certification.Table). The registry shows the new status and the feed
// the event at once; a revocation also bars the service from applying
// again for a year (R-4.2e); the provider is told by e-mail.
func (s *Aftercare) EndCertification(ctx context.Context, p core.Principal, appID int64, e Ending) error {
	ev, ok := certification.EndEvent(e.Kind)
	if !ok {
		return errEndingKind
	}
	if err := certification.Permits(ev, p.User.Role); err != nil {
		return err
	}
	a, err := s.Application(ctx, p, appID)
	if err != nil {
		return err
	}
	c, err := s.Store.CertificationOfApplication(ctx, appID)
	if err != nil {
		return err
	}
	today := s.Day()
	on, err := checkEnding(&e, today)
	if err != nil {
		return err
	}
	if _, err := certification.Next(c.StatusOn(today), ev, p.User.Role); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := s.recordEnding(ctx, tx, p, a, c, e, on); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, endNotices[e.Kind], map[string]any{"Number": c.Number, "On": on.String()})
	})
}

func (s *Aftercare) recordEnding(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, c certification.Certification, e Ending, on civil.Date) error {
	err := tx.SetCertificationStatus(ctx, c.ID, []certification.Status{certification.Valid, certification.RenewalPending}, e.Kind)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return core.ErrNotInForce // someone ended it first
	} else if err != nil {
		return err
	}
	if err := tx.InsertCertificationEnd(ctx, certification.End{CertificationID: c.ID, Kind: e.Kind, EffectiveOn: on,
		Grounds: strings.Join(e.Grounds, ","), Reason: e.Reason, DecidedBy: p.User.ID}); err != nil {
		return err
	}
	if e.Kind == certification.Revoked {
		if err := s.recordRevocation(ctx, tx, a, c, e, on); err != nil {
			return err
		}
	}
	var grounds string // public: the grounds of a revocation, never its reasons
	if e.Kind == certification.Revoked {
		grounds = strings.Join(e.Grounds, ",")
	}
	if err := tx.AddRegistryEnding(ctx, c.Number, string(e.Kind), on.String(), grounds); err != nil {
		return err
	}
	if err := listChainForReturn(ctx, tx, c.ID, string(e.Kind), s.Day().String()); err != nil {
		return err
	}
	ev := core.Event(&p.User, "certification."+string(e.Kind), "certification", c.Number)
	return core.AuditWithDetail(ctx, tx, ev, core.LifecycleDetail{On: on.String(), Grounds: strings.Join(e.Grounds, ",")})
}

var endNotices = map[certification.Status]core.Notice{
	certification.Terminated: {Subject: "mail.ended.terminated.subject", Body: "mail.ended.terminated.body"},
	certification.Revoked:    {Subject: "mail.ended.revoked.subject", Body: "mail.ended.revoked.body"},
	certification.Lapsed:     {Subject: "mail.ended.lapsed.subject", Body: "mail.ended.lapsed.body"},
}

// checkEnding normalises an ending and returns its effective day: a
// revocation needs one or more grounds of and the reasons, a
// succession exactly one kind of; the day is never in the future.
func checkEnding(e *Ending, today civil.Date) (civil.Date, error) {
	e.Reason = strings.TrimSpace(e.Reason)
	e.Grounds = slices.Clone(e.Grounds) // sorted below: never the caller's slice
	on, err := civil.Parse(e.On)
	if err != nil || on.After(today) {
		return on, errEndingDate
	}
	if on.IsZero() {
		on = today
	}
	switch e.Kind {
	case certification.Revoked:
		if len(e.Grounds) == 0 {
			return on, errEndingGrounds
		}
		for _, g := range e.Grounds {
			if !certification.Ground(g).Valid() {
				return on, errEndingGrounds
			}
		}
		slices.Sort(e.Grounds)
		e.Grounds = slices.Compact(e.Grounds)
		if e.Reason == "" {
			return on, errEndingReason
		}
	case certification.Lapsed:
		if len(e.Grounds) != 1 || !certification.Succession(e.Grounds[0]).Valid() {
			return on, errEndingSuccessor
		}
	case certification.Terminated:
		e.Grounds = nil
	}
	return on, nil
}

// CertificationEnd returns how an application's certification ended;
// nintei.ErrNotFound while it has not.
func (s *Aftercare) CertificationEnd(ctx context.Context, p core.Principal, appID int64) (certification.End, error) {
	c, err := s.Certification(ctx, p, appID)
	if err != nil {
		return certification.End{}, err
	}
	return s.Store.CertificationEndOf(ctx, c.ID)
}

// RecordCertificateReturn notes that the certificate came back.
func (s *Aftercare) RecordCertificateReturn(ctx context.Context, p core.Principal, appID int64, on string) error {
	if err := p.May(policy.RecordReturn); err != nil {
		return err
	}
	c, err := s.Certification(ctx, p, appID)
	if err != nil {
		return err
	}
	day, err := civil.Parse(on)
	if err != nil || day.After(s.Day()) {
		return errEndingDate
	}
	if day.IsZero() {
		day = s.Day()
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.RecordCertificateReturn(ctx, c.ID, day); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "certification.certificate_returned", "certification", c.Number))
	})
}

// SweepExpiry ends, as of today, every valid certification whose last
// valid day has passed: its status becomes expired, by the
// lifecycle table's expire event, and the feed says so. A certification
// whose renewal was handed in within the window has the status
// renewal_pending and is not touched. It is idempotent, so the job
// that runs it may run it twice.
func (s *Aftercare) SweepExpiry(ctx context.Context) (int, error) {
	today := s.Day()
	due, err := s.Store.ExpiringCertifications(ctx, today)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range due {
		changed := false
		err := s.Store.InTx(ctx, func(tx store.Tx) error {
			var err error
			changed, err = expire(ctx, tx, c, certification.RoleSystem, today)
			if err != nil || !changed {
				return err
			}
			return tx.Audit(ctx, core.Event(nil, "certification.expired", "certification", c.Number))
		})
		if err != nil {
			return n, err
		}
		if changed {
			n++
		}
	}
	return n, nil
}

// expire moves a valid certification to expired (the table's expire
// event): the feed dates it the day after the last valid day, and the
// files go on the return list. changed is false when another
// instance or a renewal got there first.
func expire(ctx context.Context, tx store.Tx, c certification.Certification, role nintei.Role, today civil.Date) (changed bool, err error) {
	t, err := certification.Next(certification.Valid, certification.EvExpire, role)
	if err != nil {
		return false, err
	}
	err = tx.SetCertificationStatus(ctx, c.ID, t.From, t.To)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := tx.AddRegistryEvent(ctx, c.Number, string(t.To), c.ValidUntil.AddDays(1).String()); err != nil {
		return true, err
	}
	return true, listChainForReturn(ctx, tx, c.ID, string(t.To), today.String())
}

// RegistryEvents returns the newest public events of the registry.
func (s *Aftercare) RegistryEvents(ctx context.Context, limit int) ([]store.RegistryEvent, error) {
	return s.Store.RegistryEvents(ctx, limit)
}
