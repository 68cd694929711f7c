package movein

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
)

// checker checks rows one by one, remembering what the earlier rows used.
type checker struct {
	file       string
	o          Options
	problems   []Problem
	seenNumber map[string]int    // number → line
	seenSerial map[string]int    // prefix + serial → line
	provider   map[string]string // corporate number → provider name
}

func (c *checker) add(line int, col, key string, args map[string]any) {
	c.problems = append(c.problems, Problem{File: c.file, Row: line, Column: col, Key: key, Args: args})
}

// row checks one record; ok is false when it has any problem.
func (c *checker) row(line int, cell map[string]string) (Row, bool) {
	before := len(c.problems)
	r := Row{Line: line, ServiceName: cell[ColServiceName], ProviderName: cell[ColProviderName],
		Reason: cell[ColReason], ServiceURL: cell[ColServiceURL], Overview: cell[ColOverview], FormB: cell[ColFormB]}
	for _, col := range requiredColumns {
		if cell[col] == "" {
			c.add(line, col, CodeRequired, nil)
		}
	}
	for col, v := range map[string]string{ColServiceName: r.ServiceName, ColProviderName: r.ProviderName} {
		if utf8.RuneCountInString(v) > maxText {
			c.add(line, col, CodeTooLong, map[string]any{"Max": maxText})
		}
	}
	r.CertifiedOn = c.date(line, ColCertifiedOn, cell)
	r.ValidUntil = c.date(line, ColValidUntil, cell)
	r.RevokedOn = c.date(line, ColRevokedOn, cell)
	c.number(line, cell[ColNumber], &r)
	c.corporate(line, cell[ColCorporateNumber], &r)
	c.renewals(line, cell[ColRenewals], &r)
	c.status(line, cell, &r)
	c.rest(line, cell, &r)
	return r, len(c.problems) == before
}

// date reads a day as people write it (2026-11-27, 2026/11/27, 2026年11月27日);
// none but the last valid day may lie after today.
func (c *checker) date(line int, col string, cell map[string]string) civil.Date {
	d, err := civil.ParseWritten(cell[col])
	if err != nil {
		c.add(line, col, CodeDate, map[string]any{"Value": cell[col]})
	} else if col != ColValidUntil && d.After(c.o.Today) {
		c.add(line, col, CodeDateFuture, map[string]any{"Value": cell[col]})
	}
	return d
}

// number reads the number as issued: a known scheme's prefix, the serial
// and the month of certification, which must be the month of the
// certification day; a number or serial appears once.
func (c *checker) number(line int, typed string, r *Row) {
	if typed == "" {
		return
	}
	n, ok := certification.CanonicalNumber(typed, c.o.Prefixes)
	if !ok {
		c.add(line, ColNumber, CodeNumber, map[string]any{"Value": typed})
		return
	}
	r.Number = n
	cut := strings.LastIndexByte(n, ' ')
	r.Prefix = n[:cut]
	serial, month, _ := strings.Cut(n[cut+1:], "-")
	r.Serial, _ = strconv.ParseInt(serial, 10, 64)
	if !r.CertifiedOn.IsZero() && month != r.CertifiedOn.Format("0601") {
		c.add(line, ColNumber, CodeNumberMonth, map[string]any{"Value": typed, "Month": r.CertifiedOn.Format("0601")})
	}
	if first, dup := c.seenNumber[n]; dup {
		c.add(line, ColNumber, CodeNumberTwice, map[string]any{"Value": n, "Line": first})
	} else {
		c.seenNumber[n] = line
	}
	key := r.Prefix + " " + strconv.FormatInt(r.Serial, 10)
	if first, dup := c.seenSerial[key]; dup && c.seenNumber[n] == line {
		c.add(line, ColNumber, CodeSerialTwice, map[string]any{"Value": n, "Line": first})
	} else if !dup {
		c.seenSerial[key] = line
	}
}

// corporate checks the corporate number (法人番号, with its check digit, as
// Form A does) and that one corporate number keeps one provider name.
func (c *checker) corporate(line int, typed string, r *Row) {
	if typed == "" {
		return
	}
	cn := catalog.NormalizeCorporateNumber(typed)
	if !catalog.ValidCorporateNumber(cn) {
		c.add(line, ColCorporateNumber, CodeCorporateNumber, map[string]any{"Value": typed})
		return
	}
	r.CorporateNumber = cn
	if name, seen := c.provider[cn]; seen && name != r.ProviderName && r.ProviderName != "" {
		c.add(line, ColProviderName, CodeProviderName, map[string]any{"Value": r.ProviderName, "Name": name})
	} else if !seen {
		c.provider[cn] = r.ProviderName
	}
}

func (c *checker) renewals(line int, typed string, r *Row) {
	if typed == "" {
		return
	}
	n, err := strconv.Atoi(typed)
	if err != nil || n < 0 || n > 50 {
		c.add(line, ColRenewals, CodeRenewals, map[string]any{"Value": typed})
		return
	}
	r.Renewals = n
}
