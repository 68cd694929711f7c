package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/catalog"
	"nintei/formb/formbtest"
	"nintei/internal/testenv"
	"nintei/internal/xlsx"
)

// moveZip is a ZIP of a move with two certifications (valid, revoked) as
// of the test day, 2026-11-27; status2 is the second row's status.
func moveZip(t *testing.T, status2 string) []byte {
	t.Helper()
	ed, err := catalog.Parse(catalog.Builtin()[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	var wb bytes.Buffer
	if err := xlsx.Export(&wb, ed, formbtest.CompleteForm(ed), xlsx.Meta{ServiceName: "移行", GeneratedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	csv := "number,service_name,provider_name,corporate_number,certified_on,valid_until,renewals,status,revoked_on,revocation_grounds,revocation_reason,form_b\n" +
		"IP-IoT 0042-2509,移行クラウドA,株式会社移行,7000012050002,2025-09-01,2027-08-31,0,valid,,,,a.xlsx\n" +
		"IP-IoT 0043-2509,移行クラウドB,株式会社移行,7000012050002,2025-09-02,2027-09-01,0," + status2 + ",2026-03-01,j,法令違反,a.xlsx\n"
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for name, data := range map[string][]byte{"certifications.csv": []byte(csv), "a.xlsx": wb.Bytes()} {
		w, _ := zw.Create(name)
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return zb.Bytes()
}

// The administrator's move-in page: a bad cell is named and nothing is
// registered; a clean ZIP is previewed (nothing registered), then
// confirmed, and the services are in the public registry.
func TestMoveInThroughUI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		admin := s.loginAs(t, nintei.RoleAdmin)
		admin.getPage(t, "/admin/certifications/import", http.StatusOK)
		upload := func(data []byte) reply {
			body, ct := multipartForm(t, map[string]string{"csrf_token": admin.csrf(t)}, "file", "move.zip", data)
			return admin.request(t, http.MethodPost, "/admin/certifications/import", body, "Content-Type", ct, "Origin", admin.site.URL)
		}
		r := upload(moveZip(t, "revokd"))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.doc(t).Find("main table").Text(), "certifications.csv:3 status") {
			t.Fatalf("bad row: %d\n%.1500s", r.Status, r.Body)
		}
		r = upload(moveZip(t, "revoked"))
		doc := r.doc(t)
		if r.Status != http.StatusOK || doc.Find("main table tbody tr").Length() != 2 {
			t.Fatalf("preview: %d\n%.1500s", r.Status, r.Body)
		}
		if page, _ := s.Env.Svc.Registry(t.Context(), "", 1, 50); page.Total != 0 {
			t.Fatalf("the preview registered %d", page.Total)
		}
		key, _ := doc.Find(`input[name="key"]`).Attr("value")
		sum, _ := doc.Find(`input[name="sha256"]`).Attr("value")
		form := url.Values{"csrf_token": {admin.csrf(t)}, "key": {key}, "sha256": {strings.Repeat("0", 64)}}
		if r = admin.postForm(t, "/admin/certifications/import/confirm", form); r.Status != http.StatusNotFound {
			t.Errorf("confirm with another digest: %d", r.Status)
		}
		form.Set("sha256", sum)
		if r = admin.postForm(t, "/admin/certifications/import/confirm", form); r.Status != http.StatusOK ||
			!strings.Contains(r.Body, s.ja("movein.done", map[string]any{"Count": 2, "Providers": 1})) {
			t.Fatalf("confirm: %d\n%.1500s", r.Status, r.Body)
		}
		if page, _ := s.Env.Svc.Registry(t.Context(), "", 1, 50); page.Total != 2 {
			t.Errorf("registry after the confirmation: %d", page.Total)
		}
		admin.getPage(t, "/registry/"+url.PathEscape("IP-IoT 0043-2509"), http.StatusOK)
		if r = admin.postForm(t, "/admin/certifications/import/confirm", form); r.Status != http.StatusNotFound {
			t.Errorf("a second confirmation: %d", r.Status)
		}
		// The secretariat's pages show the imported, certified applications.
		jimu := s.loginAs(t, nintei.RoleSecretariat)
		for _, p := range []string{"/dashboard", "/queue", "/applications?state=certified"} {
			jimu.getPage(t, p, http.StatusOK)
		}
		links := jimu.getPage(t, "/applications?state=certified", http.StatusOK).Find(`main a[href^="/applications/"]`)
		if links.Length() < 2 {
			t.Fatalf("the staff list links %d applications", links.Length())
		}
		href, _ := links.First().Attr("href")
		jimu.getPage(t, href, http.StatusOK)
		href = strings.TrimSuffix(href, "/review")
		if doc := jimu.getPage(t, href, http.StatusOK); !strings.Contains(doc.Find("main").Text(), "IP-IoT 004") {
			t.Errorf("%s does not show the certification number", href)
		}
		for _, f := range []string{"/certificate.pdf"} { // the mark is the provider's
			if r := jimu.get(t, href+f); r.Status != http.StatusOK {
				t.Errorf("%s%s = %d\n%.300s", href, f, r.Status, r.Body)
			}
		}
	})
}
