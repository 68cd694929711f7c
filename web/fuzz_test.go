package web

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"nintei/catalog"
	"nintei/registry"
)

// FuzzFormDecoding feeds arbitrary url-encoded bodies to the Form A and
// Form B decoders: they must never panic, must return one entry per item,
// and what they return must survive the service's normalisation.
func FuzzFormDecoding(f *testing.F) {
	for _, seed := range []string{
		"a.IPIOT-001.value=2026-11-01&a.IPIOT-001.evidence_doc=%E4%BC%9A%E7%A4%BE%E6%A6%82%E8%A6%81",
		"a.IPIOT-018.yes=yes&a.IPIOT-018.detail=x&a.IPIOT-060.contacts.0.kind=phone&a.IPIOT-060.contacts.0.value=03-1234-5678",
		"a.IPIOT-015.rows.0.name=A&a.IPIOT-015.rows.49.ratio=10&a.IPIOT-015.rows.50.name=z",
		"provider.name=%00&agents.0.name=x&agents.19.contact=y&service.bases=hardware&service.bases=%FF",
		"a.IPIOT-053.value=%E5%9B%BD%E5%86%85&a.IPIOT-053.choices=a&a.IPIOT-053.choices=",
		"%zz=1&a..value=&a.IPIOT-001.value=%EF%BC%92%EF%BC%90",
	} {
		f.Add(seed)
	}
	ed, err := catalog.DefaultEdition()
	if err != nil {
		f.Fatal(err)
	}
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body string) {
		form, _ := url.ParseQuery(body)
		entries := parseEntries(ed.Items, form)
		if len(entries) != len(ed.Items) {
			t.Fatalf("%d entries for %d items", len(entries), len(ed.Items))
		}
		for i, e := range entries {
			it := ed.Items[i]
			if e.ItemID != it.ID {
				t.Fatalf("entry %d is for %s, want %s", i, e.ItemID, it.ID)
			}
			_ = it.ValidateAnswer(it.Normalize(e.Answer))
		}
		fa := parseFormA(form)
		_ = fa.Normalize().Problems(today)
		_ = parseLinks(ed.Items, form)
	})
}

// FuzzRegistryQuery sends arbitrary searches, filters, sort keys, page numbers and
// certificate numbers to the public registry through the real router, on SQLite with one
// certified service: no request may fail with a 5xx (a query reaches SQL, the FTS5 MATCH
// syntax and LIKE patterns only as bound, escaped values), the search text is echoed only
// escaped, and a query that is part of the service's name finds it.
func FuzzRegistryQuery(f *testing.F) {
	s := newTestSite(f, sqliteOnly(f))
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
