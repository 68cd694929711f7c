package sqlstore

import (
	"context"
	"database/sql"

	"nintei/store"
)

// SupervisionRequest is defined in package store, the port of the use cases.
type SupervisionRequest = store.SupervisionRequest

// SupervisionResponse is defined in package store, the port of the use cases.
type SupervisionResponse = store.SupervisionResponse

// InsertSupervisionRequest stores a request and returns its ID.
func (tx *Tx) InsertSupervisionRequest(ctx context.Context, r SupervisionRequest) (int64, error) {
	var published any
	if r.PublishedOn != "" {
		published = r.PublishedOn
	}
	return tx.insertID(ctx, "sqlstore.InsertSupervisionRequest", `INSERT INTO supervision_requests (application_id, certification_id, kind,
		body, due_on, state, published_on, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
		r.ApplicationID, r.CertificationID, r.Kind, r.Body, r.DueOn, published, r.RequestedBy, tx.ts(tx.Now))
}

// AddSupervisionResponse appends the provider's response and sets the
// request's state to to; nintei.ErrNotFound when the request is no longer
// open or answered (it was resolved meanwhile).
func (tx *Tx) AddSupervisionResponse(ctx context.Context, requestID int64, body string, by int64, to string) error {
	if err := tx.execOne(ctx, "sqlstore.AddSupervisionResponse", `UPDATE supervision_requests SET state = ?
		WHERE id = ? AND state IN ('open', 'answered')`, to, requestID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO supervision_responses (request_id, body, responded_by, responded_at) VALUES (?, ?, ?, ?)`,
		requestID, body, by, tx.ts(tx.Now))
	return mapErr("sqlstore.AddSupervisionResponse", err)
}

// ResolveSupervisionRequest closes a request once.
func (tx *Tx) ResolveSupervisionRequest(ctx context.Context, requestID, by int64) error {
	return tx.execOne(ctx, "sqlstore.ResolveSupervisionRequest", `UPDATE supervision_requests SET state = 'resolved', resolved_by = ?,
		resolved_at = ? WHERE id = ? AND state <> 'resolved'`, by, tx.ts(tx.Now), requestID)
}

// MarkSupervisionPublished records the day a request was published, once.
func (tx *Tx) MarkSupervisionPublished(ctx context.Context, requestID int64, on string) error {
	return tx.execOne(ctx, "sqlstore.MarkSupervisionPublished", `UPDATE supervision_requests SET published_on = ?
		WHERE id = ? AND published_on IS NULL`, on, requestID)
}

const supervisionCols = `s.id, s.application_id, s.certification_id, s.kind, s.body, s.due_on, s.state, COALESCE(s.published_on, ''),
	s.requested_by, s.requested_at, s.resolved_at, c.number, COALESCE(r.service_name, '')`

const supervisionFrom = ` FROM supervision_requests s JOIN certifications c ON c.id = s.certification_id
	LEFT JOIN registry_entries r ON r.certification_id = c.id `

// SupervisionRequests lists an application's requests, newest first, each
// with its responses.
func (c *conn) SupervisionRequests(ctx context.Context, applicationID int64) ([]SupervisionRequest, error) {
	out, err := c.supervisionWhere(ctx, "s.application_id = ? ORDER BY s.id DESC", applicationID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Responses, err = c.supervisionResponses(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// OpenSupervisionRequests lists every request not resolved, by due date.
func (c *conn) OpenSupervisionRequests(ctx context.Context) ([]SupervisionRequest, error) {
	return c.supervisionWhere(ctx, "s.state <> 'resolved' ORDER BY s.due_on, s.id")
}

func (c *conn) supervisionWhere(ctx context.Context, where string, args ...any) ([]SupervisionRequest, error) {
	rows, err := c.query(ctx, "SELECT "+supervisionCols+supervisionFrom+"WHERE "+where, args...)
	if err != nil {
		return nil, mapErr("sqlstore.supervision", err)
	}
	defer rows.Close()
	var out []SupervisionRequest
	for rows.Next() {
		var x SupervisionRequest
		var resolved sql.NullTime
		if err := rows.Scan(&x.ID, &x.ApplicationID, &x.CertificationID, &x.Kind, &x.Body, &x.DueOn, &x.State, &x.PublishedOn,
			&x.RequestedBy, &x.RequestedAt, &resolved, &x.Number, &x.ServiceName); err != nil {
			return nil, mapErr("sqlstore.supervision", err)
		}
		x.ResolvedAt = nullTime(resolved)
		out = append(out, x)
	}
	return out, mapErr("sqlstore.supervision", rows.Err())
}

func (c *conn) supervisionResponses(ctx context.Context, requestID int64) ([]SupervisionResponse, error) {
	rows, err := c.query(ctx, `SELECT id, request_id, body, responded_by, responded_at FROM supervision_responses
		WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, mapErr("sqlstore.supervisionResponses", err)
	}
	defer rows.Close()
	var out []SupervisionResponse
	for rows.Next() {
		var r SupervisionResponse
		if err := rows.Scan(&r.ID, &r.RequestID, &r.Body, &r.RespondedBy, &r.RespondedAt); err != nil {
			return nil, mapErr("sqlstore.supervisionResponses", err)
		}
		out = append(out, r)
	}
	return out, mapErr("sqlstore.supervisionResponses", rows.Err())
}

// PublishedImprovement is defined in package store, the port of the use cases.
type PublishedImprovement = store.PublishedImprovement

// PublishImprovement writes (or updates) the public projection of an
// improvement request; a trigger bumps the registry generation.
func (tx *Tx) PublishImprovement(ctx context.Context, p PublishedImprovement) error {
	_, err := tx.exec(ctx, `INSERT INTO registry_improvements (request_id, number, requested_on, due_on, body, status)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET status = excluded.status`,
		p.RequestID, p.Number, p.RequestedOn, p.DueOn, p.Body, p.Status)
	return mapErr("sqlstore.PublishImprovement", err)
}

// SetPublishedImprovementStatus updates the public status of a published
// request; nothing happens to a request that was never published.
func (tx *Tx) SetPublishedImprovementStatus(ctx context.Context, requestID int64, status string) error {
	_, err := tx.exec(ctx, "UPDATE registry_improvements SET status = ? WHERE request_id = ?", status, requestID)
	return mapErr("sqlstore.SetPublishedImprovementStatus", err)
}

// PublishedImprovements lists the published improvement requests of a
// certification number, oldest first. It reads only the public projection.
func (c *conn) PublishedImprovements(ctx context.Context, number string) ([]PublishedImprovement, error) {
	rows, err := c.query(ctx, `SELECT request_id, number, requested_on, due_on, body, status FROM registry_improvements
		WHERE number = ? ORDER BY requested_on, request_id`, number)
	if err != nil {
		return nil, mapErr("sqlstore.PublishedImprovements", err)
	}
	defer rows.Close()
	var out []PublishedImprovement
	for rows.Next() {
		var p PublishedImprovement
		if err := rows.Scan(&p.RequestID, &p.Number, &p.RequestedOn, &p.DueOn, &p.Body, &p.Status); err != nil {
			return nil, mapErr("sqlstore.PublishedImprovements", err)
		}
		out = append(out, p)
	}
	return out, mapErr("sqlstore.PublishedImprovements", rows.Err())
}
