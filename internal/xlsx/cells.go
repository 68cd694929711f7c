package xlsx

import (
	"strings"

	"nintei/catalog"
)

// answerCells holds the text of a row's answer cells: H (main), I (extra: detail or unit)
// and J (period). Which are used depends on the answer type:
//
//	date, year_month, text, long_text, url, corporate_number, percent, choice: H = Value
//	integer: H = Value, I = Unit        money: H = Value, I = Unit, J = Period
//	duration: H = Value, I = unit label (日, か月, 年 …)
//	yes_no: H = 有/無                     yes_no_detail: H = 有/無, I = Detail
//	multi_choice: H = options separated by 「、」 (or one per line)
//	list: H = one row per line, fields in order separated by 「｜」
//	contacts: H = one contact per line, 種別｜連絡先｜受付時間
type answerCells struct {
	main, extra, period string
}

// toCells renders an answer into cell text. Integer and money items with a fixed unit show
// that unit in I whatever the answer says: the cell is a label there, not an input.
func toCells(it catalog.Item, a catalog.Answer) answerCells {
	spec := it.Answer
	switch spec.Type {
	case catalog.TypeInteger:
		return answerCells{main: a.Value, extra: unitText(spec, a)}
	case catalog.TypeMoney:
		return answerCells{main: a.Value, extra: unitText(spec, a), period: a.Period}
	case catalog.TypeDuration:
		return answerCells{main: a.Value, extra: durationUnits.label(a.Unit)}
	case catalog.TypeYesNo:
		return answerCells{main: yesNoText(a.Yes)}
	case catalog.TypeYesNoDetail:
		return answerCells{main: yesNoText(a.Yes), extra: a.Detail}
	case catalog.TypeMultiChoice:
		return answerCells{main: joinChoices(a.Choices)}
	case catalog.TypeList:
		return answerCells{main: joinRows(spec.Fields, a.Rows)}
	case catalog.TypeContacts:
		return answerCells{main: joinContacts(a.Contacts)}
	}
	return answerCells{main: a.Value}
}

func unitText(spec catalog.AnswerSpec, a catalog.Answer) string {
	if spec.Unit != "" {
		return spec.Unit
	}
	return a.Unit
}

func yesNoText(yes *bool) string {
	if yes == nil {
		return ""
	}
	return yesNoLabel(*yes)
}

// joinChoices separates options with 「、」, or with line breaks when an option itself
// contains 「、」 so that the cell can be split back unambiguously.
func joinChoices(choices []string) string {
	sep := choiceSep
	for _, c := range choices {
		if strings.Contains(c, choiceSep) {
			sep = "\n"
		}
	}
	return strings.Join(choices, sep)
}

func joinRows(fields []catalog.ListField, rows []map[string]string) string {
	lines := make([]string, 0, len(rows))
	for _, row := range rows {
		vals := make([]string, len(fields))
		for k, f := range fields {
			vals[k] = row[f.ID]
		}
		lines = append(lines, strings.TrimRight(strings.Join(vals, fieldSep), fieldSep))
	}
	return strings.Join(lines, "\n")
}

func joinContacts(cs []catalog.Contact) string {
	lines := make([]string, 0, len(cs))
	for _, c := range cs {
		parts := []string{contactKinds.label(c.Kind), c.Value}
		if c.Hours != "" {
			parts = append(parts, c.Hours)
		}
		lines = append(lines, strings.Join(parts, fieldSep))
	}
	return strings.Join(lines, "\n")
}

// reportFunc records a problem found while reading a cell: the column, the code, the
// offending text and extra placeholder pairs for the message.
type reportFunc func(col, code, value string, extra ...string)

// fromCells reads an answer back from cell text (already trimmed) and returns it
// normalised (Item.Normalize plus canonical dates). Text that cannot become part of an
// answer at all (a yes/no that is neither, a malformed entry line) is reported; everything
// else is left for Item.ValidateAnswer to judge.
func fromCells(it catalog.Item, c answerCells, date1904 bool, report reportFunc) catalog.Answer {
	spec := it.Answer
	var a catalog.Answer
	switch spec.Type {
	case catalog.TypeDate, catalog.TypeYearMonth:
		a.Value = fromSerial(spec.Type, c.main, date1904)
	case catalog.TypeInteger, catalog.TypeMoney:
		a.Value = c.main
		if spec.Unit == "" {
			a.Unit = c.extra
		}
		if spec.Type == catalog.TypeMoney {
			a.Period = c.period
		}
	case catalog.TypeDuration:
		a.Value, a.Unit = c.main, durationUnits.id(c.extra)
	case catalog.TypeYesNo, catalog.TypeYesNoDetail:
		a.Yes = readYesNo(c.main, report)
		if spec.Type == catalog.TypeYesNoDetail {
			a.Detail = c.extra
		}
	case catalog.TypeMultiChoice:
		a.Choices = splitChoices(spec.Options, c.main)
	case catalog.TypeList:
		a.Rows = splitRows(spec.Fields, c.main, report)
	case catalog.TypeContacts:
		a.Contacts = splitContacts(c.main, report)
	default:
		a.Value = c.main
	}
	return canonicalDates(spec.Type, it.Normalize(a))
}

func readYesNo(s string, report reportFunc) *bool {
	if s == "" {
		return nil
	}
	yes, ok := parseYesNo(s)
	if !ok {
		report(colAnswer, CodeYesNoInvalid, s)
		return nil
	}
	return &yes
}

// splitChoices reads a multi_choice cell: a line that is exactly an option is taken whole
// (so options containing 「、」 survive), other lines are split at 「、」.
func splitChoices(options []string, s string) []string {
	var out []string
	for _, line := range splitLines(s) {
		if isOption(options, line) {
			out = append(out, line)
			continue
		}
		for part := range strings.SplitSeq(line, choiceSep) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

func isOption(options []string, s string) bool {
	for _, o := range options {
		if o == s {
			return true
		}
	}
	return false
}

// splitRows reads a list cell: one row per line, fields in the item's order. A line with
// fewer fields leaves the rest out of the row; empty fields are left out too, so a row map
// holds only what the applicant wrote.
func splitRows(fields []catalog.ListField, s string, report reportFunc) []map[string]string {
	var rows []map[string]string
	for _, line := range splitLines(s) {
		parts := splitFields(line)
		if len(parts) > len(fields) {
			report(colAnswer, CodeListTooManyParts, line, "Cols", fieldNames(fields))
			continue
		}
		row := map[string]string{}
		for k, p := range parts {
			if p != "" {
				row[fields[k].ID] = p
			}
		}
		if len(row) > 0 { // a line of bare separators is not a row
			rows = append(rows, row)
		}
	}
	return rows
}

func fieldNames(fields []catalog.ListField) string {
	names := make([]string, len(fields))
	for k, f := range fields {
		names[k] = f.NameJA
	}
	return strings.Join(names, fieldSep)
}

// splitContacts reads a contacts cell: one "種別｜連絡先｜受付時間" per line; the hours may be
// left out. The kind label becomes its catalog id; an unknown kind is kept as typed so
// that the catalog check names it.
func splitContacts(s string, report reportFunc) []catalog.Contact {
	var out []catalog.Contact
	for _, line := range splitLines(s) {
		parts := splitFields(line)
		if len(parts) < 2 || len(parts) > 3 {
			report(colAnswer, CodeContactShape, line)
			continue
		}
		c := catalog.Contact{Kind: contactKinds.id(parts[0]), Value: parts[1]}
		if len(parts) == 3 {
			c.Hours = parts[2]
		}
		out = append(out, c)
	}
	return out
}
