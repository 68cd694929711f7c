package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/policy"
	"nintei/service/aftercare"
	"nintei/service/core"
	"nintei/store"
)

// Precheck is what the applicant sees before submitting: every problem of
// Form A and, item by item, of Form B, by the same rules the reviewers'
// automatic verdict uses (formb.Check).
type Precheck struct {
	FormA    []application.FieldError
	Findings []formb.Finding
	Progress formb.Progress
}

// Blocking reports whether anything keeps the application from submission.
func (pc Precheck) Blocking() bool { return len(pc.FormA) > 0 || formb.Blocking(pc.Findings) }

// RunPrecheck checks an application the actor may see.
func (s *Apply) RunPrecheck(ctx context.Context, p core.Principal, id int64) (Precheck, error) {
	a, err := s.Application(ctx, p, id)
	if err != nil {
		return Precheck{}, err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return Precheck{}, err
	}
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return Precheck{}, err
	}
	atts, err := s.ReviewedFiles(ctx, a)
	if err != nil {
		return Precheck{}, err
	}
	first, err := s.firstService(ctx, a)
	if err != nil {
		return Precheck{}, err
	}
	facts, err := s.TranscriptFacts(ctx, a)
	if err != nil {
		return Precheck{}, err
	}
	marks, err := s.Store.FormBMarks(ctx, a.ID)
	if err != nil {
		return Precheck{}, err
	}
	return PrecheckOf(a, ed, form, Proofs{atts, first, facts, marks}, s.Today()), nil
}

// Proofs is what the pre-check knows of an application's files: the files
// its checks count (reviewedFiles), whether it is the provider's first
// service (R-4.4: the original proof of existence), and which registry
// facts changed since the term in force.
type Proofs struct {
	Files []application.Attachment
	first bool
	Facts []string
	// Marks are the items of a form moved to a new edition that the
	// applicant has not confirmed yet; each blocks submission.
	Marks []store.FormBMark
}

// TranscriptFacts lists the registry facts a renewal or change notice
// changes against the term it follows; none for a first application.
func (s *Apply) TranscriptFacts(ctx context.Context, a application.Application) ([]string, error) {
	if a.PreviousApplicationID == 0 || (a.Kind != application.Renewal && a.Kind != application.Change) {
		return nil, nil
	}
	prev, err := s.Store.Application(ctx, a.PreviousApplicationID)
	if err != nil {
		return nil, err
	}
	return application.ChangedRegistryFacts(prev.FormA, a.FormA), nil
}

// firstService reports whether no other application of the provider has
// been handed in: then the proof of existence must be the original.
func (s *Apply) firstService(ctx context.Context, a application.Application) (bool, error) {
	apps, err := s.Store.ApplicationsOfOrg(ctx, a.OrgID)
	for _, o := range apps {
		if o.ID != a.ID && o.SubmittedAt != nil {
			return false, err
		}
	}
	return true, err
}

// PrecheckOf gathers every rule: Form A, Form B item by item, and the files
// asks for (proof of existence, proof of responsibility, evidence).
func PrecheckOf(a application.Application, ed *catalog.Edition, form formb.Form, pr Proofs, today time.Time) Precheck {
	linked := map[string]bool{}
	has := map[application.Purpose]bool{}
	original, ownExistence := false, false
	for _, att := range pr.Files {
		has[att.Purpose] = true
		ownExistence = ownExistence || (att.Purpose == application.PurposeExistence && att.ApplicationID == a.ID)
		original = original || (att.Purpose == application.PurposeExistence && att.Original)
		for _, id := range att.ItemIDs {
			linked[id] = true
		}
	}
	pc := Precheck{FormA: a.FormA.Problems(today), Findings: formb.Check(ed, form), Progress: formb.Measure(ed, form)}
	pc.Findings = append(pc.Findings, formb.CheckEvidenceFiles(ed, form, linked)...)
	pc.Findings = append(pc.Findings, formb.MarkFindings(MarksOf(pr.Marks))...)
	switch {
	case len(pr.Facts) > 0 && !ownExistence:
		pc.FormA = append(pc.FormA, transcriptMissing(a.FormA.Provider, pr.Facts)...)
	case !has[application.PurposeExistence]:
		pc.FormA = append(pc.FormA, application.FieldError{Field: "attachments.existence", Key: "precheck.existence_missing"})
	}
	if has[application.PurposeExistence] && pr.first && !original {
		pc.FormA = append(pc.FormA, application.FieldError{Field: "attachments.existence", Key: "precheck.existence_original_missing"})
	}
	if a.Kind == application.Renewal && a.MarkUseDeclaredAt == nil {
		pc.FormA = append(pc.FormA, application.FieldError{Field: "renewal.mark_use", Key: "precheck.mark_use_missing"})
	}
	if len(a.FormA.Provider.Outsourcees) > 0 && !has[application.PurposeOutsourcee] {
		pc.FormA = append(pc.FormA, application.FieldError{Field: "attachments.outsourcee", Key: "precheck.outsourcee_missing"})
	}
	if !a.FormA.Provider.RepresentativeHasPower && !has[application.PurposeResponsibility] {
		pc.FormA = append(pc.FormA, application.FieldError{Field: "attachments.responsibility", Key: "precheck.responsibility_missing"})
	}
	return pc
}

// transcriptMissing names each changed registry fact that needs a new
// proof of existence on this application: a company's registry
// transcript, or a sole proprietor's photo ID, who has no registry entry.
func transcriptMissing(p application.Provider, facts []string) []application.FieldError {
	proof := "transcript"
	if p.SoleProprietor {
		proof = "photo_id"
	}
	out := make([]application.FieldError, 0, len(facts))
	for _, f := range facts {
		out = append(out, application.FieldError{Field: "attachments.existence", Key: "precheck." + proof + "_missing." + f})
	}
	return out
}

var errPrecheckFailed = nintei.Errorf(nintei.KindInvalid, "error.application.precheck_failed")

// Snapshot is what a submission freezes: the forms as handed in, and the
// edition they answer. Its SHA-256 is stored beside it.
type Snapshot struct {
	ApplicationID int64             `json:"application_id"`
	EditionID     string            `json:"edition_id"`
	EditionDigest string            `json:"edition_digest"`
	FormA         application.FormA `json:"form_a"`
	FormB         []formb.Entry     `json:"form_b"`
	// Attachments carry their SHA-256, so the files can be proven later.
	Attachments []application.Attachment `json:"attachments"`
	SubmittedAt time.Time                `json:"submitted_at"`
	SubmittedBy int64                    `json:"submitted_by"`
}

// Submit hands in a draft whose pre-check passes: it freezes a snapshot,
// moves the application to submitted, e-mails the secretariat and confirms
// to the applicant, and writes audit events.
func (s *Apply) Submit(ctx context.Context, p core.Principal, id, version int64, lang i18n.Lang) error {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return err
	}
	in, err := s.submittable(ctx, a)
	if err != nil {
		return err
	}
	ev, renewed, err := s.submitEvent(ctx, a)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, ev, version); err != nil {
			return err
		}
		if renewed != nil {
			if err := aftercare.MarkRenewalPending(ctx, tx, p, *renewed); err != nil {
				return err
			}
		}
		if err := tx.SetSubmittedAt(ctx, id); err != nil {
			return err
		}
		if err := recordSubmission(ctx, tx, p, a, in); err != nil {
			return err
		}
		return s.notifySubmission(ctx, tx, p, a, lang)
	})
}

// submission is what an application is submitted with: its edition, its
// Form B and the files the reviewers will read.
type submission struct {
	ed   *catalog.Edition
	form formb.Form
	atts []application.Attachment
}

// submittable gathers what a submission records and refuses one the
// pre-check blocks or a provider whose certification was revoked.
func (s *Apply) submittable(ctx context.Context, a application.Application) (submission, error) {
	var in submission
	var err error
	if in.ed, err = s.ApplicationEdition(ctx, a); err != nil {
		return in, err
	}
	if in.form, err = s.Store.FormB(ctx, a.ID); err != nil {
		return in, err
	}
	if in.atts, err = s.ReviewedFiles(ctx, a); err != nil {
		return in, err
	}
	first, err := s.firstService(ctx, a)
	if err != nil {
		return in, err
	}
	facts, err := s.TranscriptFacts(ctx, a)
	if err != nil {
		return in, err
	}
	marks, err := s.Store.FormBMarks(ctx, a.ID)
	if err != nil {
		return in, err
	}
	if PrecheckOf(a, in.ed, in.form, Proofs{in.atts, first, facts, marks}, s.Today()).Blocking() {
		return in, errPrecheckFailed
	}
	return in, s.CheckRevocation(ctx, a)
}

// submitEvent is the workflow event of a submission (a first submission or a
// resubmission after a return), after the checks of its kind: a change
// notice's, or a renewal's, which also names the certification renewed.
func (s *Apply) submitEvent(ctx context.Context, a application.Application) (application.Event, *certification.Certification, error) {
	ev := application.EvSubmit
	if a.State == application.Returned {
		ev = application.EvResubmit
	}
	if a.Kind == application.Change {
		if err := s.CheckChangeSubmission(ctx, a); err != nil {
			return ev, nil, err
		}
	}
	if a.Kind == application.Renewal && ev == application.EvSubmit {
		c, err := s.CheckRenewalSubmission(ctx, a)
		if err != nil {
			return ev, nil, err
		}
		return ev, &c, nil
	}
	return ev, nil, nil
}

// recordSubmission stores the snapshot of what was submitted and audits its
// digest.
func recordSubmission(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, in submission) error {
	snap := Snapshot{ApplicationID: a.ID, EditionID: in.ed.ID, EditionDigest: in.ed.Digest(), FormA: a.FormA,
		FormB: orderedEntries(in.ed, in.form), Attachments: in.atts, SubmittedAt: tx.Time(), SubmittedBy: p.User.ID}
	body, err := json.Marshal(snap)
	if err != nil {
		return nintei.Wrap("service.Submit", err)
	}
	sum := sha256.Sum256(body)
	if err := tx.InsertSubmission(ctx, a.ID, string(body), hex.EncodeToString(sum[:]), p.User.ID); err != nil {
		return err
	}
	ev := core.Event(&p.User, "application.submit", "application", strconv.FormatInt(a.ID, 10))
	ev.AfterDigest = hex.EncodeToString(sum[:])
	return tx.Audit(ctx, ev)
}

func orderedEntries(ed *catalog.Edition, form formb.Form) []formb.Entry {
	var out []formb.Entry
	for _, it := range ed.Items {
		if e, ok := form[it.ID]; ok {
			out = append(out, e)
		}
	}
	return out
}

// notifySubmission queues the mails to the submitter and the secretariat
// in the submission's transaction.
func (s *Apply) notifySubmission(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, lang i18n.Lang) error {
	org, err := tx.Organization(ctx, a.OrgID)
	if err != nil {
		return err
	}
	args := map[string]any{"Service": a.FormA.Service.Name, "Provider": org.Name, "ID": a.ID,
		"URL": s.Config.BaseURL + "/applications/" + strconv.FormatInt(a.ID, 10)}
	msgs := []mail.Message{{To: p.User.Email, Subject: s.MailT(lang, "mail.submitted.subject", args),
		Text: s.ApplicantMail(ctx, lang, a.FormA.Provider, s.MailT(lang, "mail.submitted.body", args))}}
	staff, err := tx.UsersWithRole(ctx, nintei.RoleSecretariat)
	if err != nil {
		return err
	}
	for _, u := range staff {
		if u.Active() {
			msgs = append(msgs, mail.Message{To: u.Email, Subject: s.MailT(i18n.Japanese, "mail.received.subject", args),
				Text: s.MailT(i18n.Japanese, "mail.received.body", args)})
		}
	}
	about := core.Mailed{Type: "application", ID: strconv.FormatInt(a.ID, 10)}
	for _, m := range msgs {
		if err := s.QueueMail(ctx, tx, m, about); err != nil {
			return err
		}
	}
	return nil
}

// Withdraw withdraws an application before a decision. Fees already
// invoiced are kept; that rule lives with invoicing.
func (s *Apply) Withdraw(ctx context.Context, p core.Principal, id, version int64) error {
	if err := p.May(policy.Apply); err != nil {
		return err
	}
	a, err := s.Store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	if err != nil {
		return err
	}
	if !a.Withdrawable() {
		return core.ErrNotEditable
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvWithdraw, version); err != nil {
			return err
		}
		if a.SubmittedAt != nil { // handed in, so the body holds its files: they go back
			if _, err := tx.ListForReturn(ctx, a.ID, nil, store.ReturnWithdrawn, s.Today().Format(core.DateLayout)); err != nil {
				return err
			}
		}
		return s.RenewalEnded(ctx, tx, p, a)
	})
}
