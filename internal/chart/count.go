// Package chart draws the secretariat's charts as plain SVG, server-side,
// with no dependencies: the page embeds the markup inline, so it works
// without JavaScript and under a strict Content Security Policy (no style
// attributes, no scripts). Every user-facing word comes from the caller;
// the package only lays out numbers.
package chart

import (
	"sort"
	"time"
)

// Entry is one row of the state history: an application entered a state
// at a moment.
type Entry struct {
	ApplicationID int64
	State         string
	EnteredAt     time.Time
}

// Series is the number of applications in each state at the end of each
// day: Counts[d][s] counts the applications in States[s] when Days[d]
// ended.
type Series struct {
	Days   []time.Time // midnight at the start of each day, in the location counted in
	States []string
	Counts [][]int
}

// Total is the number of applications counted on day d, all states together.
func (s Series) Total(d int) int {
	n := 0
	for _, c := range s.Counts[d] {
		n += c
	}
	return n
}

// Max is the largest daily total (the height of the tallest stack).
func (s Series) Max() int {
	m := 0
	for d := range s.Counts {
		m = max(m, s.Total(d))
	}
	return m
}

// Count turns state history rows into per-day counts for the days from
// from to to (both included, as calendar dates in loc). An application is
// counted in the state it was in at the end of each day: its last entry
// before the next midnight. Applications not yet in the history by then,
// and those whose state is not in states (a decision, a withdrawal), are
// not counted. The rows need not be sorted; rows at the same instant keep
// their given order.
func Count(history []Entry, states []string, from, to time.Time, loc *time.Location) Series {
	if loc == nil {
		loc = time.UTC
	}
	days := dayRange(from, to, loc)
	s := Series{Days: days, States: append([]string(nil), states...), Counts: make([][]int, len(days))}
	column := make(map[string]int, len(states))
	for i, st := range states {
		if _, dup := column[st]; !dup {
			column[st] = i
		}
	}
	rows := append([]Entry(nil), history...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].EnteredAt.Before(rows[j].EnteredAt) })
	current := map[int64]string{}
	next := 0
	for d, day := range days {
		end := nextDay(day, loc)
		for ; next < len(rows) && rows[next].EnteredAt.Before(end); next++ {
			current[rows[next].ApplicationID] = rows[next].State
		}
		s.Counts[d] = make([]int, len(states))
		for _, st := range current {
			if i, ok := column[st]; ok {
				s.Counts[d][i]++
			}
		}
	}
	return s
}

// dayRange lists the midnights of the calendar days from..to in loc.
func dayRange(from, to time.Time, loc *time.Location) []time.Time {
	first, last := midnight(from, loc), midnight(to, loc)
	var days []time.Time
	for d := first; !d.After(last); d = nextDay(d, loc) {
		days = append(days, d)
	}
	return days
}

func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// nextDay is the following midnight (calendar arithmetic, so a day with a
// daylight-saving change is still one day).
func nextDay(day time.Time, loc *time.Location) time.Time {
	y, m, d := day.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
