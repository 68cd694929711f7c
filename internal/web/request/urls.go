package request

import (
	"net/url"
	"strconv"
	"strings"

	"nintei/service"
)

// AppURL is the address of an application's page (suffix: a sub-page).
func AppURL(id int64, suffix string) string {
	return "/applications/" + strconv.FormatInt(id, 10) + suffix
}

// EntryURL is the address of a service's registry page.
func EntryURL(number string) string { return "/registry/" + url.PathEscape(number) }

// AbsURL makes an absolute link from the configured base URL.
func AbsURL(svc *service.Service, path string) string {
	return strings.TrimRight(svc.Settings().BaseURL, "/") + path
}

// AtoiOr reads a positive number, def for anything else.
func AtoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return def
}

// FirstNonEmpty is a unless it is empty, else b.
func FirstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TodoURL is the page where the provider does what a Todo asks.
func TodoURL(t service.Todo) string {
	switch t.Kind {
	case service.TodoInquiry:
		return AppURL(t.ApplicationID, "#h-inquiries-a")
	case service.TodoInvoice:
		return AppURL(t.ApplicationID, "#h-invoice")
	case service.TodoRenewal:
		if t.Draft {
			return AppURL(t.ApplicationID, "")
		}
		return AppURL(t.ApplicationID, "#renewal")
	case service.TodoSupervision:
		return AppURL(t.ApplicationID, "/supervision")
	case service.TodoReturned:
		return AppURL(t.ApplicationID, "#h-returned")
	}
	return AppURL(t.ApplicationID, "")
}

// RegistryFilter reads the list's filters from the query: base, status,
// sort, and a.<item ID>=<answer> for answers to chosen items.
func RegistryFilter(q url.Values) service.RegistryFilter {
	f := service.RegistryFilter{Base: q.Get("base"), Status: q.Get("status"), Sort: q.Get("sort"), Answers: map[string]string{}}
	for k, vs := range q {
		if id, ok := strings.CutPrefix(k, "a."); ok && vs[0] != "" && len(f.Answers) < 5 {
			f.Answers[id] = vs[0]
		}
	}
	return f
}
