package aftercare

import (
	"context"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/formb"
	"nintei/service/core"
	"nintei/store"
)

// writeMoveIn writes a checked move in one transaction: all rows or none.
func (s *Aftercare) writeMoveIn(ctx context.Context, p core.Principal, plan *movePlan, appIDs *[]int64) error {
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		tx.BatchSearchIndex() // hundreds of publications: their search rows in one write
		*appIDs = (*appIDs)[:0]
		orgs := make(map[string]int64, len(plan.orgs))
		for cn, id := range plan.orgs {
			orgs[cn] = id
		}
		for _, pr := range plan.rows {
			id, err := s.moveInRow(ctx, tx, p, plan.source, pr, orgs)
			if err != nil {
				return err
			}
			*appIDs = append(*appIDs, id)
		}
		for schemeID, serial := range plan.serials {
			if err := tx.RaiseSerial(ctx, schemeID, serial); err != nil {
				return err
			}
		}
		return nil
	})
}

// moveInRow creates one certification as issued and returns the ID of its
// application. It takes the steps a certification takes here (the
// application certified, the certification and its terms, the registry
// entry published from Form B, the feed's events) with the dates of the
// old site, then ends it the way it ended there.
func (s *Aftercare) moveInRow(ctx context.Context, tx store.Tx, p core.Principal, source string, pr plannedRow, orgs map[string]int64) (int64, error) {
	r := pr.row
	orgID, err := movedInProvider(ctx, tx, p, r.ProviderName, r.CorporateNumber, orgs)
	if err != nil {
		return 0, err
	}
	a, err := tx.CreateApplication(ctx, application.Application{OrgID: orgID, EditionID: pr.ed.ID, Kind: application.New,
		State: application.Certified, CreatedBy: p.User.ID, FormA: application.FormA{
			Provider: application.Provider{Name: r.ProviderName, CorporateNumber: r.CorporateNumber},
			Service:  application.Service{Name: r.ServiceName, Overview: r.Overview, URL: r.ServiceURL, Bases: r.Bases}}})
	if err != nil {
		return 0, err
	}
	if err := tx.SaveFormBEntries(ctx, a.ID, p.User.ID, formEntries(pr.ed, pr.form)); err != nil {
		return 0, err
	}
	current := pr.terms[len(pr.terms)-1]
	c := certification.Certification{ApplicationID: a.ID, OrgID: orgID, SchemeID: pr.schemeID, Serial: r.Serial,
		Number: r.Number, CertifiedOn: r.CertifiedOn, ValidUntil: r.ValidUntil, Status: certification.Valid, TermStartsOn: current.StartsOn}
	if r.Renewals > 0 {
		c.RenewedOn, c.CertificateIssuedOn = current.StartsOn, current.StartsOn
	}
	if c, err = tx.InsertImportedCertification(ctx, c); err != nil {
		return 0, err
	}
	pub := publicService(a, pr.ed, pr.form, c)
	if err := publish(ctx, tx, c, pub); err != nil { // before the events, so the log's first entry carries the entry
		return 0, err
	}
	if err := movedInTerms(ctx, tx, c, a.ID, pr.terms); err != nil {
		return 0, err
	}
	if err := s.movedInEnding(ctx, tx, p, a, c, r.Status, pr); err != nil {
		return 0, err
	}
	ev := core.Event(&p.User, "certification.import", "certification", c.Number)
	ev.AfterDigest = nintei.StateDigest(pub)
	return a.ID, core.AuditWithDetail(ctx, tx, ev, core.ImportDetail{Source: source, Row: r.Line, FormB: r.FormB,
		Status: string(r.Status), Renewals: r.Renewals})
}

// movedInProvider is the provider of a row: the one with its corporate
// number, or a new one (audited as organization.create).
func movedInProvider(ctx context.Context, tx store.Tx, p core.Principal, name, cn string, orgs map[string]int64) (int64, error) {
	if id, ok := orgs[cn]; ok {
		return id, nil
	}
	o, err := tx.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgProvider, Name: name, CorporateNumber: cn})
	if err != nil {
		return 0, err
	}
	orgs[cn] = o.ID
	ev := core.Event(&p.User, "organization.create", "organization", strconv.FormatInt(o.ID, 10))
	ev.AfterDigest = nintei.StateDigest(o)
	return o.ID, tx.Audit(ctx, ev)
}

// formEntries are the workbook's answers in catalog order.
func formEntries(ed *catalog.Edition, form formb.Form) []formb.Entry {
	var out []formb.Entry
	for _, it := range ed.Items {
		if e, ok := form[it.ID]; ok {
			e.ItemID = it.ID
			out = append(out, e)
		}
	}
	return out
}

// movedInTerms records the current term (the terms before it had no
// application here, and a term names its application) and the feed's
// events: certified on the first day, renewed on the first day of each
// later term.
func movedInTerms(ctx context.Context, tx store.Tx, c certification.Certification, appID int64, terms []certification.Term) error {
	t := terms[len(terms)-1]
	t.CertificationID, t.ApplicationID = c.ID, appID
	if err := tx.InsertTerm(ctx, t); err != nil {
		return err
	}
	for k, t := range terms {
		kind := "renewed"
		if k == 0 {
			kind = "certified"
		}
		if err := tx.AddRegistryEvent(ctx, c.Number, kind, t.StartsOn.String()); err != nil {
			return err
		}
	}
	return nil
}

// movedInEnding ends an expired or revoked certification as the lifecycle
// does (the status moves from valid, so the registry projection follows):
// an expiry the day after the last valid day; a revocation on its
// day with its grounds, its end record and the one-year bar of R-4.2e.
func (s *Aftercare) movedInEnding(ctx context.Context, tx store.Tx, p core.Principal, a application.Application, c certification.Certification, st certification.Status, pr plannedRow) error {
	if st == certification.Valid {
		return nil
	}
	if err := tx.SetCertificationStatus(ctx, c.ID, []certification.Status{certification.Valid}, st); err != nil {
		return err
	}
	if st == certification.Expired {
		return tx.AddRegistryEvent(ctx, c.Number, string(st), c.ValidUntil.AddDays(1).String())
	}
	r := pr.row
	grounds := strings.Join(r.Grounds, ",")
	if err := tx.InsertCertificationEnd(ctx, certification.End{CertificationID: c.ID, Kind: st, EffectiveOn: r.RevokedOn,
		Grounds: grounds, Reason: r.Reason, DecidedBy: p.User.ID}); err != nil {
		return err
	}
	if err := s.recordRevocation(ctx, tx, a, c, Ending{Kind: st, Grounds: r.Grounds, Reason: r.Reason}, r.RevokedOn); err != nil {
		return err
	}
	return tx.AddRegistryEnding(ctx, c.Number, string(st), r.RevokedOn.String(), grounds)
}

// schemesByPrefix maps the installed schemes by number prefix.
func (s *Aftercare) schemesByPrefix(ctx context.Context) (map[string]store.CatalogScheme, []string, error) {
	eds, err := s.Editions(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]store.CatalogScheme{}
	var prefixes []string
	for _, e := range eds {
		sc, err := s.Store.Scheme(ctx, e.SchemeID)
		if err != nil {
			return nil, nil, err
		}
		if _, seen := out[sc.NumberPrefix]; !seen {
			out[sc.NumberPrefix] = sc
			prefixes = append(prefixes, sc.NumberPrefix)
		}
	}
	return out, prefixes, nil
}

// schemeEdition is the parsed current edition of a scheme: the workbooks
// are the export of that edition.
func (s *Aftercare) schemeEdition(ctx context.Context, schemeID string) (*catalog.Edition, error) {
	cur, err := s.CurrentEdition(ctx, schemeID)
	if err != nil {
		return nil, err
	}
	_, ed, err := s.Edition(ctx, cur.ID)
	return ed, err
}
