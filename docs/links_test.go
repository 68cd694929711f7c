package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// The README is for a newcomer: what nintei is, how to run it, where to read
// on. Everything longer belongs in docs/.
const readmeMaxLines = 250

func TestREADMEIsShort(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n > readmeMaxLines {
		t.Errorf("README.md has %d lines, at most %d: move the detail to a file of docs/ and link it", n, readmeMaxLines)
	}
}

// Every relative link and image in README.md and docs/*.md names a file that
// exists, and a #fragment names a heading of the target Markdown file (as
// GitHub renders it: github-style slugs, -1, -2 … for repeats).
func TestMarkdownLinksResolve(t *testing.T) {
	files, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{"../README.md"}, files...)
	anchors := map[string]map[string]bool{} // cleaned path -> slugs
	slugsOf := func(path string) (map[string]bool, error) {
		if a, ok := anchors[path]; ok {
			return a, nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		a := headingSlugs(string(b))
		anchors[path] = a
		return a, nil
	}
	checked := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range markdownLinks(string(b)) {
			target := l.target
			if isExternal(target) {
				continue
			}
			checked++
			path, frag, _ := strings.Cut(target, "#")
			resolved := filepath.Clean(file)
			if path != "" {
				resolved = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
				if _, err := os.Stat(resolved); err != nil {
					t.Errorf("%s:%d: link %q: no such file %s", file, l.line, target, resolved)
					continue
				}
			}
			if frag == "" || !strings.HasSuffix(resolved, ".md") {
				continue
			}
			slugs, err := slugsOf(resolved)
			if err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, target, err)
				continue
			}
			if !slugs[strings.ToLower(frag)] {
				t.Errorf("%s:%d: link %q: %s has no heading with the anchor #%s", file, l.line, target, resolved, frag)
			}
		}
	}
	if checked == 0 {
		t.Error("no relative link found: the link parser is broken")
	}
}

func isExternal(target string) bool {
	if strings.HasPrefix(target, "//") {
		return true
	}
	scheme, _, ok := strings.Cut(target, ":")
	return ok && regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`).MatchString(scheme)
}

type mdLink struct {
	line   int
	target string
}

var (
	inlineLink = regexp.MustCompile(`!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)`)
	refDef     = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)`)
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
)

// markdownLinks returns the inline links, images and reference definitions
// outside fenced code blocks and code spans.
func markdownLinks(md string) []mdLink {
	var out []mdLink
	for i, line := range proseLines(md) {
		if line == "" {
			continue
		}
		line = codeSpan.ReplaceAllString(line, "")
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			out = append(out, mdLink{i + 1, strings.Trim(m[1], "<>")})
		}
		if m := refDef.FindStringSubmatch(line); m != nil {
			out = append(out, mdLink{i + 1, strings.Trim(m[1], "<>")})
		}
	}
	return out
}

// proseLines returns the file's lines with those inside fenced code blocks
// blanked, so that line numbers stay right.
func proseLines(md string) []string {
	lines := strings.Split(md, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" ") == "" {
				fence = ""
			}
			lines[i] = ""
			continue
		}
		for _, f := range []string{"```", "~~~"} {
			if strings.HasPrefix(trimmed, f) && len(line)-len(trimmed) < 4 {
				fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, f[:1]))]
				lines[i] = ""
			}
		}
	}
	return lines
}

var (
	atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`)
	mdLinkText = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// headingSlugs returns the anchors GitHub gives the file's ATX headings.
func headingSlugs(md string) map[string]bool {
	slugs := map[string]bool{}
	seen := map[string]int{}
	for _, line := range proseLines(md) {
		m := atxHeading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		s := slug(m[1])
		if n := seen[s]; n > 0 {
			slugs[fmt.Sprintf("%s-%d", s, n)] = true
		} else {
			slugs[s] = true
		}
		seen[s]++
	}
	return slugs
}

// slug is GitHub's heading anchor: the rendered text in lower case, every
// character but letters, digits, marks, connector punctuation, hyphens and
// spaces dropped, spaces turned into hyphens.
func slug(heading string) string {
	text := mdLinkText.ReplaceAllString(heading, "$1")
	text = strings.NewReplacer("`", "", "**", "", "__", "").Replace(text)
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Static checks: gosec": "static-checks-gosec",
		"Applying (申請)":        "applying-申請",
		"`scheme`":             "scheme",
		"The two commands":     "the-two-commands",
		"Invoice (請求書, R-4.6) — a qualified invoice (適格請求書)": "invoice-請求書-r-46--a-qualified-invoice-適格請求書",
		"[Link](x.md) and **bold**": "link-and-bold",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// The checker must see a broken link, or a passing test says nothing.
func TestLinkCheckerFindsBrokenLinks(t *testing.T) {
	md := "# Title\n\nSee [a](missing.md), ![b](img.png \"t\") and `[not](code.md)`.\n\n```\n[not](fenced.md)\n# not a heading\n```\n\n## Second `part`\n## Second part\n"
	var got []string
	for _, l := range markdownLinks(md) {
		got = append(got, l.target)
	}
	if strings.Join(got, " ") != "missing.md img.png" {
		t.Errorf("links = %q, want [missing.md img.png]", got)
	}
	s := headingSlugs(md)
	for _, want := range []string{"title", "second-part", "second-part-1"} {
		if !s[want] {
			t.Errorf("slugs %v lack %q", s, want)
		}
	}
	if s["not-a-heading"] {
		t.Error("a fenced line was taken for a heading")
	}
}
