package testenv

import (
	"context"
	"strings"
	"testing"

	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/service"
	"nintei/service/apply"
)

// TinyPDF is the smallest file the upload checks accept as a PDF.
const TinyPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

// CompleteFormA is a Form A with nothing missing.
func CompleteFormA() application.FormA {
	return application.FormA{
		Provider: application.Provider{CorporateNumber: "7000012050002", Name: "株式会社みなとクラウド",
			RepresentativeName: "港 健太", RepresentativeTitle: "代表取締役", RepresentativeHasPower: true,
			PostalCode: "105-0001", Address: "東京都港区虎ノ門1-1-1", ContactName: "青木 美咲", ContactDepartment: "品質保証部",
			ContactEmail: "nintei@minato-cloud.example.jp", ContactPhone: "03-1234-5678"},
		Service: application.Service{Name: "みなとIoTクラウド", Overview: "IoT機器のデータ収集・分析基盤",
			URL: "https://iot.minato-cloud.example.jp/", StartDate: "2023-04-01", Bases: []string{"system", "network"}},
	}
}

// ReadyApplication opens an application for p and fills it until the
// pre-check passes: Form A, a complete Form B, the original proof of
// existence and an evidence file for every item. It returns the
// application's ID and current version.
func (e *Env) ReadyApplication(t testing.TB, p service.Principal) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	a, err := e.Svc.OpenApplication(ctx, p, "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Svc.SaveFormA(ctx, p, a.ID, a.Version, CompleteFormA())
	if err != nil {
		t.Fatal(err)
	}
	ed, err := e.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	var entries []formb.Entry
	var ids []string
	for _, it := range ed.Items {
		entries = append(entries, formbtest.CompleteForm(ed)[it.ID])
		ids = append(ids, it.ID)
	}
	if v, err = e.Svc.SaveFormB(ctx, p, a.ID, v, entries); err != nil {
		t.Fatal(err)
	}
	for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, FileName: "登記.pdf", Original: true},
		{Purpose: application.PurposeEvidence, FileName: "仕様書.pdf", ItemIDs: ids}} {
		n.Body = strings.NewReader(TinyPDF)
		if _, err := e.Svc.AddAttachment(ctx, p, a.ID, n); err != nil {
			t.Fatal(err)
		}
		v++
	}
	return a.ID, v
}
