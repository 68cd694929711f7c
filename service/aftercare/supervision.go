package aftercare

import (
	"context"
	"slices"
	"strings"
	"time"

	"nintei"
	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// NewSupervisionRequest is a request of the body to a certified provider
// . Publish applies to improvement requests only: the service's
// public page then shows the request (day, text, status).
type NewSupervisionRequest struct {
	Kind    string // one of incident.RequestKinds
	Body    string
	DueOn   string // YYYY-MM-DD, today or later
	Publish bool
}

var (
	errSupervisionKind    = nintei.Invalid("error.supervision.kind", "kind")
	errSupervisionBody    = nintei.Invalid("error.supervision.body", "body")
	errSupervisionDue     = nintei.Invalid("error.supervision.due", "due_on")
	errSupervisionPublish = nintei.Invalid("error.supervision.publish", "publish")
	errSupervisionAnswer  = nintei.Invalid("error.supervision.answer", "body")
	errSupervisionClosed  = nintei.Errorf(nintei.KindConflict, "error.supervision.closed")
	errSupervisionPubbed  = nintei.Errorf(nintei.KindConflict, "error.supervision.already_published")
)

// supervisionNotices are the mails to the provider, one per kind of request.
var supervisionNotices = map[string]core.Notice{
	incident.RequestExplanation:   {Subject: "mail.supervision.explanation.subject", Body: "mail.supervision.body"},
	incident.RequestDocuments:     {Subject: "mail.supervision.documents.subject", Body: "mail.supervision.body"},
	incident.RequestInvestigation: {Subject: "mail.supervision.investigation.subject", Body: "mail.supervision.body"},
	incident.RequestImprovement:   {Subject: "mail.supervision.improvement.subject", Body: "mail.supervision.body"},
}

// registryEventImprovement is the feed event of a published improvement request.
const registryEventImprovement = "improvement_requested"

// RequestSupervision records the secretariat's request for an
// explanation, documents, an investigation or an improvement of a
// certified service in force, optionally publishing an improvement
// request on the registry (its feed too); the provider is mailed.
func (s *Aftercare) RequestSupervision(ctx context.Context, p core.Principal, appID int64, in NewSupervisionRequest) (int64, error) {
	if err := p.May(policy.Supervise); err != nil {
		return 0, err
	}
	a, c, err := s.certifiedInForce(ctx, p, appID)
	if err != nil {
		return 0, err
	}
	today := s.Today().Format(core.DateLayout)
	in.Body, in.DueOn = strings.TrimSpace(in.Body), strings.TrimSpace(in.DueOn)
	switch {
	case !slices.Contains(incident.RequestKinds, in.Kind):
		return 0, errSupervisionKind
	case in.Body == "":
		return 0, errSupervisionBody
	case !core.ValidDate(in.DueOn) || in.DueOn < today:
		return 0, errSupervisionDue
	case in.Publish && in.Kind != incident.RequestImprovement:
		return 0, errSupervisionPublish
	}
	r := store.SupervisionRequest{ApplicationID: a.ID, CertificationID: c.ID, Kind: in.Kind, Body: in.Body, DueOn: in.DueOn,
		RequestedBy: p.User.ID}
	if in.Publish {
		r.PublishedOn = today
	}
	var id int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if id, err = tx.InsertSupervisionRequest(ctx, r); err != nil {
			return err
		}
		ev := core.Event(&p.User, "supervision.request", "supervision", core.Itoa64(id))
		if err := core.AuditWithDetail(ctx, tx, ev, core.SupervisionDetail{Kind: in.Kind, Application: a.ID}); err != nil {
			return err
		}
		if in.Publish {
			r.ID = id
			if err := s.publishImprovement(ctx, tx, p, r, c.Number, today); err != nil {
				return err
			}
		}
		return s.NotifyApplicant(ctx, tx, a, supervisionNotices[in.Kind], map[string]any{"Number": c.Number, "Due": in.DueOn,
			"Body": in.Body, "Kind": s.Msgs.T(i18n.Japanese, SupervisionKindKeys[in.Kind], nil)})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// publishImprovement writes the public projection and the feed event.
func (s *Aftercare) publishImprovement(ctx context.Context, tx store.Tx, p core.Principal, r store.SupervisionRequest, number, today string) error {
	status := incident.RequestOpen
	if r.State == incident.RequestResolved {
		status = incident.RequestResolved
	}
	requested := r.RequestedAt
	if requested.IsZero() {
		requested = tx.Time()
	}
	err := tx.PublishImprovement(ctx, store.PublishedImprovement{RequestID: r.ID, Number: number,
		RequestedOn: requested.In(core.JST).Format(core.DateLayout), DueOn: r.DueOn, Body: r.Body, Status: status})
	if err != nil {
		return err
	}
	if err := tx.AddRegistryEvent(ctx, number, registryEventImprovement, today); err != nil {
		return err
	}
	return tx.Audit(ctx, core.Event(&p.User, "supervision.publish", "supervision", core.Itoa64(r.ID)))
}

// supervisionRequest loads one request of an application the actor may see.
func (s *Aftercare) supervisionRequest(ctx context.Context, p core.Principal, appID, id int64) (store.SupervisionRequest, error) {
	rs, err := s.SupervisionRequests(ctx, p, appID)
	if err != nil {
		return store.SupervisionRequest{}, err
	}
	for _, r := range rs {
		if r.ID == id {
			return r, nil
		}
	}
	return store.SupervisionRequest{}, nintei.ErrNotFound
}

// RespondSupervision records the provider's answer to a request, or a
// follow-up on an improvement request, with its time; a resolved request
// takes no more.
func (s *Aftercare) RespondSupervision(ctx context.Context, p core.Principal, appID, id int64, body string) error {
	if err := p.May(policy.ReportIncident); err != nil {
		return err
	}
	r, err := s.openSupervision(ctx, p, appID, id)
	if err != nil {
		return err
	}
	if body = strings.TrimSpace(body); body == "" {
		return errSupervisionAnswer
	}
	return s.stepOnOpen(ctx, func(tx store.Tx) error {
		if err := tx.AddSupervisionResponse(ctx, r.ID, body, p.User.ID, incident.RequestAnswered); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "supervision.respond", "supervision", core.Itoa64(r.ID)))
	})
}

// ResolveSupervision closes a request as resolved; a published
// improvement request shows the new status on the registry at once.
func (s *Aftercare) ResolveSupervision(ctx context.Context, p core.Principal, appID, id int64) error {
	if err := p.May(policy.Supervise); err != nil {
		return err
	}
	r, err := s.openSupervision(ctx, p, appID, id)
	if err != nil {
		return err
	}
	return s.stepOnOpen(ctx, func(tx store.Tx) error {
		if err := tx.ResolveSupervisionRequest(ctx, r.ID, p.User.ID); err != nil {
			return err
		}
		if r.PublishedOn != "" {
			if err := tx.SetPublishedImprovementStatus(ctx, r.ID, incident.RequestResolved); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, core.Event(&p.User, "supervision.resolve", "supervision", core.Itoa64(r.ID)))
	})
}

// openSupervision is a request that is still open, for a step that needs
// one (a resolved request takes no answer and is not resolved twice).
func (s *Aftercare) openSupervision(ctx context.Context, p core.Principal, appID, id int64) (store.SupervisionRequest, error) {
	r, err := s.supervisionRequest(ctx, p, appID, id)
	if err == nil && r.State == incident.RequestResolved {
		err = errSupervisionClosed
	}
	return r, err
}

// stepOnOpen runs a step on an open request in one transaction; the store
// finds no open request when another step resolved it in between, which is
// reported as closed.
func (s *Aftercare) stepOnOpen(ctx context.Context, step func(tx store.Tx) error) error {
	err := s.Store.InTx(ctx, step)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return errSupervisionClosed
	}
	return err
}

// PublishSupervision publishes an improvement request made earlier on
// the service's registry page, once.
func (s *Aftercare) PublishSupervision(ctx context.Context, p core.Principal, appID, id int64) error {
	if err := p.May(policy.Supervise); err != nil {
		return err
	}
	r, err := s.supervisionRequest(ctx, p, appID, id)
	if err != nil {
		return err
	}
	if r.Kind != incident.RequestImprovement {
		return errSupervisionPublish
	}
	if r.PublishedOn != "" {
		return errSupervisionPubbed
	}
	today := s.Today().Format(core.DateLayout)
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.MarkSupervisionPublished(ctx, r.ID, today); err != nil {
			return err
		}
		return s.publishImprovement(ctx, tx, p, r, r.Number, today)
	})
	if nintei.KindOf(err) == nintei.KindNotFound {
		return errSupervisionPubbed
	}
	return err
}

// SupervisionRequests lists an application's requests with the
// provider's responses, for its provider and the body's staff.
func (s *Aftercare) SupervisionRequests(ctx context.Context, p core.Principal, appID int64) ([]store.SupervisionRequest, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	return s.Store.SupervisionRequests(ctx, appID)
}

// OpenSupervisionRequests lists every request not resolved, by due date,
// for the body's staff.
func (s *Aftercare) OpenSupervisionRequests(ctx context.Context, p core.Principal) ([]store.SupervisionRequest, error) {
	if err := p.May(policy.ReadIncidents); err != nil {
		return nil, err
	}
	return s.Store.OpenSupervisionRequests(ctx)
}

// PublishedImprovements lists the improvement requests published for a
// certification number (public).
func (s *Aftercare) PublishedImprovements(ctx context.Context, number string) ([]store.PublishedImprovement, error) {
	return s.Store.PublishedImprovements(ctx, number)
}

// Overdue reports whether a request is past its due date and not resolved
// or answered.
func Overdue(r store.SupervisionRequest, today time.Time) bool {
	return r.State == incident.RequestOpen && r.DueOn < today.Format(core.DateLayout)
}

// SupervisionKindKeys names each kind's message (full keys, never built),
// for the mails and the pages.
var SupervisionKindKeys = map[string]string{
	incident.RequestExplanation: "supervision.kind.explanation", incident.RequestDocuments: "supervision.kind.documents",
	incident.RequestInvestigation: "supervision.kind.investigation", incident.RequestImprovement: "supervision.kind.improvement",
}
