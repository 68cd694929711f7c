package demo

import (
	"context"
	"fmt"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/review"
	"nintei/service"
	"nintei/service/accounts"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// SeedRegistry certifies the demo registry's services, each through the
// real workflow, with answers that vary from service to service.
func SeedRegistry(ctx context.Context, svc *service.Service) error {
	jimu, err := principalOf(ctx, svc, "jimukyoku@nintei.example.jp")
	if err != nil {
		return err
	}
	for i, p := range registryProviders {
		email := registryOwnerEmail(i)
		u, err := svc.AddUser(ctx, nil, accounts.NewUser{Email: email, Name: p.rep, Role: nintei.RoleOwner,
			Password: Password, OrgName: p.org})
		if err != nil {
			return err
		}
		s := sample{owner: u.Email, service: p.service, overview: p.overview, toPayment: true}
		at := svc
		switch i {
		case expiredSample:
			// Certified two years and two weeks ago: expired today.
			at = svc.At(&nintei.FixedClock{T: svc.Now().AddDate(-2, 0, -14)})
		case renewableSample, renewingSample:
			// Certified 44 days short of two years ago: in the renewal window.
			at = svc.At(&nintei.FixedClock{T: svc.Now().AddDate(-2, 0, 45)})
		}
		if err := certifySample(ctx, at, jimu, s, i); err != nil {
			return fmt.Errorf("demo registry %s: %w", p.service, err)
		}
		if i == revokedSample {
			if err := revokeOne(ctx, svc, jimu, s.owner); err != nil {
				return err
			}
		}
		if i == renewingSample {
			if err := renewOne(ctx, svc, s.owner); err != nil {
				return fmt.Errorf("demo renewal: %w", err)
			}
		}
		if i == 3 {
			if err := withholdOne(ctx, svc, jimu, s.owner); err != nil {
				return err
			}
		}
	}
	_, err = svc.Sweep(ctx) // the expired one becomes expired, as the hourly job would do
	return err
}

// The demo registry's services with a history: one expired, one revoked,
// one in its renewal window, and one whose renewal is under review.
const (
	expiredSample   = 7
	revokedSample   = 11
	renewableSample = 1
	renewingSample  = 2
)

// renewOne hands in a renewal with two changed answers and new evidence
// for them, so the demo shows the changes view and the
// reviewer's page of a renewal.
func renewOne(ctx context.Context, svc *service.Service, ownerEmail string) error {
	owner, err := principalOf(ctx, svc, ownerEmail)
	if err != nil {
		return err
	}
	apps, err := svc.Applications(ctx, owner)
	if err != nil || len(apps) == 0 {
		return err
	}
	r, err := svc.OpenRenewal(ctx, owner, apps[0].ID)
	if err != nil {
		return err
	}
	form, err := svc.FormB(ctx, owner, r)
	if err != nil {
		return err
	}
	changes := map[string]string{
		"IPIOT-005":  "IoTプラットフォーム事業、受託開発事業に加え、2025年度から設備保全の分析サービスを提供しています。",
		"IPIOT-006a": "1968年生。情報工学修士。通信事業者で20年、当社で技術担当役員を経て2024年より代表取締役。情報処理安全確保支援士。",
	}
	var entries []formb.Entry
	var ids []string
	for id, text := range changes {
		e := form[id]
		e.Answer.Value, e.EvidenceLoc = text, "p.3（2026年改訂版）"
		entries, ids = append(entries, e), append(ids, id)
	}
	v, err := svc.SaveFormB(ctx, owner, r.ID, r.Version, entries)
	if err != nil {
		return err
	}
	if _, err := svc.AddAttachment(ctx, owner, r.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "会社案内_2026年改訂版.pdf", ItemIDs: ids, Body: strings.NewReader(samplePDF)}); err != nil {
		return err
	}
	if v, err = svc.DeclareMarkUse(ctx, owner, r.ID, v+1); err != nil {
		return err
	}
	return svc.Submit(ctx, owner, r.ID, v, i18n.Japanese)
}

// revokeOne gives the demo a revoked service.
func revokeOne(ctx context.Context, svc *service.Service, jimu service.Principal, ownerEmail string) error {
	owner, err := principalOf(ctx, svc, ownerEmail)
	if err != nil {
		return err
	}
	apps, err := svc.Applications(ctx, owner)
	if err != nil || len(apps) == 0 {
		return err
	}
	return svc.EndCertification(ctx, jimu, apps[0].ID, aftercare.Ending{Kind: "revoked", Grounds: []string{"c"},
		Reason: "認定マークを認定外のサービスのウェブサイトに表示し、是正の要請に応じなかったため（デモ）"})
}

// withholdOne gives the demo a service with a withheld answer.
func withholdOne(ctx context.Context, svc *service.Service, jimu service.Principal, ownerEmail string) error {
	owner, err := principalOf(ctx, svc, ownerEmail)
	if err != nil {
		return err
	}
	apps, err := svc.Applications(ctx, owner)
	if err != nil || len(apps) == 0 {
		return err
	}
	until := svc.Today().AddDate(0, 6, 0).Format("2006-01-02")
	if err := svc.RequestWithholding(ctx, owner, apps[0].ID, []string{"IPIOT-009", "IPIOT-010"}, "上場準備中のため財務情報の公表を留保", until); err != nil {
		return err
	}
	ws, err := svc.Withholdings(ctx, owner, apps[0].ID)
	if err != nil || len(ws) == 0 {
		return err
	}
	return svc.DecideWithholding(ctx, jimu, apps[0].ID, ws[0].ID, true, "")
}

func certifySample(ctx context.Context, svc *service.Service, jimu service.Principal, s sample, i int) error {
	owner, err := principalOf(ctx, svc, s.owner)
	if err != nil {
		return err
	}
	org, err := svc.OwnOrganization(ctx, owner)
	if err != nil {
		return err
	}
	id, err := fillVaried(ctx, svc, owner, s, org.Name, i)
	if err != nil {
		return err
	}
	steps := []func(v int64) error{
		func(v int64) error { return svc.StartFormalReview(ctx, jimu, id, v) },
		func(v int64) error { _, err := svc.AcceptFormal(ctx, jimu, id, v); return err },
		func(v int64) error {
			return svc.ConfirmPayment(ctx, jimu, id, v, svc.Today().Format("2006-01-02"), 209000, "デモ")
		},
		func(int64) error { return assessMandatoryOK(ctx, svc, id) },
		func(v int64) error { return svc.Certify(ctx, jimu, id, v, "") },
	}
	for _, step := range steps {
		a, err := svc.Application(ctx, jimu, id)
		if err != nil {
			return err
		}
		if err := step(a.Version); err != nil {
			return err
		}
	}
	return nil
}

// assessMandatoryOK has the demo reviewer judge every mandatory item
// adequate: without that no application is certified.
func assessMandatoryOK(ctx context.Context, svc *service.Service, id int64) error {
	shinsa, err := principalOf(ctx, svc, "shinsa@nintei.example.jp")
	if err != nil {
		return err
	}
	return AssessMandatoryOK(ctx, svc, shinsa, id, "確認済み")
}

// AssessMandatoryOK has reviewer p judge every item the application needs
// assessed adequate, with comment; the demo's seeding and the tests'
// environment (internal/testenv) both use it.
func AssessMandatoryOK(ctx context.Context, svc *service.Service, p service.Principal, id int64, comment string) error {
	a, err := svc.Application(ctx, p, id)
	if err != nil {
		return err
	}
	items, err := svc.ItemsToAssess(ctx, a)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := svc.Assess(ctx, p, id, it.ID, review.AssessOK, comment); err != nil {
			return err
		}
	}
	return nil
}
