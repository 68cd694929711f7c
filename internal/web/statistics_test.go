package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/testenv"
	"nintei/service"
)

// seedStatisticsSite certifies two services answering the counted items
// differently — the first with the server location withheld after its
// certification — and returns the site.
func seedStatisticsSite(t *testing.T, b testenv.Backend) *site {
	t.Helper()
	s := newTestSite(t, b)
	answers := []map[string]string{{"IPIOT-053": "国内", "IPIOT-036": "99.95"}, {"IPIOT-053": "国外", "IPIOT-036": "99.9"}}
	for i, org := range []string{"株式会社みなとクラウド", "株式会社きたかぜ"} {
		certifyWith(t, s, []string{"owner@a.example.jp", "owner@b.example.jp"}[i], org, []string{"jimu@body.example.jp", "jimu2@body.example.jp"}[i],
			func(*application.FormA) {}, func(it catalog.Item, e *formb.Entry) {
				if v, ok := answers[i][it.ID]; ok {
					e.Answer.Value = v
				}
			})
	}
	ctx := context.Background()
	owner := service.Principal{User: mustUser(t, s, "owner@a.example.jp")}
	jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
	id, err := s.Env.Svc.RequestWithholdingID(ctx, owner, 1, []string{"IPIOT-053"}, "移転の準備中のため", "2027-06-30")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Env.Svc.DecideWithholding(ctx, jimu, 1, id, true, "2027-06-30"); err != nil {
		t.Fatal(err)
	}
	return s
}

// the statistics page, its JSON and its CSV count the seeded
// registry — two certifications this quarter, decided the day they were
// submitted, by base service and by published answer — and an answer
// withheld for a service is not counted.
func TestStatisticsCountRegistry_R7_1_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := seedStatisticsSite(t, b)
		c := s.client()
		r := c.get(t, "/statistics.json")
		if r.Status != http.StatusOK || r.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Fatalf("JSON = %d %s", r.Status, r.Header.Get("Cache-Control"))
		}
		want := `{"as_of":"2026-11-27","in_force":2,"quarters":[{"quarter":"2026-Q4","certified":2,"certified_cumulative":2,` +
			`"renewed":0,"revoked":0,"ended":0,"decisions":2,"median_days_to_decision":0}],` +
			`"bases":[{"base":"hardware","count":0},{"base":"system","count":2},{"base":"network","count":2},{"base":"development","count":0}],` +
			// Every choice and percentage item of the edition, in its order: the
			// equity ratio (99.9 in the test's complete form), the availability
			// (99.95 and 99.9 here) and the server location.
			`"items":[{"item_id":"IPIOT-012","name_ja":"自己資本比率","name_en":"Equity ratio","kind":"percent","answers":` +
			`[{"answer":"ge_99.99","count":0},{"answer":"ge_99.9","count":2},{"answer":"ge_99.5","count":0},{"answer":"ge_99","count":0},{"answer":"ge_90","count":0},{"answer":"ge_50","count":0},{"answer":"lt_50","count":0},{"answer":"other","count":0}]},` +
			`{"item_id":"IPIOT-036","name_ja":"サービス稼働率（目標値／SLA）","name_en":"Service availability target / SLA","kind":"percent","answers":` +
			`[{"answer":"ge_99.99","count":0},{"answer":"ge_99.9","count":2},{"answer":"ge_99.5","count":0},{"answer":"ge_99","count":0},{"answer":"ge_90","count":0},{"answer":"ge_50","count":0},{"answer":"lt_50","count":0},{"answer":"other","count":0}]},` +
			`{"item_id":"IPIOT-053","name_ja":"サーバ設置場所の所在地（国内／国外、地域）","name_en":"Server location (domestic/overseas, region)","kind":"choice",` +
			`"answers":[{"answer":"国内","count":0},{"answer":"国外","count":1},{"answer":"国内及び国外","count":0}]}]}`
		if got := strings.TrimSpace(r.Body); got != want {
			t.Errorf("JSON\n got %s\nwant %s", got, want)
		}
		doc := c.getPage(t, "/statistics", http.StatusOK)
		for sel, want := range map[string]string{
			"#t-certified tbody tr":              "2026-Q422",
			"#t-median tbody tr":                 "2026-Q420",
			"#t-bases tbody tr:nth-child(2)":     "システム基盤（課金・認証など）2",
			"#t-IPIOT-053 tbody":                 "国内0国外1国内及び国外0",
			"#t-IPIOT-036 tbody tr:nth-child(2)": "99.9%以上99.99%未満2",
			"#h-IPIOT-036":                       "サービス稼働率（目標値／SLA）",
		} {
			if got := strings.Join(strings.Fields(doc.Find(sel).Text()), ""); got != want {
				t.Errorf("%s = %q, want %q", sel, got, want)
			}
		}
		if n := doc.Find(`svg[role="img"] title`).Length(); n != 7 {
			t.Errorf("%d charts with a title, want 7", n)
		}
		if doc.Find("table caption").Length() != 7 || doc.Find(`th[scope="col"]`).Length() == 0 {
			t.Error("a table lacks its caption or column headers")
		}
		if doc.Find(`footer a[href="/statistics"]`).Length() != 1 {
			t.Error("the footer does not link the statistics")
		}
		if strings.Contains(c.get(t, "/statistics").Body, "移転の準備中") {
			t.Error("the withholding reason is on the public page")
		}
	})
}

// The statistics CSV is RFC 4180 with a byte order mark, like the
// registry's: CRLF records, a header, one figure per record.
func TestStatisticsCSV_R7_1(t *testing.T) {
	s := seedStatisticsSite(t, sqliteOnly(t))
	r := s.client().get(t, "/statistics.csv")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "text/csv; charset=utf-8; header=present" {
		t.Fatalf("CSV = %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	body, ok := strings.CutPrefix(r.Body, "\ufeff")
	if !ok || !strings.Contains(body, "\r\n") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Fatal("the CSV lacks its byte order mark or CRLF records")
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"区分,期間・項目,指標,値": true, "四半期別,2026-Q4,新規認定,2": true, "四半期別,2026-Q4,日数の中央値,0": true,
		"有効な認定,2026-11-27,サービス数,2": true, "基盤の種類別のサービス数,ネットワーク基盤,サービス数,2": true,
		"サーバ設置場所の所在地（国内／国外、地域）,国内,サービス数,0": true, "サーバ設置場所の所在地（国内／国外、地域）,国外,サービス数,1": true,
		"サービス稼働率（目標値／SLA）,99.9%以上99.99%未満,サービス数,2": true}
	for _, rec := range records {
		delete(want, strings.Join(rec, ","))
	}
	if len(want) > 0 {
		t.Errorf("CSV lacks %v:\n%s", want, body)
	}
}

// The API's statistics are the same figures, checked against the OpenAPI
// document like every API answer.
func TestStatisticsAPI_R7_1(t *testing.T) {
	s := seedStatisticsSite(t, sqliteOnly(t))
	c := s.client()
	api := c.api(t, "GET", "/api/v1/statistics", nil)
	page := c.get(t, "/statistics.json")
	if api.Status != http.StatusOK || strings.TrimSpace(api.Body) != strings.TrimSpace(page.Body) {
		t.Errorf("API = %d %s\nwant %s", api.Status, api.Body, page.Body)
	}
}
