package catalog

import (
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// validator runs the semantic checks on a decoded edition: syntax of ids, references
// between categories, items and sources, answer parameters, conditions and key rules.
//
// Empty values are skipped everywhere: the decoder has already reported them as missing or
// empty, and a second problem on the same field would only be noise.
type validator struct {
	e        *Edition
	lines    map[string]int
	itemAt   map[string]int // item id -> index of its first occurrence
	problems []Problem
}

// validate returns every semantic problem of e; lines maps field paths to file lines.
func validate(e *Edition, lines map[string]int) []Problem {
	v := &validator{e: e, lines: lines, itemAt: map[string]int{}}
	for i, it := range e.Items {
		if _, seen := v.itemAt[it.ID]; !seen && it.ID != "" {
			v.itemAt[it.ID] = i
		}
	}
	v.scheme()
	v.editionInfo()
	v.sources()
	v.categories()
	v.items()
	v.conditions()
	v.keyRules()
	return v.problems
}

// report records a problem at the line of path, or of its nearest recorded ancestor (a
// missing field is reported where its enclosing block starts).
func (v *validator) report(path, code, value string) {
	v.problems = append(v.problems, Problem{Line: v.lineOf(path), Field: path, Code: code, Value: displayValue(value)})
}

func (v *validator) lineOf(path string) int {
	for path != "" {
		if line, ok := v.lines[path]; ok {
			return line
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 1
}

// idPattern is the syntax of every id in a file (scheme, edition, source, category, item,
// list field): ASCII so that ids survive URLs, file names and spreadsheets unchanged.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// checkID reports a malformed non-empty id.
func (v *validator) checkID(path, id string) {
	if id != "" && !idPattern.MatchString(id) {
		v.report(path, codeIDSyntax, id)
	}
}

// prefixPattern is the syntax of a certificate number prefix, e.g. "IP-IoT".
var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)

// maxPrefixLen keeps certificate numbers short enough to print on a mark.
const maxPrefixLen = 16

func (v *validator) scheme() {
	s := v.e.Scheme
	v.checkID("scheme.id", s.ID)
	if p := s.NumberPrefix; p != "" && (!prefixPattern.MatchString(p) || len(p) > maxPrefixLen) {
		v.report("scheme.number_prefix", codeSchemePrefixSyntax, p)
	}
}

func (v *validator) editionInfo() {
	e := v.e
	v.checkID("edition.id", e.ID)
	if e.Status != "" && e.Status != StatusDraft && e.Status != StatusOfficial {
		v.report("edition.status", codeEditionStatusUnknown, string(e.Status))
	}
	if e.Published != "" && !isDate(e.Published) {
		v.report("edition.published", codeEditionPublishedBad, e.Published)
	}
}

func (v *validator) sources() {
	for _, id := range slices.Sorted(maps.Keys(v.e.Sources)) {
		s := v.e.Sources[id]
		path := join("sources", id)
		v.checkID(path, id)
		if s.URL != "" && !isWebURL(s.URL) {
			v.report(join(path, "url"), codeSourceURLInvalid, s.URL)
		}
	}
}

// checkEvidence reports evidence ids that are not declared in sources.
func (v *validator) checkEvidence(path string, ids []string) {
	for i, id := range ids {
		if _, ok := v.e.Sources[id]; id != "" && !ok {
			v.report(index(path, i), codeEvidenceUnknownSource, id)
		}
	}
}

func (v *validator) categories() {
	seen := map[string]bool{}
	for i, c := range v.e.Categories {
		path := index("categories", i)
		v.checkID(join(path, "id"), c.ID)
		if c.ID != "" && seen[c.ID] {
			v.report(join(path, "id"), codeCategoryDuplicateID, c.ID)
		}
		seen[c.ID] = true
	}
	for i, c := range v.e.Categories {
		if c.Parent != "" && !seen[c.Parent] {
			v.report(join(index("categories", i), "parent"), codeCategoryUnknownParent, c.Parent)
		}
	}
	v.categoryCycles()
}

func (v *validator) categoryCycles() {
	pos := map[string]int{}
	for i, c := range v.e.Categories {
		if _, dup := pos[c.ID]; !dup {
			pos[c.ID] = i
		}
	}
	next := func(i int) (int, bool) {
		j, ok := pos[v.e.Categories[i].Parent]
		return j, ok && v.e.Categories[i].Parent != ""
	}
	for _, cycle := range findCycles(len(v.e.Categories), next) {
		names := make([]string, len(cycle))
		for k, i := range cycle {
			names[k] = v.e.Categories[i].ID
		}
		v.report(join(index("categories", cycle[0]), "parent"), codeCategoryParentCycle, cycleText(names))
	}
}

// isDate reports whether s is a real calendar date written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
