package aftercare

import (
	"context"
	"strings"
	"time"

	"nintei/application"
	"nintei/certification"
	"nintei/incident"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// Maintenance is a planned maintenance the provider records: when it was
// announced to users and when it starts (YYYY-MM-DD).
type Maintenance struct {
	AnnouncedOn string
	StartsOn    string
	Description string
}

// RecordMaintenance records a planned maintenance and checks its notice
// against the period the provider disclosed in Form B: the
// published answer of the key item 「メンテナンス等の一時的サービス停止時の事前告知」
// is read by incident.ParseNoticePeriod. Announced later than that period
// allows, the maintenance opens an incident that needs a report, and the
// secretariat and the provider are mailed. When no period can be read the
// verdict is unknown: nothing is flagged, and the secretariat sees the
// maintenance with that verdict to judge it by eye.
func (s *Aftercare) RecordMaintenance(ctx context.Context, p core.Principal, appID int64, m Maintenance) (store.MaintenanceNotice, error) {
	a, c, err := s.providerCertified(ctx, p, appID)
	if err != nil {
		return store.MaintenanceNotice{}, err
	}
	m.AnnouncedOn, m.StartsOn, m.Description = strings.TrimSpace(m.AnnouncedOn), strings.TrimSpace(m.StartsOn), strings.TrimSpace(m.Description)
	announced, err1 := time.Parse(core.DateLayout, m.AnnouncedOn)
	start, err2 := time.Parse(core.DateLayout, m.StartsOn)
	if err1 != nil || err2 != nil || start.Before(announced) || announced.After(s.Today()) {
		return store.MaintenanceNotice{}, errMaintenanceDates
	}
	if m.Description == "" {
		return store.MaintenanceNotice{}, errMaintenanceText
	}
	disclosed, err := s.disclosedNotice(ctx, a, c)
	if err != nil {
		return store.MaintenanceNotice{}, err
	}
	rec := store.MaintenanceNotice{ApplicationID: a.ID, AnnouncedOn: m.AnnouncedOn, StartsOn: m.StartsOn, Description: m.Description,
		Disclosed: disclosed, Verdict: incident.NoticeUnknown, RecordedBy: p.User.ID}
	if period, ok := incident.ParseNoticePeriod(disclosed); ok {
		rec.Period, rec.Verdict = period.Phrase, incident.NoticeInTime
		if period.Late(announced, start) {
			rec.Verdict = incident.NoticeLate
		}
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if rec.Verdict == incident.NoticeLate {
			id, err := tx.InsertIncident(ctx, store.Incident{ApplicationID: a.ID, CertificationID: c.ID, Kind: incident.KindMaintenance,
				State: incident.StateReportNeeded})
			if err != nil {
				return err
			}
			rec.IncidentID = &id
			if err := tx.Audit(ctx, core.Event(&p.User, "incident.flagged", "incident", core.Itoa64(id))); err != nil {
				return err
			}
		}
		id, err := tx.InsertMaintenanceNotice(ctx, rec)
		if err != nil {
			return err
		}
		rec.ID = id
		ev := core.Event(&p.User, "maintenance.record", "maintenance", core.Itoa64(id))
		if err := core.AuditWithDetail(ctx, tx, ev, core.MaintenanceDetail{Verdict: rec.Verdict}); err != nil {
			return err
		}
		return s.notifyLateMaintenance(ctx, tx, a, c, rec)
	})
	return rec, err
}

// notifyLateMaintenance tells the secretariat and the provider when a
// maintenance was announced later than the disclosure promised.
func (s *Aftercare) notifyLateMaintenance(ctx context.Context, tx store.Tx, a application.Application, c certification.Certification, rec store.MaintenanceNotice) error {
	if rec.Verdict != incident.NoticeLate {
		return nil
	}
	args := map[string]any{"ID": a.ID, "Service": a.FormA.Service.Name, "Number": c.Number, "Announced": rec.AnnouncedOn,
		"Start": rec.StartsOn, "Period": rec.Period, "URL": s.Config.BaseURL + incidentsURL(a.ID)}
	if err := s.notifySecretariat(ctx, tx, noticeMaintenanceLate, args); err != nil {
		return err
	}
	return s.NotifyApplicant(ctx, tx, a, noticeMaintenanceLate, args)
}

// disclosedNotice is the published answer of the maintenance notice key
// item, found in the application's catalog edition by its wording; a
// withheld answer is read from where it waits, since the provider
// disclosed it to the body all the same. "" when the edition has no such
// item.
func (s *Aftercare) disclosedNotice(ctx context.Context, a application.Application, c certification.Certification) (string, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return "", err
	}
	itemID := ""
	for _, it := range ed.Items {
		if strings.TrimSpace(it.ItemJA) == incident.MaintenanceItemJA && (itemID == "" || it.Key != nil) {
			itemID = it.ID
		}
	}
	if itemID == "" {
		return "", nil
	}
	pub, _, err := s.RegistryService(ctx, c.Number)
	if err != nil {
		return "", err
	}
	for _, ans := range pub.Items {
		if ans.ItemID != itemID {
			continue
		}
		if ans.WithheldUntil == "" {
			return ans.Text, nil
		}
		texts, err := s.Store.ReleasedTexts(ctx, c.Number, "9999-12-31") // every withheld text of the number
		if err != nil {
			return "", err
		}
		return texts[itemID], nil
	}
	return "", nil
}

// MaintenanceNotices lists an application's recorded maintenance.
func (s *Aftercare) MaintenanceNotices(ctx context.Context, p core.Principal, appID int64) ([]store.MaintenanceNotice, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	return s.Store.MaintenanceNotices(ctx, appID)
}

// UnreadNotices lists, for the body's staff, the newest maintenance whose
// notice period could not be read from Form B (verdict unknown), so that
// the secretariat judges them by eye.
func (s *Aftercare) UnreadNotices(ctx context.Context, p core.Principal, limit int) ([]store.MaintenanceNotice, error) {
	if err := p.May(policy.ReadIncidents); err != nil {
		return nil, err
	}
	return s.Store.MaintenanceWithVerdict(ctx, incident.NoticeUnknown, limit)
}
