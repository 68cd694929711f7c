package ops

import (
	"context"
	"errors"
	"time"

	"nintei/certification"
	"nintei/civil"
	"nintei/internal/jobs"
	"nintei/policy"
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/core"
	"nintei/store"
)

// Kinds of background jobs.
const (
	JobRegistrySweep   = "registry.sweep"
	JobRenewalGuidance = "renewal.guidance_mail"
)

// RegisterJobs gives the runner the program's scheduled work: every hour
// the registry sweep (expiry, R-8.2 and; renewal guidance, R-9.1;
// payment and inquiry reminders, R-4.6 and ), and the e-mails it
// schedules; the deletion of returned documents' files; and the
// evidence store's cleanup after crashed uploads (uploads.go); every day the
// pruning of old done jobs (jobs_admin.go). Withholding periods need
// no job: public pages put an answer back from the day after its period.
func (s *Ops) RegisterJobs(r *jobs.Runner) {
	r.Periodic(JobRegistrySweep, jobs.Period{Every: time.Hour}, func(ctx context.Context, _ jobs.Job) error {
		_, err := s.Sweep(ctx)
		return err
	})
	r.Handle(core.JobMail, s.SendQueuedMail)
	r.Handle(JobRenewalGuidance, s.sendRenewalGuidance)
	r.Handle(aftercare.JobDeleteDocument, s.DeleteDocumentFile)
	r.Handle(JobReminder, s.sendReminder)
	r.Handle(apply.JobDiscardUpload, s.DiscardUnrecordedUpload)
	r.Periodic(apply.JobBlobSweep, jobs.Period{Every: time.Hour}, s.SweepBlobs)
	r.Periodic(JobPrune, jobs.Period{Every: 24 * time.Hour}, s.pruneJobs)
	// The signed snapshot of the registry, at 00:05 JST (docs/registry.md).
	r.Periodic(aftercare.JobRegistrySnapshot, jobs.Period{Every: 24 * time.Hour, Offset: 15*time.Hour + 5*time.Minute}, s.registrySnapshot)
}

// registrySnapshot is the daily job of the signed snapshot; with no key
// configured it says so and does nothing.
func (s *Ops) registrySnapshot(ctx context.Context, _ jobs.Job) error {
	snap, err := s.MakeRegistrySnapshot(ctx)
	if errors.Is(err, aftercare.ErrSnapshotsOff) {
		s.Log.Info("registry snapshot is off: no --registry-key configured")
		return nil
	} else if err != nil {
		return err
	}
	s.Log.Info("registry snapshot signed", "log_seq", snap.LogSeq, "key_id", snap.KeyID)
	return nil
}

// Sweep runs the date rules of the registry as of today; it is idempotent.
func (s *Ops) Sweep(ctx context.Context) (expired int, err error) {
	if expired, err = s.SweepExpiry(ctx); err != nil {
		return expired, err
	}
	if err := s.scheduleReminders(ctx); err != nil {
		return expired, err
	}
	return expired, s.scheduleRenewalGuidance(ctx)
}

// renewalGuidance is the payload of a guidance e-mail.
type renewalGuidance struct {
	ApplicationID int64      `json:"application_id"`
	Number        string     `json:"number"`
	ValidUntil    civil.Date `json:"valid_until"`
	Stage         string     `json:"stage"` // "advance" (four months before) or "window" (the window opened)
}

// scheduleRenewalGuidance schedules, once per certification period and
// stage, the guidance e-mail four months before expiry and the one when
// the renewal window opens. The unique key makes a second sweep, or
// a second instance, schedule nothing.
func (s *Ops) scheduleRenewalGuidance(ctx context.Context) error {
	today := s.Day()
	soon, err := s.Store.ValidCertificationsUntil(ctx, today.AddMonths(4))
	if err != nil {
		return err
	}
	for _, c := range soon {
		until := c.ValidUntil
		if until.Before(today) {
			continue
		}
		opens, closes := certification.RenewalWindow(until)
		stage := "advance"
		if !today.Before(opens) {
			stage = "window"
		}
		if today.After(closes) || today.Before(certification.RenewalGuidanceDay(until)) {
			continue
		}
		g := renewalGuidance{ApplicationID: c.ApplicationID, Number: c.Number, ValidUntil: c.ValidUntil, Stage: stage}
		key := c.Number + "|" + c.ValidUntil.String() + "|" + stage
		if _, _, err := jobs.Enqueue(ctx, s.Store, JobRenewalGuidance, g, jobs.Spec{UniqueKey: key}); err != nil {
			return err
		}
	}
	return nil
}

var renewalNotices = map[string]core.Notice{
	"advance": {Subject: "mail.renewal_advance.subject", Body: "mail.renewal_advance.body"},
	"window":  {Subject: "mail.renewal_window.subject", Body: "mail.renewal_window.body"},
}

// sendRenewalGuidance queues the provider's guidance mail and completes
// the job in one transaction, so the mail is queued exactly once however
// often the job is tried (the mail job then sends it, with its own retries).
func (s *Ops) sendRenewalGuidance(ctx context.Context, j jobs.Job) error {
	var g renewalGuidance
	if err := jobs.Decode(j, &g); err != nil {
		return err
	}
	a, err := s.Store.Application(ctx, g.ApplicationID)
	if err != nil {
		return err
	}
	opens, closes := certification.RenewalWindow(g.ValidUntil)
	return jobs.InTx(ctx, s.Store, j, func(tx store.Tx) error {
		return s.NotifyApplicant(ctx, tx, a, renewalNotices[g.Stage],
			map[string]any{"Number": g.Number, "Until": g.ValidUntil.String(), "Opens": opens.String(), "Closes": closes.String()})
	})
}

// DemoClockMoved records that an administrator moved the demo's clock by
// d, moves the sessions with it (so nobody is logged out by the move) and
// runs the registry sweep as of the new day.
func (s *Ops) DemoClockMoved(ctx context.Context, p core.Principal, d time.Duration) error {
	if err := p.May(policy.ManageJobs); err != nil {
		return err
	}
	if err := s.Store.ShiftSessions(ctx, d); err != nil {
		return err
	}
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(&p.User, "demo.clock_set", "clock", s.Today().Format(core.DateLayout))
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return err
	}
	_, err = s.Sweep(ctx)
	return err
}
