package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"nintei"
	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb"
	"nintei/internal/sqlstore"
	"nintei/registry"
)

type catalogEdition = catalog.Edition

// prepared is one service's published projection, computed apart from the
// writes so that the two can run side by side (seed.go).
type prepared struct {
	number, on, until string
	entry             sqlstore.RegistryEntry
	searchText        string
	answers           map[string]string
}

// prepare builds service i's snapshot, search text and filterable answers.
func prepare(editionID string, i int, items []catalog.Item, form formb.Form) prepared {
	name := fmt.Sprintf("%s%sサービス%05d", words[i%len(words)], words[(i/7)%len(words)], i)
	number := certification.Number("IP-IoT", int64(i+1), civil.Date{Year: 2026, Month: time.Month(1 + i%12), Day: 1})
	on := fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)
	until := certification.ValidUntil(civil.MustParse(on), 2).String()
	pub := registry.Service{Number: number, ServiceName: name, Overview: words[i%len(words)] + "を提供するPaaS", ProviderName: fmt.Sprintf("ベンチ事業者%04d株式会社", i%5000),
		CertifiedOn: on, ValidUntil: until, EditionID: editionID, Bases: []string{"system"}}
	for _, it := range items {
		text := registry.PublicText(it, form[it.ID].Answer)
		if it.Answer.Type == catalog.TypeLongText {
			text += fmt.Sprintf("（%s・%d）", words[(i+len(it.ID))%len(words)], i)
		}
		pub.Items = append(pub.Items, registry.Answer{ItemID: it.ID, No: it.No, Item: it.ItemJA, Question: it.NameJA, Required: it.Required, Text: text})
	}
	snap, _ := json.Marshal(pub)
	return prepared{number: number, on: on, until: until,
		entry: sqlstore.RegistryEntry{Number: number, ServiceName: pub.ServiceName, ProviderName: pub.ProviderName,
			CertifiedOn: on, ValidUntil: until, Snapshot: string(snap), Bases: strings.Join(pub.Bases, ",")},
		searchText: registry.SearchText(pub), answers: registry.PublishedAnswers(pub)}
}

// insertOne writes one certified service's rows: application,
// certification, published snapshot and its filterable answers.
func insertOne(ctx context.Context, tx *sqlstore.Tx, owner nintei.User, editionID string, i int, p prepared) error {
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	var appID int64
	if err := tx.RawQueryRow(ctx, `INSERT INTO applications (org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at)
		VALUES (?, ?, 'new', 'certified', '{}', 1, ?, ?, ?) RETURNING id`, owner.OrgID, editionID, owner.ID, now, now).Scan(&appID); err != nil {
		return err
	}
	var certID int64
	if err := tx.RawQueryRow(ctx, `INSERT INTO certifications (application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status, created_at, term_starts_on)
		VALUES (?, ?, 'iaas-paas-iot', ?, ?, ?, ?, 'valid', ?, ?) RETURNING id`, appID, owner.OrgID, i+1, p.number, p.on, p.until, now, p.on).Scan(&certID); err != nil {
		return err
	}
	return tx.PublishEntry(ctx, certID, p.entry, p.searchText, p.answers)
}
