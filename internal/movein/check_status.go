package movein

import (
	"io/fs"
	"slices"
	"strings"

	"nintei/application"
	"nintei/certification"
)

// status checks the status against the dates as of today: a valid
// certification has not passed its last valid day, an expired one has;
// a revoked one names its day (within its validity, not before its
// certification), its grounds and the decision's reasons; the
// others leave the revocation's columns empty.
func (c *checker) status(line int, cell map[string]string, r *Row) {
	if !r.CertifiedOn.IsZero() && !r.ValidUntil.IsZero() && !r.ValidUntil.After(r.CertifiedOn) {
		c.add(line, ColValidUntil, CodeDateOrder, map[string]any{"Value": cell[ColValidUntil]})
	}
	r.Status = certification.Status(strings.ToLower(cell[ColStatus]))
	switch r.Status {
	case certification.Valid:
		if !r.ValidUntil.IsZero() && r.ValidUntil.Before(c.o.Today) {
			c.add(line, ColStatus, CodeNoLongerValid, map[string]any{"Value": cell[ColValidUntil]})
		}
	case certification.Expired:
		if !r.ValidUntil.IsZero() && !r.ValidUntil.Before(c.o.Today) {
			c.add(line, ColStatus, CodeStillValid, map[string]any{"Value": cell[ColValidUntil]})
		}
	case certification.Revoked:
		c.revocation(line, cell, r)
		return
	case "":
		return // reported as required
	default:
		c.add(line, ColStatus, CodeStatus, map[string]any{"Value": cell[ColStatus]})
		return
	}
	for _, col := range []string{ColRevokedOn, ColGrounds, ColReason} {
		if cell[col] != "" {
			c.add(line, col, CodeNotRevoked, nil)
		}
	}
}

func (c *checker) revocation(line int, cell map[string]string, r *Row) {
	switch {
	case cell[ColRevokedOn] == "":
		c.add(line, ColRevokedOn, CodeRequired, nil)
	case !r.RevokedOn.IsZero() && (r.RevokedOn.Before(r.CertifiedOn) || r.RevokedOn.After(r.ValidUntil)):
		c.add(line, ColRevokedOn, CodeRevokedOn, map[string]any{"Value": cell[ColRevokedOn]})
	}
	for _, g := range strings.FieldsFunc(cell[ColGrounds], func(r rune) bool { return r == ',' || r == ' ' || r == '、' }) {
		g = strings.ToLower(strings.TrimSuffix(g, ")"))
		if !certification.Ground(g).Valid() {
			c.add(line, ColGrounds, CodeGrounds, map[string]any{"Value": cell[ColGrounds]})
			r.Grounds = nil
			break
		}
		r.Grounds = append(r.Grounds, g)
	}
	slices.Sort(r.Grounds)
	r.Grounds = slices.Compact(r.Grounds)
	if cell[ColGrounds] == "" {
		c.add(line, ColGrounds, CodeRequired, nil)
	}
	if r.Reason == "" {
		c.add(line, ColReason, CodeRequired, nil)
	}
}

// rest checks the workbook's path (inside the move's folder) and the base
// services.
func (c *checker) rest(line int, cell map[string]string, r *Row) {
	if p := r.FormB; p != "" && !fs.ValidPath(p) {
		c.add(line, ColFormB, CodePath, map[string]any{"Value": p})
	}
	for _, b := range strings.FieldsFunc(cell[ColBases], func(r rune) bool { return r == ',' || r == ' ' }) {
		if !slices.Contains(application.Bases, b) {
			c.add(line, ColBases, CodeBases, map[string]any{"Value": b})
			continue
		}
		if !slices.Contains(r.Bases, b) {
			r.Bases = append(r.Bases, b)
		}
	}
}
