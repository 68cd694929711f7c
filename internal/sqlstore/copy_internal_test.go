package sqlstore

import (
	"testing"
	"time"
)

// SQLite's dynamic values become what the PostgreSQL column takes: 0/1 for
// booleans, TIMESTAMP text for timestamptz, text for bytea.
func TestToPostgresConvertsSQLiteValues(t *testing.T) {
	at := time.Date(2026, 11, 27, 10, 0, 0, 123456000, time.UTC)
	cases := []struct {
		v    any
		typ  string
		want any
	}{
		{int64(1), "bool", true},
		{int64(0), "bool", false},
		{"2026-11-27T10:00:00.123456Z", "timestamptz", at},
		{"2026-11-27 19:00:00.123456+09:00", "timestamptz", at},
		{at, "timestamptz", at},
		{nil, "timestamptz", nil},
		{"abc", "bytea", []byte("abc")},
		{[]byte("x"), "text", "x"},
		{int64(7), "int8", int64(7)},
		{"IP-IoT 0001-2611", "text", "IP-IoT 0001-2611"},
	}
	for _, c := range cases {
		got, err := toPostgres(c.v, c.typ)
		if err != nil {
			t.Errorf("toPostgres(%v, %s): %v", c.v, c.typ, err)
			continue
		}
		switch w := c.want.(type) {
		case time.Time:
			if g, ok := got.(time.Time); !ok || !g.Equal(w) {
				t.Errorf("toPostgres(%v, %s) = %v, want %v", c.v, c.typ, got, w)
			}
		case []byte:
			if g, ok := got.([]byte); !ok || string(g) != string(w) {
				t.Errorf("toPostgres(%v, %s) = %v, want %v", c.v, c.typ, got, w)
			}
		default:
			if got != c.want {
				t.Errorf("toPostgres(%v, %s) = %v (%T), want %v", c.v, c.typ, got, got, c.want)
			}
		}
	}
	if _, err := toPostgres("yesterday", "timestamptz"); err == nil {
		t.Error("toPostgres(yesterday, timestamptz): no error")
	}
}
