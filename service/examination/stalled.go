package examination

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

var noticeClosedStalled = core.Notice{Subject: "casework.mail.closed.subject", Body: "casework.mail.closed.body"}

// Stall is how long an application has waited for the applicant past a
// due date: the earliest unpaid invoice's or open inquiry's.
type Stall struct {
	Kind    string     // "invoice" or "inquiry"; "" when nothing is overdue
	DueOn   civil.Date // the due date passed
	Days    int        // days since it passed (0 when not yet)
	CloseOn civil.Date // the first day the application may be closed
}

// Closable reports whether the application may be closed today.
func (st Stall) Closable(today civil.Date) bool {
	return st.Kind != "" && !today.Before(st.CloseOn)
}

// closedDetail is the audit detail of closing an application.
type closedDetail struct {
	Reason   string `json:"reason"`
	Overdue  string `json:"overdue"` // invoice or inquiry
	DueOn    string `json:"due_on"`
	Days     int    `json:"days_overdue"`
	Returned int    `json:"files_on_return_list"`
}

// StallOf is how an application waiting for the applicant stands against
// its due dates (a zero Stall when it waits for nothing with a due date).
func (s *Examination) StallOf(ctx context.Context, a application.Application) (Stall, error) {
	var st Stall
	var due string
	switch a.State {
	case application.AwaitingPay:
		invs, err := s.Store.Invoices(ctx, a.ID)
		if err != nil {
			return st, err
		}
		for _, inv := range invs {
			if !inv.Paid() && (due == "" || inv.DueOn < due) {
				st.Kind, due = "invoice", inv.DueOn
			}
		}
	case application.Inquiry:
		qs, err := s.Store.Inquiries(ctx, a.ID)
		if err != nil {
			return st, err
		}
		for _, q := range qs {
			if q.Open() && q.AnswerDueOn != "" && (due == "" || q.AnswerDueOn < due) {
				st.Kind, due = "inquiry", q.AnswerDueOn
			}
		}
	}
	d, err := civil.Parse(due)
	if st.Kind == "" || err != nil {
		return Stall{}, nil
	}
	st.DueOn, st.CloseOn = d, d.AddDays(s.Config.StalledCloseDays)
	if today := s.Day(); today.After(d) {
		st.Days = int(today.Time().Sub(d.Time()).Hours() / 24)
	}
	return st, nil
}

// CloseStalled closes an application the applicant has left overdue (an
// unpaid invoice or an unanswered inquiry, past its due date by
// Settings.StalledCloseDays): it is treated as withdrawn (取下げ扱い), its
// files go on the return list, the applicant is told by mail and
// the closing is audited with the reason. Before that day it is refused.
func (s *Examination) CloseStalled(ctx context.Context, p core.Principal, id, version int64, reason string) error {
	if err := p.May(policy.CloseStalled); err != nil {
		return err
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return nintei.Invalid("error.casework.close_reason", "reason")
	}
	st, err := s.StallOf(ctx, a)
	if err != nil {
		return err
	}
	if !st.Closable(s.Day()) {
		return s.notClosable(a, st)
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvCloseStalled, version); err != nil {
			return err
		}
		n, err := tx.ListForReturn(ctx, a.ID, nil, store.ReturnWithdrawn, s.Day().String()) // treated as withdrawn
		if err != nil {
			return err
		}
		if err := s.RenewalEnded(ctx, tx, p, a); err != nil {
			return err
		}
		detail, err := json.Marshal(closedDetail{Reason: reason, Overdue: st.Kind, DueOn: st.DueOn.String(), Days: st.Days, Returned: n})
		if err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.closed_stalled", "application", strconv.FormatInt(a.ID, 10))
		ev.Detail = string(detail)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, noticeClosedStalled, map[string]any{"Reason": reason, "Due": st.DueOn,
			"Kind": s.Msgs.T(i18n.Japanese, "casework.overdue_kind."+st.Kind, nil)})
	})
	return err
}

// notClosable is the refusal: the state does not wait for the applicant,
// nothing is overdue, or not for long enough yet (naming the day it may).
func (s *Examination) notClosable(a application.Application, st Stall) error {
	if a.State != application.AwaitingPay && a.State != application.Inquiry {
		return application.ErrNotNow.With("State", string(a.State))
	}
	if st.Kind == "" {
		return nintei.Errorf(nintei.KindConflict, "error.casework.not_overdue")
	}
	return nintei.Errorf(nintei.KindConflict, "error.casework.not_overdue_long").With("Due", i18n.Date(i18n.Japanese, st.DueOn)).
		With("Days", s.Config.StalledCloseDays).With("From", i18n.Date(i18n.Japanese, st.CloseOn))
}

// DropClosed forgets the unpaid invoices and open inquiries of the
// applications closed as withdrawn: nothing is left for the provider to do
// on them.
func DropClosed(apps []application.Application, unpaid map[int64][]review.Invoice, inquiries map[int64][]review.Inquiry) {
	for _, a := range apps {
		if a.State == application.ClosedStalled {
			delete(unpaid, a.ID)
			delete(inquiries, a.ID)
		}
	}
}
