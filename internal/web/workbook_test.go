package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
)

// Export then import through HTTP: the round trip keeps Form B, and a
// workbook with a bad cell is refused whole with its sheet and cell named.
func TestWorkbookRoundTripThroughHTTP(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		p := service.Principal{User: owner}
		app, err := s.Env.Svc.OpenApplication(context.Background(), p, "")
		if err != nil {
			t.Fatal(err)
		}
		c := s.client()
		login(t, c, owner.Email, testenv.TestPassword)
		csrf := c.csrf(t)
		r := c.postForm(t, "/applications/1/form-b", url.Values{"csrf_token": {csrf}, "version": {"1"},
			"section": {firstSection(t, s)}, "a.IPIOT-001.value": {"2026-11-01"}, "a.IPIOT-001.evidence_doc": {"会社概要"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("save = %d", r.Status)
		}
		wb := c.get(t, "/applications/1/form-b.xlsx")
		if wb.Status != http.StatusOK || wb.Header.Get("Content-Type") != xlsxType {
			t.Fatalf("export = %d %s", wb.Status, wb.Header.Get("Content-Type"))
		}
		// Import it back unchanged: accepted, warnings for what is missing.
		doc := postWorkbook(t, c, csrf, "2", []byte(wb.Body), http.StatusOK)
		if !strings.Contains(doc, "取り込みました") {
			t.Errorf("import page lacks the success notice")
		}
		// Break one date cell: nothing is imported and the cell is named.
		broken := setCell(t, []byte(wb.Body), "IPIOT-001", "H", "2026年13月45日")
		doc = postWorkbook(t, c, csrf, "3", broken, http.StatusUnprocessableEntity)
		if !strings.Contains(doc, "何も取り込んでいません") || !strings.Contains(doc, ">H") {
			t.Errorf("refusal page does not list the cell problem:\n%.2000s", doc)
		}
		got, _ := s.Env.Store.FormB(context.Background(), app.ID)
		if got["IPIOT-001"].Answer.Value != "2026-11-01" {
			t.Errorf("answer after refused import = %q, want the saved one kept", got["IPIOT-001"].Answer.Value)
		}
		// The API refuses a PDF with 422 and a problem list.
		api := s.bearerClient(s.apiToken(t, owner, "x").Secret)
		r = api.request(t, "POST", "/api/v1/applications/1/form-b/import?version=3", strings.NewReader(tinyPDF), "Content-Type", xlsxType)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `"problems"`) {
			t.Errorf("PDF import = %d %s", r.Status, r.Body)
		}
	})
}

func firstSection(t *testing.T, s *site) string {
	app, _ := s.Env.Store.Application(context.Background(), 1)
	ed, _ := s.Env.Svc.ApplicationEdition(context.Background(), app)
	return sections(ed)[0].ID
}

func postWorkbook(t *testing.T, c *client, csrf, version string, data []byte, want int) string {
	t.Helper()
	ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "version": {version}}, "form-b.xlsx", string(data))
	r := c.request(t, "POST", "/applications/1/form-b/import", body, "Content-Type", ct, "Origin", c.site.URL)
	if r.Status != want {
		t.Fatalf("import = %d, want %d\n%.1500s", r.Status, want, r.Body)
	}
	return r.Body
}

// setCell writes a value into the given column of the row holding itemID.
func setCell(t *testing.T, data []byte, itemID, col, value string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("申請書B")
	for i, row := range rows {
		if len(row) > 0 && row[0] == itemID {
			if err := f.SetCellStr("申請書B", col+strconv.Itoa(i+1), value); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
