package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"nintei"
	"nintei/application"
	"nintei/registry"
	"nintei/sqlstore"
)

// dateLayout is the program's calendar date (Japan).
const dateLayout = "2006-01-02"

// RevocationGrounds are the grounds of, a to j.
var RevocationGrounds = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}

// SuccessionKinds are the events of that end a certification.
var SuccessionKinds = []string{"transfer", "merger", "split", "inheritance"}

// Ending asks to end a certification before its expiry.
type Ending struct {
	Kind    string   // registry.StatusTerminated, StatusRevoked or StatusLapsed
	Grounds []string // revocation: one or more of RevocationGrounds; succession: one of SuccessionKinds
	Reason  string   // required: why (revocation: the decision's reasons)
	On      string   // effective day, YYYY-MM-DD; empty for today; never in the future
}

var (
	errEndingReason    = nintei.Errorf(nintei.KindInvalid, "error.ending.reason")
	errEndingGrounds   = nintei.Errorf(nintei.KindInvalid, "error.ending.grounds")
	errEndingSuccessor = nintei.Errorf(nintei.KindInvalid, "error.ending.succession")
	errEndingDate      = nintei.Errorf(nintei.KindInvalid, "error.ending.date")
	errEndingKind      = nintei.Errorf(nintei.KindInvalid, "error.ending.kind")
	errNotInForce      = nintei.Errorf(nintei.KindConflict, "error.ending.not_in_force")
)

// EndCertification ends a certification: the provider's termination notice
// or the secretariat's record of a succession or
// decision to revoke. The registry shows the new status and the
// feed the event at once; a revocation also bars the service from applying
// again for a year (R-4.2e); the provider is told by e-mail.
func (s *Service) EndCertification(ctx context.Context, p Principal, appID int64, e Ending) error {
	if err := mayEnd(p, e.Kind); err != nil {
		return err
	}
	a, err := s.Application(ctx, p, appID)
	if err != nil {
		return err
	}
	c, err := s.store.CertificationOfApplication(ctx, appID)
	if err != nil {
		return err
	}
	today := s.Today().Format(dateLayout)
	if err := checkEnding(&e, today); err != nil {
		return err
	}
	if !registry.InForce(registry.PublicStatus(c.Status, c.ValidUntil, today)) {
		return errNotInForce
	}
	err = s.store.InTx(ctx, func(tx *sqlstore.Tx) error {
		return s.recordEnding(ctx, tx, p, a, c, e)
	})
	if err != nil {
		return err
	}
	s.notifyApplicant(ctx, a, endNotices[e.Kind],
		map[string]any{"Number": c.Number, "On": e.On})
	return nil
}

func (s *Service) recordEnding(ctx context.Context, tx *sqlstore.Tx, p Principal, a application.Application, c sqlstore.Certification, e Ending) error {
	err := tx.SetCertificationStatus(ctx, c.ID, []string{registry.StatusValid, registry.StatusRenewalPending}, e.Kind)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return errNotInForce // someone ended it first
	} else if err != nil {
		return err
	}
	if err := tx.InsertCertificationEnd(ctx, sqlstore.CertificationEnd{CertificationID: c.ID, Kind: e.Kind, EffectiveOn: e.On,
		Grounds: strings.Join(e.Grounds, ","), Reason: e.Reason, DecidedBy: p.User.ID}); err != nil {
		return err
	}
	if e.Kind == registry.StatusRevoked {
		if err := s.recordRevocation(ctx, tx, a, c, e); err != nil {
			return err
		}
	}
	if err := tx.AddRegistryEvent(ctx, c.Number, e.Kind, e.On); err != nil {
		return err
	}
	if err := listChainForReturn(ctx, tx, c.ID, e.Kind, s.Today().Format(dateLayout)); err != nil {
		return err
	}
	ev := event(&p.User, "certification."+e.Kind, "certification", c.Number)
	ev.Detail = `{"on":"` + e.On + `","grounds":"` + strings.Join(e.Grounds, ",") + `"}`
	return tx.Audit(ctx, ev)
}

var endNotices = map[string]notice{
	registry.StatusTerminated: {"mail.ended.terminated.subject", "mail.ended.terminated.body"},
	registry.StatusRevoked:    {"mail.ended.revoked.subject", "mail.ended.revoked.body"},
	registry.StatusLapsed:     {"mail.ended.lapsed.subject", "mail.ended.lapsed.body"},
}

// mayEnd: the provider files its own termination; the secretariat records
// successions and decides revocations.
func mayEnd(p Principal, kind string) error {
	switch kind {
	case registry.StatusTerminated:
		if p.User.Role == nintei.RoleOwner || p.User.Role == nintei.RoleSecretariat {
			return nil
		}
	case registry.StatusRevoked, registry.StatusLapsed:
		if p.User.Role == nintei.RoleSecretariat {
			return nil
		}
	default:
		return errEndingKind
	}
	return nintei.Errorf(nintei.KindForbidden, "error.forbidden")
}

func checkEnding(e *Ending, today string) error {
	e.Reason = strings.TrimSpace(e.Reason)
	e.Grounds = slices.Clone(e.Grounds) // sorted below: never the caller's slice
	if e.On == "" {
		e.On = today
	}
	if _, err := time.Parse(dateLayout, e.On); err != nil || e.On > today {
		return errEndingDate
	}
	switch e.Kind {
	case registry.StatusRevoked:
		if len(e.Grounds) == 0 {
			return errEndingGrounds
		}
		for _, g := range e.Grounds {
			if !slices.Contains(RevocationGrounds, g) {
				return errEndingGrounds
			}
		}
		slices.Sort(e.Grounds)
		e.Grounds = slices.Compact(e.Grounds)
		if e.Reason == "" {
			return errEndingReason
		}
	case registry.StatusLapsed:
		if len(e.Grounds) != 1 || !slices.Contains(SuccessionKinds, e.Grounds[0]) {
			return errEndingSuccessor
		}
	case registry.StatusTerminated:
		e.Grounds = nil
	}
	return nil
}

// CertificationEnd returns how an application's certification ended;
// nintei.ErrNotFound while it has not.
func (s *Service) CertificationEnd(ctx context.Context, p Principal, appID int64) (sqlstore.CertificationEnd, error) {
	c, err := s.Certification(ctx, p, appID)
	if err != nil {
		return sqlstore.CertificationEnd{}, err
	}
	return s.store.CertificationEndOf(ctx, c.ID)
}

// RecordCertificateReturn notes that the certificate came back.
func (s *Service) RecordCertificateReturn(ctx context.Context, p Principal, appID int64, on string) error {
	if p.User.Role != nintei.RoleSecretariat {
		return nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	}
	c, err := s.Certification(ctx, p, appID)
	if err != nil {
		return err
	}
	today := s.Today().Format(dateLayout)
	if on == "" {
		on = today
	}
	if _, err := time.Parse(dateLayout, on); err != nil || on > today {
		return errEndingDate
	}
	return s.store.InTx(ctx, func(tx *sqlstore.Tx) error {
		if err := tx.RecordCertificateReturn(ctx, c.ID, on); err != nil {
			return err
		}
		return tx.Audit(ctx, event(&p.User, "certification.certificate_returned", "certification", c.Number))
	})
}

// SweepExpiry ends, as of today, every valid certification whose last
// valid day has passed: its status becomes expired and the feed
// says so. A certification whose renewal was applied for within the
// window has the status renewal_pending and is not touched. It is
// idempotent, so the job that runs it may run it twice.
func (s *Service) SweepExpiry(ctx context.Context) (int, error) {
	today := s.Today()
	due, err := s.store.ExpiringCertifications(ctx, today.Format(dateLayout))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range due {
		changed := false
		err := s.store.InTx(ctx, func(tx *sqlstore.Tx) error {
			err := tx.SetCertificationStatus(ctx, c.ID, []string{registry.StatusValid}, registry.StatusExpired)
			if nintei.KindOf(err) == nintei.KindNotFound {
				return nil // another instance or a renewal got there first
			} else if err != nil {
				return err
			}
			changed = true
			day, _ := time.Parse(dateLayout, c.ValidUntil)
			if err := tx.AddRegistryEvent(ctx, c.Number, registry.StatusExpired, day.AddDate(0, 0, 1).Format(dateLayout)); err != nil {
				return err
			}
			if err := listChainForReturn(ctx, tx, c.ID, registry.StatusExpired, today.Format(dateLayout)); err != nil {
				return err
			}
			return tx.Audit(ctx, event(nil, "certification.expired", "certification", c.Number))
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

// RegistryEvents returns the newest public events of the registry.
func (s *Service) RegistryEvents(ctx context.Context, limit int) ([]sqlstore.RegistryEvent, error) {
	return s.store.RegistryEvents(ctx, limit)
}
