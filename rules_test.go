package nintei

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// domainPath is the program's rules, in the shared folder beside the
// repository (as CI clones it, and as each worktree sees it).
const domainPath = "../shared/DOMAIN.md"

var (
	// A rule line: "- R-4.6 Fees …".
	ruleLine = regexp.MustCompile(`^- (R-\d+\.\d+)\b`)
	// A lettered sub-rule under the last rule: "  - b. A foreign …" → R-4.2b.
	subRuleLine = regexp.MustCompile(`^\s+- ([a-z])\.\s`)
)

// DomainRuleIDs extracts every rule ID of DOMAIN.md: … and
// lettered sub-rules written as their own bullets (R-4.2a … R-4.2e). The
// grounds of, a) to j), are written inline and are not separate IDs.
func domainRuleIDs(text string) []string {
	var ids []string
	last := ""
	for _, line := range strings.Split(text, "\n") {
		if m := ruleLine.FindStringSubmatch(line); m != nil {
			last = m[1]
			ids = append(ids, last)
			continue
		}
		if m := subRuleLine.FindStringSubmatch(line); m != nil && last != "" {
			ids = append(ids, last+m[1])
			continue
		}
		if !strings.HasPrefix(line, " ") && strings.TrimSpace(line) != "" {
			last = "" // a heading or paragraph ends the rule's bullets
		}
	}
	return ids
}

// rulePattern matches the ways a test names a rule, R4_6, R4.6;
// R-4.2e, R4_2e, R4.2e. The next character must not continue the ID, so
// is not named by, nor by R-4.2e.
func rulePattern(id string) *regexp.Regexp {
	m := regexp.MustCompile(`^R-(\d+)\.(\d+)([a-z]?)$`).FindStringSubmatch(id)
	if m == nil {
		panic("not a rule ID: " + id)
	}
	return regexp.MustCompile(`R(?:-|)` + m[1] + `[._]` + m[2] + m[3] + `(?:[^0-9a-z]|$)`)
}

// notYetTested are the rules the product does not implement yet, so that no
// test can check them; each names why. The test below fails when one of
// them is named by a test after all: then take it off this list. Keep the
// list short and say in the issue tracker what is missing.
var notYetTested = map[string]string{}

// TestEveryRuleIsNamedByATest: every rule of DOMAIN.md is named by at least
// one test (the project's convention: the ID in the test's name or a
// comment), so that a rule without a test shows up here. In CI (CI=true)
// the shared folder must be there.
func TestEveryRuleIsNamedByATest(t *testing.T) {
	raw, err := os.ReadFile(domainPath)
	if errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") != "true" {
		t.Skipf("%s not available outside CI: %v", domainPath, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ids := domainRuleIDs(string(raw))
	if len(ids) < 40 || !slices.Contains(ids, "R-4.2e") || !slices.Contains(ids, "R-13.1") {
		t.Fatalf("read %d rule IDs from %s (%v): the format of the file changed?", len(ids), domainPath, ids)
	}
	var tests strings.Builder
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") || path == "rules_test.go" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tests.Write(b)
		tests.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var unnamed []string
	for _, id := range ids {
		named := rulePattern(id).MatchString(tests.String())
		why, gap := notYetTested[id]
		switch {
		case gap && named:
			t.Errorf("%s is named by a test now: take it off notYetTested", id)
		case gap:
			t.Logf("%s not tested yet: %s", id, why)
		case !named:
			unnamed = append(unnamed, id)
		}
	}
	for id := range notYetTested {
		if !slices.Contains(ids, id) {
			t.Errorf("notYetTested lists %s, which DOMAIN.md no longer has", id)
		}
	}
	if len(unnamed) > 0 {
		t.Errorf("%d of %d rules of DOMAIN.md are named by no test (write a test that checks the rule and names it, e.g. TestX_R4_6): %s",
			len(unnamed), len(ids), strings.Join(unnamed, ", "))
	}
}

func TestDomainRuleIDs(t *testing.T) {
	text := "## R-4 Applying\n- R-4.1 Only services.\n- R-4.2 The applicant provides:\n  base.\n  - a. An applicant\n    continued.\n  - b. A foreign\n" +
		"- R-4.3 One application\n## R-11\n- R-11.5 Revocation grounds: a) no longer; b) fraud\n\n- R-9.10 Termination\n"
	want := []string{"R-4.1", "R-4.2", "R-4.2a", "R-4.2b", "R-4.3", "R-11.5", "R-9.10"}
	if got := domainRuleIDs(text); !slices.Equal(got, want) {
		t.Errorf("IDs = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		id, text string
		named    bool
	}{
		{"R-4.6", "// R-4.6: fees", true}, {"R-4.6", "func TestFees_R4_6(", true}, {"R-4.6", "R4.6 ", true},
		{"R-9.1", "TestRenewal_R9_10(", false}, {"R-9.1", "TestRenewal_R9_1_R9_2(", true}, {"R-9.1", "R-9.1)", true},
		{"R-4.2", "R-4.2e", false}, {"R-4.2", "R4_2e", false}, {"R-4.2e", "TestX_R4_2e(", true}, {"R-4.2e", "R-4.2 e", false},
		{"R-12.1", "R-2.1", false}, {"R-12.1", "R12_1", true},
	} {
		if got := rulePattern(tc.id).MatchString(tc.text); got != tc.named {
			t.Errorf("%s named by %q = %v, want %v", tc.id, tc.text, got, tc.named)
		}
	}
}
