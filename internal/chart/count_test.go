package chart

import (
	"reflect"
	"testing"
	"time"
)

var jst = time.FixedZone("JST", 9*60*60)

// at is a moment in Japan on day d of November 2026.
func at(d, hour, minute int) time.Time { return time.Date(2026, 11, d, hour, minute, 0, 0, jst) }

func TestCount(t *testing.T) {
	states := []string{"submitted", "formal_review", "awaiting_payment"}
	cases := []struct {
		name     string
		history  []Entry
		from, to time.Time
		loc      *time.Location
		want     [][]int // per day, per state
	}{
		{
			name: "no history counts nothing",
			from: at(1, 0, 0), to: at(3, 0, 0),
			want: [][]int{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
		},
		{
			name: "the state at the end of the day counts, not the ones passed through",
			history: []Entry{
				{1, "submitted", at(2, 9, 0)},
				{1, "formal_review", at(2, 11, 0)},
				{1, "awaiting_payment", at(2, 17, 30)},
			},
			from: at(1, 0, 0), to: at(3, 0, 0),
			want: [][]int{{0, 0, 0}, {0, 0, 1}, {0, 0, 1}},
		},
		{
			name: "an application entering late is not counted before",
			history: []Entry{
				{1, "submitted", at(1, 8, 0)},
				{2, "submitted", at(3, 23, 59)},
			},
			from: at(1, 0, 0), to: at(3, 0, 0),
			want: [][]int{{1, 0, 0}, {1, 0, 0}, {2, 0, 0}},
		},
		{
			name: "an entry at midnight belongs to the day it starts",
			history: []Entry{
				{1, "submitted", at(1, 8, 0)},
				{1, "formal_review", at(3, 0, 0)},
			},
			from: at(1, 0, 0), to: at(3, 0, 0),
			want: [][]int{{1, 0, 0}, {1, 0, 0}, {0, 1, 0}},
		},
		{
			name: "history before the range carries into the first day; later rows are ignored",
			history: []Entry{
				{1, "submitted", at(1, 8, 0)},
				{1, "formal_review", at(2, 8, 0)},
				{1, "awaiting_payment", at(5, 8, 0)},
			},
			from: at(3, 0, 0), to: at(4, 0, 0),
			want: [][]int{{0, 1, 0}, {0, 1, 0}},
		},
		{
			name: "a state outside the list (a decision, a withdrawal) leaves the count",
			history: []Entry{
				{1, "submitted", at(1, 8, 0)},
				{2, "submitted", at(1, 9, 0)},
				{1, "withdrawn", at(2, 10, 0)},
				{2, "formal_review", at(2, 11, 0)},
			},
			from: at(1, 0, 0), to: at(2, 0, 0),
			want: [][]int{{2, 0, 0}, {0, 1, 0}},
		},
		{
			name: "rows need not be sorted",
			history: []Entry{
				{1, "awaiting_payment", at(3, 8, 0)},
				{1, "submitted", at(1, 8, 0)},
				{1, "formal_review", at(2, 8, 0)},
			},
			from: at(1, 0, 0), to: at(3, 0, 0),
			want: [][]int{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
		},
		{
			name: "rows at the same instant keep their order",
			history: []Entry{
				{1, "submitted", at(1, 8, 0)},
				{1, "formal_review", at(1, 8, 0)},
			},
			from: at(1, 0, 0), to: at(1, 0, 0),
			want: [][]int{{0, 1, 0}},
		},
		{
			name: "days are calendar days in the given location (01:00 JST is the previous day in UTC)",
			history: []Entry{
				{1, "submitted", at(2, 1, 0)}, // 2026-11-01 16:00 UTC
			},
			from: at(1, 12, 0), to: at(2, 12, 0), loc: time.UTC,
			want: [][]int{{1, 0, 0}, {1, 0, 0}},
		},
		{
			name: "the same rows in Japan",
			history: []Entry{
				{1, "submitted", at(2, 1, 0)},
			},
			from: at(1, 12, 0), to: at(2, 12, 0), loc: jst,
			want: [][]int{{0, 0, 0}, {1, 0, 0}},
		},
		{
			name:    "an empty range has no days",
			history: []Entry{{1, "submitted", at(1, 8, 0)}},
			from:    at(3, 0, 0), to: at(1, 0, 0),
			want: [][]int{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc := c.loc
			if loc == nil {
				loc = jst
			}
			got := Count(c.history, states, c.from, c.to, loc)
			if len(got.Days) != len(c.want) {
				t.Fatalf("%d days, want %d", len(got.Days), len(c.want))
			}
			counts := got.Counts
			if counts == nil {
				counts = [][]int{}
			}
			if !reflect.DeepEqual(counts, c.want) {
				t.Errorf("counts = %v, want %v", counts, c.want)
			}
			if !reflect.DeepEqual(got.States, states) {
				t.Errorf("states = %v", got.States)
			}
			for i, d := range got.Days {
				if h, m, s := d.In(loc).Clock(); h+m+s != 0 || d.Location() != loc {
					t.Errorf("day %d = %v, want a midnight in %v", i, d, loc)
				}
			}
		})
	}
}

func TestCountDays(t *testing.T) {
	s := Count(nil, []string{"x"}, at(1, 23, 0), at(30, 1, 0), jst)
	if len(s.Days) != 30 || !s.Days[0].Equal(at(1, 0, 0)) || !s.Days[29].Equal(at(30, 0, 0)) {
		t.Errorf("days = %d, %v … %v", len(s.Days), s.Days[0], s.Days[len(s.Days)-1])
	}
}

func TestSeriesTotals(t *testing.T) {
	s := Series{Days: make([]time.Time, 3), States: []string{"a", "b"}, Counts: [][]int{{1, 2}, {4, 0}, {0, 0}}}
	if s.Total(0) != 3 || s.Total(1) != 4 || s.Total(2) != 0 || s.Max() != 4 {
		t.Errorf("totals %d %d %d, max %d", s.Total(0), s.Total(1), s.Total(2), s.Max())
	}
}
