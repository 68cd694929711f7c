package request

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/application"
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

// InboxURL is the screen where the work of an inbox item is done.
func InboxURL(it service.InboxItem) string {
	review := func(anchor string) string { return AppURL(it.ApplicationID, "/review"+anchor) }
	switch it.Kind {
	case service.InboxSubmitted:
		return review("#h-formal")
	case service.InboxChange:
		return review("#change-decision")
	case service.InboxPayment:
		return review("#h-pay")
	case service.InboxOverdueInvoice:
		return review("#h-invoices")
	case service.InboxInquiryAnswered:
		return review("#h-inquiries")
	case service.InboxInvestigation:
		if it.State == application.Investigation {
			return review("#h-invest")
		}
		return review("#h-refer")
	case service.InboxCommittee, service.CommitteeDeclare, service.CommitteeOpinion:
		return review("#h-members")
	case service.InboxDecision:
		return review("#h-decide")
	case service.InboxIncident:
		return AppURL(it.ApplicationID, "/incidents")
	case service.InboxSupervision:
		return AppURL(it.ApplicationID, "/supervision")
	case service.InboxReturn:
		return "/returns"
	case service.InboxWithholding:
		return AppURL(it.ApplicationID, "#withholding")
	}
	return AppURL(it.ApplicationID, "")
}

func UserID(r *http.Request) (int64, error) { return PathID(r, "uid") }
