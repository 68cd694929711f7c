package sqlstore

import (
	"context"
	"database/sql"

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
