package demo

import (
	"context"
	"strings"

	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/i18n"
	"nintei/service"
	"nintei/service/apply"
)

const samplePDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

// sample is one demo application and how far the review has got.
type sample struct {
	owner, service, overview string
	toPayment, toInquiry     bool
}

var samples = []sample{
	{owner: "owner@hokuto-data.example.jp", service: "北斗IoTデータ基盤", overview: "工場設備のセンサーデータを収集・蓄積するPaaS",
		toPayment: true},
	{owner: "owner@tsubame-iot.example.jp", service: "つばめデバイス管理クラウド", overview: "IoT機器の認証・遠隔管理を提供するPaaS",
		toPayment: true, toInquiry: true},
}

// SeedApplications gives the demo two applications under review, so every
// role has something to look at: one invoiced and awaiting payment, one in
// document review with an inquiry for the applicant to answer.
func SeedApplications(ctx context.Context, svc *service.Service) error {
	jimu, err := principalOf(ctx, svc, "jimukyoku@nintei.example.jp")
	if err != nil {
		return err
	}
	for _, s := range samples {
		if err := seedSample(ctx, svc, jimu, s); err != nil {
			return err
		}
	}
	return nil
}

func principalOf(ctx context.Context, svc *service.Service, email string) (service.Principal, error) {
	return svc.OperatorPrincipal(ctx, email)
}

func seedSample(ctx context.Context, svc *service.Service, jimu service.Principal, s sample) error {
	owner, err := principalOf(ctx, svc, s.owner)
	if err != nil {
		return err
	}
	org, err := svc.OwnOrganization(ctx, owner)
	if err != nil {
		return err
	}
	id, err := fill(ctx, svc, owner, s, org.Name)
	if err != nil {
		return err
	}
	steps := []func(v int64) error{
		func(v int64) error { return svc.StartFormalReview(ctx, jimu, id, v) },
		func(v int64) error { _, err := svc.AcceptFormal(ctx, jimu, id, v); return err },
	}
	if s.toInquiry {
		steps = append(steps,
			func(v int64) error {
				return svc.ConfirmPayment(ctx, jimu, id, v, svc.Today().Format("2006-01-02"), 209000, "デモ振込")
			},
			func(v int64) error {
				return svc.OpenInquiry(ctx, jimu, id, v, "IPIOT-050", "IoT機器認証に用いる電子証明書の発行元と更新周期を記載してください。")
			})
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

// fill prepares and submits one application with a complete Form B.
func fill(ctx context.Context, svc *service.Service, owner service.Principal, s sample, orgName string) (int64, error) {
	return fillVaried(ctx, svc, owner, s, orgName, -1)
}

// fillVaried is fill with the answers of variant i (none when i < 0).
func fillVaried(ctx context.Context, svc *service.Service, owner service.Principal, s sample, orgName string, i int) (int64, error) {
	a, err := svc.OpenApplication(ctx, owner, "")
	if err != nil {
		return 0, err
	}
	f := application.FormA{Provider: application.Provider{CorporateNumber: corporateNumberOf(orgName), Name: orgName,
		RepresentativeName: "代表 取締", RepresentativeTitle: "代表取締役", RepresentativeHasPower: true, PostalCode: "100-0001",
		Address: "東京都千代田区千代田1-1", ContactName: "担当 一郎", ContactEmail: s.owner, ContactPhone: "03-0000-0000"},
		Service: application.Service{Name: s.service, Overview: s.overview, URL: "https://example.jp/", StartDate: "2022-04-01",
			Bases: []string{"system", "network"}}}
	if p, ok := providerOf(orgName); ok {
		formAOf(&f, p)
	}
	v, err := svc.SaveFormA(ctx, owner, a.ID, a.Version, f)
	if err != nil {
		return 0, err
	}
	ed, err := svc.ApplicationEdition(ctx, a)
	if err != nil {
		return 0, err
	}
	form := formbtest.CompleteForm(ed)
	if p, ok := providerOf(orgName); ok && i >= 0 {
		disclose(form, p, i)
	}
	var entries []formb.Entry
	var ids []string
	for _, it := range ed.Items {
		entries = append(entries, form[it.ID])
		ids = append(ids, it.ID)
	}
	if v, err = svc.SaveFormB(ctx, owner, a.ID, v, entries); err != nil {
		return 0, err
	}
	for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, FileName: "履歴事項全部証明書.pdf", Original: true},
		{Purpose: application.PurposeEvidence, FileName: "サービス仕様書.pdf", ItemIDs: ids}} {
		n.Body = strings.NewReader(samplePDF)
		if _, err := svc.AddAttachment(ctx, owner, a.ID, n); err != nil {
			return 0, err
		}
		v++
	}
	return a.ID, svc.Submit(ctx, owner, a.ID, v, i18n.Japanese)
}
