// Package i18n holds the user-facing text of nintei in message catalogs
// (Japanese first, English second) so that no handler or service carries a
// sentence in code. Messages are looked up by key; `{Name}` in a message is
// replaced by the argument of that name.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"nintei/civil"
)

// Lang is a supported language.
type Lang string

// The supported languages; Japanese is the default.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{Japanese, English}

//go:embed messages/*.yaml
var files embed.FS

// Catalog is the set of messages of every language.
type Catalog struct {
	msgs map[Lang]map[string]string
}

// Load reads the embedded message files. It fails if a language lacks a key
// that another has, so a missing translation is caught at start, not by a user.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[Lang]map[string]string{}}
	for _, l := range Langs {
		m, err := loadLang(l)
		if err != nil {
			return nil, err
		}
		c.msgs[l] = m
	}
	if missing := c.Missing(); len(missing) > 0 {
		return nil, fmt.Errorf("i18n: keys missing in a language: %s", strings.Join(missing, ", "))
	}
	return c, nil
}

// loadLang reads messages/<lang>.yaml and every messages/<lang>.<part>.yaml
// (one part per area of the product); a key defined twice is an error.
func loadLang(l Lang) (map[string]string, error) {
	names, err := fs.Glob(files, "messages/"+string(l)+".*yaml")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		part := map[string]string{}
		if err := yaml.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("i18n: %s: key %s defined twice", name, k)
			}
			m[k] = v
		}
	}
	return m, nil
}

// MustLoad is Load for program start, where a broken catalog is a build bug.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Missing lists "lang:key" for every key present in one language and absent in another.
func (c *Catalog) Missing() []string {
	var out []string
	for _, a := range Langs {
		for k := range c.msgs[a] {
			for _, b := range Langs {
				if _, ok := c.msgs[b][k]; !ok {
					out = append(out, string(b)+":"+k)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether key exists.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[Japanese][key]
	return ok
}

// Keys lists every key, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs[Japanese]))
	for k := range c.msgs[Japanese] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the message for key in lang with {Name} placeholders filled.
// An unknown key returns the key itself, which tests catch.
func (c *Catalog) T(lang Lang, key string, args map[string]any) string {
	m, ok := c.msgs[lang][key]
	if !ok {
		m, ok = c.msgs[Japanese][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 || !strings.Contains(m, "{") {
		return m
	}
	return fill(m, datesWritten(lang, args), func(k Keyed) string { return c.Message(lang, k) })
}

// datesWritten returns args with every day in it (a civil.Date, or text
// that is exactly YYYY-MM-DD) written the way lang writes a day, so that a
// message shows 2026年12月7日 whatever form the caller held the day in. The
// map is copied only when it holds a day.
func datesWritten(lang Lang, args map[string]any) map[string]any {
	var out map[string]any
	for k, v := range args {
		d, ok := dayArg(v)
		if !ok {
			continue
		}
		if out == nil {
			out = make(map[string]any, len(args))
			for k2, v2 := range args {
				out[k2] = v2
			}
		}
		out[k] = Date(lang, d)
	}
	if out == nil {
		return args
	}
	return out
}

func dayArg(v any) (civil.Date, bool) {
	switch v := v.(type) {
	case civil.Date:
		return v, !v.IsZero()
	case string:
		if len(v) != len(civil.Layout) || v[4] != '-' || v[7] != '-' {
			return civil.Date{}, false
		}
		d, err := civil.Parse(v)
		return d, err == nil
	}
	return civil.Date{}, false
}

// Keyed is text that a package outside the edge names by a message key and
// arguments (a catalog validation problem, a workbook problem), so that it
// carries no sentence of its own and is rendered where it is shown.
type Keyed interface {
	MessageKey() string
	MessageArgs() map[string]any
}

// Message renders k in lang. An argument of k that is itself Keyed is
// rendered in the same language ("2件目: …" around an answer problem).
func (c *Catalog) Message(lang Lang, k Keyed) string {
	return c.T(lang, k.MessageKey(), k.MessageArgs())
}

// fill replaces each {Name} in m with its argument; a brace that names no
// argument stays as written; a Keyed argument is rendered by nested. One
// pass, no replacer built per call (it was a tenth of a comparison's
// allocations).
func fill(m string, args map[string]any, nested func(Keyed) string) string {
	var b strings.Builder
	b.Grow(len(m) + 16)
	for {
		open := strings.IndexByte(m, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(m[open:], '}')
		if end < 0 {
			break
		}
		name := m[open+1 : open+end]
		v, ok := args[name]
		b.WriteString(m[:open])
		if ok {
			switch v := v.(type) {
			case string:
				b.WriteString(v)
			case Keyed:
				b.WriteString(nested(v))
			default:
				fmt.Fprint(&b, v)
			}
			m = m[open+end+1:]
			continue
		}
		b.WriteByte('{')
		m = m[open+1:]
	}
	b.WriteString(m)
	return b.String()
}

// Parse maps a language tag ("ja", "en-US", …) to a supported Lang, or "".
func Parse(tag string) Lang {
	tag = strings.ToLower(strings.TrimSpace(tag))
	for _, l := range Langs {
		if tag == string(l) || strings.HasPrefix(tag, string(l)+"-") {
			return l
		}
	}
	return ""
}

// Date writes a calendar day the way the language writes it in running
// text: 2026年12月14日 in Japanese, 14 December 2026 in English; the zero
// Date ("no day") is "".
func Date(lang Lang, d civil.Date) string {
	switch {
	case d.IsZero():
		return ""
	case lang == English:
		return d.Format("2 January 2006")
	}
	return strconv.Itoa(d.Year) + "年" + strconv.Itoa(int(d.Month)) + "月" + strconv.Itoa(d.Day) + "日"
}
