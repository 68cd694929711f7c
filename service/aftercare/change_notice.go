package aftercare

import (
	"context"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/formb"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

var (
	errFollowUpOpen  = nintei.Errorf(nintei.KindConflict, "error.change.followup_open")
	errNoChange      = nintei.Errorf(nintei.KindInvalid, "error.change.nothing_changed")
	errNotAChange    = nintei.Errorf(nintei.KindConflict, "error.change.not_change")
	errChangeReason  = nintei.Invalid("error.change.reason", "reason")
	noticeChangeDone = map[string]core.Notice{
		string(application.Accepted): {Subject: "mail.change.accepted.subject", Body: "mail.change.accepted.body"},
		string(application.Rejected): {Subject: "mail.change.rejected.subject", Body: "mail.change.rejected.body"},
	}
)

// OpenChangeNotice starts a change notice (変更の届出, R-9.9) for an
// application's certification in force: a draft of kind change whose forms
// start as the current term's, in the same catalog edition. The provider
// edits what changed (Form A, Form B, the proof of existence or other
// documents) and files it; the secretariat accepts or rejects it. One
// renewal or change notice is under way per certification at a time, so
// each is compared with the forms the registry shows.
func (s *Aftercare) OpenChangeNotice(ctx context.Context, p core.Principal, appID int64) (application.Application, error) {
	c, current, err := s.followUpOf(ctx, p, appID)
	if err != nil {
		return application.Application{}, err
	}
	if !c.InForceOn(s.Day()) {
		return application.Application{}, core.ErrNotInForce
	}
	if open, err := s.Store.RenewalOf(ctx, c.ID); err == nil {
		return application.Application{}, errFollowUpOpen.With("ID", open.ID)
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return application.Application{}, err
	}
	ed, err := s.ApplicationEdition(ctx, current)
	if err != nil {
		return application.Application{}, err
	}
	form, err := s.Store.FormB(ctx, current.ID)
	if err != nil {
		return application.Application{}, err
	}
	var a application.Application
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		a, err = tx.CreateApplication(ctx, application.Application{OrgID: c.OrgID, EditionID: current.EditionID,
			Kind: application.Change, State: application.Draft, FormA: current.FormA, CreatedBy: p.User.ID,
			RenewsCertificationID: c.ID, PreviousApplicationID: current.ID})
		if err != nil {
			return err
		}
		if err := tx.SaveFormBEntries(ctx, a.ID, p.User.ID, formb.Entries(ed, form)); err != nil {
			return err
		}
		ev := core.Event(&p.User, "change.open", "application", strconv.FormatInt(a.ID, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.ChangeOpenDetail{Certification: c.Number})
	})
	return a, err
}

// CheckChangeSubmission refuses a change notice that changes nothing.
func (s *Aftercare) CheckChangeSubmission(ctx context.Context, a application.Application) error {
	v, err := s.RenewalViewOf(ctx, a)
	if err != nil {
		return err
	}
	if len(v.Changes) == 0 && len(v.FormA) == 0 && len(v.NewFiles) == 0 {
		return errNoChange
	}
	return nil
}

// AcceptChange accepts a change notice: the notice's forms become
// the certification's current ones, the registry shows them at once (with
// answers still withheld withheld again) and the feed records "changed".
// A new provider or service name is printed on a new certificate, charged
// the reissue fee; a new representative or address is not
// printed, so it reissues nothing; earlier evidence the notice replaced goes on the
// return list.
func (s *Aftercare) AcceptChange(ctx context.Context, p core.Principal, id, version int64) error {
	a, view, err := s.changeToDecide(ctx, p, id)
	if err != nil {
		return err
	}
	reissue := view.Reissue
	today := s.Today().Format(core.DateLayout)
	var inv review.Invoice
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvAcceptChange, version); err != nil {
			return err
		}
		if err := tx.InsertDecision(ctx, a.ID, review.Decision{Outcome: string(application.Accepted), DecidedBy: p.User.ID}); err != nil {
			return err
		}
		c, err := tx.CertificationByID(ctx, a.RenewsCertificationID)
		if err != nil {
			return err
		}
		if err := tx.SetCurrentApplication(ctx, c.ID, a.ID); nintei.KindOf(err) == nintei.KindNotFound {
			return core.ErrNotInForce
		} else if err != nil {
			return err
		}
		c.ApplicationID = a.ID
		before, _, err := publishedAnswers(ctx, tx, c.Number)
		if err != nil {
			return err
		}
		if err := s.republish(ctx, tx, a, c, today); err != nil {
			return err
		}
		items, err := s.changedItemNames(ctx, tx, c.Number, before)
		if err != nil {
			return err
		}
		if err := tx.AddRegistryChange(ctx, c.Number, today, items); err != nil {
			return err
		}
		if err := s.listSuperseded(ctx, tx, a, today); err != nil {
			return err
		}
		if reissue { // only a change of what the certificate prints reissues it
			if err := tx.SetCertificateIssued(ctx, c.ID, s.Day()); err != nil {
				return err
			}
			if inv, err = s.invoiceReissue(ctx, tx, p, a, c); err != nil {
				return err
			}
		}
		ev := core.Event(&p.User, "change.accept", "application", strconv.FormatInt(a.ID, 10))
		if err := core.AuditWithDetail(ctx, tx, ev, core.ChangeAcceptDetail{Certification: c.Number, Reissue: reissue}); err != nil {
			return err
		}
		return s.notifyChangeAccepted(ctx, tx, a, reissue, inv)
	})
}

// notifyChangeAccepted tells the provider the change is in the registry and,
// when the certificate is reissued, sends the reissue fee's invoice.
func (s *Aftercare) notifyChangeAccepted(ctx context.Context, tx store.Tx, a application.Application, reissue bool, inv review.Invoice) error {
	if err := s.NotifyApplicant(ctx, tx, a, noticeChangeDone[string(application.Accepted)], nil); err != nil || !reissue {
		return err
	}
	return s.NotifyApplicant(ctx, tx, a, core.NoticeInvoice, map[string]any{"Number": inv.Number, "Total": core.Yen(inv.TotalYen), "Due": inv.DueOn})
}

// RejectChange rejects a change notice with the reason; the registry is
// not touched and the notice's files go back.
func (s *Aftercare) RejectChange(ctx context.Context, p core.Principal, id, version int64, reason string) error {
	a, _, err := s.changeToDecide(ctx, p, id)
	if err != nil {
		return err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return errChangeReason
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvRejectChange, version); err != nil {
			return err
		}
		if err := tx.InsertDecision(ctx, a.ID, review.Decision{Outcome: string(application.Rejected), Explanation: reason, DecidedBy: p.User.ID}); err != nil {
			return err
		}
		if _, err := tx.ListForReturn(ctx, a.ID, nil, store.ReturnRejected, s.Today().Format(core.DateLayout)); err != nil {
			return err
		}
		if err := tx.Audit(ctx, core.Event(&p.User, "change.reject", "application", strconv.FormatInt(a.ID, 10))); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, noticeChangeDone[string(application.Rejected)], map[string]any{"Reason": reason})
	})
	return err
}

func (s *Aftercare) changeToDecide(ctx context.Context, p core.Principal, id int64) (application.Application, RenewalView, error) {
	if err := p.May(policy.Certify); err != nil {
		return application.Application{}, RenewalView{}, err
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return a, RenewalView{}, err
	}
	if a.Kind != application.Change {
		return a, RenewalView{}, errNotAChange
	}
	v, err := s.RenewalViewOf(ctx, a)
	return a, v, err
}

// republish writes the registry snapshot of a certification's current
// application and withholds again what is still withheld, and what the
// application itself asked to withhold and the body approved.
func (s *Aftercare) republish(ctx context.Context, tx store.Tx, a application.Application, c certification.Certification, today string) error {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	form, err := tx.FormB(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := publish(ctx, tx, c, publicService(a, ed, form, c)); err != nil {
		return err
	}
	if err := rewithhold(ctx, tx, c.Number, today); err != nil {
		return err
	}
	return applyWithholdings(ctx, tx, a, c.Number, today) // asked with the change notice
}

// invoiceReissue issues the reissue fee's invoice and audits the
// reissue of the certificate.
func (s *Aftercare) invoiceReissue(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, c certification.Certification) (review.Invoice, error) {
	today := s.Today()
	inv := review.Invoice{ApplicationID: a.ID, Kind: review.FeeReissue, Breakdown: s.Config.Fees.Price(review.FeeReissue),
		IssuedOn: today.Format(core.DateLayout), DueOn: s.DueOn(today)}
	inv, err := tx.InsertInvoice(ctx, inv)
	if err != nil {
		return inv, err
	}
	ev := core.Event(&p.User, "invoice.issue", "invoice", inv.Number)
	ev.AfterDigest = nintei.StateDigest(inv)
	if err := tx.Audit(ctx, ev); err != nil {
		return inv, err
	}
	return inv, tx.Audit(ctx, core.Event(&p.User, "certificate.reissue", "certification", c.Number))
}
