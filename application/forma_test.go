package application

import (
	"slices"
	"testing"
	"time"
)

func validFormA() FormA {
	return FormA{
		Provider: Provider{CorporateNumber: "7000012050002", Name: "株式会社テスト", RepresentativeName: "代表 太郎",
			RepresentativeHasPower: true, Address: "東京都千代田区1-1", ContactName: "担当 花子",
			ContactEmail: "a@example.jp", ContactPhone: "03-0000-0000"},
		Service: Service{Name: "テストクラウド", Overview: "概要", StartDate: "2024-01-01", Bases: []string{"hardware"}},
	}
}

func TestFormAProblems(t *testing.T) {
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		change func(*FormA)
		field  string
		key    string
	}{
		{"valid", func(*FormA) {}, "", ""},
		{"check digit wrong", func(f *FormA) { f.Provider.CorporateNumber = "8000012050002" }, "provider.corporate_number", "error.forma.corporate_number"},
		{"corporate number missing", func(f *FormA) { f.Provider.CorporateNumber = "" }, "provider.corporate_number", "error.required"},
		{"sole proprietor without number", func(f *FormA) { f.Provider.CorporateNumber, f.Provider.SoleProprietor = "", true }, "", ""},
		{"R-4.2b foreign needs Japanese", func(f *FormA) { f.Provider.Foreign = true }, "provider.japanese_disclosure", "error.forma.foreign_japanese"},
		{"R-4.2c agent incomplete", func(f *FormA) { f.Provider.Agents = []Agent{{Name: "代理店"}} }, "provider.agents", "error.forma.agent_incomplete"},
		{"R-4.2c agent without head-office address", func(f *FormA) {
			f.Provider.Agents = []Agent{{Name: "代理店", Contact: "03-1234-5678"}}
		}, "provider.agents", "error.forma.agent_incomplete"},
		{"R-4.2c agent without contact", func(f *FormA) {
			f.Provider.Agents = []Agent{{Name: "代理店", Address: "東京都港区1-1-1"}}
		}, "provider.agents", "error.forma.agent_incomplete"},
		{"R-4.2c agent complete", func(f *FormA) {
			f.Provider.Agents = []Agent{{Name: "代理店", Address: "東京都港区1-1-1", Contact: "03-1234-5678"}}
		}, "", ""},
		{"R-4.2d unknown reseller", func(f *FormA) { f.Provider.Reseller = "franchise" }, "provider.reseller", "error.forma.reseller"},
		{"R-4.2a outsourced data centre and call centre", func(f *FormA) {
			f.Provider.Outsourcees = []Outsourcee{{Name: "株式会社データセンター", Scope: "データセンター"}, {Name: "株式会社コール", Scope: "コールセンター"}}
		}, "", ""},
		{"R-4.3 several base services in one application", func(f *FormA) { f.Service.Bases = slices.Clone(Bases) }, "", ""},
		{"R-4.2 no base service", func(f *FormA) { f.Service.Bases = nil }, "service.bases", "error.forma.bases"},
		{"R-4.1 future start", func(f *FormA) { f.Service.StartDate = "2026-11-28" }, "service.start_date", "error.forma.not_in_operation"},
		{"R-4.1 started today", func(f *FormA) { f.Service.StartDate = "2026-11-27" }, "", ""},
		{"bad date", func(f *FormA) { f.Service.StartDate = "2026/11/01" }, "service.start_date", "error.forma.date"},
		{"bad url", func(f *FormA) { f.Service.URL = "javascript:alert(1)" }, "service.url", "error.forma.url"},
		{"missing name", func(f *FormA) { f.Service.Name = "" }, "service.name", "error.required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := validFormA()
			c.change(&f)
			got := f.Normalize().Problems(today)
			if c.field == "" {
				if len(got) != 0 {
					t.Errorf("problems = %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Field != c.field || got[0].Key != c.key {
				t.Errorf("problems = %+v, want one %s on %s", got, c.key, c.field)
			}
		})
	}
}

func TestNormalizeFoldsFullWidthCorporateNumber(t *testing.T) {
	f := validFormA()
	f.Provider.CorporateNumber = " ７０００－０１２０５－０００２ "
	if got := f.Normalize().Provider.CorporateNumber; got != "7000012050002" {
		t.Errorf("got %q", got)
	}
}

// The address comes from a text area but is kept, and printed, on one line.
func TestFormAAddressOnOneLine(t *testing.T) {
	var f FormA
	f.Provider.Address = "東京都港区虎ノ門1-1-1\r\n虎ノ門ビル　5階\n"
	if got := f.Normalize().Provider.Address; got != "東京都港区虎ノ門1-1-1 虎ノ門ビル　5階" {
		t.Errorf("address = %q", got)
	}
}
