package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/store"
)

// CreateApplication inserts a new application at version 1.
func (c *conn) CreateApplication(ctx context.Context, a application.Application) (application.Application, error) {
	formA, err := json.Marshal(a.FormA)
	if err != nil {
		return a, nintei.Wrap("sqlstore.CreateApplication", err)
	}
	a.CreatedAt, a.UpdatedAt, a.Version = c.now(), c.now(), 1
	a.ID, err = c.insertID(ctx, "sqlstore.CreateApplication",
		`INSERT INTO applications (org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at,
		 renews_certification_id, previous_application_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.OrgID, a.EditionID, a.Kind, a.State, string(formA), a.Version, a.CreatedBy, c.ts(a.CreatedAt), c.ts(a.UpdatedAt),
		nullID(a.RenewsCertificationID), nullID(a.PreviousApplicationID))
	return a, err
}

const applicationColumns = `id, org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at, submitted_at,
	renews_certification_id, previous_application_id, mark_use_declared_at`

func scanApplication(row interface{ Scan(...any) error }) (application.Application, error) {
	var a application.Application
	var formA string
	var submitted, declared sql.NullTime
	var renews, previous sql.NullInt64
	err := row.Scan(&a.ID, &a.OrgID, &a.EditionID, &a.Kind, &a.State, &formA, &a.Version, &a.CreatedBy,
		&a.CreatedAt, &a.UpdatedAt, &submitted, &renews, &previous, &declared)
	if err != nil {
		return a, err
	}
	a.SubmittedAt, a.MarkUseDeclaredAt = nullTime(submitted), nullTime(declared)
	a.RenewsCertificationID, a.PreviousApplicationID = renews.Int64, previous.Int64
	if err := json.Unmarshal([]byte(formA), &a.FormA); err != nil {
		return a, fmt.Errorf("application %d: form A: %w", a.ID, err)
	}
	return a, nil
}

// Application returns an application by ID, whoever it belongs to; only
// staff-facing code calls it. nintei.ErrNotFound if there is none.
func (c *conn) Application(ctx context.Context, id int64) (application.Application, error) {
	a, err := scanApplication(c.queryRow(ctx, "SELECT "+applicationColumns+" FROM applications WHERE id = ?", id))
	return a, mapErr("sqlstore.Application", err)
}

// ApplicationOfOrg returns an application only if it belongs to orgID: the
// query itself enforces that a provider never reads another's application
// (another provider's ID is simply not found).
func (c *conn) ApplicationOfOrg(ctx context.Context, orgID, id int64) (application.Application, error) {
	a, err := scanApplication(c.queryRow(ctx, "SELECT "+applicationColumns+" FROM applications WHERE id = ? AND org_id = ?", id, orgID))
	return a, mapErr("sqlstore.ApplicationOfOrg", err)
}

// ApplicationsOfOrg lists a provider's applications, newest first.
func (c *conn) ApplicationsOfOrg(ctx context.Context, orgID int64) ([]application.Application, error) {
	return c.applications(ctx, "sqlstore.ApplicationsOfOrg", "WHERE org_id = ? ORDER BY id DESC", orgID)
}

// ApplicationsInStates lists applications in any of the states, oldest
// first (the order work is done in).
func (c *conn) ApplicationsInStates(ctx context.Context, states ...application.State) ([]application.Application, error) {
	if len(states) == 0 {
		return nil, nil
	}
	where, args := "WHERE state IN (?", []any{states[0]}
	for _, s := range states[1:] {
		where += ", ?"
		args = append(args, s)
	}
	return c.applications(ctx, "sqlstore.ApplicationsInStates", where+") ORDER BY updated_at, id", args...)
}

func (c *conn) applications(ctx context.Context, op, where string, args ...any) ([]application.Application, error) {
	rows, err := c.query(ctx, "SELECT "+applicationColumns+" FROM applications "+where, args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []application.Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, a)
	}
	return out, mapErr(op, rows.Err())
}

// UpdateFormA stores a new Form A if the application is still at the
// version the editor loaded; otherwise nintei.ErrConflict (someone else
// saved in between). It returns the new version.
func (c *conn) UpdateFormA(ctx context.Context, id, version int64, f application.FormA) (int64, error) {
	b, err := json.Marshal(f)
	if err != nil {
		return 0, nintei.Wrap("sqlstore.UpdateFormA", err)
	}
	return c.bump(ctx, "sqlstore.UpdateFormA", id, version, "form_a = ?", string(b))
}

// SetApplicationState moves an application from one state to another at a
// known version; nintei.ErrConflict when it is no longer in that state or
// version (another actor moved it first).
func (c *conn) SetApplicationState(ctx context.Context, id, version int64, from, to application.State) (int64, error) {
	return c.bumpWhere(ctx, "sqlstore.SetApplicationState", id, version, "state = ?", "state = ?", to, from)
}

// SetSubmittedAt records when the application was (last) handed in; the
// state change itself went through SetApplicationState.
func (c *conn) SetSubmittedAt(ctx context.Context, id int64) error {
	_, err := c.exec(ctx, "UPDATE applications SET submitted_at = ? WHERE id = ?", c.ts(c.now()), id)
	return mapErr("sqlstore.SetSubmittedAt", err)
}

// TouchApplication bumps the version after a change to its Form B or
// attachments, with the same optimistic check.
func (c *conn) TouchApplication(ctx context.Context, id, version int64) (int64, error) {
	return c.bump(ctx, "sqlstore.TouchApplication", id, version, "")
}

func (c *conn) bump(ctx context.Context, op string, id, version int64, set string, args ...any) (int64, error) {
	return c.bumpWhere(ctx, op, id, version, set, "", args...)
}

// bumpWhere updates an application row and its version in one statement,
// guarded by the expected version (and an extra condition), so concurrent
// editors cannot overwrite each other silently.
func (c *conn) bumpWhere(ctx context.Context, op string, id, version int64, set, cond string, args ...any) (int64, error) {
	q := "UPDATE applications SET version = version + 1, updated_at = ?"
	if set != "" {
		q += ", " + set
	}
	q += " WHERE id = ? AND version = ?"
	if cond != "" {
		q += " AND " + cond
	}
	setArgs, condArgs := splitArgs(set, args)
	all := append([]any{c.ts(c.now())}, setArgs...)
	all = append(all, id, version)
	all = append(all, condArgs...)
	res, err := c.exec(ctx, q, all...)
	if err != nil {
		return 0, mapErr(op, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, fmt.Errorf("%s: %w", op, nintei.ErrConflict)
	}
	return version + 1, nil
}

// splitArgs divides args between the SET clause's placeholders and the
// condition's, by counting the SET clause's.
func splitArgs(set string, args []any) ([]any, []any) {
	n := 0
	for _, r := range set {
		if r == '?' {
			n++
		}
	}
	return args[:n], args[n:]
}

// ApplicationStateCounts counts applications by state, for the metrics.
func (c *conn) ApplicationStateCounts(ctx context.Context) (map[string]int64, error) {
	rows, err := c.query(ctx, "SELECT state, COUNT(*) FROM applications GROUP BY state")
	if err != nil {
		return nil, mapErr("sqlstore.ApplicationStateCounts", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, mapErr("sqlstore.ApplicationStateCounts", err)
		}
		out[state] = n
	}
	return out, mapErr("sqlstore.ApplicationStateCounts", rows.Err())
}

// FormB returns an application's Form B entries by item ID.
func (c *conn) FormB(ctx context.Context, applicationID int64) (formb.Form, error) {
	rows, err := c.query(ctx, `SELECT item_id, answer, evidence_doc, evidence_loc FROM form_b_entries
		WHERE application_id = ?`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.FormB", err)
	}
	defer rows.Close()
	form := formb.Form{}
	for rows.Next() {
		var e formb.Entry
		var answer string
		if err := rows.Scan(&e.ItemID, &answer, &e.EvidenceDoc, &e.EvidenceLoc); err != nil {
			return nil, mapErr("sqlstore.FormB", err)
		}
		if err := json.Unmarshal([]byte(answer), &e.Answer); err != nil {
			return nil, nintei.Wrap("sqlstore.FormB", fmt.Errorf("item %s: %w", e.ItemID, err))
		}
		form[e.ItemID] = e
	}
	return form, mapErr("sqlstore.FormB", rows.Err())
}

// SaveFormBEntries writes entries (insert or replace, one row per item).
// The caller bumps the application's version in the same transaction.
func (c *conn) SaveFormBEntries(ctx context.Context, applicationID, by int64, entries []formb.Entry) error {
	for _, e := range entries {
		answer, err := json.Marshal(e.Answer)
		if err != nil {
			return nintei.Wrap("sqlstore.SaveFormBEntries", err)
		}
		_, err = c.exec(ctx, `INSERT INTO form_b_entries (application_id, item_id, answer, evidence_doc, evidence_loc, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (application_id, item_id) DO UPDATE SET answer = excluded.answer,
				evidence_doc = excluded.evidence_doc, evidence_loc = excluded.evidence_loc,
				updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			applicationID, e.ItemID, string(answer), e.EvidenceDoc, e.EvidenceLoc, by, c.ts(c.now()))
		if err != nil {
			return mapErr("sqlstore.SaveFormBEntries", err)
		}
	}
	return nil
}

// Submissions: the frozen snapshots of an application, one per submission.

// InsertSubmission stores a frozen snapshot as the application's next
// submission (1, 2, … for resubmissions after a return for correction).
func (c *conn) InsertSubmission(ctx context.Context, applicationID int64, snapshot, sha string, by int64) error {
	var n int64
	if err := c.queryRow(ctx, "SELECT COUNT(*) FROM submissions WHERE application_id = ?", applicationID).Scan(&n); err != nil {
		return mapErr("sqlstore.InsertSubmission", err)
	}
	_, err := c.exec(ctx, `INSERT INTO submissions (application_id, seq, snapshot, sha256, submitted_by, submitted_at)
		VALUES (?, ?, ?, ?, ?, ?)`, applicationID, n+1, snapshot, sha, by, c.ts(c.now()))
	return mapErr("sqlstore.InsertSubmission", err)
}

// Submission is defined in package store, the port of the use cases.
type Submission = store.Submission

// Submissions lists an application's submissions, first first.
func (c *conn) Submissions(ctx context.Context, applicationID int64) ([]Submission, error) {
	rows, err := c.query(ctx, `SELECT id, application_id, seq, snapshot, sha256, submitted_by, submitted_at
		FROM submissions WHERE application_id = ? ORDER BY seq`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Submissions", err)
	}
	defer rows.Close()
	var out []Submission
	for rows.Next() {
		var s Submission
		if err := rows.Scan(&s.ID, &s.ApplicationID, &s.Seq, &s.Snapshot, &s.SHA256, &s.SubmittedBy, &s.SubmittedAt); err != nil {
			return nil, mapErr("sqlstore.Submissions", err)
		}
		out = append(out, s)
	}
	return out, mapErr("sqlstore.Submissions", rows.Err())
}

// UsersWithRole lists active users holding a role (e.g. everyone to notify).
func (c *conn) UsersWithRole(ctx context.Context, role nintei.Role) ([]nintei.User, error) {
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE role = ? AND disabled_at IS NULL ORDER BY id", role)
	if err != nil {
		return nil, mapErr("sqlstore.UsersWithRole", err)
	}
	defer rows.Close()
	var out []nintei.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, mapErr("sqlstore.UsersWithRole", err)
		}
		out = append(out, u)
	}
	return out, mapErr("sqlstore.UsersWithRole", rows.Err())
}
