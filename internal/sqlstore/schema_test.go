package sqlstore_test

import (
	"slices"
	"strings"
	"testing"

	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// Tables finds the tables from the database itself, every table after the
// ones it refers to, and leaves out SQLite's search index and its shadow
// tables (migrate-data and backup need no list of tables).
func TestTablesAreDiscoveredInForeignKeyOrder(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		tables, err := sqlstore.Tables(ctx, s.DB(), s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		pos := map[string]int{}
		for i, tb := range tables {
			pos[tb.Name] = i
			if strings.HasPrefix(tb.Name, "registry_search") || strings.HasPrefix(tb.Name, "sqlite_") {
				t.Errorf("%s is an index, not a data table", tb.Name)
			}
			if len(tb.Columns) == 0 {
				t.Errorf("%s: no columns", tb.Name)
			}
		}
		for _, want := range []string{"organizations", "users", "applications", "attachments", "audit_events", "registry_entries", sqlstore.MigrationsTable} {
			if _, ok := pos[want]; !ok {
				t.Errorf("%s not found among %d tables", want, len(tables))
			}
		}
		for _, tb := range tables {
			for _, r := range tb.Refs {
				if r != tb.Name && pos[r] > pos[tb.Name] {
					t.Errorf("%s comes before %s, which it refers to", tb.Name, r)
				}
			}
		}
		if pos["users"] < pos["organizations"] || pos["attachments"] < pos["applications"] {
			t.Errorf("order %v does not follow the foreign keys", pos)
		}
	})
}

// A freshly migrated database holds no data: the only rows are the ones the
// migrations write themselves (read from their INSERT statements).
func TestFreshDatabaseHasNoDataRows(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		seeded, err := sqlstore.SeededTables(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"audit_head", "registry_state", sqlstore.MigrationsTable} {
			if !seeded[want] {
				t.Errorf("SeededTables lacks %s: %v", want, seeded)
			}
		}
		if full, err := s.TablesWithRows(ctx, seeded); err != nil || len(full) != 0 {
			t.Errorf("fresh database: tables with rows %v (%v), want none", full, err)
		}
	})
}

// Every column of every SQLite table exists in PostgreSQL, so migrate-data
// copies all data; only indexes differ (the FTS5 table on SQLite, tsvector
// columns on PostgreSQL, which the store fills when it opens).
func TestDialectsHaveTheSameDataColumns(t *testing.T) {
	backends := testenv.Backends(t)
	if len(backends) < 2 {
		t.Skipf("%s is not set", testenv.PostgresURLVar)
	}
	cols := map[string][]string{}
	derived := map[string]bool{}
	for _, b := range backends {
		s, _ := newStore(t, b)
		tables, err := sqlstore.Tables(ctx, s.DB(), s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tb := range tables {
			for _, c := range tb.Columns {
				names = append(names, tb.Name+"."+c.Name)
				derived[tb.Name+"."+c.Name] = derived[tb.Name+"."+c.Name] || c.Type == "tsvector"
			}
		}
		slices.Sort(names)
		cols[b.Name] = names
	}
	for _, c := range cols["sqlite"] {
		if !slices.Contains(cols["postgres"], c) {
			t.Errorf("%s exists on SQLite but not on PostgreSQL: migrate-data would drop it", c)
		}
	}
	for _, c := range cols["postgres"] {
		if !slices.Contains(cols["sqlite"], c) && !derived[c] {
			t.Errorf("%s exists on PostgreSQL only: migrate-data leaves it empty", c)
		}
	}
}
