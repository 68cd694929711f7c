package aftercare

import (
	"context"
	"encoding/json"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb"
	"nintei/registry"
	"nintei/service/core"
	"nintei/store"
)

// IssueCertification creates the certification of a certify decision inside its
// transaction: the serial is allocated here, so it is unique per
// scheme and never reused; the number carries the scheme's prefix and the
// certification month; validity runs two years; and the public snapshot is
// written at the same moment (publication is a projection, R-7).
func (s *Aftercare) IssueCertification(ctx context.Context, tx store.Tx, p core.Principal, a application.Application) (certification.Certification, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return certification.Certification{}, err
	}
	serial, err := tx.NextSerial(ctx, ed.Scheme.ID)
	if err != nil {
		return certification.Certification{}, err
	}
	today := s.Day()
	c, err := tx.InsertCertification(ctx, certification.Certification{ApplicationID: a.ID, OrgID: a.OrgID, SchemeID: ed.Scheme.ID,
		Serial: serial, Number: certification.Number(ed.Scheme.NumberPrefix, serial, today), CertifiedOn: today,
		ValidUntil: certification.ValidUntil(today, ed.Scheme.ValidityYears), Status: certification.Valid})
	if err != nil {
		return c, err
	}
	form, err := tx.FormB(ctx, a.ID)
	if err != nil {
		return c, err
	}
	pub := publicService(a, ed, form, c)
	if err := publish(ctx, tx, c, pub); err != nil {
		return c, err
	}
	if err := applyWithholdings(ctx, tx, a, c.Number, c.CertifiedOn.String()); err != nil { // before the first commit
		return c, err
	}
	if err := tx.AddRegistryEvent(ctx, c.Number, "certified", c.CertifiedOn.String()); err != nil {
		return c, err
	}
	ev := core.Event(&p.User, "certification.issue", "certification", c.Number)
	ev.AfterDigest = nintei.StateDigest(pub)
	return c, tx.Audit(ctx, ev)
}

// publicService builds the published snapshot: catalog order, answers as
// written, and nothing that is not public.
func publicService(a application.Application, ed *catalog.Edition, form formb.Form, c certification.Certification) registry.Service {
	pub := registry.Service{Number: c.Number, ServiceName: a.FormA.Service.Name, Overview: a.FormA.Service.Overview,
		ServiceURL: a.FormA.Service.URL, ProviderName: a.FormA.Provider.Name, CertifiedOn: c.CertifiedOn.String(),
		ValidUntil: c.ValidUntil.String(), EditionID: ed.ID, Bases: a.FormA.Service.Bases}
	for _, it := range ed.Items {
		pub.Items = append(pub.Items, registry.Answer{ItemID: it.ID, No: it.No, Category: categoryNames(ed, it), Item: it.ItemJA,
			Question: it.NameJA, Required: it.Required, Text: registry.PublicText(it, form[it.ID].Answer)})
	}
	return pub
}

func publish(ctx context.Context, tx store.Tx, c certification.Certification, pub registry.Service) error {
	snap, err := json.Marshal(pub)
	if err != nil {
		return nintei.Wrap("service.publish", err)
	}
	return tx.PublishEntry(ctx, c.ID, store.RegistryEntry{Number: c.Number, ServiceName: pub.ServiceName,
		ProviderName: pub.ProviderName, CertifiedOn: c.CertifiedOn.String(), ValidUntil: c.ValidUntil.String(), Snapshot: string(snap),
		Bases: strings.Join(pub.Bases, ",")}, registry.SearchText(pub), registry.PublishedAnswers(pub))
}

// RegistryPage is one page of the public list.
type RegistryPage struct {
	Entries []store.RegistryEntry
	Total   int
	Page    int
	PerPage int
}

// RegistryFilter narrows the public list.
type RegistryFilter struct {
	Base    string
	Status  string
	Answers map[string]string
	Sort    string
}

// Registry lists the public registry, searched by q (NFKC-folded,
// every word must match), page numbers from 1.
func (s *Aftercare) Registry(ctx context.Context, q string, page, perPage int) (RegistryPage, error) {
	return s.FilteredRegistry(ctx, q, RegistryFilter{}, page, perPage)
}

// maxRegistryPage bounds the page number, so that the offset cannot
// overflow (PostgreSQL refuses a negative one); a page past the end is empty
// anyway.
const maxRegistryPage = 1 << 20

// FilteredRegistry is Registry with filters (base service, status, answers
// to chosen items) and an order.
func (s *Aftercare) FilteredRegistry(ctx context.Context, q string, f RegistryFilter, page, perPage int) (RegistryPage, error) {
	page = min(max(page, 1), maxRegistryPage)
	if perPage < 1 || perPage > 200 {
		perPage = 50
	}
	entries, total, err := s.Store.Registry(ctx, store.RegistryQuery{Text: registry.Fold(q), Base: f.Base, Status: f.Status,
		Today: s.Today().Format("2006-01-02"), Answers: f.Answers, Sort: f.Sort, Offset: (page - 1) * perPage, Limit: perPage})
	if err != nil {
		return RegistryPage{}, err
	}
	today := s.Day()
	for i := range entries {
		entries[i].Status = entryStatus(entries[i].Status, entries[i].ValidUntil, today)
	}
	return RegistryPage{Entries: entries, Total: total, Page: page, PerPage: perPage}, nil
}

var errUnknownNumber = nintei.Errorf(nintei.KindNotFound, "error.registry.unknown_number")

// RegistryService returns one published service and its status today.
func (s *Aftercare) RegistryService(ctx context.Context, number string) (registry.Service, string, error) {
	rows, err := s.Store.PublicEntries(ctx, []string{number})
	if err != nil {
		return registry.Service{}, "", err
	}
	if len(rows) == 0 {
		return registry.Service{}, "", errUnknownNumber.With("Number", number)
	}
	pub, err := s.PublicOf(ctx, rows[0])
	if err != nil {
		return pub, "", err
	}
	return pub, entryStatus(rows[0].Status, rows[0].ValidUntil, s.Day()), nil
}

// Certification returns an application's certification for anyone who may
// see the application; nintei.ErrNotFound when it has none.
func (s *Aftercare) Certification(ctx context.Context, p core.Principal, id int64) (certification.Certification, error) {
	if _, err := s.Application(ctx, p, id); err != nil {
		return certification.Certification{}, err
	}
	return s.Store.CertificationOfApplication(ctx, id)
}

// VerifyService is what verification shows of a number: the
// service's header and its status today, read without its answers.
func (s *Aftercare) VerifyService(ctx context.Context, number string) (registry.Service, string, error) {
	e, err := s.Store.RegistryHead(ctx, number)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return registry.Service{}, "", errUnknownNumber.With("Number", number)
	} else if err != nil {
		return registry.Service{}, "", err
	}
	pub := registry.Service{Number: e.Number, ServiceName: e.ServiceName, ProviderName: e.ProviderName,
		CertifiedOn: e.CertifiedOn, ValidUntil: e.ValidUntil}
	return pub, entryStatus(e.Status, e.ValidUntil, s.Day()), nil
}

// entryStatus is the public status today of a registry entry, whose
// projection keeps status and last valid day as text.
func entryStatus(stored, validUntil string, today civil.Date) string {
	until, err := civil.Parse(validUntil)
	if err != nil {
		return stored
	}
	return string(certification.PublicStatus(certification.Status(stored), until, today))
}

// Numbers lists the certification numbers of the page's entries, in order.
func (p RegistryPage) Numbers() []string {
	out := make([]string, len(p.Entries))
	for i, e := range p.Entries {
		out[i] = e.Number
	}
	return out
}
