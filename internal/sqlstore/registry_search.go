package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"nintei/registry"
)

// The database's own search index is per dialect (see migration 0010): on
// SQLite an FTS5 table of bigram sequences matched as phrases, on
// PostgreSQL a GIN-indexed tsvector of bigrams confirmed by LIKE. Both
// answer exactly "every search word is a substring of the folded public
// text", the rule the LIKE scan they replace answered slowly. Searches
// outside a transaction now go to the in-memory index (registry_index.go);
// these serve searches inside one.

// maxQueryTerms bounds the work one search can ask for.
const maxQueryTerms = 64

// indexSearch writes an entry's search index row.
func (tx *Tx) indexSearch(ctx context.Context, number, searchText string) error {
	if tx.d == Postgres {
		_, err := tx.exec(ctx, `UPDATE registry_texts SET search_terms = array_to_tsvector(string_to_array(?, ' '))
			WHERE number = ?`, strings.Join(registry.Lexemes(searchText), " "), number)
		return mapErr("sqlstore.indexSearch", err)
	}
	var certificationID int64
	if err := tx.queryRow(ctx, "SELECT certification_id FROM registry_entries WHERE number = ?", number).Scan(&certificationID); err != nil {
		return mapErr("sqlstore.indexSearch", err)
	}
	if tx.searchRows != nil {
		*tx.searchRows = append(*tx.searchRows, searchRow{certificationID, registry.BigramSequence(searchText)})
		return nil
	}
	if _, err := tx.exec(ctx, "DELETE FROM registry_search WHERE rowid = ?", certificationID); err != nil {
		return mapErr("sqlstore.indexSearch", err)
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_search (rowid, terms) VALUES (?, ?)", certificationID, registry.BigramSequence(searchText))
	return mapErr("sqlstore.indexSearch", err)
}

// searchRow is one entry's row of SQLite's search index.
type searchRow struct {
	rowid int64
	terms string
}

// BatchSearchIndex makes the transaction's publications write their rows
// of SQLite's search index together, when it commits, in two statements.
// FTS5 writes its pending rows out at every statement of a transaction
// once it holds any, so a thousand publications in one transaction (the
// benchmark's seeding, moving in) spent 40 % of their time there. Searches
// inside the transaction do not see the rows until then.
func (tx *Tx) BatchSearchIndex() {
	if tx.d == SQLite && tx.searchRows == nil {
		tx.searchRows = &[]searchRow{}
	}
}

// flushSearchIndex writes the rows BatchSearchIndex held back.
func (tx *Tx) flushSearchIndex(ctx context.Context) error {
	if tx.searchRows == nil || len(*tx.searchRows) == 0 {
		return nil
	}
	ids := make([]int64, len(*tx.searchRows))
	rows := make([][2]any, len(*tx.searchRows))
	for i, r := range *tx.searchRows {
		ids[i], rows[i] = r.rowid, [2]any{r.rowid, r.terms}
	}
	*tx.searchRows = nil
	idJSON, err := json.Marshal(ids)
	if err != nil {
		return mapErr("sqlstore.flushSearchIndex", err)
	}
	rowJSON, err := json.Marshal(rows)
	if err != nil {
		return mapErr("sqlstore.flushSearchIndex", err)
	}
	if _, err := tx.exec(ctx, "DELETE FROM registry_search WHERE rowid IN (SELECT value FROM json_each(?))", string(idJSON)); err != nil {
		return mapErr("sqlstore.flushSearchIndex", err)
	}
	_, err = tx.exec(ctx, `INSERT INTO registry_search (rowid, terms)
		SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`, string(rowJSON))
	return mapErr("sqlstore.flushSearchIndex", err)
}

// searchClause is the WHERE clause for folded search words: every word
// must occur in the entry's public text.
func (c *conn) searchClause(text string) (string, []any) {
	where, args := "WHERE 1 = 1", []any{}
	var fts []string
	terms := 0
	for _, w := range strings.Fields(text) {
		groups := registry.QueryTerms(w)
		for _, g := range groups {
			terms += len(g)
		}
		if len(groups) == 0 || terms > maxQueryTerms {
			// Punctuation only, or more than the index should be asked
			// for: the text itself answers, slowly but correctly.
			where += " AND r.number IN (SELECT t.number FROM registry_texts t WHERE t.search_text LIKE ? ESCAPE '\\')"
			args = append(args, "%"+likeEscape(w)+"%")
			continue
		}
		if c.d == Postgres {
			if len(groups) == 1 && len(groups[0]) == 1 && groups[0][0] == w && utf8.RuneCountInString(w) == 2 {
				// A two-character word with no separator is one bigram,
				// present in the index exactly when the text contains the
				// word: no need to read each match's text to confirm it
				// (that read was most of a cold search: 1.2 s for a word
				// in most of 10,000 services).
				where += " AND r.number IN (SELECT t.number FROM registry_texts t WHERE t.search_terms @@ ?::tsquery)"
				args = append(args, tsQuery(groups))
				continue
			}
			where += ` AND r.number IN (SELECT t.number FROM registry_texts t
				WHERE t.search_terms @@ ?::tsquery AND t.search_text LIKE ? ESCAPE '\')`
			args = append(args, tsQuery(groups), "%"+likeEscape(w)+"%")
			continue
		}
		// FTS5 indexes only letters and digits, so the index is asked for
		// those alone: a word of emoji or symbols only ("★", "☁️") asks it
		// nothing and the text answers.
		if g := registry.QueryTerms(strings.Map(lettersAndDigits, w)); len(g) > 0 {
			fts = append(fts, ftsQuery(g))
		}
		if strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
			// The index sees only the letters and digits: FTS5's tokenizer
			// splits at every other character, so "-みなと" or "^み" would
			// match like "みなと" and "み". The text confirms the word, as on
			// PostgreSQL (found by the hostile-input tests).
			where += " AND r.number IN (SELECT t.number FROM registry_texts t WHERE t.search_text LIKE ? ESCAPE '\\')"
			args = append(args, "%"+likeEscape(w)+"%")
		}
	}
	if len(fts) > 0 {
		where += " AND r.certification_id IN (SELECT rowid FROM registry_search WHERE registry_search MATCH ?)"
		args = append(args, strings.Join(fts, " AND "))
	}
	return where, args
}

// lettersAndDigits keeps what FTS5's tokenizer indexes and makes every
// other character a separator.
func lettersAndDigits(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		return r
	}
	return ' '
}

// ftsQuery is an FTS5 query for one word: each segment's bigrams as a
// phrase, a one-character segment as a prefix of a token.
func ftsQuery(groups [][]string) string {
	parts := make([]string, len(groups))
	for i, g := range groups {
		phrase := `"` + strings.ReplaceAll(strings.Join(g, " "), `"`, `""`) + `"`
		if len(g) == 1 && len([]rune(g[0])) == 1 {
			phrase += "*"
		}
		parts[i] = phrase
	}
	return strings.Join(parts, " AND ")
}

// tsQuery is a tsquery needing every term of one word, each quoted as a
// lexeme (quotes and backslashes escaped), never parsed as operators.
func tsQuery(groups [][]string) string {
	var parts []string
	for _, g := range groups {
		for _, t := range g {
			t = strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t)
			parts = append(parts, "'"+t+"'")
		}
	}
	return strings.Join(parts, " & ")
}

// backfillSearch indexes entries published before the index existed
// (migration 0010), in batches, when the store opens.
func (s *Store) backfillSearch(ctx context.Context) error {
	missing := `SELECT r.number, t.search_text FROM registry_entries r
		JOIN registry_texts t ON t.number = r.number
		WHERE r.certification_id NOT IN (SELECT rowid FROM registry_search) LIMIT 500`
	if s.d == Postgres {
		missing = `SELECT r.number, t.search_text FROM registry_entries r
			JOIN registry_texts t ON t.number = r.number WHERE t.search_terms IS NULL LIMIT 500`
	}
	for {
		type row struct{ number, text string }
		var batch []row
		rows, err := s.query(ctx, missing)
		if err != nil {
			return mapErr("sqlstore.backfillSearch", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.number, &r.text); err != nil {
				_ = rows.Close()
				return mapErr("sqlstore.backfillSearch", err)
			}
			batch = append(batch, r)
		}
		// An error ending the iteration must not pass for the end of the work.
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return mapErr("sqlstore.backfillSearch", err)
		}
		if len(batch) == 0 {
			return nil
		}
		err = s.InTx(ctx, func(tx *Tx) error {
			for _, r := range batch {
				if err := tx.indexSearch(ctx, r.number, r.text); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}
