package aftercare

import (
	"context"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// recordRevocation keeps what the one-year bar of R-4.2e needs: the
// provider's account and corporate number (the bar holds under another
// account of the same corporation), and every name the certification's
// chain of applications carried (a service renamed by a change notice is
// the same service).
func (s *Aftercare) recordRevocation(ctx context.Context, tx store.Tx, a application.Application, c certification.Certification, e Ending, on civil.Date) error {
	cn := a.FormA.Provider.CorporateNumber
	if cn == "" && !a.FormA.Provider.SoleProprietor {
		org, err := tx.Organization(ctx, a.OrgID)
		if err != nil {
			return err
		}
		cn = org.CorporateNumber
	}
	keys, err := chainServiceKeys(ctx, tx, a)
	if err != nil {
		return err
	}
	return tx.InsertRevocation(ctx, certification.Revocation{OrgID: a.OrgID, CorporateNumber: cn,
		ServiceKey: application.ServiceKey(a.FormA.Service.Name), ServiceName: a.FormA.Service.Name, ServiceKeys: keys,
		CertificationID: c.ID, RevokedOn: on, Reason: "R-11.5 " + strings.Join(e.Grounds, ",")})
}

// chainServiceKeys walks from the certification's current application
// back through the renewals and change notices it follows to the first
// application, collecting the service's name keys.
func chainServiceKeys(ctx context.Context, tx store.Tx, a application.Application) ([]string, error) {
	var keys []string
	seen := map[int64]bool{}
	for {
		keys = append(keys, application.ServiceKey(a.FormA.Service.Name))
		seen[a.ID] = true
		if a.PreviousApplicationID == 0 || seen[a.PreviousApplicationID] {
			return keys, nil
		}
		prev, err := tx.Application(ctx, a.PreviousApplicationID)
		if err != nil {
			return nil, err
		}
		a = prev
	}
}

// CheckRevocation refuses a service whose certification was revoked less
// than a year ago, naming the first day it may apply again (R-4.2e). The
// provider is matched by account or corporate number, the service by any
// name the revoked certification carried.
func (s *Aftercare) CheckRevocation(ctx context.Context, a application.Application) error {
	on, err := s.Store.LatestRevocation(ctx, a.OrgID, a.FormA.Provider.CorporateNumber, application.ServiceKey(a.FormA.Service.Name))
	if err != nil || on.IsZero() {
		return err
	}
	from, err := application.ReapplicationDate(on.String())
	if err != nil {
		return nintei.Wrap("service.checkRevocation", err)
	}
	if s.Today().Before(from) {
		return nintei.Errorf(nintei.KindConflict, "error.application.revoked_recently").
			With("Revoked", on).With("From", from.Format("2006-01-02"))
	}
	return nil
}

// RecentRevocation is a revocation of the same provider within the year
// before today: the formal review shows it for the secretariat to judge
// whether the application is the revoked service under another guise
// (R-4.2e). It does not block.
type RecentRevocation struct {
	ServiceName string `json:"service_name"`
	RevokedOn   string `json:"revoked_on"`
	// OtherAccount: recorded under another account of the same corporate number.
	OtherAccount bool `json:"other_account"`
}

// RecentRevocations lists, for the certification body's staff, the
// provider's revocations (by account or corporate number) less than a
// year before today.
func (s *Aftercare) RecentRevocations(ctx context.Context, p core.Principal, a application.Application) ([]RecentRevocation, error) {
	if err := p.May(policy.ReadApplications); err != nil {
		return nil, err
	}
	since := s.Today().AddDate(-1, 0, 1).Format(core.DateLayout) // revoked on or after this day: still within the year
	rs, err := s.Store.RevocationsSince(ctx, a.OrgID, a.FormA.Provider.CorporateNumber, since)
	if err != nil {
		return nil, err
	}
	out := make([]RecentRevocation, 0, len(rs))
	for _, r := range rs {
		out = append(out, RecentRevocation{ServiceName: r.ServiceName, RevokedOn: r.RevokedOn.String(), OtherAccount: r.OrgID != a.OrgID})
	}
	return out, nil
}
