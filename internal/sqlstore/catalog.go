package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"nintei/formb"
	"nintei/store"
)

// CatalogScheme is defined in package store, the port of the use cases.
type CatalogScheme = store.CatalogScheme

// CatalogEdition is defined in package store, the port of the use cases.
type CatalogEdition = store.CatalogEdition

// UpsertScheme inserts a scheme or refreshes its names; the number prefix
// of an existing scheme never changes, because certificate numbers already
// issued carry it.
func (c *conn) UpsertScheme(ctx context.Context, s CatalogScheme) error {
	_, err := c.exec(ctx, `INSERT INTO catalog_schemes (id, name_ja, name_en, number_prefix, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name_ja = excluded.name_ja, name_en = excluded.name_en`,
		s.ID, s.NameJA, s.NameEN, s.NumberPrefix, c.ts(c.now()))
	return mapErr("sqlstore.UpsertScheme", err)
}

// Scheme returns a scheme; nintei.ErrNotFound if unknown.
func (c *conn) Scheme(ctx context.Context, id string) (CatalogScheme, error) {
	var s CatalogScheme
	err := c.queryRow(ctx, "SELECT id, name_ja, name_en, number_prefix FROM catalog_schemes WHERE id = ?", id).
		Scan(&s.ID, &s.NameJA, &s.NameEN, &s.NumberPrefix)
	return s, mapErr("sqlstore.Scheme", err)
}

// InsertEdition stores a new edition; nintei.ErrDuplicate when the ID exists.
func (c *conn) InsertEdition(ctx context.Context, e CatalogEdition) error {
	var by any
	if e.ImportedBy != 0 {
		by = e.ImportedBy
	}
	_, err := c.exec(ctx, `INSERT INTO catalog_editions (id, scheme_id, version, title_ja, title_en, status,
		item_count, digest, source, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.SchemeID, e.Version, e.TitleJA, e.TitleEN, e.Status, e.ItemCount, e.Digest, e.Source,
		c.ts(e.ImportedAt), by)
	return mapErr("sqlstore.InsertEdition", err)
}

const editionColumns = "id, scheme_id, version, title_ja, title_en, status, item_count, digest, imported_at, imported_by"

func scanEdition(row interface{ Scan(...any) error }) (CatalogEdition, error) {
	var e CatalogEdition
	var by sql.NullInt64
	err := row.Scan(&e.ID, &e.SchemeID, &e.Version, &e.TitleJA, &e.TitleEN, &e.Status, &e.ItemCount,
		&e.Digest, &e.ImportedAt, &by)
	e.ImportedBy = by.Int64
	return e, err
}

// Edition returns an edition with its source file; nintei.ErrNotFound if unknown.
func (c *conn) Edition(ctx context.Context, id string) (CatalogEdition, error) {
	var src string
	row := c.queryRow(ctx, "SELECT "+editionColumns+", source FROM catalog_editions WHERE id = ?", id)
	var e CatalogEdition
	var by sql.NullInt64
	err := row.Scan(&e.ID, &e.SchemeID, &e.Version, &e.TitleJA, &e.TitleEN, &e.Status, &e.ItemCount,
		&e.Digest, &e.ImportedAt, &by, &src)
	e.ImportedBy, e.Source = by.Int64, src
	return e, mapErr("sqlstore.Edition", err)
}

// Editions lists all editions (without their source), newest import first.
func (c *conn) Editions(ctx context.Context) ([]CatalogEdition, error) {
	rows, err := c.query(ctx, "SELECT "+editionColumns+" FROM catalog_editions ORDER BY imported_at DESC, id")
	if err != nil {
		return nil, mapErr("sqlstore.Editions", err)
	}
	defer rows.Close()
	var out []CatalogEdition
	for rows.Next() {
		e, err := scanEdition(rows)
		if err != nil {
			return nil, mapErr("sqlstore.Editions", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.Editions", rows.Err())
}

// NumberPrefixes lists every scheme's certificate number prefix.
func (c *conn) NumberPrefixes(ctx context.Context) ([]string, error) {
	rows, err := c.query(ctx, "SELECT number_prefix FROM catalog_schemes WHERE number_prefix <> '' ORDER BY LENGTH(number_prefix) DESC, number_prefix")
	if err != nil {
		return nil, mapErr("sqlstore.NumberPrefixes", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, mapErr("sqlstore.NumberPrefixes", err)
		}
		out = append(out, p)
	}
	return out, mapErr("sqlstore.NumberPrefixes", rows.Err())
}

// CatalogMapping is defined in package store, the port of the use cases.
type CatalogMapping = store.CatalogMapping

// FormBMark is defined in package store, the port of the use cases.
type FormBMark = store.FormBMark

// InsertMapping stores the mapping an edition was imported with.
func (c *conn) InsertMapping(ctx context.Context, m CatalogMapping) error {
	_, err := c.exec(ctx, `INSERT INTO catalog_mappings (to_edition_id, from_edition_id, source, digest, imported_at)
		VALUES (?, ?, ?, ?, ?)`, m.ToEdition, m.FromEdition, m.Source, m.Digest, c.ts(m.ImportedAt))
	return mapErr("sqlstore.InsertMapping", err)
}

// MappingTo returns the mapping into an edition; nintei.ErrNotFound when
// the edition was imported without one.
func (c *conn) MappingTo(ctx context.Context, toEdition string) (CatalogMapping, error) {
	var m CatalogMapping
	err := c.queryRow(ctx, `SELECT to_edition_id, from_edition_id, source, digest, imported_at FROM catalog_mappings
		WHERE to_edition_id = ?`, toEdition).Scan(&m.ToEdition, &m.FromEdition, &m.Source, &m.Digest, &m.ImportedAt)
	return m, mapErr("sqlstore.MappingTo", err)
}

// ApplicationIDsOnEdition lists the applications bound to an edition in
// the given states, oldest first.
func (c *conn) ApplicationIDsOnEdition(ctx context.Context, edition string, states []string) ([]int64, error) {
	q := "SELECT id FROM applications WHERE edition_id = ? AND state IN (" + placeholders(len(states)) + ") ORDER BY id"
	args := []any{edition}
	for _, s := range states {
		args = append(args, s)
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, mapErr("sqlstore.ApplicationIDsOnEdition", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr("sqlstore.ApplicationIDsOnEdition", err)
		}
		out = append(out, id)
	}
	return out, mapErr("sqlstore.ApplicationIDsOnEdition", rows.Err())
}

// MoveFormB binds an application to another edition and replaces its Form
// B and marks, bumping its version so an editor open on the old edition
// cannot save over the move.
func (c *conn) MoveFormB(ctx context.Context, appID, by int64, edition string, entries []formb.Entry, marks []FormBMark) error {
	if _, err := c.exec(ctx, "UPDATE applications SET edition_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
		edition, c.ts(c.now()), appID); err != nil {
		return mapErr("sqlstore.MoveFormB", err)
	}
	for _, t := range []string{"form_b_entries", "form_b_marks"} {
		if _, err := c.exec(ctx, "DELETE FROM "+t+" WHERE application_id = ?", appID); err != nil { // #nosec G202 -- t is one of two constant table names
			return mapErr("sqlstore.MoveFormB", err)
		}
	}
	if err := c.SaveFormBEntries(ctx, appID, by, entries); err != nil {
		return err
	}
	return c.AddFormBMarks(ctx, appID, marks)
}

// AddFormBMarks marks items of an application's Form B.
func (c *conn) AddFormBMarks(ctx context.Context, appID int64, marks []FormBMark) error {
	for _, m := range marks {
		if _, err := c.exec(ctx, `INSERT INTO form_b_marks (application_id, item_id, kind, map_kind, from_items, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, appID, m.ItemID, m.Kind, m.Map, strings.Join(m.From, " "), c.ts(c.now())); err != nil {
			return mapErr("sqlstore.AddFormBMarks", err)
		}
	}
	return nil
}

// FormBMarks lists the marked items of an application.
func (c *conn) FormBMarks(ctx context.Context, appID int64) ([]FormBMark, error) {
	rows, err := c.query(ctx, "SELECT item_id, kind, map_kind, from_items FROM form_b_marks WHERE application_id = ? ORDER BY item_id", appID)
	if err != nil {
		return nil, mapErr("sqlstore.FormBMarks", err)
	}
	defer rows.Close()
	var out []FormBMark
	for rows.Next() {
		var m FormBMark
		var from string
		if err := rows.Scan(&m.ItemID, &m.Kind, &m.Map, &from); err != nil {
			return nil, mapErr("sqlstore.FormBMarks", err)
		}
		m.From = strings.Fields(from)
		out = append(out, m)
	}
	return out, mapErr("sqlstore.FormBMarks", rows.Err())
}

// ClearFormBMarks removes the marks of items the applicant confirmed.
func (c *conn) ClearFormBMarks(ctx context.Context, appID int64, itemIDs []string) error {
	for _, id := range itemIDs {
		if _, err := c.exec(ctx, "DELETE FROM form_b_marks WHERE application_id = ? AND item_id = ?", appID, id); err != nil {
			return mapErr("sqlstore.ClearFormBMarks", err)
		}
	}
	return nil
}
