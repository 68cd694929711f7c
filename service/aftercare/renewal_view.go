package aftercare

import (
	"context"

	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/formb"
	"nintei/registry"
	"nintei/service/core"
)

// How an item of a renewal differs from the term it renews (R-9.4, R-9.6,
// Items that differ are the only ones reviewed again.
const (
	ChangeAnswer   = "answer"   // the published answer changed: evidence for the change is needed
	ChangeEvidence = "evidence" // same answer, revised evidence document or a new file
	ChangeNew      = "new"      // an item the earlier edition did not ask
)

// Change is one changed item, old and new side by side.
type Change struct {
	Item          catalog.Item
	Kind          string
	Before, After formb.Entry
	BeforeText    string // the answers as published, for the side-by-side view
	AfterText     string
	NewFiles      []application.Attachment // the renewal's files for the item
}

// FormAChange is a changed field of Form A's provider or service part.
type FormAChange struct {
	Field         string // an i18n key of the field
	Before, After string
}

// RenewalView is what the applicant and the reviewer see of a renewal:
// the certification it renews, the window, and what changed.
type RenewalView struct {
	Certification certification.Certification
	Previous      application.Application
	Opens, Closes string // the renewal window
	Changes       []Change
	Unchanged     int // items carried over with their earlier assessment
	FormA         []FormAChange
	// TranscriptFacts are the registry facts that changed (provider name,
	// representative, address): a new registry transcript, or for a sole
	// proprietor a new photo ID, must be attached to this application;
	// the earlier one is not carried forward.
	TranscriptFacts []string
	// Reissue: the certificate prints a changed name, so it is reissued
	// for the reissue fee.
	Reissue  bool
	NewFiles []application.Attachment // every file handed in with it
}

// ChangedItems returns the item IDs a reviewer must look at.
func (v RenewalView) ChangedItems() map[string]bool {
	out := map[string]bool{}
	for _, c := range v.Changes {
		out[c.Item.ID] = true
	}
	return out
}

// Renewal returns the renewal view of an application the actor may see;
// errNotARenewal for a first application.
func (s *Aftercare) Renewal(ctx context.Context, p core.Principal, appID int64) (RenewalView, error) {
	a, err := s.Application(ctx, p, appID)
	if err != nil {
		return RenewalView{}, err
	}
	return s.RenewalViewOf(ctx, a)
}

// RenewalViewOf builds the renewal view of a renewal or change notice
// already read (and authorized) by the caller.
func (s *Aftercare) RenewalViewOf(ctx context.Context, a application.Application) (RenewalView, error) {
	if (a.Kind != application.Renewal && a.Kind != application.Change) || a.PreviousApplicationID == 0 {
		return RenewalView{}, errNotARenewal
	}
	var v RenewalView
	var err error
	if v.Certification, err = s.Store.CertificationByID(ctx, a.RenewsCertificationID); err != nil {
		return v, err
	}
	if v.Previous, err = s.Store.Application(ctx, a.PreviousApplicationID); err != nil {
		return v, err
	}
	if a.Kind == application.Renewal && !a.State.Decided() { // the window matters until the decision
		if v.Opens, v.Closes, err = s.renewalWindow(ctx, a); err != nil {
			return v, err
		}
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return v, err
	}
	before, err := s.Store.FormB(ctx, v.Previous.ID)
	if err != nil {
		return v, err
	}
	after, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return v, err
	}
	own, err := s.Store.Attachments(ctx, a.ID)
	if err != nil {
		return v, err
	}
	for _, f := range own {
		if !f.Purpose.StaffOnly() {
			v.NewFiles = append(v.NewFiles, f)
		}
	}
	for _, it := range ed.Items {
		old, had := before[it.ID]
		c := Change{Item: it, Before: old, After: after[it.ID], BeforeText: registry.PublicText(it, old.Answer),
			AfterText: registry.PublicText(it, after[it.ID].Answer), NewFiles: filesFor(own, it.ID)}
		c.Kind = changeKind(c, had)
		if c.Kind == "" {
			v.Unchanged++
			continue
		}
		v.Changes = append(v.Changes, c)
	}
	v.FormA = formAChanges(v.Previous.FormA, a.FormA)
	v.TranscriptFacts = application.ChangedRegistryFacts(v.Previous.FormA, a.FormA)
	// A renewal's new term gets a new certificate anyway, under the renewal fee.
	v.Reissue = a.Kind == application.Change && application.CertificateChanged(v.Previous.FormA, a.FormA)
	return v, nil
}

// renewalWindow is the window of the term a renewal renews, as of its
// opening: the term it renews ends on the last valid day recorded for the
// previous application.
func (s *Aftercare) renewalWindow(ctx context.Context, a application.Application) (string, string, error) {
	terms, err := s.Store.Terms(ctx, a.RenewsCertificationID)
	if err != nil {
		return "", "", err
	}
	for _, t := range terms {
		if t.ApplicationID == a.PreviousApplicationID {
			opens, closes := certification.RenewalWindow(t.ValidUntil)
			return opens.String(), closes.String(), nil
		}
	}
	return "", "", nil
}

func changeKind(c Change, had bool) string {
	empty := c.AfterText == "" && c.After.EvidenceDoc == "" && c.After.EvidenceLoc == ""
	switch {
	case !had && empty:
		return ""
	case !had:
		return ChangeNew
	case c.BeforeText != c.AfterText:
		return ChangeAnswer
	case c.Before.EvidenceDoc != c.After.EvidenceDoc || c.Before.EvidenceLoc != c.After.EvidenceLoc || len(c.NewFiles) > 0:
		return ChangeEvidence
	}
	return ""
}

func filesFor(atts []application.Attachment, itemID string) []application.Attachment {
	var out []application.Attachment
	for _, a := range atts {
		for _, id := range a.ItemIDs {
			if id == itemID {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// formAChanges lists what changed in Form A's provider and service parts.
func formAChanges(before, after application.FormA) []FormAChange {
	fields := []struct{ key, old, new string }{
		{"forma.provider.name", before.Provider.Name, after.Provider.Name},
		{"forma.provider.representative_name", before.Provider.RepresentativeName, after.Provider.RepresentativeName},
		{"forma.provider.representative_title", before.Provider.RepresentativeTitle, after.Provider.RepresentativeTitle},
		{"forma.provider.address", before.Provider.PostalCode + " " + before.Provider.Address, after.Provider.PostalCode + " " + after.Provider.Address},
		{"forma.service.name", before.Service.Name, after.Service.Name},
		{"forma.service.url", before.Service.URL, after.Service.URL},
		{"forma.service.overview", before.Service.Overview, after.Service.Overview},
	}
	var out []FormAChange
	for _, f := range fields {
		if f.old != f.new {
			out = append(out, FormAChange{Field: f.key, Before: f.old, After: f.new})
		}
	}
	return out
}

// ReviewedFiles are the files an application's evidence checks count: its
// own, and for a renewal the earlier terms' files still current — those
// backing answers that did not change and whose evidence was not revised
// and the Form A documents the renewal did not replace.
// Documents are kept during the validity, so they are still there.
// An earlier proof of existence is not carried forward once the provider's
// name, representative or address changed: it no longer proves the
// provider as it is.
func (s *Aftercare) ReviewedFiles(ctx context.Context, a application.Application) ([]application.Attachment, error) {
	own, err := s.Store.Attachments(ctx, a.ID)
	if err != nil || a.PreviousApplicationID == 0 {
		return own, err
	}
	prev, err := s.Store.Application(ctx, a.PreviousApplicationID)
	if err != nil {
		return nil, err
	}
	earlier, err := s.ReviewedFiles(ctx, prev)
	if err != nil {
		return nil, err
	}
	view, err := s.RenewalViewOf(ctx, a)
	if err != nil {
		return nil, err
	}
	changed := view.ChangedItems()
	replaced := map[application.Purpose]bool{}
	for _, f := range own {
		replaced[f.Purpose] = true
	}
	if len(view.TranscriptFacts) > 0 {
		replaced[application.PurposeExistence] = true
	}
	out := own
	for _, f := range earlier {
		switch {
		case f.Purpose.StaffOnly() || f.DisposedAt != nil:
			continue
		case f.Purpose.SupportsItems():
			var keep []string
			for _, id := range f.ItemIDs {
				if !changed[id] {
					keep = append(keep, id)
				}
			}
			if len(keep) == 0 {
				continue
			}
			f.ItemIDs = keep
		case replaced[f.Purpose]:
			continue
		}
		out = append(out, f)
	}
	return out, nil
}
