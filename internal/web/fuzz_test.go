package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"nintei"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/testenv"
	"nintei/registry"
	"nintei/service"
)

// FuzzRegistryQuery sends arbitrary searches, filters, sort keys, page numbers and
// certificate numbers to the public registry through the real router, on SQLite with one
// certified service: no request may fail with a 5xx (a query reaches SQL, the FTS5 MATCH
// syntax and LIKE patterns only as bound, escaped values), the search text is echoed only
// escaped, and a query that is part of the service's name finds it.
func FuzzRegistryQuery(f *testing.F) {
	s := newTestSite(f, fuzzBackend(f))
	number := certifiedService(f, s)
	name := registry.Fold("みなとIoTクラウド")
	for _, seed := range []struct{ q, base, status, sort, item, value, page, number string }{
		{"iot", "", "", "", "", "", "", number},
		{"とIo", "network", "valid", "name", "IPIOT-053", "国内", "1", number},
		{`"' OR 1=1 --`, "hardware'--", "x", "number; DROP TABLE users", "IPIOT-053", "%_\\", "-1", "IP-IoT 0001-2611'--"},
		{`NEAR(a b) AND "x"* OR ^c : d`, "", "", "", "a.b", "", "9223372036854775807", "../../etc/passwd"},
		{"<script>alert(1)</script>", "", "", "", "<x>", "<y>", "99999999", "<script>"},
		{"ｍｉｎａｔｏ　ＩｏＴ", "", "", "", "", "", "", "IP-IoT%200001-2611"},
	} {
		f.Add(seed.q, seed.base, seed.status, seed.sort, seed.item, seed.value, seed.page, seed.number)
	}
	f.Fuzz(func(t *testing.T, q, base, status, sort, item, value, page, number string) {
		query := url.Values{"q": {q}, "base": {base}, "status": {status}, "sort": {sort}, "page": {page}, "per_page": {page}}
		if item != "" {
			query.Set("a."+item, value)
		}
		c := s.client()
		for _, path := range []string{"/registry?" + query.Encode(), "/api/v1/registry?" + query.Encode(),
			"/registry.csv?q=" + url.QueryEscape(q), "/verify/" + url.PathEscape(number), "/registry/" + url.PathEscape(number),
			"/api/v1/registry/" + url.PathEscape(number)} {
			r := c.get(t, path)
			if r.Status >= 500 {
				t.Fatalf("GET %s = %d\n%.500s", path, r.Status, r.Body)
			}
			if strings.ContainsAny(q, "<>") && strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") && strings.Contains(r.Body, strings.TrimSpace(q)) {
				t.Fatalf("GET %s echoes the query unescaped", path)
			}
		}
		fq := strings.TrimSpace(registry.Fold(q))
		if fq == "" || !strings.Contains(name, fq) || !utf8.ValidString(q) {
			return
		}
		var got struct {
			Total int `json:"total"`
		}
		r := c.get(t, "/api/v1/registry?q="+url.QueryEscape(q))
		r.json(t, &got)
		if got.Total != 1 {
			t.Fatalf("q=%q (folded %q, part of %q) finds %d services, want 1", q, fq, name, got.Total)
		}
	})
}

// fuzzBackend is PostgreSQL when NINTEI_TEST_DATABASE_URL is set (it refuses more than
// SQLite does: a NUL in text, a negative offset), else SQLite.
func fuzzBackend(f *testing.F) testenv.Backend {
	bs := testenv.Backends(f)
	return bs[len(bs)-1]
}

// FuzzAPIFormB saves arbitrary answers of every answer type through the JSON API
// (PATCH /api/v1/applications/{id}/form-b, the real router and store) and reads them back:
// no request fails with a 5xx, and a saved answer reads back exactly as its normal form
// (R-7.2 publishes answers exactly as written), evidence reference included.
func FuzzAPIFormB(f *testing.F) {
	s := newTestSite(f, fuzzBackend(f))
	owner := s.Env.AddUser(f, "fuzz@example.jp", nintei.RoleOwner, orgA)
	a, err := s.Env.Svc.OpenApplication(context.Background(), service.Principal{User: owner}, "")
	if err != nil {
		f.Fatal(err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(context.Background(), a)
	if err != nil {
		f.Fatal(err)
	}
	api := s.bearerClient(s.apiToken(f, owner, "fuzz").Secret)
	path := fmt.Sprintf("/api/v1/applications/%d/form-b", a.ID)
	for k, it := range ed.Items {
		f.Add(uint8(k), "", "", "", int8(-1), "", "", "")
		if len(it.Answer.Options) > 0 {
			f.Add(uint8(k), it.Answer.Options[0], "", "", int8(1), it.Answer.Options[0], "", "規程 p.3")
		}
	}
	f.Add(uint8(0), "２０２６－１１－０１", "", "", int8(-1), "", "", "会社概要")
	f.Add(uint8(4), "<script>alert(1)</script>\r\n\t", "", "", int8(0), "", "", "\x00")
	f.Add(uint8(14), "１,２００", "名", "", int8(-1), "", "", "")
	f.Add(uint8(17), "", "", "x", int8(1), "a\nb", "name=A\tratio=10", "")
	f.Fuzz(func(t *testing.T, k uint8, value, unit, detail string, yes int8, choices, rows, evidence string) {
		it := ed.Items[int(k)%len(ed.Items)]
		ans := catalog.Answer{Value: value, Unit: unit, Detail: detail}
		if choices != "" {
			ans.Choices = strings.Split(choices, "\n")
		}
		for _, line := range strings.Split(rows, "\n") {
			if line == "" {
				continue
			}
			row := map[string]string{}
			for _, pair := range strings.Split(line, "\t") {
				key, v, _ := strings.Cut(pair, "=")
				row[key] = v
			}
			ans.Rows = append(ans.Rows, row)
			ans.Contacts = append(ans.Contacts, catalog.Contact{Kind: "phone", Value: line})
		}
		if yes >= 0 {
			y := yes > 0
			ans.Yes = &y
		}
		var cur struct {
			Version int64         `json:"version"`
			Entries []formb.Entry `json:"entries"`
		}
		api.get(t, path).json(t, &cur)
		sent := formb.Entry{ItemID: it.ID, Answer: ans, EvidenceDoc: evidence}
		r := api.api(t, http.MethodPatch, path, map[string]any{"version": cur.Version, "entries": []formb.Entry{sent}})
		if r.Status >= 500 {
			t.Fatalf("PATCH form-b %s = %d %.300s", it.ID, r.Status, r.Body)
		}
		if r.Status != http.StatusOK {
			return
		}
		var back struct {
			Entries []formb.Entry `json:"entries"`
		}
		r.json(t, &back)
		got := formb.Entry{ItemID: it.ID}
		for _, e := range back.Entries {
			if e.ItemID == it.ID {
				got = e
			}
		}
		// What the server received: JSON turns invalid UTF-8 into U+FFFD.
		var received formb.Entry
		raw, _ := json.Marshal(sent)
		_ = json.Unmarshal(raw, &received)
		received.Answer = it.Normalize(received.Answer)
		want, _ := json.Marshal(received)
		have, _ := json.Marshal(got)
		if string(want) != string(have) {
			t.Fatalf("%s (%s): saved\n %s\nread back\n %s", it.ID, it.Answer.Type, want, have)
		}
	})
}

// FuzzAttachmentUpload posts arbitrary files, names and fields to the attachments page
// (the streamed multipart upload, the real router, store and evidence store): no 5xx; a
// refused file leaves nothing stored; an accepted one is stored under a plain file name
// and downloads byte for byte, as an attachment of the type its content has.
func FuzzAttachmentUpload(f *testing.F) {
	s := newTestSite(f, fuzzBackend(f))
	owner := s.Env.AddUser(f, "fuzz@example.jp", nintei.RoleOwner, orgA)
	a, err := s.Env.Svc.OpenApplication(context.Background(), service.Principal{User: owner}, "")
	if err != nil {
		f.Fatal(err)
	}
	c := s.client()
	login(f, c, "fuzz@example.jp", testenv.TestPassword)
	csrf := c.csrf(f)
	path := fmt.Sprintf("/applications/%d/attachments", a.ID)
	f.Add("登記.pdf", []byte(tinyPDF), "existence", "")
	f.Add("../../x.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "evidence", "https://example.jp/")
	f.Add("a.pdf", []byte("%PDF-1.4\n<html><script>alert(1)</script>"), "existence", "javascript:alert(1)")
	f.Add("b.xlsx", []byte("PK\x03\x04"), "translation", "\x00")
	f.Add("", []byte{}, "", "")
	f.Fuzz(func(t *testing.T, name string, content []byte, purpose, sourceURL string) {
		before, err := s.Env.Store.Attachments(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		ct, body := multipartBody(t, url.Values{"csrf_token": {csrf}, "purpose": {purpose}, "source_url": {sourceURL}}, name, string(content))
		r := c.request(t, "POST", path, body, "Content-Type", ct, "Origin", s.URL)
		if r.Status >= 500 {
			t.Fatalf("upload %q (%d bytes) = %d", name, len(content), r.Status)
		}
		after, err := s.Env.Store.Attachments(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != http.StatusSeeOther {
			if len(after) != len(before) {
				t.Fatalf("refused upload %q (%d) was stored", name, r.Status)
			}
			return
		}
		if len(after) != len(before)+1 {
			t.Fatalf("accepted upload %q: %d attachments, were %d", name, len(after), len(before))
		}
		got := after[len(after)-1]
		if got.FileName == "" || strings.ContainsAny(got.FileName, "/\\\x00\r\n") {
			t.Fatalf("upload %q stored as %q", name, got.FileName)
		}
		d := c.get(t, fmt.Sprintf("%s/%d", path, got.ID))
		if d.Status != http.StatusOK || d.Body != string(content) || !strings.HasPrefix(d.Header.Get("Content-Disposition"), "attachment") ||
			d.Header.Get("X-Content-Type-Options") != "nosniff" || strings.HasPrefix(d.Header.Get("Content-Type"), "text/") {
			t.Fatalf("download of %q: %d, %d bytes, headers %v", name, d.Status, len(d.Body), d.Header)
		}
	})
}
