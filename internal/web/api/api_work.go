package api

import (
	"time"

	"nintei/civil"
	"nintei/service/core"
	"nintei/service/views"
)

// The provider's dashboard as JSON (GET /api/v1/me/work): the same
// views.ProviderWork the page shows. Days are YYYY-MM-DD; a day the data
// does not have (an inquiry's answer due date) is null, never invented.

type workJSON struct {
	Role           string                  `json:"role"`
	Today          string                  `json:"today"`
	Todo           []workTodoJSON          `json:"todo"`
	Applications   []workApplicationJSON   `json:"applications"`
	Certifications []workCertificationJSON `json:"certifications"`
}

type workTodoJSON struct {
	Kind            string  `json:"kind"`
	ApplicationID   int64   `json:"application_id"`
	Service         string  `json:"service"`
	Number          string  `json:"number,omitempty"`
	OpenInquiries   int     `json:"open_inquiries,omitempty"`
	AskedOn         *string `json:"asked_on,omitempty"`
	Opens           *string `json:"opens,omitempty"`
	DueOn           *string `json:"due_on"`
	Overdue         bool    `json:"overdue"`
	AmountYen       int64   `json:"amount_yen,omitempty"`
	SupervisionID   int64   `json:"supervision_id,omitempty"`
	SupervisionKind string  `json:"supervision_kind,omitempty"`
	RenewalDraft    bool    `json:"renewal_draft,omitempty"`
	URL             string  `json:"url"`
}

type workDeadlineJSON struct {
	Kind    string `json:"kind"`
	On      string `json:"on"`
	Overdue bool   `json:"overdue"`
}

type workApplicationJSON struct {
	ID        int64              `json:"id"`
	Kind      string             `json:"kind"`
	State     string             `json:"state"`
	Service   string             `json:"service"`
	UpdatedAt time.Time          `json:"updated_at"`
	Next      *string            `json:"next"`
	By        *string            `json:"by"`
	Deadlines []workDeadlineJSON `json:"deadlines"`
	URL       string             `json:"url"`
}

type workCertificationJSON struct {
	ID                   int64              `json:"id"`
	ApplicationID        int64              `json:"application_id"`
	Number               string             `json:"number"`
	Service              string             `json:"service"`
	Status               string             `json:"status"`
	ValidUntil           string             `json:"valid_until"`
	RenewalApplicationID *int64             `json:"renewal_application_id"`
	Next                 *string            `json:"next"`
	By                   *string            `json:"by"`
	Deadlines            []workDeadlineJSON `json:"deadlines"`
	URL                  string             `json:"url"`
}

func toWorkJSON(work views.ProviderWork) workJSON {
	out := workJSON{Role: "provider", Today: work.Today.String(), Todo: []workTodoJSON{}, Applications: []workApplicationJSON{},
		Certifications: []workCertificationJSON{}}
	for _, t := range work.Todo {
		out.Todo = append(out.Todo, workTodoJSON{Kind: t.Kind, ApplicationID: t.ApplicationID, Service: t.Service, Number: t.Number,
			OpenInquiries: t.Count, AskedOn: dayOrNull(t.AskedOn), Opens: dayOrNull(t.Opens), DueOn: dayOrNull(t.DueOn),
			Overdue: t.Overdue, AmountYen: t.YenTotal, SupervisionID: t.SupervisionID, SupervisionKind: t.SubKind,
			RenewalDraft: t.Draft, URL: todoURL(t)})
	}
	for _, a := range work.Applications {
		out.Applications = append(out.Applications, workApplicationJSON{ID: a.ID, Kind: string(a.Kind), State: string(a.State),
			Service: a.Service, UpdatedAt: a.UpdatedAt, Next: textOrNull(a.Next), By: textOrNull(a.By),
			Deadlines: deadlinesJSON(a.Deadlines), URL: appURL(a.ID, "")})
	}
	for _, c := range work.Certifications {
		cj := workCertificationJSON{ID: c.ID, ApplicationID: c.ApplicationID, Number: c.Number, Service: c.Service,
			Status: string(c.Status), ValidUntil: c.ValidUntil.String(), Next: textOrNull(c.Next), By: textOrNull(c.By),
			Deadlines: deadlinesJSON(c.Deadlines), URL: appURL(c.ApplicationID, "")}
		if c.RenewalID != 0 {
			id := c.RenewalID
			cj.RenewalApplicationID = &id
		}
		out.Certifications = append(out.Certifications, cj)
	}
	return out
}

func deadlinesJSON(ds []core.Deadline) []workDeadlineJSON {
	out := make([]workDeadlineJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, workDeadlineJSON{Kind: d.Kind, On: d.On.String(), Overdue: d.Overdue})
	}
	return out
}

func dayOrNull(d civil.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func textOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
