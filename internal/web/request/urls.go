package request

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/application"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/views"
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
func TodoURL(t views.Todo) string {
	switch t.Kind {
	case views.TodoInquiry:
		return AppURL(t.ApplicationID, "#h-inquiries-a")
	case views.TodoInvoice:
		return AppURL(t.ApplicationID, "#h-invoice")
	case views.TodoRenewal:
		if t.Draft {
			return AppURL(t.ApplicationID, "")
		}
		return AppURL(t.ApplicationID, "#renewal")
	case views.TodoSupervision:
		return AppURL(t.ApplicationID, "/supervision")
	case views.TodoReturned:
		return AppURL(t.ApplicationID, "#h-returned")
	}
	return AppURL(t.ApplicationID, "")
}

// RegistryFilter reads the list's filters from the query: base, status,
// sort, and a.<item ID>=<answer> for answers to chosen items.
func RegistryFilter(q url.Values) aftercare.RegistryFilter {
	f := aftercare.RegistryFilter{Base: q.Get("base"), Status: q.Get("status"), Sort: q.Get("sort"), Answers: map[string]string{}}
	for k, vs := range q {
		if id, ok := strings.CutPrefix(k, "a."); ok && vs[0] != "" && len(f.Answers) < 5 {
			f.Answers[id] = vs[0]
		}
	}
	return f
}

// InboxURL is the screen where the work of an inbox item is done.
func InboxURL(it views.InboxItem) string {
	review := func(anchor string) string { return AppURL(it.ApplicationID, "/review"+anchor) }
	switch it.Kind {
	case views.InboxSubmitted:
		return review("#h-formal")
	case views.InboxChange:
		return review("#change-decision")
	case views.InboxPayment:
		return review("#h-pay")
	case views.InboxOverdueInvoice:
		return review("#h-invoices")
	case views.InboxInquiryAnswered:
		return review("#h-inquiries")
	case views.InboxInvestigation:
		if it.State == application.Investigation {
			return review("#h-invest")
		}
		return review("#h-refer")
	case views.InboxCommittee, views.CommitteeDeclare, views.CommitteeOpinion:
		return review("#h-members")
	case views.InboxDecision:
		return review("#h-decide")
	case views.InboxIncident:
		return AppURL(it.ApplicationID, "/incidents")
	case views.InboxSupervision:
		return AppURL(it.ApplicationID, "/supervision")
	case views.InboxReturn:
		return "/returns"
	case views.InboxWithholding:
		return AppURL(it.ApplicationID, "#withholding")
	}
	return AppURL(it.ApplicationID, "")
}

func UserID(r *http.Request) (int64, error) { return PathID(r, "uid") }
