// Package diff finds what a renewal changed in an answer, for showing old
// and new side by side.
package diff

// A renewal shows each changed answer old and new side by side with the
// change in red (朱書き, R-9.4). diffText finds the change: the longest
// common subsequence of the two texts' characters, then tidied so that a
// lone shared character between two edits does not split them.

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

// maxDiffCells bounds the LCS table; longer texts fall back to marking
// everything between the shared start and end.
const maxDiffCells = 4 << 20

// SplitChange is the edit from before to after.
func SplitChange(before, after string) Change {
	ops := diffRunes([]rune(before), []rune(after))
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

// diffRunes returns the edit of a into b as segments in order.
func diffRunes(a, b []rune) []Segment {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out []Segment
	if p > 0 {
		out = append(out, Segment{0, string(a[:p])})
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if (len(ma)+1)*(len(mb)+1) > maxDiffCells {
		out = append(out, Segment{-1, string(ma)}, Segment{1, string(mb)})
	} else {
		out = append(out, tidy(lcsDiff(ma, mb))...)
	}
	if s > 0 {
		out = append(out, Segment{0, string(a[len(a)-s:])})
	}
	return dropEmpty(out)
}

// lcsDiff is the textbook dynamic programme over the middle parts.
func lcsDiff(a, b []rune) []Segment {
	w := len(b) + 1
	t := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	var out []Segment
	add := func(op int, r rune) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += string(r)
			return
		}
		out = append(out, Segment{op, string(r)})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			add(0, a[i])
			i, j = i+1, j+1
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			add(-1, a[i])
			i++
		default:
			add(1, b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		add(-1, a[i])
	}
	for ; j < len(b); j++ {
		add(1, b[j])
	}
	return out
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
