// Package diff finds what a renewal changed in an answer, for showing old
// and new side by side.
package diff

import (
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// A renewal shows each changed answer old and new side by side with the
// change in red (朱書き, R-9.4). The change is found by diff-match-patch
// (Myers' algorithm with its speed-ups: shared start and end, half-match,
// bisection), in characters, then cleaned up for people to read (a change
// is not split at a shared fragment that means nothing) and tidied so that
// a lone shared character between two edits does not split them.

// Segment is a run of text that both sides share (Op 0), that only the old
// text has (Op -1), or that only the new one has (Op +1).
type Segment struct {
	Op   int
	Text string
}

// Change is an edit, with each side's segments ready to print.
type Change struct {
	Old, New []Segment // Old holds shared and removed runs, New shared and added ones
}

// Timeout bounds the search for the smallest edit of one answer. When it
// runs out, the diff found so far is used: still exact (both texts rebuild
// from it), only coarser. A renewal page diffs every changed answer, so
// each gets little.
const Timeout = 50 * time.Millisecond

// SplitChange is the edit from before to after.
func SplitChange(before, after string) Change {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = Timeout
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes([]rune(before), []rune(after), false))
	ops := make([]Segment, 0, len(diffs))
	for _, d := range diffs {
		ops = append(ops, Segment{Op: int(d.Type), Text: d.Text})
	}
	ops = dropEmpty(tidy(ops))
	var c Change
	for _, s := range ops {
		if s.Op <= 0 {
			c.Old = appendSegment(c.Old, s)
		}
		if s.Op >= 0 {
			c.New = appendSegment(c.New, s)
		}
	}
	return c
}

func appendSegment(xs []Segment, s Segment) []Segment {
	if n := len(xs); n > 0 && xs[n-1].Op == s.Op {
		xs[n-1].Text += s.Text
		return xs
	}
	return append(xs, s)
}

// tidy folds a shared run of one character lying between two edits into
// them, so that 「港区」→「千代田区」 reads as one change, not three.
func tidy(xs []Segment) []Segment {
	var out []Segment
	for k, s := range xs {
		if s.Op == 0 && len([]rune(s.Text)) == 1 && k > 0 && k < len(xs)-1 {
			out = append(out, Segment{-1, s.Text}, Segment{1, s.Text})
			continue
		}
		out = append(out, s)
	}
	// Regroup: all removals then all additions within each changed stretch.
	var grouped []Segment
	var del, ins string
	flush := func() {
		if del != "" {
			grouped = append(grouped, Segment{-1, del})
		}
		if ins != "" {
			grouped = append(grouped, Segment{1, ins})
		}
		del, ins = "", ""
	}
	for _, s := range out {
		switch s.Op {
		case -1:
			del += s.Text
		case 1:
			ins += s.Text
		default:
			flush()
			grouped = append(grouped, s)
		}
	}
	flush()
	return grouped
}

func dropEmpty(xs []Segment) []Segment {
	out := xs[:0]
	for _, s := range xs {
		if s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}
