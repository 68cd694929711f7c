package catalog

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkText finds what the YAML library would reject as "not text" (bytes that are not
// UTF-8, control characters) before it does, because the library reports those without a
// line number. A catalog file is UTF-8 text.
func checkText(data []byte) (Problem, bool) {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return Problem{Line: line, Code: codeYAMLNotUTF8}, true
		case !yamlPrintable(r):
			return Problem{Line: line, Code: codeYAMLControlChar, Value: fmt.Sprintf("U+%04X", r)}, true
		case r == '\n':
			line++
		}
		i += size
	}
	return Problem{}, false
}

// yamlPrintable reports whether YAML allows r in a file (YAML 1.2 "c-printable", which is
// what the YAML library checks): tab, line breaks and printable characters.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// parserProblems are the YAML library's parser (as opposed to scanner) messages. For these
// the library prints a 0-based line, for scanner errors a 1-based one; we must know which
// to report the right line.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlErrorLine matches the "line N: " part of a YAML library message.
var yamlErrorLine = regexp.MustCompile(`^line (\d+): `)

// unknownAnchor matches the library's message for an alias to an undefined anchor, which
// carries no line.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntaxProblem turns a YAML library error into a catalog.yaml.syntax problem with the
// line moved from the text into Problem.Line (1-based).
func syntaxProblem(err error, data []byte) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if slices.Contains(parserProblems, msg) {
			line++
		}
	} else if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		line = lineOfText(data, "*"+m[1])
	}
	return Problem{Line: max(line, 1), Code: codeYAMLSyntax, Value: displayValue(msg)}
}

// lineOfText returns the 1-based line of the first occurrence of text, or 0.
func lineOfText(data []byte, text string) int {
	at := bytes.Index(data, []byte(text))
	if at < 0 {
		return 0
	}
	return bytes.Count(data[:at], []byte("\n")) + 1
}
