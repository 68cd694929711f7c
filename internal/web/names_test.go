package web

import (
	"io/fs"
	"net/url"
	"os"
	"regexp"

	"nintei/catalog"
	"nintei/internal/web/api"
	"nintei/internal/web/request"
)

// The names the tests use for what the surfaces and package request define.
type (
	applicationJSON = api.ApplicationJSON
	contactJSON     = api.ContactJSON
	problemJSON     = api.ProblemJSON
	withholdingJSON = api.WithholdingJSON
	workJSON        = api.WorkJSON
	inboxGroupJSON  = api.InboxGroupJSON
	jobJSON         = api.JobJSON
	errorBody       = request.ErrorBody
	errorDetail     = request.ErrorDetail
)

const (
	sessionCookie = request.SessionCookie
	langCookie    = request.LangCookie
	flashCookie   = request.FlashCookie
	xlsxType      = request.XLSXType
)

func jaDate(d string) string                { return request.JaDate(d) }
func yenText(n int64) string                { return request.YenText(n) }
func appURL(id int64, suffix string) string { return request.AppURL(id, suffix) }

// compareURL is the shareable address of a comparison (as ui makes it).
func compareURL(numbers []string) string {
	v := url.Values{"n": numbers}
	return "/compare?" + v.Encode()
}

// section is one page of the Form B editor, as ui splits an edition: the
// items under one second-level category, in catalog order.
type section struct {
	ID    string
	Items []catalog.Item
}

func sections(ed *catalog.Edition) []section {
	var out []section
	index := map[string]int{}
	for _, it := range ed.Items {
		path := ed.CategoryPath(it.Category)
		if len(path) > 2 {
			path = path[:2]
		}
		id := path[len(path)-1].ID
		i, ok := index[id]
		if !ok {
			i = len(out)
			index[id] = i
			out = append(out, section{ID: id})
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

// dynamicValues has, as keys, every message key prefix the templates
// complete at run time (printf "prefix.%s"); ui's template test lists the
// values too.
func dynamicValues() map[string][]string {
	out := map[string][]string{}
	names, _ := fs.Glob(templateDir, "*.html")
	for _, n := range names {
		b, _ := fs.ReadFile(templateDir, n)
		for _, m := range dynamicKey.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = nil
		}
	}
	return out
}

var (
	templateDir = os.DirFS("ui/page/templates")
	dynamicKey  = regexp.MustCompile(`printf\s+"([a-z_.]+\.)%s"`)
)
