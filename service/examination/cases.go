package examination

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// CaseQuery filters and sorts the staff's list of applications. The zero
// value lists every submitted application, longest in its state first.
type CaseQuery struct {
	State   application.State // "" for every state
	Kind    application.Kind  // "" for every kind
	OrgID   int64             // 0 for every provider
	Overdue bool              // only those with an unpaid invoice or an inquiry answer past due
	Text    string            // words found in the provider's or the service's name
	Sort    string            // one of CaseSorts; "" is "days"
	Desc    bool
}

// CaseSorts are the columns the list sorts by.
var CaseSorts = []string{"id", "provider", "service", "kind", "state", "days", "invoice_due", "inquiry_due"}

// Case is one application on the staff's list.
type Case struct {
	store.CaseRow
	Service        string
	Days           int // whole days in the current state
	InvoiceOverdue bool
	InquiryOverdue bool
	// Status is the certification's status today when the application was
	// certified (so an ended certification shows as ended), "" otherwise.
	Status certification.Status
	Items  int // the items of its catalog edition, for the assessment progress
}

// Overdue reports whether the applicant has let a due date pass.
func (c Case) Overdue() bool { return c.InvoiceOverdue || c.InquiryOverdue }

// CaseProvider is a provider that has submitted applications, for the filter.
type CaseProvider struct {
	ID   int64
	Name string
}

// CaseList is the staff's list: the applications the query selects and
// every provider, for the provider filter.
type CaseList struct {
	Cases     []Case
	Providers []CaseProvider
	Total     int // submitted applications before filtering
}

// Cases lists the submitted applications for staff, filtered and sorted
// (one query reads them all; filters and sorting work on that set).
func (s *Examination) Cases(ctx context.Context, p core.Principal, q CaseQuery) (CaseList, error) {
	all, err := s.allCases(ctx, p)
	if err != nil {
		return CaseList{}, err
	}
	list := CaseList{Total: len(all), Providers: caseProviders(all)}
	for _, c := range all {
		if q.matches(c) {
			list.Cases = append(list.Cases, c)
		}
	}
	sortCases(list.Cases, q.Sort, q.Desc)
	return list, nil
}

// allCases reads and completes every submitted application's row.
func (s *Examination) allCases(ctx context.Context, p core.Principal) ([]Case, error) {
	if err := p.May(policy.ReadApplications); err != nil {
		return nil, err
	}
	rows, err := s.Store.CaseRows(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	now, today := s.Now(), s.Today().Format("2006-01-02")
	out := make([]Case, 0, len(rows))
	for _, r := range rows {
		c := Case{CaseRow: r, Service: r.Title()}
		since := r.UpdatedAt
		if r.EnteredAt != nil {
			since = *r.EnteredAt
		}
		c.Days = int(now.Sub(since).Hours() / 24)
		open := r.State != application.Withdrawn && r.State != application.ClosedStalled
		c.InvoiceOverdue = open && r.InvoiceDue != "" && today > r.InvoiceDue
		c.InquiryOverdue = open && r.InquiryDue != "" && today > r.InquiryDue
		if r.State == application.Certified && r.CertStatus != "" {
			until, _ := civil.Parse(r.ValidUntil)
			c.Status = certification.PublicStatus(r.CertStatus, until, civil.DateOf(s.Today()))
		}
		if _, ed, err := s.Edition(ctx, r.EditionID); err == nil {
			c.Items = len(ed.Items)
		}
		out = append(out, c)
	}
	return out, nil
}

func (q CaseQuery) matches(c Case) bool {
	switch {
	case q.State != "" && c.State != q.State, q.Kind != "" && c.Kind != q.Kind, q.OrgID != 0 && c.OrgID != q.OrgID,
		q.Overdue && !c.Overdue():
		return false
	}
	hay := strings.ToLower(c.Provider + " " + c.Service)
	for _, w := range strings.Fields(strings.ToLower(q.Text)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func caseProviders(cs []Case) []CaseProvider {
	seen := map[int64]bool{}
	var out []CaseProvider
	for _, c := range cs {
		if !seen[c.OrgID] {
			seen[c.OrgID] = true
			out = append(out, CaseProvider{ID: c.OrgID, Name: c.Provider})
		}
	}
	slices.SortFunc(out, func(a, b CaseProvider) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// stateOrder is a state's place in the workflow, so the list sorts states
// the way the review runs rather than by their names.
func stateOrder(s application.State) int { return slices.Index(application.States, s) }

// sortCases sorts by a column; an empty date sorts last either way, and
// the application number breaks ties.
func sortCases(cs []Case, key string, desc bool) {
	by := func(a, b Case) int {
		switch key {
		case "id":
			return 0
		case "provider":
			return cmp.Compare(a.Provider, b.Provider)
		case "service":
			return cmp.Compare(a.Service, b.Service)
		case "kind":
			return cmp.Compare(a.Kind, b.Kind)
		case "state":
			return cmp.Compare(stateOrder(a.State), stateOrder(b.State))
		case "invoice_due":
			return compareDates(a.InvoiceDue, b.InvoiceDue)
		case "inquiry_due":
			return compareDates(a.InquiryDue, b.InquiryDue)
		}
		return cmp.Compare(a.Days, b.Days)
	}
	slices.SortStableFunc(cs, func(a, b Case) int {
		if key == "invoice_due" && (a.InvoiceDue == "") != (b.InvoiceDue == "") ||
			key == "inquiry_due" && (a.InquiryDue == "") != (b.InquiryDue == "") {
			return by(a, b) // empty last, whatever the direction
		}
		n := by(a, b)
		if n == 0 {
			n = cmp.Compare(a.ID, b.ID)
		}
		if desc {
			return -n
		}
		return n
	})
}

// compareDates compares YYYY-MM-DD days, "" after every day.
func compareDates(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(a, b)
}
