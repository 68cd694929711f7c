package examination

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/policy"
	"nintei/review"
	"nintei/service/apply"
	"nintei/service/core"
	"nintei/store"
)

// Verdict is the automatic verdict of the criteria: the
// same rules as the applicant's pre-check, applied to the submitted Form B,
// with the reasons item by item.
type Verdict struct {
	Pass     bool
	Findings []formb.Finding // blocking findings only: the reasons it fails
}

// AutomaticVerdict evaluates an application's Form B against the criteria.
func (s *Examination) AutomaticVerdict(ctx context.Context, a application.Application) (Verdict, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return Verdict{}, err
	}
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return Verdict{}, err
	}
	atts, err := s.ReviewedFiles(ctx, a)
	if err != nil {
		return Verdict{}, err
	}
	return verdictOf(ed, form, atts), nil
}

// verdictOf is AutomaticVerdict from the Form B and files already read.
func verdictOf(ed *catalog.Edition, form formb.Form, atts []application.Attachment) Verdict {
	var v Verdict
	all := append(formb.Check(ed, form), formb.CheckEvidenceFiles(ed, form, linkedItems(atts))...)
	for _, f := range all {
		if f.Blocking {
			v.Findings = append(v.Findings, f)
		}
	}
	v.Pass = len(v.Findings) == 0
	return v
}

var reviewStates = []application.State{application.DocumentReview, application.Inquiry, application.Investigation, application.Committee}

func inReview(a application.Application) bool {
	for _, s := range reviewStates {
		if a.State == s {
			return true
		}
	}
	return false
}

// Assess records a reviewer's judgement of one item (ok, inquiry needed,
// not met, with a comment), during the document review.
func (s *Examination) Assess(ctx context.Context, p core.Principal, id int64, itemID, verdict, comment string) error {
	if !application.ByReviewer.Allows(p.User.Role) {
		return nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if !inReview(a) {
		return application.ErrNotNow.With("State", string(a.State))
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	if _, ok := ed.Item(itemID); !ok {
		return nintei.Invalid("error.formb.unknown_item", "item").With("Item", itemID)
	}
	if verdict != review.AssessOK && verdict != review.AssessInquiry && verdict != review.AssessNotMet {
		return nintei.Invalid("error.review.verdict", "verdict")
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.SaveAssessment(ctx, id, review.Assessment{ItemID: itemID, Verdict: verdict, Comment: strings.TrimSpace(comment), AssessedBy: p.User.ID}); err != nil {
			return err
		}
		ev := core.Event(&p.User, "assessment.save", "application", strconv.FormatInt(id, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.AssessmentDetail{Item: itemID, Verdict: verdict})
	})
}

// Assessments returns an application's assessments, to staff only: the
// applicant never sees reviewer notes.
func (s *Examination) Assessments(ctx context.Context, p core.Principal, id int64) (map[string]review.Assessment, error) {
	if _, err := s.StaffApplication(ctx, p, id); err != nil {
		return nil, err
	}
	return s.Store.Assessments(ctx, id)
}

// OpenInquiry asks the applicant about one item (照会, R-6.2); the
// application waits for the applicant until every inquiry is answered.
func (s *Examination) OpenInquiry(ctx context.Context, p core.Principal, id, version int64, itemID, question string) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	if _, ok := ed.Item(itemID); !ok {
		return nintei.Invalid("error.formb.unknown_item", "item").With("Item", itemID)
	}
	if question = strings.TrimSpace(question); question == "" {
		return nintei.Invalid("error.required", "question")
	}
	due := s.InquiryAnswerDue()
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvOpenInquiry, version); err != nil {
			return err
		}
		qid, err := tx.InsertInquiry(ctx, id, review.Inquiry{ItemID: itemID, Question: question, AskedBy: p.User.ID, AnswerDueOn: due.String()})
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, core.Event(&p.User, "inquiry.open", "inquiry", strconv.FormatInt(qid, 10))); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, core.NoticeInquiryDue, map[string]any{"Item": itemID, "Due": due})
	})
	return err
}

// Inquiries lists an application's inquiries for anyone who may see it.
func (s *Examination) Inquiries(ctx context.Context, p core.Principal, id int64) ([]review.Inquiry, error) {
	if _, err := s.Application(ctx, p, id); err != nil {
		return nil, err
	}
	return s.Store.Inquiries(ctx, id)
}

// AnswerInquiry records the applicant's answer and, when amend is given,
// replaces the item's entry: every amendment keeps the entry before and
// after, so both sides see the difference, and the item's assessment is
// reset: it is unassessed until a reviewer judges the new text. When no
// inquiry is left open the application returns to document review.
func (s *Examination) AnswerInquiry(ctx context.Context, p core.Principal, id, version, inquiryID int64, answer string, amend *formb.Entry) error {
	if err := p.May(policy.AnswerInquiry); err != nil {
		return err
	}
	a, err := s.Store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	if err != nil {
		return err
	}
	if a.State != application.Inquiry {
		return application.ErrNotNow.With("State", string(a.State))
	}
	qs, err := s.Store.Inquiries(ctx, id)
	if err != nil {
		return err
	}
	q, open := findInquiry(qs, inquiryID)
	if q == nil {
		return nintei.ErrNotFound
	}
	if answer = strings.TrimSpace(answer); answer == "" {
		return nintei.Invalid("error.required", "answer")
	}
	before, after, err := s.amendment(ctx, a, q.ItemID, amend)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.AnswerInquiry(ctx, id, inquiryID, answer, before, after, p.User.ID); errors.Is(err, nintei.ErrNotFound) {
			return application.ErrNotNow.With("State", "answered")
		} else if err != nil {
			return err
		}
		if err := saveAmendment(ctx, tx, p, id, q.ItemID, amend, before, after); err != nil {
			return err
		}
		ev := core.Event(&p.User, "inquiry.answer", "inquiry", strconv.FormatInt(inquiryID, 10))
		ev.BeforeDigest, ev.AfterDigest = nintei.StateDigest(before), nintei.StateDigest(after)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		if open > 1 { // others still wait for an answer
			_, err := tx.TouchApplication(ctx, id, version)
			if errors.Is(err, nintei.ErrConflict) {
				return core.ErrStaleVersion
			}
			return err
		}
		_, err := s.Fire(ctx, tx, p, a, application.EvAnswerInquiries, version)
		return err
	})
}

// saveAmendment stores the entry an inquiry's answer amends, if any. An
// amended item is judged again: the earlier assessment, whether 適
// or 不適, was of the text now replaced. The audit trail keeps it.
func saveAmendment(ctx context.Context, tx store.Tx, p core.Principal, id int64, itemID string, amend *formb.Entry, before, after string) error {
	if amend != nil {
		if err := tx.SaveFormBEntries(ctx, id, p.User.ID, []formb.Entry{*amend}); err != nil {
			return err
		}
	}
	if after != "" && after != before {
		return tx.DeleteAssessment(ctx, id, itemID)
	}
	return nil
}

func findInquiry(qs []review.Inquiry, id int64) (*review.Inquiry, int) {
	var found *review.Inquiry
	open := 0
	for i := range qs {
		if qs[i].Open() {
			open++
			if qs[i].ID == id {
				found = &qs[i]
			}
		}
	}
	return found, open
}

// amendment checks an amended entry (it must be for the inquiry's item) and
// returns the entry before and after as JSON.
func (s *Examination) amendment(ctx context.Context, a application.Application, itemID string, amend *formb.Entry) (string, string, error) {
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return "", "", err
	}
	before, _ := json.Marshal(form[itemID])
	if amend == nil {
		return string(before), "", nil
	}
	amend.ItemID = itemID
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return "", "", err
	}
	entries := []formb.Entry{*amend}
	if err := apply.NormalizeEntries(ed, entries); err != nil {
		return "", "", err
	}
	*amend = entries[0]
	after, _ := json.Marshal(*amend)
	return string(before), string(after), nil
}
