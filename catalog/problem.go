package catalog

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a catalog file or an answer.
//
// Code is a stable message key (e.g. "catalog.item.duplicate_id") that the edges (web pages,
// API, CLI) render in the reader's language, with Value as {Value}; Field is the path of the offending field ("items[3].answer.type",
// indexes 0-based); Value is the offending text, if any, shortened for display.
// Line is the 1-based line in the file (problems that concern the whole file, such as an
// empty file, use line 1); problems about answers (Item.ValidateAnswer) have Line 0.
type Problem struct {
	Line  int
	Field string
	Code  string
	Value string
}

// MessageKey is the problem's message key: its Code.
func (p Problem) MessageKey() string { return p.Code }

// MessageArgs are the values for the problem's message: {Value}.
func (p Problem) MessageArgs() map[string]any { return map[string]any{"Value": p.Value} }

// String renders the problem the way ValidationError.Error does, for logs and
// developers: place, code and value (people read the message of the code).
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Code)
	if p.Value != "" {
		fmt.Fprintf(&b, " %q", p.Value)
	}
	return b.String()
}

// ValidationError is the error Parse returns when a file cannot be used. It holds every
// problem found, sorted by line, so that the secretariat can fix a file in one pass.
type ValidationError struct {
	Problems []Problem
}

// Error gives one line per problem, e.g.
// `line 12: items[3].answer.type: catalog.item.unknown_type "foo"`.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortProblems orders problems by line, keeping discovery order within a line, so that the
// output reads top to bottom like the file.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// maxValueRunes bounds Problem.Value: a value is shown to people, and a file of binary junk
// must not produce a kilobyte-long message.
const maxValueRunes = 80

// displayValue makes v safe and short enough to show: invalid UTF-8 is replaced and long
// text is cut with an ellipsis.
func displayValue(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	if utf8.RuneCountInString(v) <= maxValueRunes {
		return v
	}
	return string([]rune(v)[:maxValueRunes]) + "…"
}
