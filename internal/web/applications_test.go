package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

const tinyPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

// multipartBody builds an upload form with fields first and the file last.
func multipartBody(t *testing.T, fields url.Values, name, content string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	return mw.FormDataContentType(), &buf
}

// seedApplication gives provider A an application with an attachment.
func seedApplication(t *testing.T, s *site, owner nintei.User) (application.Application, application.Attachment) {
	t.Helper()
	ctx := context.Background()
	p := service.Principal{User: owner}
	app, err := s.Env.Svc.OpenApplication(ctx, p, "")
	if err != nil {
		t.Fatal(err)
	}
	att, err := s.Env.Svc.AddAttachment(ctx, p, app.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "秘密の資料.pdf", Body: strings.NewReader(tinyPDF)})
	if err != nil {
		t.Fatal(err)
	}
	return app, att
}

// a user of provider B gets 404 for every application page,
// API object and attachment of provider A, whatever the method; the public
// gets a login redirect (UI) or 401 (API). Built from the route table, so a
// new application route is covered without editing this test.
func TestApplicationRoutesAreProviderPrivate_R12(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		a := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		bUser := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "B社")
		app, att := seedApplication(t, s, a)
		browser := s.client()
		login(t, browser, bUser.Email, testenv.TestPassword)
		csrf := browser.csrf(t)
		api := s.bearerClient(s.apiToken(t, bUser, "b").Secret)
		public := s.client()
		checked := 0
		for _, rt := range s.Srv.routes {
			if !strings.Contains(rt.path, "/applications/{id}") {
				continue
			}
			path := strings.NewReplacer("{id}", strconv.FormatInt(app.ID, 10), "{aid}", strconv.FormatInt(att.ID, 10)).Replace(rt.path)
			var got reply
			if isAPIPath(rt.path) {
				got = api.api(t, rt.method, path, `{"version":1}`)
			} else if rt.method == http.MethodGet {
				got = browser.get(t, path)
			} else {
				got = browser.postForm(t, path, url.Values{"csrf_token": {csrf}, "version": {"1"}, "section": {"x"}})
			}
			// Routes open to applicants answer 404 for another provider's
			// application; staff-only routes refuse every applicant alike (403),
			// which reveals nothing about this application either.
			want := http.StatusNotFound
			if !rt.admits(&service.Principal{User: bUser}) {
				want = http.StatusForbidden
			}
			if got.Status != want {
				t.Errorf("provider B %s %s = %d, want %d", rt.method, path, got.Status, want)
			}
			if strings.Contains(got.Body, "秘密の資料") || strings.Contains(got.Body, "%PDF") {
				t.Errorf("provider B %s %s: response leaks provider A's attachment", rt.method, path)
			}
			pub := public.request(t, rt.method, path, nil, "Origin", s.URL)
			if pub.Status != http.StatusUnauthorized && pub.Status != http.StatusSeeOther {
				t.Errorf("public %s %s = %d, want 401 or a login redirect", rt.method, path, pub.Status)
			}
			checked++
		}
		if checked < 15 {
			t.Errorf("only %d application routes checked", checked)
		}
		// Nothing was changed by the refused requests.
		got, _ := s.Env.Svc.Application(context.Background(), service.Principal{User: a}, app.ID)
		if got.State != application.Draft || got.Version != app.Version+1 {
			t.Errorf("application after refused requests = %s v%d", got.State, got.Version)
		}
	})
}

func isAPIPath(p string) bool { return strings.HasPrefix(p, "/api/") }

// The whole application through the JSON API with a personal token:
// open, Form A, Form B, evidence upload linked to items, pre-check, submit.
func TestApplicationThroughAPI_R4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド")
		s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		c := s.bearerClient(s.apiToken(t, owner, "ci").Secret)
		var app applicationJSON
		r := c.api(t, "POST", "/api/v1/applications", map[string]any{})
		if r.Status != http.StatusCreated {
			t.Fatalf("open = %d %s", r.Status, r.Body)
		}
		r.json(t, &app)
		base := "/api/v1/applications/" + strconv.FormatInt(app.ID, 10)
		formA := application.FormA{Provider: application.Provider{CorporateNumber: "7000012050002", Name: "株式会社みなとクラウド",
			RepresentativeName: "港 健太", RepresentativeHasPower: true, Address: "東京都港区1-1", ContactName: "青木",
			ContactEmail: "a@example.jp", ContactPhone: "03-1234-5678"},
			Service: application.Service{Name: "みなとIoT", Overview: "概要", StartDate: "2023-04-01", Bases: []string{"network"}}}
		r = c.api(t, "PUT", base+"/form-a", map[string]any{"version": app.Version, "form_a": formA})
		if r.Status != http.StatusOK {
			t.Fatalf("form A = %d %s", r.Status, r.Body)
		}
		r.json(t, &app)
		// A stale version is refused with 409, and nothing is overwritten.
		s.wantAPIError(t, c.api(t, "PUT", base+"/form-a", map[string]any{"version": 1, "form_a": application.FormA{}}), http.StatusConflict, "error.conflict")

		ed, _ := s.Env.Svc.ApplicationEdition(context.Background(), application.Application{EditionID: app.EditionID})
		var entries []formb.Entry
		var ids []string
		for _, it := range ed.Items {
			entries = append(entries, formbtest.CompleteForm(ed)[it.ID])
			ids = append(ids, it.ID)
		}
		r = c.api(t, "PATCH", base+"/form-b", map[string]any{"version": app.Version, "entries": entries})
		if r.Status != http.StatusOK {
			t.Fatalf("form B = %d %.300s", r.Status, r.Body)
		}
		for _, up := range []url.Values{{"purpose": {"existence"}, "original": {"1"}}, {"purpose": {"evidence"}, "item_id": ids}} {
			ct, body := multipartBody(t, up, "資料.pdf", tinyPDF)
			r = c.request(t, "POST", base+"/attachments", body, "Content-Type", ct)
			if r.Status != http.StatusCreated {
				t.Fatalf("upload = %d %s", r.Status, r.Body)
			}
		}
		ct, body := multipartBody(t, url.Values{"purpose": {"evidence"}}, "evil.pdf", "<html>not a pdf</html>")
		if r = c.request(t, "POST", base+"/attachments", body, "Content-Type", ct); r.Status != http.StatusBadRequest {
			t.Errorf("HTML upload = %d, want 400", r.Status)
		}
		var pc struct {
			Blocking bool `json:"blocking"`
		}
		c.api(t, "GET", base+"/precheck", nil).json(t, &pc)
		if pc.Blocking {
			t.Fatalf("precheck still blocking: %s", c.api(t, "GET", base+"/precheck", nil).Body)
		}
		c.api(t, "GET", base, nil).json(t, &app)
		r = c.api(t, "POST", base+"/submit", map[string]any{"version": app.Version})
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"state":"submitted"`) {
			t.Fatalf("submit = %d %s", r.Status, r.Body)
		}
		if n := len(s.Env.Mail.Messages()); n != 2 {
			t.Errorf("%d mails sent, want confirmation and secretariat notice", n)
		}
		// The secretariat now sees the submitted application and its files.
		staff := s.bearerClient(s.apiToken(t, mustUser(t, s, "jimu@body.example.jp"), "s").Secret)
		if r = staff.api(t, "GET", base+"/attachments/1", nil); r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("staff download = %d %v", r.Status, r.Header)
		}
	})
}

func mustUser(t *testing.T, s *site, email string) nintei.User {
	u, err := s.Env.Store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// The UI journey without JavaScript: open, save Form A and a Form B
// section, upload and download a file.
func TestApplicationThroughForms(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	c := s.loginAs(t, nintei.RoleOwner)
	csrf := c.csrf(t)
	r := c.postForm(t, "/applications", url.Values{"csrf_token": {csrf}})
	if r.Status != http.StatusSeeOther || r.location() != "/applications/1/form-a" {
		t.Fatalf("open = %d %q", r.Status, r.location())
	}
	doc := c.getPage(t, "/applications/1/form-a", http.StatusOK)
	version, _ := doc.Find(`input[name=version]`).Attr("value")
	r = c.postForm(t, "/applications/1/form-a", url.Values{"csrf_token": {csrf}, "version": {version},
		"provider.name": {"株式会社テスト"}, "provider.corporate_number": {"8000012050002"}, "service.name": {"テストクラウド"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("save form A = %d", r.Status)
	}
	doc = c.getPage(t, "/applications/1/form-a", http.StatusOK)
	if got := doc.Find(`#err-provider\.corporate_number`).Text(); !strings.Contains(got, "法人番号が正しくありません") {
		t.Errorf("corporate number error = %q", got)
	}
	if v, _ := doc.Find(`#service\.name`).Attr("value"); v != "テストクラウド" {
		t.Errorf("service name kept = %q", v)
	}
	doc = c.getPage(t, "/applications/1/form-b", http.StatusOK)
	version, _ = doc.Find(`input[name=version]`).Attr("value")
	section, _ := doc.Find(`input[name=section]`).Attr("value")
	r = c.postForm(t, "/applications/1/form-b", url.Values{"csrf_token": {csrf}, "version": {version}, "section": {section},
		"a.IPIOT-001.value": {"２０２６-１１-０１"}, "a.IPIOT-001.evidence_doc": {"会社概要"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("save form B = %d %s", r.Status, r.Body)
	}
	doc = c.getPage(t, "/applications/1/form-b?section="+section, http.StatusOK)
	if v, _ := doc.Find(`#f-IPIOT-001-value`).Attr("value"); v != "2026-11-01" {
		t.Errorf("answer after save = %q, want the normalised date", v)
	}
	ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {"existence"}}, "登記.pdf", tinyPDF)
	r = c.request(t, "POST", "/applications/1/attachments", body, "Content-Type", ct, "Origin", s.URL)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("upload = %d %s", r.Status, r.Body)
	}
	ct, body = multipartBody(t, url.Values{"purpose": {"existence"}}, "登記.pdf", tinyPDF)
	if r = c.request(t, "POST", "/applications/1/attachments", body, "Content-Type", ct, "Origin", s.URL); r.Status != http.StatusForbidden {
		t.Errorf("upload without CSRF token = %d, want 403", r.Status)
	}
	r = c.get(t, "/applications/1/attachments/1")
	if r.Status != http.StatusOK || r.Body != tinyPDF || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download = %d %v", r.Status, r.Header)
	}
}
