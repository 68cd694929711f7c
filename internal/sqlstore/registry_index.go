package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"nintei/internal/searchindex"
)

// A search of the registry is answered by an in-memory index
// (internal/searchindex) rather than by SQL: a word not asked before cost
// 30–100 ms through FTS5 and the count and order of its matches, and a word
// with punctuation a LIKE scan of every text, 0.5 s at 10,000 services
// (docs/benchmarks.md). The index is brought to the registry generation
// before every search: each instance reads the generation, and when it has
// moved, reads what changed (entries whose revision differs, entries gone)
// and the orders, so two instances at the same generation give the same
// answer. Searches inside a transaction keep the SQL path (their writes are
// not yet visible to the index).

// searchState is a Store's index and the lock that lets one refresh run at
// a time.
type searchState struct {
	mu  sync.Mutex
	idx *searchindex.Index
}

func newSearchState() *searchState { return &searchState{idx: searchindex.New()} }

// WarmSearch brings the search index to the registry's generation now,
// rather than at the first search.
func (s *Store) WarmSearch(ctx context.Context) error {
	_, err := s.search.current(ctx, &s.conn)
	return err
}

// searchBatch is how many texts one refresh query reads.
const searchBatch = 500

// current is the index at the database's registry generation.
func (s *searchState) current(ctx context.Context, c *conn) (*searchindex.Index, error) {
	gen, err := c.RegistryGeneration(ctx)
	if err != nil {
		return nil, err
	}
	if s.idx.Generation() == gen {
		return s.idx, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx.Generation() == gen {
		return s.idx, nil
	}
	return s.idx, s.refresh(ctx, c, gen)
}

// refresh reads the entries whose revision the index does not hold, drops
// the entries gone, reads the orders and marks the index at gen. The
// generation is read before the rows, so the rows are at least as new.
func (s *searchState) refresh(ctx context.Context, c *conn, gen int64) error {
	held := s.idx.Revisions()
	revs, err := c.entryRevisions(ctx)
	if err != nil {
		return err
	}
	var changed, removed []string
	for n, r := range revs {
		if h, ok := held[n]; !ok || h != r {
			changed = append(changed, n)
		}
	}
	for n := range held {
		if _, ok := revs[n]; !ok {
			removed = append(removed, n)
		}
	}
	if len(changed) == 0 && len(removed) == 0 {
		s.idx.Update(gen, nil, nil, nil)
		return nil
	}
	// Texts are read and indexed a batch at a time, so that the whole
	// registry's texts are never in memory at once (60 MB at 10,000).
	old := s.idx.Generation()
	for i := 0; i < len(changed); i += searchBatch {
		docs, err := c.searchDocs(ctx, changed[i:min(i+searchBatch, len(changed))])
		if err != nil {
			return err
		}
		s.idx.Update(old, docs, nil, nil)
	}
	orders, err := c.registryOrders(ctx)
	if err != nil {
		return err
	}
	s.idx.Update(gen, nil, removed, orders)
	return nil
}

// entryRevisions maps every published entry to its revision.
func (c *conn) entryRevisions(ctx context.Context) (map[string]int64, error) {
	rows, err := c.query(ctx, "SELECT number, revision FROM registry_entries")
	if err != nil {
		return nil, mapErr("sqlstore.entryRevisions", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var n string
		var r int64
		if err := rows.Scan(&n, &r); err != nil {
			return nil, mapErr("sqlstore.entryRevisions", err)
		}
		out[n] = r
	}
	return out, mapErr("sqlstore.entryRevisions", rows.Err())
}

// searchDocs reads the search texts of the given entries.
func (c *conn) searchDocs(ctx context.Context, numbers []string) ([]searchindex.Doc, error) {
	rows, err := c.query(ctx, `SELECT r.number, r.revision, t.search_text FROM registry_entries r
		JOIN registry_texts t ON t.number = r.number WHERE r.number IN (`+placeholders(len(numbers))+`)`, anys(numbers)...)
	if err != nil {
		return nil, mapErr("sqlstore.searchDocs", err)
	}
	defer rows.Close()
	var out []searchindex.Doc
	for rows.Next() {
		var d searchindex.Doc
		if err := rows.Scan(&d.Number, &d.Revision, &d.Text); err != nil {
			return nil, mapErr("sqlstore.searchDocs", err)
		}
		out = append(out, d)
	}
	return out, mapErr("sqlstore.searchDocs", rows.Err())
}

// registryOrders lists every entry's number in each order a search can
// ask for, as the database sorts them (its collation, not Go's).
func (c *conn) registryOrders(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	for _, o := range registrySorts {
		if _, done := out[o]; done {
			continue
		}
		rows, err := c.query(ctx, "SELECT r.number FROM registry_entries r ORDER BY "+o)
		if err != nil {
			return nil, mapErr("sqlstore.registryOrders", err)
		}
		var numbers []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				_ = rows.Close()
				return nil, mapErr("sqlstore.registryOrders", err)
			}
			numbers = append(numbers, n)
		}
		err = rows.Err()
		_ = rows.Close()
		if err != nil {
			return nil, mapErr("sqlstore.registryOrders", err)
		}
		out[o] = numbers
	}
	return out, nil
}

// searchIndexed answers a search through the index: alone when the query
// has no other filter (count and page from the index, the page's rows by
// number), else as the set of numbers the SQL filters are applied to.
func (c *conn) searchIndexed(ctx context.Context, q RegistryQuery, words []string) ([]RegistryEntry, int, error) {
	idx, err := c.search.current(ctx, c)
	if err != nil {
		return nil, 0, err
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	rest := q
	rest.Text = ""
	where, args := c.registryWhere(rest)
	if where == "WHERE 1 = 1" {
		numbers, total := idx.Search(words, order(q.Sort), q.Offset, q.Limit)
		entries, err := c.entriesByNumber(ctx, numbers)
		return entries, total, err
	}
	matches, err := json.Marshal(idx.Matches(words))
	if err != nil {
		return nil, 0, mapErr("sqlstore.Registry", err)
	}
	in := " AND r.number IN (SELECT value FROM json_each(?))"
	if c.d == Postgres {
		in = " AND r.number IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"
	}
	return c.registryRows(ctx, where+in, append(args, string(matches)), q)
}

// entriesByNumber reads the listed entries' rows, in the order listed.
func (c *conn) entriesByNumber(ctx context.Context, numbers []string) ([]RegistryEntry, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, "SELECT "+registryColumns+" FROM registry_entries r WHERE r.number IN ("+placeholders(len(numbers))+")", anys(numbers)...)
	if err != nil {
		return nil, mapErr("sqlstore.Registry", err)
	}
	defer rows.Close()
	byNumber := map[string]RegistryEntry{}
	for rows.Next() {
		var e RegistryEntry
		if err := rows.Scan(&e.Number, &e.ServiceName, &e.ProviderName, &e.CertifiedOn, &e.ValidUntil, &e.Status, &e.PublishedAt); err != nil {
			return nil, mapErr("sqlstore.Registry", err)
		}
		byNumber[e.Number] = e
	}
	out := make([]RegistryEntry, 0, len(numbers))
	for _, n := range numbers {
		if e, ok := byNumber[n]; ok {
			out = append(out, e)
		}
	}
	return out, mapErr("sqlstore.Registry", rows.Err())
}

// placeholders is n comma-separated parameters.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
